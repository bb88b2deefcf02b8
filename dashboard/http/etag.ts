/**
 * Strong entity tags from a body's content hash, and the `If-None-Match`
 * test that turns a repeated request into `304 Not Modified`.
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * The strong ETag of a body: the first 128 bits of its SHA-256, in hex, quoted.
 *
 * @example
 * ```ts
 * import { etagOf } from "./etag.ts";
 * console.log(etagOf("hello")); // "\"2cf24dba5fb0a30e26e83b2ac5b9e29e\""
 * ```
 */
export function etagOf(body: Uint8Array | string): string {
  return `"${contentHash(body)}"`;
}

/**
 * The hex content hash behind {@link etagOf} (also the `?v=` of hashed assets).
 *
 * @example
 * ```ts
 * import { contentHash } from "./etag.ts";
 * console.log(contentHash("hello")); // "2cf24dba5fb0a30e26e83b2ac5b9e29e"
 * ```
 */
export function contentHash(body: Uint8Array | string): string {
  return createHash("sha256").update(body).digest("hex").slice(0, 32);
}

/**
 * Whether an `If-None-Match` header names `etag` (or is `*`), with the weak
 * comparison RFC 9110 asks for (`W/"x"` matches `"x"`).
 *
 * @example
 * ```ts
 * import { ifNoneMatchHits } from "./etag.ts";
 * console.log(ifNoneMatchHits('W/"a", "b"', '"b"')); // true
 * console.log(ifNoneMatchHits('"a"', '"b"')); // false
 * ```
 */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const want = etag.replace(/^W\//, "");
  for (const raw of header.split(",")) {
    const tag = raw.trim();
    if (tag === "*") return true;
    if (tag.replace(/^W\//, "") === want) return true;
  }
  return false;
}
