/**
 * Student-t confidence intervals over seeds, the per-case intervals of every
 * table (SPEC section 6): one sample (mean ± t·sd/√n), paired on seeds (the
 * one-sample interval of the per-seed differences) and Welch's two-sample
 * interval with Satterthwaite's degrees of freedom. Unlike the percentile
 * bootstrap they hold their nominal coverage with 2–3 seeds on normal data.
 * Fewer than two values give no interval (NaN bounds), never a zero-width one.
 *
 * @module
 */
import { mean, std } from "./descriptive.ts";
import { studentTQuantile } from "./student_t.ts";

/** A mean (or difference of means) with its t-interval. */
export interface TInterval {
  /** The mean (or difference) on the data; NaN without values. */
  estimate: number;
  /** Lower end; NaN when there is no interval (fewer than two values). */
  ciLow: number;
  /** Upper end; NaN when there is no interval. */
  ciHigh: number;
  /** Degrees of freedom (NaN when there is no interval). */
  df: number;
}

/**
 * How a difference interval was formed: paired on shared seeds, Welch for two
 * independent samples of two or more, pooled when one side has a single value.
 */
export type DifferenceMethod = "paired" | "welch" | "pooled";

/** `mean(b) - mean(a)` with its t-interval and how it was formed. */
export interface DifferenceInterval extends TInterval {
  /** `paired` when both sides hold the same seeds, else `welch` (or `pooled` for a lone value). */
  method: DifferenceMethod;
  /** Values on side a and side b. */
  nA: number;
  nB: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), got ${level}`);
}

function checkFinite(values: Iterable<number>, what: string): void {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`${what} needs finite values, got ${v}`);
  }
}

const NONE = { ciLow: NaN, ciHigh: NaN, df: NaN };

/**
 * Student-t interval of the mean: `mean ± t_{(1+level)/2, n-1} · sd / √n`.
 * One value gives the mean with NaN bounds; none gives NaNs.
 *
 * @example
 * ```ts
 * import { tInterval } from "./t_interval.ts";
 * const ci = tInterval([1, 2, 3]); // mean 2, sd 1, t_{0.975,2} = 4.3027
 * console.assert(Math.abs(ci.ciHigh - (2 + 4.302653 / Math.sqrt(3))) < 1e-5);
 * ```
 */
export function tInterval(values: readonly number[], level = 0.95): TInterval {
  checkLevel(level);
  checkFinite(values, "tInterval");
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { estimate: m, ...NONE };
  const half = studentTQuantile((1 + level) / 2, n - 1) * std(values) / Math.sqrt(n);
  return { estimate: m, ciLow: m - half, ciHigh: m + half, df: n - 1 };
}

/**
 * Welch's interval of `mean(b) - mean(a)` for independent samples (unequal
 * variances, Satterthwaite degrees of freedom). Either side with fewer than
 * two values gives NaN bounds; two constant samples give a zero-width interval.
 *
 * @example
 * ```ts
 * import { welchInterval } from "./t_interval.ts";
 * const d = welchInterval([1, 2, 3], [11, 12, 13]);
 * console.assert(d.estimate === 10 && d.ciLow > 7 && d.ciHigh < 13 && d.df === 4);
 * ```
 */
export function welchInterval(
  a: readonly number[],
  b: readonly number[],
  level = 0.95,
): TInterval {
  checkLevel(level);
  checkFinite(a, "welchInterval");
  checkFinite(b, "welchInterval");
  const estimate = mean(b) - mean(a);
  if (a.length < 2 || b.length < 2) return { estimate, ...NONE };
  const va = std(a) ** 2 / a.length;
  const vb = std(b) ** 2 / b.length;
  const v = va + vb;
  if (v === 0) return { estimate, ciLow: estimate, ciHigh: estimate, df: a.length + b.length - 2 };
  const df = (v * v) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  const half = studentTQuantile((1 + level) / 2, df) * Math.sqrt(v);
  return { estimate, ciLow: estimate - half, ciHigh: estimate + half, df };
}

/**
 * The equal-variance (pooled) interval of `mean(b) - mean(a)`, df = n_a + n_b - 2:
 * the one honest interval when a side has a single value (the variance comes
 * from the other side, assuming both share the seed noise). NaN bounds when
 * df < 1 or a side is empty.
 *
 * @example
 * ```ts
 * import { pooledInterval } from "./t_interval.ts";
 * const d = pooledInterval([0.90, 0.91, 0.92], [0.70]); // one new seed against three
 * console.assert(d.df === 2 && d.ciHigh < 0);
 * ```
 */
export function pooledInterval(
  a: readonly number[],
  b: readonly number[],
  level = 0.95,
): TInterval {
  checkLevel(level);
  checkFinite(a, "pooledInterval");
  checkFinite(b, "pooledInterval");
  const estimate = mean(b) - mean(a);
  const df = a.length + b.length - 2;
  if (a.length === 0 || b.length === 0 || df < 1) return { estimate, ...NONE };
  const ss = (xs: readonly number[]) => xs.length < 2 ? 0 : (xs.length - 1) * std(xs) ** 2;
  const sp = Math.sqrt((ss(a) + ss(b)) / df);
  const half = studentTQuantile((1 + level) / 2, df) * sp * Math.sqrt(1 / a.length + 1 / b.length);
  return { estimate, ciLow: estimate - half, ciHigh: estimate + half, df };
}

function sameSeeds(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const s of a.keys()) if (!b.has(s)) return false;
  return true;
}

/**
 * Interval of `mean(b) - mean(a)` over seeds (a = baseline, b = candidate),
 * values keyed by seed: paired (the {@link tInterval} of the per-seed
 * differences `b[s] - a[s]`) when both sides hold the same two or more
 * seeds, Welch ({@link welchInterval}) when the seeds differ and each side has
 * two or more values, pooled ({@link pooledInterval}) when one side has a
 * single value. A single value on both sides gives NaN bounds.
 *
 * @example
 * ```ts
 * import { seedDifferenceInterval } from "./t_interval.ts";
 * const a = new Map([[1, 0.90], [2, 0.95], [3, 0.92]]);
 * const b = new Map([[1, 0.80], [2, 0.86], [3, 0.81]]);
 * const d = seedDifferenceInterval(a, b);
 * console.assert(d.method === "paired" && d.ciHigh < 0);
 * ```
 */
export function seedDifferenceInterval(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
  level = 0.95,
): DifferenceInterval {
  const counts = { nA: a.size, nB: b.size };
  if (sameSeeds(a, b) && a.size >= 2) {
    const diffs = [...a].map(([s, x]) => b.get(s)! - x);
    return { ...tInterval(diffs, level), method: "paired", ...counts };
  }
  const xa = [...a.values()];
  const xb = [...b.values()];
  if (xa.length < 2 || xb.length < 2) {
    return { ...pooledInterval(xa, xb, level), method: "pooled", ...counts };
  }
  return { ...welchInterval(xa, xb, level), method: "welch", ...counts };
}
