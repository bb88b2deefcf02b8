/**
 * Head-to-head: two entries of a suite compared by the analysis layer
 * (src/core/analysis) on the tasks both ran: per metric B - A (A the
 * reference), the mean over the common tasks of the per-task differences
 * with its stratified t-interval, P(B better) and the verdict (none for an
 * undeclared metric); and each suite's primary metric against its dimension
 * (R² against N per latent law, regret against k) for both. This file only
 * shapes the view.
 *
 * @module
 */
import {
  compareValues,
  differenceCaption,
  holmOverMetrics,
  type MetricDifference,
} from "../../src/core/analysis/mod.ts";
import { cellFilter, parseFilters, withoutFacets, writeFilters } from "./filters.ts";
import { DIM_KEYS, LAW_KEYS } from "./entries.ts";
import { computeLeaderboard, parseLeaderboardState } from "./leaderboard.ts";
import { cellTable, goalOf } from "./observe.ts";
import { aggregate } from "./stats.ts";
import { PALETTE } from "../components/palette.ts";
import type { EntryInfo, Filters, MetricInfo, SuiteDataset } from "./types.ts";

/** Head-to-head state; round-trips through the URL. */
export interface CompareState extends Filters {
  suite: string;
  /** Entry keys (see {@link EntryInfo.key}). */
  a: string;
  b: string;
}

/** One metric compared. */
export interface MetricComparison {
  metric: MetricInfo;
  /** Means over the common tasks of the per-task seed means. */
  aMean: number;
  bMean: number;
  /** bMean − aMean with its 95 % interval (NaN bounds when there is none). */
  diff: number;
  ciLow: number;
  ciHigh: number;
  /** How the interval was formed ("stratified" over several tasks). */
  method: "paired" | "welch" | "pooled" | "stratified";
  /** P(B better than A) in the metric's direction; NaN when the direction is unknown. */
  pBetter: number;
  /**
   * "a" or "b" when the CI lies wholly beyond the margin; "none" otherwise;
   * "unknown" when the suite does not declare the metric's direction.
   */
  verdict: "a" | "b" | "none" | "unknown";
  /** Values (tasks × seeds) on each side. */
  aSeeds: number;
  bSeeds: number;
  /** The analysis layer's comparison (per task rows, common and unpaired tasks). */
  detail: MetricDifference;
}

/** One line of a metric-against-dimension chart. */
export interface CompareSeries {
  label: string;
  side: "a" | "b";
  group: string;
  points: { x: number; y: number; lo: number; hi: number }[];
}

/** A chart of a suite's primary metric against its dimension. */
export interface CompareChart {
  suite: string;
  title: string;
  metric: string;
  xKey: string;
  series: CompareSeries[];
}

/** A computed head-to-head view. */
export interface CompareView {
  state: CompareState;
  entries: EntryInfo[];
  a: EntryInfo | null;
  b: EntryInfo | null;
  /** Each side's entry colour (the same on every page). */
  colors: { a: string; b: string };
  metrics: MetricComparison[];
  charts: CompareChart[];
  /** What the difference intervals are, in words ("" without metrics). */
  interval: string;
}

/**
 * Read the head-to-head state; entries default to the two best of the
 * leaderboard of the suite's primary metric.
 *
 * @example
 * ```ts
 * import { parseCompareState } from "./compare.ts";
 * // parseCompareState(new URLSearchParams("a=sigreg&b=vicreg"), ds)
 * ```
 */
export function parseCompareState(params: URLSearchParams, ds: SuiteDataset): CompareState {
  const filters = parseFilters(params, ds);
  const keys = ds.entries.map((e) => e.key);
  let a = params.get("a") ?? "";
  let b = params.get("b") ?? "";
  if (!keys.includes(a) || !keys.includes(b)) {
    const ranked = computeLeaderboard(ds, parseLeaderboardState(new URLSearchParams(), ds)).rows
      .map((r) => r.entry.key);
    if (!keys.includes(a)) a = ranked.find((k) => k !== b) ?? keys[0] ?? "";
    if (!keys.includes(b)) b = ranked.find((k) => k !== a) ?? keys[0] ?? "";
  }
  return { suite: ds.suite.id, a, b, ...filters };
}

/**
 * Write the head-to-head state as URL parameters.
 *
 * @example
 * ```ts
 * import { compareQuery } from "./compare.ts";
 * // compareQuery(state, ds) -> "suite=identifiability&a=sigreg&b=vicreg"
 * ```
 */
export function compareQuery(state: CompareState, ds: SuiteDataset): string {
  const p = new URLSearchParams({ suite: state.suite, a: state.a, b: state.b });
  writeFilters(p, state, ds.versions.at(-1) ?? null);
  return p.toString();
}

