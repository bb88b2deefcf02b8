/**
 * URL-safe, file-safe names for runs, shared by the server, the static
 * export and the islands.
 *
 * @module
 */

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

/**
 * The path segment of a run: the run id when it is plain, else `r-` and the
 * hex of its UTF-8 bytes (so no id can escape its folder).
 *
 * @example
 * ```ts
 * import { runSlug } from "./links.ts";
 * console.log(runSlug("2026-01-05T09-00-00-abc")); // "2026-01-05T09-00-00-abc"
 * console.log(runSlug("../x")); // "r-2e2e2f78"
 * ```
 */
export function runSlug(runId: string): string {
  if (SAFE.test(runId) && !runId.startsWith("r-") && !runId.includes("..")) return runId;
  return "r-" +
    [...new TextEncoder().encode(runId)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The run id of a slug made by {@link runSlug}, or null when it is not one.
 *
 * @example
 * ```ts
 * import { runIdFromSlug } from "./links.ts";
 * console.log(runIdFromSlug("r-2e2e2f78")); // "../x"
 * ```
 */
export function runIdFromSlug(slug: string): string | null {
  if (slug.startsWith("r-")) {
    const hex = slug.slice(2);
    if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return null;
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return new TextDecoder().decode(bytes);
  }
  return SAFE.test(slug) && !slug.includes("..") ? slug : null;
}

/**
 * Relative link to a run page from a page at `base` ("", "../", "../../").
 *
 * @example
 * ```ts
 * import { runHref } from "./links.ts";
 * console.log(runHref("../", "abc")); // "../runs/abc/"
 * ```
 */
export function runHref(base: string, runId: string): string {
  return `${base}runs/${runSlug(runId)}/`;
}

/**
 * The file-name segment of a suite's dataset: the suite id when it is plain,
 * else the same `r-<hex>` encoding as {@link runSlug}, so an imported suite id
 * with `/` or `..` can never break or escape a static path.
 *
 * @example
 * ```ts
 * import { suiteSlug } from "./links.ts";
 * console.log(suiteSlug("identifiability")); // "identifiability"
 * console.log(suiteSlug("a/b")); // "r-612f62"
 * ```
 */
export function suiteSlug(suiteId: string): string {
  return runSlug(suiteId);
}

/**
 * The suite id of a slug made by {@link suiteSlug}, or null when it is not one.
 *
 * @example
 * ```ts
 * import { suiteIdFromSlug } from "./links.ts";
 * console.log(suiteIdFromSlug("r-612f62")); // "a/b"
 * ```
 */
export function suiteIdFromSlug(slug: string): string | null {
  return runIdFromSlug(slug);
}

/**
 * Relative link to a suite's dataset JSON from a page at `base`.
 *
 * @example
 * ```ts
 * import { datasetHref } from "./links.ts";
 * console.log(datasetHref("../", "planning")); // "../data/suites/planning.json"
 * ```
 */
export function datasetHref(base: string, suiteId: string): string {
  return `${base}data/suites/${suiteSlug(suiteId)}.json`;
}

/**
 * Relative link to a suite's dataset without its history (what the leaderboard
 * and head-to-head islands fetch; dashboard/data/slices.ts).
 *
 * @example
 * ```ts
 * import { cellsHref } from "./links.ts";
 * console.log(cellsHref("../", "planning")); // "../data/suites/planning/cells.json"
 * ```
 */
export function cellsHref(base: string, suiteId: string): string {
  return `${base}data/suites/${suiteSlug(suiteId)}/cells.json`;
}

/**
 * Relative link to one metric's history of a suite (what the history island
 * fetches; dashboard/data/slices.ts). The metric's name is slugged as a run id is.
 *
 * @example
 * ```ts
 * import { historyHref } from "./links.ts";
 * console.log(historyHref("../", "planning", "regret_median"));
 * // "../data/suites/planning/history/regret_median.json"
 * ```
 */
export function historyHref(base: string, suiteId: string, metric: string): string {
  return `${base}data/suites/${suiteSlug(suiteId)}/history/${runSlug(metric)}.json`;
}
