/**
 * Canonical JSON (object keys sorted at every level) and its sha-256: the one
 * way the project hashes a value, so that two equal configurations hash the
 * same whatever the order their keys were written in (run config hashes,
 * suite fingerprints, imported run ids).
 *
 * @module
 */

/**
 * JSON with object keys sorted at every level (arrays keep their order).
 *
 * @example
 * ```ts
 * import { canonicalJson } from "./canonical.ts";
 * console.log(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })); // {"a":[2,{"c":4,"d":3}],"b":1}
 * ```
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/**
 * sha-256 (64 lower-case hex digits) of `data`: bytes, or a string's UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./canonical.ts";
 * console.log((await sha256Hex("abc")).slice(0, 12)); // ba7816bf8f01
 * ```
 */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * sha-256 (hex) of the {@link canonicalJson} of `value`.
 *
 * @example
 * ```ts
 * import { canonicalHash } from "./canonical.ts";
 * console.log(await canonicalHash({ a: 1, b: 2 }) === await canonicalHash({ b: 2, a: 1 })); // true
 * ```
 */
export async function canonicalHash(value: unknown): Promise<string> {
  return await sha256Hex(canonicalJson(value));
}