function chartOf(ds: SuiteDataset, a: string, b: string, filters: Filters): CompareChart | null {
  if (ds.dimKey === null) return null;
  const mi = Math.max(0, ds.suite.metrics.findIndex((m) => m.primary));
  const metric = ds.suite.metrics[mi];
  if (!metric) return null;
  // The chart spreads the dimension over x and the laws over lines: those filters do not apply.
  const keep = cellFilter(ds, withoutFacets(ds, filters, [...DIM_KEYS, ...LAW_KEYS]));
  const series: CompareSeries[] = [];
  for (const [side, key] of [["a", a], ["b", b]] as const) {
    const e = ds.entries.findIndex((x) => x.key === key);
    if (e < 0) continue;
    const groups = new Map<number | null, Map<number, Map<number, number[]>>>();
    for (const c of ds.cells) {
      if (c.e !== e || c.d === null || !keep(c)) continue;
      const x = c.m[mi];
      if (x === null) continue;
      let byDim = groups.get(c.l);
      if (!byDim) groups.set(c.l, byDim = new Map());
      let byCase = byDim.get(c.d);
      if (!byCase) byDim.set(c.d, byCase = new Map());
      let vals = byCase.get(c.c);
      if (!vals) byCase.set(c.c, vals = []);
      vals.push(x);
    }
    const laws = [...groups.keys()].sort((x, y) => (x ?? -1) - (y ?? -1));
    for (const l of laws) {
      const byDim = groups.get(l)!;
      const group = l === null ? "" : ds.laws[l];
      const points = [...byDim.keys()].sort((x, y) => x - y).map((d) => {
        const agg = aggregate([...byDim.get(d)!.values()]);
        return { x: d, y: agg.mean, lo: agg.ciLow, hi: agg.ciHigh };
      });
      series.push({
        label: group ? `${ds.entries[e].name} · ${group}` : ds.entries[e].name,
        side,
        group,
        points,
      });
    }
  }
  if (series.length === 0) return null;
  return {
    suite: ds.suite.id,
    title: `${ds.suite.title}: ${metric.name} against ${ds.dimKey}`,
    metric: metric.name,
    xKey: ds.dimKey,
    series,
  };
}

function kCurveChart(
  ds: SuiteDataset,
  a: string,
  b: string,
  filters: Filters,
): CompareChart | null {
  const keep = cellFilter(ds, filters);
  const series: CompareSeries[] = [];
  for (const [side, key] of [["a", a], ["b", b]] as const) {
    if (side === "b" && b === a) break;
    const e = ds.entries.findIndex((x) => x.key === key);
    if (e < 0) continue;
    // (case, curve) -> x -> values over seeds
    const groups = new Map<string, Map<number, number[]>>();
    for (const c of ds.cells) {
      if (c.e !== e || !c.k || !keep(c)) continue;
      for (const [name, points] of Object.entries(c.k)) {
        const g = `${ds.cases[c.c]} · ${name}`;
        let byX = groups.get(g);
        if (!byX) groups.set(g, byX = new Map());
        for (const [x, y] of points) {
          if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
          let ys = byX.get(x);
          if (!ys) byX.set(x, ys = []);
          ys.push(y);
        }
      }
    }
    for (const [group, byX] of [...groups].sort(([p], [q]) => p.localeCompare(q))) {
      const points = [...byX.keys()].sort((p, q) => p - q).map((x) => {
        const agg = aggregate([byX.get(x)!]);
        return { x, y: agg.mean, lo: agg.ciLow, hi: agg.ciHigh };
      });
      series.push({ label: `${ds.entries[e].name} · ${group}`, side, group, points });
    }
  }
  if (series.length === 0) return null;
  return {
    suite: ds.suite.id,
    title: `${ds.suite.title}: regret against k`,
    metric: "regret",
    xKey: "k",
    series,
  };
}

/**
 * Compute the head-to-head of `state.a` against `state.b` in `ds`, with
 * metric-against-dimension charts from every dataset in `all` that has either.
 *
 * @example
 * ```ts
 * import { computeCompare, parseCompareState } from "./compare.ts";
 * // computeCompare(ds, parseCompareState(new URLSearchParams(), ds), [ds, other])
 * ```
 */
export function computeCompare(
  ds: SuiteDataset,
  state: CompareState,
  all: SuiteDataset[] = [ds],
): CompareView {
  const ea = ds.entries.findIndex((e) => e.key === state.a);
  const eb = ds.entries.findIndex((e) => e.key === state.b);
  const keep = cellFilter(ds, state);
  const metrics: MetricComparison[] = [];
  if (ea >= 0 && eb >= 0) {
    ds.suite.metrics.forEach((metric, mi) => {
      const table = cellTable(ds, mi, keep);
      const none = new Map<string, Map<number, number>>();
      const d = compareValues(
        table.get(state.a) ?? none,
        table.get(state.b) ?? none,
        metric.name,
        goalOf(ds, mi),
        metric.margin,
      );
      const o = d.overall;
      if (o === null) return;
      metrics.push({
        metric,
        aMean: o.meanA,
        bMean: o.meanB,
        diff: o.diff,
        ciLow: o.ciLow,
        ciHigh: o.ciHigh,
        method: o.method,
        pBetter: o.pBetter,
        verdict: o.verdict === null
          ? "unknown"
          : o.verdict === "better"
          ? "b"
          : o.verdict === "worse"
          ? "a"
          : "none",
        aSeeds: o.nA,
        bSeeds: o.nB,
        detail: d,
      });
    });
    holmOverMetrics(metrics.map((m) => m.detail)); // sets each detail's pHolm
  }
  const aKey = state.a, bKey = state.b;
  const charts: CompareChart[] = [];
  for (const other of all) {
    const f = other === ds ? state : parseFilters(new URLSearchParams(), other);
    const chart = chartOf(other, aKey, bKey, f);
    if (chart) charts.push(chart);
    const kChart = kCurveChart(other, aKey, bKey, f);
    if (kChart) charts.push({ ...kChart, suite: `${other.suite.id}-k` });
  }
  return {
    state,
    entries: ds.entries,
    a: ds.entries[ea] ?? null,
    b: ds.entries[eb] ?? null,
    colors: { a: ds.colors[ea] ?? PALETTE[0], b: ds.colors[eb] ?? PALETTE[1] },
    metrics,
    charts,
    interval: differenceCaption(metrics.map((m) => m.detail)),
  };
}
