/**
 * Percentile bootstrap confidence intervals (plain, stratified as in rliable,
 * and for a difference of means), deterministic given a seed.
 *
 * @module
 */

import { Rng } from "../random.ts";
import { mean, sortedQuantile } from "./descriptive.ts";

/** Options of the bootstrap functions. */
export interface BootstrapOptions {
  /** Confidence level in (0, 1). Default 0.95. */
  level?: number;
  /** Number of bootstrap resamples. Default 2000. */
  resamples?: number;
  /** Seed of the resampling {@link Rng}. Default 0. */
  seed?: number | string;
}

/** A point estimate with a confidence interval. */
export interface Interval {
  /** The statistic on the original data. */
  estimate: number;
  /** Lower end of the interval. */
  ciLow: number;
  /** Upper end of the interval. */
  ciHigh: number;
}

function resolve(
  opts: BootstrapOptions,
): { level: number; resamples: number; seed: number | string } {
  const level = opts.level ?? 0.95;
  const resamples = opts.resamples ?? 2000;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  return { level, resamples, seed: opts.seed ?? 0 };
}

function percentileInterval(stats: Float64Array, level: number): [number, number] {
  stats.sort();
  const a = (1 - level) / 2;
  return [sortedQuantile(stats, a), sortedQuantile(stats, 1 - a)];
}

function resample(values: readonly number[], rng: Rng, out: number[]): number[] {
  const n = values.length;
  for (let i = 0; i < n; i++) out[i] = values[rng.int(n)];
  return out;
}

function checkFinite(values: readonly number[], what: string): void {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`${what} needs finite values, got ${v}`);
  }
}

/**
 * Percentile bootstrap CI of `stat` (default: the mean) over `values`.
 * Empty input gives NaNs; a single value gives `[v, v]` for the mean.
 *
 * @example
 * ```ts
 * import { bootstrapCI } from "./bootstrap.ts";
 * const ci = bootstrapCI([1, 2, 3, 4, 5], undefined, { seed: 1 });
 * console.assert(ci.ciLow <= 3 && 3 <= ci.ciHigh);
 * ```
 */
export function bootstrapCI(
  values: readonly number[],
  stat: (values: readonly number[]) => number = mean,
  opts: BootstrapOptions = {},
): Interval {
  const { level, resamples, seed } = resolve(opts);
  if (values.length === 0) return { estimate: NaN, ciLow: NaN, ciHigh: NaN };
  checkFinite(values, "bootstrapCI");
  const rng = new Rng(seed, "bootstrap");
  const stats = new Float64Array(resamples);
  const buf = new Array<number>(values.length);
  for (let b = 0; b < resamples; b++) stats[b] = stat(resample(values, rng, buf));
  const [ciLow, ciHigh] = percentileInterval(stats, level);
  return { estimate: stat(values), ciLow, ciHigh };
}

/**
 * Pooled mean of groups, the default statistic of {@link stratifiedBootstrapCI}.
 *
 * @example
 * ```ts
 * import { pooledMean } from "./bootstrap.ts";
 * console.assert(pooledMean([[1, 2], [3]]) === 2);
 * ```
 */
export function pooledMean(groups: readonly (readonly number[])[]): number {
  return mean(groups.flat());
}

/**
 * Stratified percentile bootstrap (rliable): each resample draws, within
 * every group (task), as many runs as the group has, with replacement; `stat`
 * maps the resampled groups to a number (default: pooled mean; e.g.
 * `(g) => iqm(g.flat())` for rliable's IQM).
 *
 * @example
 * ```ts
 * import { stratifiedBootstrapCI } from "./bootstrap.ts";
 * const ci = stratifiedBootstrapCI([[1, 2, 3], [10, 11, 12]], undefined, { seed: 2 });
 * console.assert(ci.estimate === 6.5 && ci.ciLow < 6.5 && ci.ciHigh > 6.5);
 * ```
 */
