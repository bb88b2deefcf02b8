/**
 * History: one metric over commits, one series per entry (optionally split
 * by latent law or dimension), with change points and baselines marked;
 * every point links to its commit's first run. Points and change points come
 * from src/core/analysis (commitHistory), as `history` on the command line:
 * a commit's runs pooled, the mean over its tasks of the per-task means.
 *
 * @module
 */
import {
  type ChangeKind,
  commitHistory,
  type HistoryRun,
  type HistorySample,
  historyValue,
} from "../../src/core/analysis/mod.ts";
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

/** One line over commits. */
export interface HistorySeries {
  label: string;
  entry: string;
  /** The entry's colour (the same on every page). */
  color: string;
  /** One value per x position; null where the run has no value. */
  values: (number | null)[];
  /** x positions where a new level starts. */
  changePoints: number[];
  /** What each change point is, from the metric's declared goal (src/core/analysis). */
  changeKinds: ChangeKind[];
  /**
   * Mean of the latest baseline run of the suite version and profile of the series' latest
   * run, when there is one (drawn as a horizontal line).
   */
  baseline: number | null;
}

/** A computed history view. */
export interface HistoryView {
  state: HistoryState;
  metric: MetricInfo | null;
  /** x positions: one per commit (its first run), in time order. */
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
  const goal = goalOf(ds, mi);
  const keep = cellFilter(ds, state);
  const groups = new Map<
    string,
    {
      label: string;
      entry: string;
      color: string;
      samples: HistorySample[];
      base: Map<number, number[]>;
    }
  >();
  const all: HistorySample[] = [];
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
    const key = `${entry.key}${suffix}`;
    let g = groups.get(key);
    if (!g) {
      groups.set(
        key,
        g = {
          label: entry.name + suffix,
          entry: entry.key,
          color: ds.colors[p.e],
          samples: [],
          base: new Map(),
        },
      );
    }
    if (ds.runs[p.r].baseline) {
      const acc = g.base.get(p.r) ?? [];
      acc.push(x);
      g.base.set(p.r, acc);
      continue;
    }
    const sample = { runId: ds.runs[p.r].id, task: ds.tasks[p.t], sum: x * p.n, n: p.n };
    g.samples.push(sample);
    all.push(sample);
  }
  // x positions: the commits with a value in any series (src/core/analysis), first run each.
  const runs: HistoryRun[] = ds.runs.filter((r) => !r.baseline && !r.submission).map((r) => ({
    runId: r.id,
    commit: r.commit,
    dirty: r.dirty,
    startedAt: r.startedAt,
  }));
  const xs = commitHistory(runs, all, goal).points;
  const xOf = new Map(xs.map((p, i) => [p.label, i]));
  const byId = new Map(ds.runs.map((r) => [r.id, r]));
  const q = state.q.trim().toLowerCase();
  const series: HistorySeries[] = [];
  let hidden = 0;
  for (const g of [...groups.values()].sort((a, b) => a.label.localeCompare(b.label))) {
    if (q && !g.label.toLowerCase().includes(q)) {
      hidden++;
      continue;
    }
    const h = commitHistory(runs, g.samples, goal);
    const values: (number | null)[] = xs.map(() => null);
    for (const p of h.points) values[xOf.get(p.label)!] = p.value;
    // The baseline of the series' suite version and profile: those of its latest run.
    const latest = byId.get(g.samples.at(-1)?.runId ?? "");
    const lastBase = [...g.base.keys()].filter((r) =>
      latest !== undefined && ds.runs[r].profile === latest.profile &&
      ds.runs[r].version === latest.version
    ).sort((a, b) => a - b).at(-1);
    const baseline = lastBase === undefined
      ? null
      : historyValue(g.base.get(lastBase)!.map((m) => [m]));
    series.push({
      label: g.label,
      entry: g.entry,
      color: g.color,
      values,
      changePoints: h.changes.map((c) => xOf.get(c.label)!),
      changeKinds: h.changes.map((c) => c.kind),
      baseline,
    });
  }
  return { state, metric, runs: xs.map((p) => byId.get(p.runs[0])!), series, hidden };
}
