/**
 * The standard normal distribution in float64: density, CDF, log-CDF and
 * quantile, for the CDF-based univariate tests (Cramér–von Mises,
 * Anderson–Darling) and the sliced Wasserstein quantiles.
 *
 * erfc is the Chebyshev fit of Numerical Recipes (2nd ed., section 6.2,
 * fractional error below 1.2e-7 everywhere), written in exp form so that its
 * logarithm stays accurate far in the tails; the quantile is Acklam's rational
 * approximation (relative error below 1.15e-9).
 *
 * @module
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log erfc(z) for z >= 0 (exp-form Chebyshev fit, fractional error < 1.2e-7). */
function logErfcNonNeg(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
                                t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - z * z + poly;
}

/**
 * Standard normal density phi(x).
 *
 * @example
 * ```ts
 * import { normalPdf } from "./normal.ts";
 * console.assert(Math.abs(normalPdf(0) - 0.3989422804) < 1e-9);
 * ```
 */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
}

/**
 * log Phi(x), accurate in the far left tail (no underflow to -Infinity
 * before x of about -1e150).
 *
 * @example
 * ```ts
 * import { normalLogCdf } from "./normal.ts";
 * console.assert(Math.abs(normalLogCdf(0) - Math.log(0.5)) < 1e-6);
 * ```
 */
export function normalLogCdf(x: number): number {
  const z = -x / Math.SQRT2;
  if (z >= 0) return Math.LN2 * -1 + logErfcNonNeg(z);
  return Math.log1p(-0.5 * Math.exp(logErfcNonNeg(-z)));
}

/**
 * Phi(x), the standard normal CDF.
 *
 * @example
 * ```ts
 * import { normalCdf } from "./normal.ts";
 * console.assert(Math.abs(normalCdf(1.959963985) - 0.975) < 1e-6);
 * ```
 */
export function normalCdf(x: number): number {
  const z = -x / Math.SQRT2;
  if (z >= 0) return 0.5 * Math.exp(logErfcNonNeg(z));
  return 1 - 0.5 * Math.exp(logErfcNonNeg(-z));
}

const A = [
  -3.969683028665376e+01,
  2.209460984245205e+02,
  -2.759285104469687e+02,
  1.383577518672690e+02,
  -3.066479806614716e+01,
  2.506628277459239e+00,
];
const B = [
  -5.447609879822406e+01,
  1.615858368580409e+02,
  -1.556989798598866e+02,
  6.680131188771972e+01,
  -1.328068155288572e+01,
];
const C = [
  -7.784894002430293e-03,
  -3.223964580411365e-01,
  -2.400758277161838e+00,
  -2.549732539343734e+00,
  4.374664141464968e+00,
  2.938163982698783e+00,
];
const D = [
  7.784695709041462e-03,
  3.224671290700398e-01,
  2.445134137142996e+00,
  3.754408661907416e+00,
];

/**
 * Phi^-1(p) for p in (0, 1) (Acklam's approximation); RangeError outside.
 * Equals sqrt(2) erfinv(2p - 1).
 *
 * @example
 * ```ts
 * import { normalQuantile } from "./normal.ts";
 * console.assert(Math.abs(normalQuantile(0.975) - 1.959963985) < 1e-8);
 * ```
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must lie in (0, 1), got ${p}`);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}