export function stratifiedBootstrapCI(
  groups: readonly (readonly number[])[],
  stat: (groups: readonly (readonly number[])[]) => number = pooledMean,
  opts: BootstrapOptions = {},
): Interval {
  const { level, resamples, seed } = resolve(opts);
  const nonEmpty = groups.filter((g) => g.length > 0);
  if (nonEmpty.length === 0) return { estimate: NaN, ciLow: NaN, ciHigh: NaN };
  for (const g of nonEmpty) checkFinite(g, "stratifiedBootstrapCI");
  const rng = new Rng(seed, "stratified-bootstrap");
  const stats = new Float64Array(resamples);
  const bufs = nonEmpty.map((g) => new Array<number>(g.length));
  for (let b = 0; b < resamples; b++) {
    nonEmpty.forEach((g, k) => resample(g, rng, bufs[k]));
    stats[b] = stat(bufs);
  }
  const [ciLow, ciHigh] = percentileInterval(stats, level);
  return { estimate: stat(nonEmpty), ciLow, ciHigh };
}

/** Difference `mean(b) - mean(a)` with its bootstrap CI. */
export interface DifferenceCI {
  /** `mean(b) - mean(a)` on the data. */
  diff: number;
  /** Lower end of the CI. */
  ciLow: number;
  /** Upper end of the CI. */
  ciHigh: number;
}

/**
 * Percentile bootstrap CI of `mean(b) - mean(a)`, resampling `a` and `b`
 * independently (a = baseline, b = candidate). Either side empty gives NaNs.
 *
 * @example
 * ```ts
 * import { differenceCI } from "./bootstrap.ts";
 * const d = differenceCI([1, 2, 3], [11, 12, 13], { seed: 4 });
 * console.assert(d.diff === 10 && d.ciLow > 8 && d.ciHigh < 12);
 * ```
 */
export function differenceCI(
  a: readonly number[],
  b: readonly number[],
  opts: BootstrapOptions = {},
): DifferenceCI {
  const { level, resamples, seed } = resolve(opts);
  if (a.length === 0 || b.length === 0) return { diff: NaN, ciLow: NaN, ciHigh: NaN };
  checkFinite(a, "differenceCI");
  checkFinite(b, "differenceCI");
  const rngA = new Rng(seed, "difference", "a");
  const rngB = new Rng(seed, "difference", "b");
  const stats = new Float64Array(resamples);
  const bufA = new Array<number>(a.length);
  const bufB = new Array<number>(b.length);
  for (let r = 0; r < resamples; r++) {
    stats[r] = mean(resample(b, rngB, bufB)) - mean(resample(a, rngA, bufA));
  }
  const [ciLow, ciHigh] = percentileInterval(stats, level);
  return { diff: mean(b) - mean(a), ciLow, ciHigh };
}

/**
 * Percentile bootstrap CI of a two-sample statistic `stat(a, b)`, resampling
 * `a` and `b` independently with streams derived from `opts.seed` and `label`.
 * Either side empty gives NaNs.
 *
 * @example
 * ```ts
 * import { twoSampleBootstrapCI } from "./bootstrap.ts";
 * const ratio = (a: readonly number[], b: readonly number[]) => b[0] / a[0];
 * const ci = twoSampleBootstrapCI([2, 2], [4, 4], ratio, { seed: 1 });
 * console.assert(ci.estimate === 2 && ci.ciLow === 2 && ci.ciHigh === 2);
 * ```
 */
export function twoSampleBootstrapCI(
  a: readonly number[],
  b: readonly number[],
  stat: (a: readonly number[], b: readonly number[]) => number,
  opts: BootstrapOptions = {},
  label = "two-sample",
): Interval {
  const { level, resamples, seed } = resolve(opts);
  if (a.length === 0 || b.length === 0) return { estimate: NaN, ciLow: NaN, ciHigh: NaN };
  checkFinite(a, label);
  checkFinite(b, label);
  const rngA = new Rng(seed, label, "a");
  const rngB = new Rng(seed, label, "b");
  const stats = new Float64Array(resamples);
  const bufA = new Array<number>(a.length);
  const bufB = new Array<number>(b.length);
  for (let r = 0; r < resamples; r++) {
    stats[r] = stat(resample(a, rngA, bufA), resample(b, rngB, bufB));
  }
  const [ciLow, ciHigh] = percentileInterval(stats, level);
  return { estimate: stat(a, b), ciLow, ciHigh };
}
