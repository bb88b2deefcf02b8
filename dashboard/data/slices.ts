/**
 * What the islands fetch instead of a suite's whole dataset: the dataset
 * without its history ("cells", for the leaderboard and head-to-head) and one
 * metric's history at a time (for the history page). On a store of 10 000
 * runs the whole dataset is 3.15 MB (387 KB gzipped), two thirds of it the
 * history of every metric; a page needs at most one metric of it.
 *
 * A slice carries the numbers exactly as the dataset does (no rounding):
 * {@link withHistorySlice} of the cells and a metric's slice gives the same
 * history view as the whole dataset (test/dashboard/slices_test.ts).
 *
 * @module
 */
import type { HistoryPoint, SuiteDataset } from "./types.ts";

/**
 * One metric's history points, column by column (index `i` of every array is
 * point `i`); only points with a value of the metric are kept. Indices
 * (`r`, `e`, `t`, `l`, `x`) refer to the suite's dataset, as in
 * {@link HistoryPoint}.
 */
export interface HistorySlice {
  suite: string;
  metric: string;
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
  return { ...ds, history: [] };
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
  return slice;
}

/**
 * `cells` (a dataset, e.g. from {@link cellsOnly}) with its history replaced
 * by the points of `slice`: every other metric of those points is null.
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
    slice.r.some((r) => !(r >= 0 && r < cells.runs.length))
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
  return { ...cells, history };
}
