/**
 * Descriptive statistics: mean, standard deviation, quantiles and the
 * interquartile mean (IQM) of rliable (Agarwal et al. 2021).
 *
 * @module
 */

function finiteValues(values: readonly number[], what: string): void {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`${what} needs finite values, got ${v}`);
  }
}

/**
 * Arithmetic mean; NaN for an empty array.
 *
 * @example
 * ```ts
 * import { mean } from "./descriptive.ts";
 * console.assert(mean([1, 2, 3]) === 2);
 * ```
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * Sample standard deviation with the unbiased (n - 1) variance; NaN for n < 2.
 *
 * @example
 * ```ts
 * import { std } from "./descriptive.ts";
 * console.assert(std([1, 3]) === Math.SQRT2);
 * ```
 */
export function std(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let s = 0;
  for (const v of values) s += (v - m) * (v - m);
  return Math.sqrt(s / (n - 1));
}

/**
 * Quantile `q` in [0, 1] by linear interpolation between order statistics
 * (numpy's default, Hyndman–Fan type 7); NaN for an empty array.
 *
 * @example
 * ```ts
 * import { quantile } from "./descriptive.ts";
 * console.assert(quantile([1, 2, 3, 4], 0.5) === 2.5);
 * ```
 */
export function quantile(values: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must lie in [0, 1], got ${q}`);
  if (values.length === 0) return NaN;
  finiteValues(values, "quantile");
  return sortedQuantile(Float64Array.from(values).sort(), q);
}

/**
 * Quantile `q` of values already sorted ascending (type 7, no checks).
 *
 * @example
 * ```ts
 * import { sortedQuantile } from "./descriptive.ts";
 * console.assert(sortedQuantile([0, 10], 0.25) === 2.5);
 * ```
 */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const f = pos - lo;
  return f === 0 ? sorted[lo] : sorted[lo] + f * (sorted[hi] - sorted[lo]);
}

/**
 * Interquartile mean: the 25 % trimmed mean of rliable (scipy's
 * `trim_mean(x, 0.25)`): sort, drop `floor(n / 4)` values from each end,
 * average the rest. NaN for an empty array.
 *
 * @example
 * ```ts
 * import { iqm } from "./descriptive.ts";
 * console.assert(iqm([100, 1, 2, 3, 4, 5, 6, -100]) === 3.5);
 * ```
 */
export function iqm(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return NaN;
  finiteValues(values, "iqm");
  const sorted = Float64Array.from(values).sort();
  const cut = Math.floor(0.25 * n);
  let s = 0;
  for (let i = cut; i < n - cut; i++) s += sorted[i];
  return s / (n - 2 * cut);
}
