/**
 * The scaling exponent of a power law: a least-squares line through
 * (log x, log y). The `perf` command fits time per step against N and batch
 * size with it, and the claims (src/core/analysis/claims/) test a fitted
 * exponent against a declared range with the same function.
 *
 * @module
 */

/** A fitted line through (log x, log y). */
export interface LogLogFit {
  /** The scaling exponent: y ~ x^slope. */
  slope: number;
  /** log y at log x = 0. */
  intercept: number;
  /** Coefficient of determination of the line in log-log space (1 when y is constant). */
  r2: number;
}

/**
 * A least-squares line through (log x, log y): `slope` is the scaling
 * exponent (time ~ x^slope). Points where either log is not finite (x or y
 * not positive) are left out; fewer than two left, mismatched lengths or all
 * x equal are a RangeError.
 *
 * @example
 * ```ts
 * import { fitLogLogSlope } from "./loglog.ts";
 * const { slope } = fitLogLogSlope([1, 2, 4], [3, 12, 48]);
 * console.assert(Math.abs(slope - 2) < 1e-12);
 * ```
 */
export function fitLogLogSlope(xs: readonly number[], ys: readonly number[]): LogLogFit {
  if (xs.length !== ys.length) {
    throw new RangeError(`fitLogLogSlope: ${xs.length} x values but ${ys.length} y values`);
  }
  const pts = xs.map((x, i) => [Math.log(x), Math.log(ys[i])]).filter(([a, b]) =>
    Number.isFinite(a) && Number.isFinite(b)
  );
  if (pts.length < 2) {
    throw new RangeError(`fitLogLogSlope: need at least 2 positive points, got ${pts.length}`);
  }
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p[0], 0) / n;
  const my = pts.reduce((s, p) => s + p[1], 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [a, b] of pts) {
    sxx += (a - mx) ** 2;
    sxy += (a - mx) * (b - my);
    syy += (b - my) ** 2;
  }
  if (sxx === 0) throw new RangeError("fitLogLogSlope: all x values are equal");
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}
