/**
 * The statistics the dashboard shows, in the shapes its views need, all
 * computed by `src/core/stats` (SPEC section 6): mean, IQM, 95 % stratified
 * bootstrap CI (strata = cases, resampling seeds within each), bootstrap CI
 * of a difference, probability of improvement, the margin verdict and
 * change points.
 *
 * @module
 */
import {
  detectChangePoints,
  differenceCI as coreDifferenceCI,
  iqm,
  mean,
  pooledMean,
  probabilityOfImprovement,
  stratifiedBootstrapCI,
  verdict,
} from "../../src/core/stats/mod.ts";

/** Bootstrap resamples used for every interval the dashboard shows. */
export const RESAMPLES = 2000;

/** Mean, IQM and a 95 % stratified bootstrap CI of the mean. */
export interface Aggregate {
  n: number;
  mean: number;
  iqm: number;
  ciLow: number;
  ciHigh: number;
}

/** {@link pooledMean} without the intermediate array (it runs once per resample). */
function fastPooledMean(groups: readonly (readonly number[])[]): number {
  let s = 0, n = 0;
  for (const g of groups) {
    for (let i = 0; i < g.length; i++) s += g[i];
    n += g.length;
  }
  return n === 0 ? pooledMean(groups) : s / n;
}

/**
 * Aggregate the values of one entry, grouped in strata (one per case): the
 * pooled mean, the IQM, and a 95 % stratified bootstrap CI (seeded).
 *
 * @example
 * ```ts
 * import { aggregate } from "./stats.ts";
 * const a = aggregate([[1, 2, 3], [2, 3, 4]], 0);
 * console.log(a.mean); // 2.5
 * ```
 */
export function aggregate(strata: number[][], seed: number): Aggregate {
  const all = strata.flat();
  if (all.length === 0) return { n: 0, mean: NaN, iqm: NaN, ciLow: NaN, ciHigh: NaN };
  const ci = stratifiedBootstrapCI(strata, fastPooledMean, { seed, resamples: RESAMPLES });
  return { n: all.length, mean: mean(all), iqm: iqm(all), ciLow: ci.ciLow, ciHigh: ci.ciHigh };
}

/**
 * Comparison of `a` against `b` on one metric: the difference of means
 * a − b with its 95 % bootstrap CI, P(a better than b) in the metric's
 * direction, and the margin verdict from a's point of view.
 *
 * @example
 * ```ts
 * import { compareSamples } from "./stats.ts";
 * const c = compareSamples([2, 2.1, 1.9], [1, 1.1, 0.9], "higher", 0.1, 0);
 * console.log(c.verdict); // "better"
 * ```
 */
export function compareSamples(
  a: number[],
  b: number[],
  direction: "higher" | "lower",
  margin: number,
  seed: number,
): {
  diff: number;
  ciLow: number;
  ciHigh: number;
  pImprove: number;
  verdict: "better" | "worse" | "no detectable change";
} {
  // core differenceCI(x, y) is mean(y) − mean(x): pass (b, a) for a − b.
  const d = coreDifferenceCI(b, a, { seed, resamples: RESAMPLES });
  // core probabilityOfImprovement(x, y) is P(y > x).
  const pImprove = direction === "higher"
    ? probabilityOfImprovement(b, a)
    : probabilityOfImprovement(a, b);
  return { ...d, pImprove, verdict: verdict(d, Math.max(0, margin), direction) };
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
