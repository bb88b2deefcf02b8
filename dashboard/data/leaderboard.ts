/**
 * The leaderboard of one suite and metric: entries ranked by their mean over
 * seeds (in the metric's direction), with 95 % stratified t-intervals (cases as
 * strata), task and seed counts, backends and suite versions; sortable and
 * filterable, state kept in the URL.
 *
 * @module
 */
import type { MetricDef } from "../../src/core/suite.ts";
import { cellFilter, parseFilters, writeFilters } from "./filters.ts";
import { seedCountPhrase } from "../../src/core/stats/mod.ts";
import { aggregate } from "./stats.ts";
import type { EntryInfo, Filters, Provenance, SuiteDataset } from "./types.ts";

/** Columns the leaderboard sorts by. */
export const SORT_KEYS = ["rank", "name", "mean", "iqm", "ci", "seeds", "status"] as const;
/** A sortable column. */
export type SortKey = typeof SORT_KEYS[number];

/** Everything a leaderboard view depends on; it round-trips through the URL. */
export interface LeaderboardState extends Filters {
  suite: string;
  metric: string;
  sort: SortKey;
  dir: "asc" | "desc";
}

/** One ranked entry. */
export interface LeaderboardRow {
  rank: number;
  entry: EntryInfo;
  status: Provenance;
  mean: number;
  iqm: number;
  ciLow: number;
  ciHigh: number;
  /** Distinct seeds behind the numbers. */
  seeds: number;
  /** Values behind the numbers (cases × seeds × backends). */
  values: number;
  /** Distinct cases behind the numbers. */
  cases: number;
  /** Fewest and most values of a case (seeds, times backends). */
  seedsPerCase: [number, number];
  failed: number;
  backends: string[];
  versions: number[];
}

/** A computed leaderboard. */
export interface LeaderboardView {
  state: LeaderboardState;
  metric: MetricDef;
  rows: LeaderboardRow[];
  /** What the intervals are, in words, with the tasks and seeds behind them. */
  interval: string;
}

/**
 * Read a leaderboard state from URL parameters; the metric defaults to the
 * suite's first primary metric, sorting to rank.
 *
 * @example
 * ```ts
 * import { parseLeaderboardState } from "./leaderboard.ts";
 * // parseLeaderboardState(new URLSearchParams("metric=r2&sort=name"), ds)
 * ```
 */
export function parseLeaderboardState(params: URLSearchParams, ds: SuiteDataset): LeaderboardState {
  const metrics = ds.suite.metrics;
  const m = params.get("metric");
  const metric = metrics.find((x) => x.name === m)?.name ??
    (metrics.find((x) => x.primary) ?? metrics[0])?.name ?? "";
  const s = params.get("sort");
  const sort = (SORT_KEYS as readonly string[]).includes(s ?? "") ? s as SortKey : "rank";
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  return { suite: ds.suite.id, metric, sort, dir, ...parseFilters(params, ds) };
}

/**
 * Write a leaderboard state as URL parameters (defaults left out).
 *
 * @example
 * ```ts
 * import { leaderboardQuery } from "./leaderboard.ts";
 * // leaderboardQuery(state, ds) -> "suite=identifiability&metric=r2&sort=name"
 * ```
 */
export function leaderboardQuery(state: LeaderboardState, ds: SuiteDataset): string {
  const p = new URLSearchParams({ suite: state.suite, metric: state.metric });
  if (state.sort !== "rank") p.set("sort", state.sort);
  if (state.dir !== "asc") p.set("dir", state.dir);
  writeFilters(p, state, ds.versions.at(-1) ?? null);
  return p.toString();
}

/**
 * Compute the leaderboard: filter the latest cells, aggregate each entry's
 * values (stratified by case), rank by mean in the metric's direction, then
 * order rows by the chosen column.
 *
 * @example
 * ```ts
 * import { computeLeaderboard, parseLeaderboardState } from "./leaderboard.ts";
 * // const view = computeLeaderboard(ds, parseLeaderboardState(new URLSearchParams(), ds));
 * ```
 */
