/**
 * Identifiability metrics of an encoder `h = f(x)` against the true latents
 * `z` (Klindt, LeCun, Balestriero 2026; SPEC section 2), in float64.
 *
 * @module
 */

import { trace } from "../linalg/covariance.ts";
import { singularValues } from "../linalg/decompositions.ts";
import { leastSquares } from "../linalg/least_squares.ts";
import {
  centerColumnsSnapped,
  columnMeans,
  crossProduct,
  frobeniusNorm,
  gram,
  transpose,
} from "../linalg/matrix.ts";
import { solveNormalEquations } from "../linalg/normal_equations.ts";

/**
 * The identifiability metrics; keys are those of the reference vectors
 * (`/work/shared/vectors/metrics.json`).
 */
export interface IdentifiabilityMetrics {
  /** R2 of z regressed on [h, 1], pooled (headline). */
  r2_hz: number;
  /** R2 of h regressed on [z, 1], pooled. */
  r2_zh: number;
  /** `||A^T A - I||_F`, A the linear part of h regressed on [z, 1]. */
  orth_err: number;
  /** `orth_err / sqrt(N)`. */
  orth_err_normalized: number;
  /** Procrustes MSE: `mean_i ||h_i - Q z_i||^2`, Q = U V^T from the SVD of h^T z / n (uncentred). */
  procrustes_mse: number;
  /** `eps = ||Cov(h) - I||_F` (unbiased covariance). */
  epsilon: number;
  /** `L_h = mean_i ||h'_i - h_i||^2`, h' the encoding of one OU step from the same z. */
  L_h: number;
  /** `delta = max(L_h - 2 (1 - rho) tr Cov(h), 0)`. */
  delta: number;
  /** `D = delta / (2 rho (1 - rho))`. */
  D_bound: number;
  /** `bound = D + (eps + D)^2`. */
  approx_bound: number;
  /** `tr Cov(h)`. */
  trace_cov: number;
  /** `procrustes_mse <= approx_bound` (the theorem's claim for Gaussian latents). */
  procrustes_within_bound: boolean;
}

/** The numeric metric keys, in the reference vectors' order. */
export const IDENTIFIABILITY_KEYS = [
  "r2_zh",
  "r2_hz",
  "orth_err",
  "orth_err_normalized",
  "epsilon",
  "delta",
  "D_bound",
  "approx_bound",
  "procrustes_mse",
  "L_h",
  "trace_cov",
] as const;

/**
 * All identifiability metrics of SPEC section 2 from latents `z`, encodings
 * `h = f(g(z'))` and `hPrime` (encodings after one more OU step from the same
 * z), each `n x dim` row-major, and the OU correlation `rho`. Regressions are
 * affine least squares; covariances unbiased; the Procrustes fit is uncentred
 * (as in the paper's code — the reference vectors decide).
 *
 * Cost: three centred Gram/cross-product passes (about 2 n dim^2 multiply-adds)
 * shared by both regressions, the covariance and the Procrustes fit, plus
 * O(dim^3) work (the singular values of one dim x dim matrix). Regressions solve the normal equations
 * when the design's scaled condition number is at most 1e6 and use
 * Householder QR (as `r2Pooled` does) otherwise.
 *
 * @example
 * ```ts
 * import { identifiabilityMetrics } from "./identifiability.ts";
 * const z = new Float64Array([1, 0, 0, 1, -1, 0, 0, -1, 0.5, 0.5]);
 * const h = z.map((v, i) => (i % 2 === 0 ? z[i + 1] : -z[i - 1]));
 * const m = identifiabilityMetrics(z, h, h, 5, 2, 0.95);
 * console.assert(Math.abs(m.r2_hz - 1) < 1e-12 && m.procrustes_mse < 1e-12);
 * ```
 */
