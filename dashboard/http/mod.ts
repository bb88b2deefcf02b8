/**
 * HTTP caching of the live dashboard: strong ETags and 304s, gzip, and the
 * rendered-response cache.
 *
 * @module
 */
export * from "./etag.ts";
export * from "./gzip.ts";
export * from "./representation.ts";
export * from "./response_cache.ts";
