/**
 * The leaderboard of one suite and metric, as ranked by the analysis layer
 * (src/core/analysis): the mean over the tasks every listed entry ran of the
 * per-task seed means, with its stratified t-interval, in the metric's
 * declared direction (never for an undeclared metric); plus provenance,
 * failures, backends and versions of each entry; or, as the "matrix" view,
 * the per-task matrix (tasks × entries, seed means with 95 % t-intervals,
 * the best per task marked in the declared direction). Sortable and
 * filterable, state kept in the URL. This file only shapes the view.
 *
 * @module
 */
import { iqm } from "../../src/core/stats/mod.ts";
import {
  rankEntries,
  rankingCaption,
  type TaskMatrix,
  taskMatrix,
} from "../../src/core/analysis/mod.ts";
import { cellFilter, parseFilters, writeFilters } from "./filters.ts";
import { cellTable, goalOf } from "./observe.ts";
import type { EntryInfo, Filters, MetricInfo, Provenance, SuiteDataset } from "./types.ts";

/** Columns the leaderboard sorts by. */
export const SORT_KEYS = ["rank", "name", "mean", "iqm", "ci", "seeds", "status"] as const;
/** A sortable column. */
export type SortKey = typeof SORT_KEYS[number];

/** How the leaderboard shows its entries: ranked rows, or the per-task matrix. */
export const BOARD_VIEWS = ["ranking", "matrix"] as const;
/** A leaderboard view. */
export type BoardView = typeof BOARD_VIEWS[number];

/** Everything a leaderboard view depends on; it round-trips through the URL. */
export interface LeaderboardState extends Filters {
  suite: string;
  metric: string;
  sort: SortKey;
  dir: "asc" | "desc";
  view: BoardView;
}

/** The per-task matrix of a leaderboard: rows are tasks, columns entries. */
export interface MatrixView {
  /** The analysis layer's matrix (cells by task, then entry key; best entries per task). */
  table: TaskMatrix;
  /** The entries with values, in the leaderboard's order, with their colours. */
  columns: { entry: EntryInfo; color: string }[];
}

/** One ranked entry. */
export interface LeaderboardRow {
  /** null when the metric's direction is unknown or the entry has no value on the tasks. */
  rank: number | null;
  entry: EntryInfo;
  /** The entry's colour (the same on every page). */
  color: string;
  status: Provenance;
  mean: number;
  iqm: number;
  ciLow: number;
  ciHigh: number;
  /** Distinct seeds behind the numbers. */
  seeds: number;
  /** Values behind the numbers (tasks × seeds). */
  values: number;
  /** Tasks behind the numbers (the ranked tasks). */
  cases: number;
  /** Fewest and most seeds of a task. */
  seedsPerCase: [number, number];
  /** Tasks this entry ran that are left out because not every entry ran them. */
  extraTasks: number;
  /** Tie group (1 = indistinguishable from the leader; analysis `ties.ts`); null when unranked. */
  tieGroup: number | null;
  /** Holm-adjusted p of the difference from the leader; NaN for the leader or untested. */
  pVsLeader: number;
  failed: number;
  backends: string[];
  versions: number[];
  /** The latest run behind the row: the newest run of the entry's cells kept by the filters. */
  latestRun: { id: string; startedAt: string } | null;
}

/** A computed leaderboard. */
export interface LeaderboardView {
  state: LeaderboardState;
  metric: MetricInfo;
  /** False when the metric's direction is unknown (rows are listed, not ranked). */
  ranked: boolean;
  /** The tasks the numbers are over: those every listed entry ran. */
  tasks: string[];
  rows: LeaderboardRow[];
  /** What the intervals are, in words, with the tasks and seeds behind them. */
  interval: string;
  /** The per-task matrix, in the "matrix" view only (null in the ranking). */
  matrix: MatrixView | null;
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
  const view: BoardView = params.get("view") === "matrix" ? "matrix" : "ranking";
  return { suite: ds.suite.id, metric, sort, dir, view, ...parseFilters(params, ds) };
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
  if (state.view !== "ranking") p.set("view", state.view);
  writeFilters(p, state, ds.versions.at(-1) ?? null);
  return p.toString();
}

/**
 * Compute the leaderboard: filter the latest cells, rank the entries with
 * src/core/analysis on their common tasks, then order rows by the chosen column.
 *
 * @example
 * ```ts
 * import { computeLeaderboard, parseLeaderboardState } from "./leaderboard.ts";
 * // const view = computeLeaderboard(ds, parseLeaderboardState(new URLSearchParams(), ds));
 * ```
 */
