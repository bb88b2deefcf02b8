/**
 * History: one metric over commits (runs in time order), one series per
 * entry (optionally split by latent law or dimension), with change points
 * and baselines marked; every point links to its run. A point is the mean
 * over the run's tasks of the per-task seed means, and change points are
 * found and labelled (from the declared goal) by src/core/analysis.
 *
 * @module
 */
import { type ChangeKind, historyChanges, historyValue } from "../../src/core/analysis/mod.ts";
import { cellFilter, parseFilters, writeFilters } from "./filters.ts";
import { goalOf } from "./observe.ts";
import type { Filters, MetricInfo, RunRef, SuiteDataset } from "./types.ts";

/** How series are split. */
export const GROUPINGS = ["entry", "entry-law", "entry-dim"] as const;
/** A series split. */
export type Grouping = typeof GROUPINGS[number];

/** History state; round-trips through the URL. */
export interface HistoryState extends Filters {
  suite: string;
  metric: string;
  group: Grouping;
  /** Substring filter on series labels (case-insensitive). */
  q: string;
  /** Log-scaled y axis. */
  log: boolean;
}

/** One line over runs. */
export interface HistorySeries {
  label: string;
  entry: string;
  /** One value per x position; null where the run has no value. */
  values: (number | null)[];
  /** x positions where a new level starts. */
  changePoints: number[];
  /** What each change point is, from the metric's declared goal (src/core/analysis). */
  changeKinds: ChangeKind[];
  /** Mean of the latest baseline run, when there is one. */
  baseline: number | null;
}

/** A computed history view. */
export interface HistoryView {
  state: HistoryState;
  metric: MetricInfo | null;
  /** x positions: runs in time order. */
  runs: RunRef[];
  series: HistorySeries[];
  /** Series hidden by the search box. */
  hidden: number;
}

/**
 * Read the history state from URL parameters.
 *
 * @example
 * ```ts
 * import { parseHistoryState } from "./history.ts";
 * // parseHistoryState(new URLSearchParams("metric=r2&group=entry-law"), ds)
 * ```
 */
export function parseHistoryState(params: URLSearchParams, ds: SuiteDataset): HistoryState {
  const metrics = ds.suite.metrics;
  const m = params.get("metric");
  const metric = metrics.find((x) => x.name === m)?.name ??
    (metrics.find((x) => x.primary) ?? metrics[0])?.name ?? "";
  const g = params.get("group");
  const filters = parseFilters(params, ds);
  // History spans versions unless one is asked for explicitly.
  if (params.get("v") === null) filters.version = null;
  return {
    suite: ds.suite.id,
    metric,
    group: (GROUPINGS as readonly string[]).includes(g ?? "") ? g as Grouping : "entry",
    q: params.get("q") ?? "",
    log: params.get("log") === "1",
    ...filters,
  };
}

/**
 * Write the history state as URL parameters.
 *
 * @example
 * ```ts
 * import { historyQuery } from "./history.ts";
 * // historyQuery(state) -> "suite=identifiability&metric=r2&group=entry-law"
 * ```
 */
export function historyQuery(state: HistoryState): string {
  const p = new URLSearchParams({ suite: state.suite, metric: state.metric });
  if (state.group !== "entry") p.set("group", state.group);
  if (state.q) p.set("q", state.q);
  if (state.log) p.set("log", "1");
  // null version is the history default, so write only an explicit one.
  writeFilters(p, { ...state, version: state.version ?? -1 }, -1);
  return p.toString();
}

/**
 * Compute the history view.
 *
 * @example
 * ```ts
 * import { computeHistory, parseHistoryState } from "./history.ts";
 * // computeHistory(ds, parseHistoryState(new URLSearchParams(), ds)).series.length
 * ```
 */
export function computeHistory(ds: SuiteDataset, state: HistoryState): HistoryView {
  const mi = ds.suite.metrics.findIndex((m) => m.name === state.metric);
  const metric = ds.suite.metrics[mi] ?? null;
  const keep = cellFilter(ds, state);
  const xs = new Map<number, number>();
  const groups = new Map<
    string,
    {
      label: string;
      entry: string;
      /** run -> the run's per-task seed means. */
      sums: Map<number, number[]>;
      base: Map<number, number[]>;
    }
  >();
  for (const p of ds.history) {
    if (mi < 0 || ds.runs[p.r].submission || !keep(p)) continue;
    const x = p.m[mi];
    if (x === null) continue;
    const entry = ds.entries[p.e];
    const suffix = state.group === "entry-law" && p.l !== null
      ? ` · ${ds.laws[p.l]}`
      : state.group === "entry-dim" && p.d !== null
      ? ` · ${ds.dimKey ?? "dim"}=${p.d}`
      : "";
    const label = entry.name + suffix;
    const key = `${entry.key}${suffix}`;
    let g = groups.get(key);
    if (!g) groups.set(key, g = { label, entry: entry.key, sums: new Map(), base: new Map() });
    const target = ds.runs[p.r].baseline ? g.base : g.sums;
    const acc = target.get(p.r) ?? [];
    acc.push(x);
    target.set(p.r, acc);
    if (!ds.runs[p.r].baseline) xs.set(p.r, 0);
  }
  const order = [...xs.keys()].sort((a, b) => a - b);
  order.forEach((r, i) => xs.set(r, i));
  const q = state.q.trim().toLowerCase();
  const series: HistorySeries[] = [];
  let hidden = 0;
  for (const g of [...groups.values()].sort((a, b) => a.label.localeCompare(b.label))) {
    if (q && !g.label.toLowerCase().includes(q)) {
      hidden++;
      continue;
    }
    const values: (number | null)[] = order.map(() => null);
    // Each point: the mean over the run's tasks of the per-task seed means (src/core/analysis).
    for (const [r, means] of g.sums) values[xs.get(r)!] = historyValue(means.map((m) => [m]));
    const changes = historyChanges(values, goalOf(ds, mi));
    const lastBase = [...g.base.keys()].sort((a, b) => a - b).at(-1);
    const baseline = lastBase === undefined
      ? null
      : historyValue(g.base.get(lastBase)!.map((m) => [m]));
    series.push({
      label: g.label,
      entry: g.entry,
      values,
      changePoints: changes.map((c) => c.index),
      changeKinds: changes.map((c) => c.kind),
      baseline,
    });
  }
  return { state, metric, runs: order.map((r) => ds.runs[r]), series, hidden };
}
