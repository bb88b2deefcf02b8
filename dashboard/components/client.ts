/**
 * Browser helpers for islands: URL state, dataset fetching, theme colours.
 * Safe to import on the server (nothing runs at import time).
 *
 * @module
 */
import type { SuiteDataset } from "../data/types.ts";
import { cellsHref, historyHref } from "../data/links.ts";
import { type HistorySlice, withHistorySlice } from "../data/slices.ts";
import { useEffect } from "preact/hooks";

const cache = new Map<string, Promise<unknown>>();

/** GET `url` as JSON once per page (later calls share the first answer). */
function fetchJson<T>(url: string): Promise<T> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`failed to load ${url}: HTTP ${r.status}`);
      return r.json();
    });
    // A failed load is not kept: the next call tries again.
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p as Promise<T>;
}

/**
 * Fetch (once) the dataset of a suite without its history, from
 * `<base>data/suites/<slug>/cells.json` (see cellsHref): what the leaderboard
 * and head-to-head compute from.
 *
 * @example
 * ```ts
 * import { fetchDataset } from "./client.ts";
 * // const ds = await fetchDataset("../", "identifiability");
 * ```
 */
export function fetchDataset(base: string, id: string): Promise<SuiteDataset> {
  return fetchJson<SuiteDataset>(cellsHref(base, id));
}

/**
 * Fetch (once) `ds`'s dataset together with the history of one metric
 * (`<base>data/suites/<slug>/history/<metric>.json`, see historyHref): what
 * the history page computes from.
 *
 * @example
 * ```ts
 * import { fetchDataset, fetchWithHistory } from "./client.ts";
 * // const ds = await fetchWithHistory("../", await fetchDataset("../", "planning"), "regret_median");
 * ```
 */
export async function fetchWithHistory(
  base: string,
  ds: SuiteDataset,
  metric: string,
): Promise<SuiteDataset> {
  if (!ds.suite.metrics.some((m) => m.name === metric)) return ds;
  const slice = await fetchJson<HistorySlice>(historyHref(base, ds.suite.id, metric));
  return withHistorySlice(ds, slice);
}

/**
 * Parameters in a canonical order, to compare two query strings.
 *
 * @example
 * ```ts
 * import { canonicalQuery } from "./client.ts";
 * console.log(canonicalQuery("b=2&a=1") === canonicalQuery("?a=1&b=2")); // true
 * ```
 */
export function canonicalQuery(search: string): string {
  const p = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  return [...p.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`)
    .join("&");
}

/**
 * Put a view's state in the address bar (without reloading).
 *
 * @example
 * ```ts
 * import { setQuery } from "./client.ts";
 * // setQuery("suite=identifiability&metric=r2");
 * ```
 */
export function setQuery(query: string): void {
  const url = new URL(location.href);
  url.search = query;
  if (url.href !== location.href) history.pushState(null, "", url.href);
}

/** Theme colours read from CSS custom properties. */
export interface ThemeColors {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
}

/**
 * Current theme colours (for chart axes and labels).
 *
 * @example
 * ```ts
 * import { themeColors } from "./client.ts";
 * // themeColors().fg
 * ```
 */
export function themeColors(): ThemeColors {
  const s = getComputedStyle(document.documentElement);
  const v = (name: string, dflt: string) => s.getPropertyValue(name).trim() || dflt;
  return {
    fg: v("--fg", "#222"),
    muted: v("--muted", "#666"),
    grid: v("--grid", "#ddd"),
    bg: v("--bg", "#fff"),
  };
}

/**
 * Keep an island in step with the address bar: apply the URL's state once on load when it differs
 * from the query the server rendered, and again on every back/forward navigation.
 *
 * @example
 * ```ts
 * import { useUrlState } from "./client.ts";
 * // inside an island: useUrlState(props.query, (params) => load(params.get("suite"), false));
 * ```
 */
export function useUrlState(serverQuery: string, apply: (params: URLSearchParams) => void): void {
  useEffect(() => {
    const fromUrl = () => apply(new URLSearchParams(location.search));
    if (location.search && canonicalQuery(location.search) !== canonicalQuery(serverQuery)) {
      fromUrl();
    }
    addEventListener("popstate", fromUrl);
    return () => removeEventListener("popstate", fromUrl);
  }, []);
}