export function computeLeaderboard(ds: SuiteDataset, state: LeaderboardState): LeaderboardView {
  const mi = ds.suite.metrics.findIndex((m) => m.name === state.metric);
  const metric: MetricInfo = ds.suite.metrics[mi] ??
    { name: state.metric, description: "", direction: "unknown", margin: 0, primary: false };
  const keep = cellFilter(ds, state);
  const table = mi >= 0 ? cellTable(ds, mi, keep) : new Map();
  const ranking = rankEntries(table, metric.name, goalOf(ds, mi));
  const inTasks = new Set(ranking.tasks);
  interface Acc {
    seeds: Set<number>;
    failed: number;
    backends: Set<string>;
    versions: Set<number>;
    allVerified: boolean;
    /** Index into `ds.runs` (sorted by start): the largest is the latest. */
    latest: number;
  }
  const byEntry = new Map<number, Acc>();
  for (const c of ds.cells) {
    if (!keep(c)) continue;
    let acc = byEntry.get(c.e);
    if (!acc) {
      acc = {
        seeds: new Set(),
        failed: 0,
        backends: new Set(),
        versions: new Set(),
        allVerified: true,
        latest: -1,
      };
      byEntry.set(c.e, acc);
    }
    acc.backends.add(ds.backends[c.b]);
    acc.versions.add(c.v);
    if (!ds.runs[c.r].verified) acc.allVerified = false;
    if (c.f) acc.failed++;
    if (c.r > acc.latest) acc.latest = c.r;
    if (mi >= 0 && c.m[mi] !== null && inTasks.has(ds.tasks[c.t])) acc.seeds.add(c.s);
  }
  const ranked = new Map(ranking.rows.map((r) => [r.entry, r]));
  const rows: LeaderboardRow[] = [];
  for (const [e, acc] of byEntry) {
    const entry = ds.entries[e];
    const r = ranked.get(entry.key);
    const values = r
      ? ranking.tasks.flatMap((t) => [...(table.get(entry.key)?.get(t)?.values() ?? [])])
      : [];
    rows.push({
      rank: r?.rank ?? null,
      entry,
      color: ds.colors[e],
      status: acc.allVerified ? "verified" : entry.submission ? "submitted" : "local",
      mean: r?.mean ?? NaN,
      iqm: values.length ? iqm(values) : NaN,
      ciLow: r?.ciLow ?? NaN,
      ciHigh: r?.ciHigh ?? NaN,
      seeds: acc.seeds.size,
      values: r?.n ?? 0,
      cases: r && r.n > 0 ? ranking.tasks.length : 0,
      seedsPerCase: r?.seedsPerTask ?? [0, 0],
      extraTasks: r?.extraTasks ?? 0,
      tieGroup: r?.tieGroup ?? null,
      pVsLeader: r?.pVsLeader ?? NaN,
      failed: acc.failed,
      backends: [...acc.backends].sort(),
      versions: [...acc.versions].sort((x, y) => x - y),
      latestRun: acc.latest < 0
        ? null
        : { id: ds.runs[acc.latest].id, startedAt: ds.runs[acc.latest].startedAt },
    });
  }
  // The analysis layer's order; entries without a value last, by name.
  const order = new Map(ranking.rows.map((r, i) => [r.entry, i]));
  rows.sort((x, y) =>
    (order.get(x.entry.key) ?? Infinity) - (order.get(y.entry.key) ?? Infinity) ||
    x.entry.name.localeCompare(y.entry.name)
  );
  const position = new Map(rows.map((r, i) => [r, i]));
  const sign = state.dir === "desc" ? -1 : 1;
  const tie = (x: LeaderboardRow, y: LeaderboardRow) => position.get(x)! - position.get(y)!;
  const num = (f: (r: LeaderboardRow) => number) => (x: LeaderboardRow, y: LeaderboardRow) =>
    sign * ((f(x) || 0) - (f(y) || 0)) || tie(x, y);
  const cmp: Record<SortKey, (x: LeaderboardRow, y: LeaderboardRow) => number> = {
    rank: (x, y) => sign * ((x.rank ?? Infinity) - (y.rank ?? Infinity) || tie(x, y)),
    name: (x, y) => sign * x.entry.name.localeCompare(y.entry.name) || tie(x, y),
    mean: num((r) => r.mean),
    iqm: num((r) => r.iqm),
    ci: num((r) => r.ciHigh - r.ciLow),
    seeds: num((r) => r.seeds),
    status: (x, y) => sign * x.status.localeCompare(y.status) || tie(x, y),
  };
  rows.sort(cmp[state.sort]);
  let matrix: MatrixView | null = null;
  if (state.view === "matrix") {
    const t = taskMatrix(table, metric.name, goalOf(ds, mi), rows.map((r) => r.entry.key));
    const byKey = new Map(rows.map((r) => [r.entry.key, r]));
    matrix = {
      table: t,
      columns: t.entries.map((k) => ({ entry: byKey.get(k)!.entry, color: byKey.get(k)!.color })),
    };
  }
  return {
    state,
    metric,
    ranked: ranking.ranked,
    tasks: ranking.tasks,
    rows,
    interval: rows.some((r) => r.values > 0) ? rankingCaption(ranking) : "",
    matrix,
  };
}
