/**
 * The statistics the dashboard shows, in the shapes its views need, all
 * computed by `src/core/stats` (SPEC section 6): mean, IQM, the stratified
 * Student-t interval of the mean over tasks (strata = cases, seeds within
 * each), the t-interval of a difference over seeds (paired when both sides ran
 * the same seeds, Welch otherwise), probability of improvement, the margin
 * verdict and change points. No resampling: the numbers are deterministic.
 *
 * @module
 */
import {
  detectChangePoints,
  iqm,
  mean,
  probabilityOfImprovement,
  seedDifferenceInterval,
  stratifiedTInterval,
  verdict,
} from "../../src/core/stats/mod.ts";

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

/**
 * Comparison of `a` against `b` on one metric, values keyed by seed: the
 * difference of means a − b with its 95 % t-interval (paired when both ran
 * the same seeds, Welch otherwise), P(a better than b) in the metric's
 * direction, and the margin verdict from a's point of view.
 *
 * @example
 * ```ts
 * import { compareSamples } from "./stats.ts";
 * const a = new Map([[0, 2], [1, 2.1], [2, 1.9]]);
 * const b = new Map([[0, 1], [1, 1.1], [2, 0.9]]);
 * console.log(compareSamples(a, b, "higher", 0.1).verdict); // "better"
 * ```
 */
export function compareSamples(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
  direction: "higher" | "lower",
  margin: number,
): {
  diff: number;
  ciLow: number;
  ciHigh: number;
  method: "paired" | "welch" | "pooled";
  pImprove: number;
  verdict: "better" | "worse" | "no detectable change";
} {
  // seedDifferenceInterval(x, y) is mean(y) − mean(x): pass (b, a) for a − b.
  const d = seedDifferenceInterval(b, a);
  const xa = [...a.values()];
  const xb = [...b.values()];
  // core probabilityOfImprovement(x, y) is P(y > x).
  const pImprove = direction === "higher"
    ? probabilityOfImprovement(xb, xa)
    : probabilityOfImprovement(xa, xb);
  return {
    diff: d.estimate,
    ciLow: d.ciLow,
    ciHigh: d.ciHigh,
    method: d.method,
    pImprove,
    verdict: verdict(d, Math.max(0, margin), direction),
  };
}

/**
 * Indices where a series starts a new level (optimal-partitioning step fit).
 *
 * @example
 * ```ts
 * import { changePoints } from "./stats.ts";
 * console.log(changePoints([1, 1, 1, 1, 5, 5, 5, 5])); // [4]
 * ```
 */
export function changePoints(series: number[]): number[] {
  return detectChangePoints(series).map((c) => c.index);
}
