/**
 * Rendered answers kept per request target and data version, so a repeated
 * request is not rendered again; least recently used entries go first once
 * the cache holds too many entries or bytes.
 *
 * @module
 */

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** Most entries kept (default 1000). */
  maxEntries?: number;
  /** Most bytes kept, by the values' `size` (default 64 MiB). */
  maxBytes?: number;
}

/**
 * A bounded LRU map from a key (the request's path and query) to a value
 * made from one version of the data (the store's generation): a lookup with
 * another version misses and drops the stale entry.
 *
 * @example
 * ```ts
 * import { ResponseCache } from "./response_cache.ts";
 * const cache = new ResponseCache<{ size: number }>();
 * cache.set("/leaderboard/", 1, { size: 10 });
 * console.log(cache.get("/leaderboard/", 1) !== undefined); // true
 * console.log(cache.get("/leaderboard/", 2)); // undefined (the store changed)
 * ```
 */
export class ResponseCache<V extends { readonly size: number }> {
  readonly maxEntries: number;
  readonly maxBytes: number;
  #entries = new Map<string, { version: number | string; value: V; size: number }>();
  #bytes = 0;

  constructor(options: ResponseCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxBytes = options.maxBytes ?? 64 * 2 ** 20;
    if (!(this.maxEntries >= 1) || !(this.maxBytes >= 1)) {
      throw new RangeError("ResponseCache: maxEntries and maxBytes must be at least 1");
    }
  }

  /** Entries held. */
  get entries(): number {
    return this.#entries.size;
  }

  /** Bytes held, as the values' `size` was when they were stored or last read. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The value stored for `key` from `version`, or undefined. */
  get(key: string, version: number | string): V | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    this.#drop(key);
    if (hit.version !== version) return undefined;
    // Re-insert: most recently used last; sizes can grow (a gzip form made later).
    this.#put(key, hit.version, hit.value);
    return hit.value;
  }

  /**
   * Store `value` for `key` from `version`, evicting the least recently used
   * beyond the bounds (a value larger than `maxBytes` is not kept).
   */
  set(key: string, version: number | string, value: V): void {
    this.#drop(key);
    this.#put(key, version, value);
  }

  #put(key: string, version: number | string, value: V): void {
    const size = value.size;
    if (size > this.maxBytes) return; // never worth evicting everything for
    this.#entries.set(key, { version, value, size });
    this.#bytes += size;
    for (const k of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#drop(k);
    }
  }

  #drop(key: string): void {
    const old = this.#entries.get(key);
    if (old === undefined) return;
    this.#bytes -= old.size;
    this.#entries.delete(key);
  }
}
