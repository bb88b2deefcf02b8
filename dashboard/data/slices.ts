/**
 * What the islands fetch instead of a suite's whole dataset: the dataset
 * without its history and with only the runs its cells name ("cells", for the
 * leaderboard and head-to-head), and one metric's history at a time with the
 * runs it names (for the history page). On a store of 10 000 runs the whole
 * dataset is 3.15 MB (387 KB gzipped): the history of every metric and every
 * run; a page needs at most one metric of it.
 *
 * A slice carries the numbers exactly as the dataset does (no rounding):
 * {@link withHistorySlice} of the cells and a metric's slice gives the same
 * history view as the whole dataset (test/dashboard/slices_test.ts).
 *
 * @module
 */
import type { HistoryPoint, RunRef, SuiteDataset } from "./types.ts";

/**
 * One metric's history points, column by column (index `i` of every array is
 * point `i`); only points with a value of the metric are kept. `r` indexes the
 * slice's own `runs` (those the points name, in the dataset's order); `e`, `t`,
 * `l` and `x` refer to the suite's dataset, as in {@link HistoryPoint}.
 */
export interface HistorySlice {
  suite: string;
  metric: string;
  runs: RunRef[];
  r: number[];
  e: number[];
  t: number[];
  d: (number | null)[];
  l: (number | null)[];
  /** Completed records averaged ({@link HistoryPoint.n}). */
  n: number[];
  /** The metric's mean. */
  v: number[];
  /** Facet value indices, one column per facet. */
  x: (number | null)[][];
}

/**
 * The dataset without its history: what the leaderboard and head-to-head
 * compute from.
 *
 * @example
 * ```ts
 * import { cellsOnly } from "./slices.ts";
 * // const small = cellsOnly(ds); // small.history.length === 0
 * ```
 */
export function cellsOnly(ds: SuiteDataset): SuiteDataset {
  const { runs, index } = namedRuns(ds.runs, ds.cells.map((c) => c.r));
  return {
    ...ds,
    runs,
    cells: ds.cells.map((c) => ({ ...c, r: index.get(c.r)! })),
    history: [],
  };
}

/** The runs at `refs` in their dataset order, and each old index's new one. */
function namedRuns(
  all: RunRef[],
  refs: number[],
): { runs: RunRef[]; index: Map<number, number> } {
  const kept = [...new Set(refs)].sort((a, b) => a - b);
  return { runs: kept.map((r) => all[r]), index: new Map(kept.map((r, i) => [r, i])) };
}

/**
 * The history of `metric` in `ds`, or null when the suite has no such metric.
 *
 * @example
 * ```ts
 * import { historySlice } from "./slices.ts";
 * // const slice = historySlice(ds, "r2_hz");
 * ```
 */
export function historySlice(ds: SuiteDataset, metric: string): HistorySlice | null {
  const mi = ds.suite.metrics.findIndex((m) => m.name === metric);
  if (mi < 0) return null;
  const slice: HistorySlice = {
    suite: ds.suite.id,
    metric,
    runs: [],
    r: [],
    e: [],
    t: [],
    d: [],
    l: [],
    n: [],
    v: [],
    x: ds.facets.map(() => []),
  };
  for (const p of ds.history) {
    const v = p.m[mi];
    if (v === null) continue;
    slice.r.push(p.r);
    slice.e.push(p.e);
    slice.t.push(p.t);
    slice.d.push(p.d);
    slice.l.push(p.l);
    slice.n.push(p.n);
    slice.v.push(v);
    p.x.forEach((j, f) => slice.x[f].push(j));
  }
  const { runs, index } = namedRuns(ds.runs, slice.r);
  slice.runs = runs;
  slice.r = slice.r.map((r) => index.get(r)!);
  return slice;
}

/**
 * `cells` (a dataset, e.g. from {@link cellsOnly}) with the history and runs
 * of `slice` (every other metric of its points null) and no cells: what the
 * history view computes from.
 * Throws a TypeError when the slice is of another suite or metric list, or its
 * columns disagree in length (a damaged download).
 *
 * @example
 * ```ts
 * import { withHistorySlice } from "./slices.ts";
 * // computeHistory(withHistorySlice(cells, slice), state)
 * ```
 */
export function withHistorySlice(cells: SuiteDataset, slice: HistorySlice): SuiteDataset {
  const mi = cells.suite.metrics.findIndex((m) => m.name === slice.metric);
  if (slice.suite !== cells.suite.id || mi < 0) {
    throw new TypeError(
      `history of ${slice.suite}/${slice.metric} does not belong to suite ${cells.suite.id}`,
    );
  }
  const count = slice.r.length;
  const columns = [slice.e, slice.t, slice.d, slice.l, slice.n, slice.v, ...slice.x];
  if (
    slice.x.length !== cells.facets.length || columns.some((c) => c.length !== count) ||
    !Array.isArray(slice.runs) || slice.r.some((r) => !(r >= 0 && r < slice.runs.length))
  ) {
    throw new TypeError(`history of ${slice.suite}/${slice.metric} is damaged`);
  }
  const width = cells.suite.metrics.length;
  const history: HistoryPoint[] = [];
  for (let i = 0; i < count; i++) {
    const m: (number | null)[] = new Array(width).fill(null);
    m[mi] = slice.v[i];
    history.push({
      r: slice.r[i],
      e: slice.e[i],
      t: slice.t[i],
      d: slice.d[i],
      l: slice.l[i],
      n: slice.n[i],
      m,
      x: slice.x.map((col) => col[i]),
    });
  }
  return { ...cells, runs: slice.runs, cells: [], history };
}
