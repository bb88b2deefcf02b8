/**
 * The per-case summary of one metric over seeds: n, mean, standard deviation,
 * IQM and the 95 % Student-t interval of the mean ({@link tInterval}).
 *
 * @module
 */
import { iqm, mean, std } from "./descriptive.ts";
import { tInterval } from "./t_interval.ts";

/** Summary of one metric over seeds. */
export interface Summary {
  /** Number of values. */
  n: number;
  /** Mean (NaN when n = 0). */
  mean: number;
  /** Standard deviation, n - 1 (NaN when n < 2). */
  std: number;
  /** Interquartile mean (25 % trimmed). */
  iqm: number;
  /** Lower end of the 95 % t-interval of the mean (NaN when n < 2: no interval). */
  ciLow: number;
  /** Upper end of the 95 % t-interval of the mean (NaN when n < 2). */
  ciHigh: number;
}

/**
 * n, mean, std, IQM and the t-interval of the mean at `level` (default 0.95).
 * n = 1 gives no interval (NaN bounds, never a zero-width one); n = 0 gives NaNs.
 *
 * @example
 * ```ts
 * import { summarize } from "./summarize.ts";
 * const s = summarize([0.9, 0.95, 1.0]);
 * console.assert(s.n === 3 && s.ciLow < 0.9 && s.ciHigh > 1.0); // wider than the range at n = 3
 * ```
 */
export function summarize(values: readonly number[], opts: { level?: number } = {}): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, std: NaN, iqm: NaN, ciLow: NaN, ciHigh: NaN };
  const ci = tInterval(values, opts.level ?? 0.95);
  return {
    n,
    mean: mean(values),
    std: std(values),
    iqm: iqm(values),
    ciLow: ci.ciLow,
    ciHigh: ci.ciHigh,
  };
}
