/**
 * gzip content coding: whether a client takes it, which bodies are worth it,
 * and the compression itself (the web platform's CompressionStream).
 *
 * @module
 */

/** Bodies smaller than this are sent as they are. */
export const GZIP_MIN_BYTES = 1024;

/**
 * Whether an `Accept-Encoding` header takes gzip: `gzip`, `x-gzip` or `*`
 * with a q-value above 0 (an explicit `gzip;q=0` refuses it).
 *
 * @example
 * ```ts
 * import { acceptsGzip } from "./gzip.ts";
 * console.log(acceptsGzip("gzip, deflate, br")); // true
 * console.log(acceptsGzip("br, gzip;q=0")); // false
 * ```
 */
export function acceptsGzip(header: string | null): boolean {
  if (header === null) return false;
  let star: boolean | null = null;
  for (const item of header.toLowerCase().split(",")) {
    const [coding, ...params] = item.trim().split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (coding === "gzip" || coding === "x-gzip") return allowed;
    if (coding === "*") star = allowed;
  }
  return star === true;
}

/**
 * Whether a content type is text worth compressing (HTML, CSS, JS, JSON, SVG, plain text).
 *
 * @example
 * ```ts
 * import { compressible } from "./gzip.ts";
 * console.log(compressible("text/html; charset=utf-8")); // true
 * console.log(compressible("image/png")); // false
 * ```
 */
export function compressible(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript)|image\/svg\+xml)/.test(contentType);
}

/**
 * gzip a body.
 *
 * @example
 * ```ts
 * import { gzip } from "./gzip.ts";
 * const packed = await gzip(new TextEncoder().encode("a".repeat(10_000)));
 * console.log(packed.length < 100); // true
 * ```
 */
export async function gzip(body: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([body as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
