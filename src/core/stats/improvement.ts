/**
 * Mann–Whitney U and the probability of improvement (rliable, Agarwal et al. 2021).
 *
 * @module
 */

import { type BootstrapOptions, type Interval, twoSampleBootstrapCI } from "./bootstrap.ts";

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mann–Whitney U statistic of `b` over `a`: the number of pairs (a_i, b_j)
 * with b_j > a_i, plus half the ties. O((n + m) log n).
 *
 * @example
 * ```ts
 * import { mannWhitneyU } from "./improvement.ts";
 * console.assert(mannWhitneyU([1, 2], [2, 3]) === 3.5);
 * ```
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): number {
  for (const v of [...a, ...b]) {
    if (Number.isNaN(v)) throw new RangeError("mannWhitneyU needs values that are not NaN");
  }
  const sa = Float64Array.from(a).sort();
  let u = 0;
  for (const v of b) {
    const less = lowerBound(sa, v);
    const ties = upperBound(sa, v) - less;
    u += less + 0.5 * ties;
  }
  return u;
}

/**
 * Probability of improvement of `b` over `a`: `P(b > a) + P(b = a) / 2` over
 * independent draws, i.e. `U / (n m)`. NaN when either side is empty.
 *
 * @example
 * ```ts
 * import { probabilityOfImprovement } from "./improvement.ts";
 * console.assert(probabilityOfImprovement([1, 2], [3, 4]) === 1);
 * console.assert(probabilityOfImprovement([1, 2], [1, 2]) === 0.5);
 * ```
 */
export function probabilityOfImprovement(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return NaN;
  return mannWhitneyU(a, b) / (a.length * b.length);
}

/**
 * Probability of improvement with a percentile bootstrap CI, resampling `a`
 * and `b` independently (seeded).
 *
 * @example
 * ```ts
 * import { probabilityOfImprovementCI } from "./improvement.ts";
 * const p = probabilityOfImprovementCI([1, 2, 3], [2, 3, 4], { seed: 5 });
 * console.assert(p.ciLow <= p.estimate && p.estimate <= p.ciHigh);
 * ```
 */
export function probabilityOfImprovementCI(
  a: readonly number[],
  b: readonly number[],
  opts: BootstrapOptions = {},
): Interval {
  return twoSampleBootstrapCI(a, b, probabilityOfImprovement, opts, "probability-of-improvement");
}