export function computeLeaderboard(ds: SuiteDataset, state: LeaderboardState): LeaderboardView {
  const mi = ds.suite.metrics.findIndex((m) => m.name === state.metric);
  const metric = ds.suite.metrics[mi] ??
    { name: state.metric, description: "", direction: "higher", margin: 0, primary: false };
  const keep = cellFilter(ds, state);
  interface Acc {
    strata: Map<number, number[]>;
    seeds: Set<number>;
    failed: number;
    backends: Set<string>;
    versions: Set<number>;
    allVerified: boolean;
  }
  const byEntry = new Map<number, Acc>();
  for (const c of ds.cells) {
    if (!keep(c)) continue;
    let acc = byEntry.get(c.e);
    if (!acc) {
      acc = {
        strata: new Map(),
        seeds: new Set(),
        failed: 0,
        backends: new Set(),
        versions: new Set(),
        allVerified: true,
      };
      byEntry.set(c.e, acc);
    }
    acc.backends.add(ds.backends[c.b]);
    acc.versions.add(c.v);
    if (!ds.runs[c.r].verified) acc.allVerified = false;
    if (c.f) acc.failed++;
    const x = mi >= 0 ? c.m[mi] : null;
    if (x === null) continue;
    acc.seeds.add(c.s);
    let st = acc.strata.get(c.c);
    if (!st) acc.strata.set(c.c, st = []);
    st.push(x);
  }
  const rows: LeaderboardRow[] = [];
  for (const [e, acc] of byEntry) {
    const entry = ds.entries[e];
    const a = aggregate([...acc.strata.values()]);
    rows.push({
      rank: 0,
      entry,
      status: acc.allVerified ? "verified" : entry.submission ? "submitted" : "local",
      mean: a.mean,
      iqm: a.iqm,
      ciLow: a.ciLow,
      ciHigh: a.ciHigh,
      seeds: acc.seeds.size,
      values: a.n,
      cases: acc.strata.size,
      seedsPerCase: [a.seedsMin, a.seedsMax],
      failed: acc.failed,
      backends: [...acc.backends].sort(),
      versions: [...acc.versions].sort((x, y) => x - y),
    });
  }
  const better = metric.direction === "higher" ? -1 : 1;
  const byMean = (x: LeaderboardRow, y: LeaderboardRow) => {
    const xn = Number.isNaN(x.mean), yn = Number.isNaN(y.mean);
    if (xn || yn) return Number(xn) - Number(yn);
    return better * (x.mean - y.mean) || x.entry.name.localeCompare(y.entry.name);
  };
  rows.sort(byMean).forEach((r, i) => r.rank = i + 1);
  const sign = state.dir === "desc" ? -1 : 1;
  const num = (f: (r: LeaderboardRow) => number) => (x: LeaderboardRow, y: LeaderboardRow) =>
    sign * ((f(x) || 0) - (f(y) || 0)) || x.rank - y.rank;
  const cmp: Record<SortKey, (x: LeaderboardRow, y: LeaderboardRow) => number> = {
    rank: num((r) => r.rank),
    name: (x, y) => sign * x.entry.name.localeCompare(y.entry.name) || x.rank - y.rank,
    mean: num((r) => r.mean),
    iqm: num((r) => r.iqm),
    ci: num((r) => r.ciHigh - r.ciLow),
    seeds: num((r) => r.seeds),
    status: (x, y) => sign * x.status.localeCompare(y.status) || x.rank - y.rank,
  };
  rows.sort(cmp[state.sort]);
  return { state, metric, rows, interval: leaderboardCaption(rows) };
}

/**
 * The leaderboard's interval caption: a stratified t-interval of the pooled
 * mean over a row's cases × seeds, with the counts behind it.
 *
 * @example
 * ```ts
 * import { leaderboardCaption } from "./leaderboard.ts";
 * // leaderboardCaption(view.rows)
 * // -> "95 % stratified t-interval of the mean over 1–15 cases × 3 seeds a case (...)"
 * ```
 */
export function leaderboardCaption(rows: LeaderboardRow[]): string {
  const withValues = rows.filter((r) => r.values > 0);
  if (withValues.length === 0) return "";
  const cases = withValues.map((r) => r.cases);
  const lo = Math.min(...cases), hi = Math.max(...cases);
  const seeds = seedCountPhrase(withValues.flatMap((r) => r.seedsPerCase));
  return `95 % stratified t-interval of the mean over ${lo === hi ? lo : `${lo}–${hi}`} ` +
    `case${hi === 1 ? "" : "s"} × ${seeds} a case (none where a case has one seed)`;
}
