/**
 * The chart bands the dashboard draws (a point's mean, IQM and 95 %
 * stratified t-interval over cases × seeds), computed by `src/core/stats`.
 * Rankings, comparisons and change points come from src/core/analysis.
 *
 * @module
 */
import { iqm, mean, stratifiedTInterval } from "../../src/core/stats/mod.ts";

/** Mean, IQM and the 95 % stratified t-interval of the mean. */
export interface Aggregate {
  /** Values aggregated. */
  n: number;
  mean: number;
  iqm: number;
  /** NaN when some stratum has a single value (no interval). */
  ciLow: number;
  ciHigh: number;
  /** Strata (tasks) with values. */
  tasks: number;
  /** Fewest and most values (seeds) in a stratum; 0 when empty. */
  seedsMin: number;
  seedsMax: number;
}

/**
 * Aggregate the values of one entry, grouped in strata (one per case): the
 * pooled mean, the IQM, and the 95 % stratified t-interval of the pooled
 * mean (none when a stratum has a single seed).
 *
 * @example
 * ```ts
 * import { aggregate } from "./stats.ts";
 * const a = aggregate([[1, 2, 3], [2, 3, 4]]);
 * console.log(a.mean, a.tasks, a.seedsMin); // 2.5 2 3
 * ```
 */
export function aggregate(strata: number[][]): Aggregate {
  const groups = strata.filter((g) => g.length > 0);
  const all = groups.flat();
  const sizes = groups.map((g) => g.length);
  const counts = {
    tasks: groups.length,
    seedsMin: sizes.length ? Math.min(...sizes) : 0,
    seedsMax: sizes.length ? Math.max(...sizes) : 0,
  };
  if (all.length === 0) return { n: 0, mean: NaN, iqm: NaN, ciLow: NaN, ciHigh: NaN, ...counts };
  const ci = stratifiedTInterval(groups, "pooled");
  return {
    n: all.length,
    mean: mean(all),
    iqm: iqm(all),
    ciLow: ci.ciLow,
    ciHigh: ci.ciHigh,
    ...counts,
  };
}