export function identifiabilityMetrics(
  z: Float64Array,
  h: Float64Array,
  hPrime: Float64Array,
  n: number,
  dim: number,
  rho: number,
): IdentifiabilityMetrics {
  if (!Number.isInteger(dim) || dim < 1) {
    throw new RangeError(`dim must be a positive integer, got ${dim}`);
  }
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n must be an integer >= 2, got ${n}`);
  for (const [name, a] of [["z", z], ["h", h], ["hPrime", hPrime]] as const) {
    if (a.length !== n * dim) {
      throw new RangeError(`${name} has length ${a.length}, expected ${n} x ${dim}`);
    }
  }
  if (!(rho > 0 && rho < 1)) throw new RangeError(`rho must lie in (0, 1), got ${rho}`);

  const hc = centerColumnsSnapped(h, n, dim);
  const zc = centerColumnsSnapped(z, n, dim);
  const ghh = gram(hc, n, dim);
  const gzz = gram(zc, n, dim);
  const ghz = crossProduct(hc, zc, n, dim, dim);
  const sstH = trace(ghh, dim);
  const sstZ = trace(gzz, dim);

  // Affine regressions from the shared Grams; Householder QR when the design
  // is ill-conditioned (or collapsed).
  const fit = (
    x: Float64Array,
    y: Float64Array,
    gxx: Float64Array,
    gxy: Float64Array,
    sst: number,
  ) => {
    const ne = solveNormalEquations(gxx, gxy, dim, dim);
    if (ne) {
      return { coef: ne.coef, r2: sst === 0 ? NaN : 1 - Math.max(sst - ne.explained, 0) / sst };
    }
    const qr = leastSquares(x, y, n, dim, dim);
    return { coef: qr.coef, r2: qr.sst === 0 ? NaN : 1 - qr.ssr / qr.sst };
  };
  const r2_hz = fit(h, z, ghh, ghz, sstZ).r2; // z on [h, 1]
  const zh = fit(z, h, gzz, transpose(ghz, dim, dim), sstH); // h on [z, 1]
  const r2_zh = zh.r2;

  // Orthogonality: A = coef (dim x dim); ||A^T A - I||_F.
  const a = zh.coef;
  const ata = crossProduct(a, a, dim, dim, dim);
  for (let i = 0; i < dim; i++) ata[i * dim + i] -= 1;
  const orth_err = frobeniusNorm(ata);

  // Procrustes: M = h^T z / n = U S V^T, Q = U V^T, and
  // mean ||h_i - Q z_i||^2 = (||h||_F^2 + ||z||_F^2 - 2 n tr(M^T Q)) / n = (...) - 2 sum(S).
  const mh = columnMeans(h, n, dim);
  const mz = columnMeans(z, n, dim);
  const m = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) m[i * dim + j] = ghz[i * dim + j] / n + mh[i] * mz[j];
  }
  const s = singularValues(m, dim, dim);
  let h2 = sstH / n;
  let z2 = sstZ / n;
  for (let i = 0; i < dim; i++) {
    h2 += mh[i] * mh[i];
    z2 += mz[i] * mz[i];
  }
  let sumS = 0;
  for (const v of s) sumS += v;
  const procrustes_mse = Math.max(h2 + z2 - 2 * sumS, 0);

  const cov = ghh.map((v) => v / (n - 1));
  const trace_cov = trace(cov, dim);
  for (let i = 0; i < dim; i++) cov[i * dim + i] -= 1;
  const epsilon = frobeniusNorm(cov);

  let lh = 0;
  for (let i = 0; i < n * dim; i++) {
    const d = hPrime[i] - h[i];
    lh += d * d;
  }
  const L_h = lh / n;
  const delta = Math.max(L_h - 2 * (1 - rho) * trace_cov, 0);
  const D_bound = delta / (2 * rho * (1 - rho));
  const approx_bound = D_bound + (epsilon + D_bound) ** 2;

  return {
    r2_hz,
    r2_zh,
    orth_err,
    orth_err_normalized: orth_err / Math.sqrt(dim),
    procrustes_mse,
    epsilon,
    L_h,
    delta,
    D_bound,
    approx_bound,
    trace_cov,
    procrustes_within_bound: procrustes_mse <= approx_bound,
  };
}
