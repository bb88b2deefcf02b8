/**
 * A prepared response body: its bytes, strong ETag, and gzip form (made once,
 * on the first request that takes it), answered with `304 Not Modified` when
 * the client already holds it.
 *
 * @module
 */
import { etagOf, ifNoneMatchHits } from "./etag.ts";
import { acceptsGzip, compressible, gzip, GZIP_MIN_BYTES } from "./gzip.ts";

/**
 * `Cache-Control` of pages and their JSON: browsers may reuse them for a few
 * seconds, then revalidate with the ETag (a cheap 304 while the store is unchanged).
 *
 * @example
 * ```ts
 * import { CACHE_SHORT } from "./representation.ts";
 * console.log(CACHE_SHORT); // "public, max-age=5"
 * ```
 */
export const CACHE_SHORT = "public, max-age=5";

/**
 * `Cache-Control` of an asset requested under its content hash (`?v=<hash>`):
 * that URL never changes its content.
 *
 * @example
 * ```ts
 * import { CACHE_IMMUTABLE } from "./representation.ts";
 * console.log(CACHE_IMMUTABLE); // "public, max-age=31536000, immutable"
 * ```
 */
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";

/** Options of {@link Representation}. */
export interface RepresentationInit {
  status?: number;
  body: Uint8Array<ArrayBuffer> | string;
  /** Headers of every answer (content type first; security headers, disposition, …). */
  headers: Record<string, string> & { "content-type": string };
}

/**
 * One body with everything needed to answer a request for it.
 *
 * @example
 * ```ts
 * import { Representation } from "./representation.ts";
 * const rep = new Representation({ body: "<p>hi</p>", headers: { "content-type": "text/html" } });
 * const res = await rep.respond(new Request("http://x/", { headers: { "if-none-match": rep.etag } }));
 * console.log(res.status); // 304
 * ```
 */
export class Representation {
  readonly status: number;
  /**
   * The identity body as given: text stays a string, which Deno.serve writes
   * several times faster than the same bytes as a Uint8Array (Deno 2.9.6).
   */
  readonly body: string | Uint8Array<ArrayBuffer>;
  /** Strong ETag of the identity body (the gzip form has `-gz` inside the quotes). */
  readonly etag: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly #compress: boolean;
  #gzipped: Promise<Uint8Array<ArrayBuffer>> | null = null;
  #gzipBytes = 0;

  constructor(init: RepresentationInit) {
    this.status = init.status ?? 200;
    this.body = init.body;
    this.etag = etagOf(this.body);
    this.headers = init.headers;
    this.#compress = compressible(init.headers["content-type"]) &&
      this.body.length >= GZIP_MIN_BYTES;
  }

  /** Bytes held, about (the body's length and, once made, its gzip form's). */
  get size(): number {
    return this.body.length + this.#gzipBytes;
  }

  /**
   * Answer `req`: 304 when its `If-None-Match` names the chosen form's ETag
   * (2xx answers only), else the body, gzipped when the client accepts it.
   * `cacheControl` is sent with 2xx answers.
   */
  async respond(req: Request, cacheControl: string = CACHE_SHORT): Promise<Response> {
    const ok = this.status >= 200 && this.status < 300;
    const useGzip = this.#compress && acceptsGzip(req.headers.get("accept-encoding"));
    const etag = useGzip ? this.etag.slice(0, -1) + '-gz"' : this.etag;
    const headers = new Headers(this.headers);
    if (this.#compress) headers.set("vary", "accept-encoding");
    if (ok) {
      headers.set("etag", etag);
      headers.set("cache-control", cacheControl);
      if (ifNoneMatchHits(req.headers.get("if-none-match"), etag)) {
        headers.delete("content-type");
        headers.delete("content-disposition");
        return new Response(null, { status: 304, headers });
      }
    }
    if (!useGzip) return new Response(this.body, { status: this.status, headers });
    headers.set("content-encoding", "gzip");
    return new Response(await this.#gzip(), { status: this.status, headers });
  }

  #gzip(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.#gzipped === null) {
      const body = typeof this.body === "string" ? new TextEncoder().encode(this.body) : this.body;
      this.#gzipped = gzip(body).then((bytes) => {
        this.#gzipBytes = bytes.length;
        return bytes;
      });
    }
    return this.#gzipped;
  }
}
