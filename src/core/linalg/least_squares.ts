/**
 * Affine least squares in float64 by Householder QR with column pivoting.
 *
 * @module
 */

import { centerColumnsSnapped, columnMeans } from "./matrix.ts";

/** Result of {@link leastSquares}: `y ≈ x @ coef + intercept`. */
export interface LeastSquaresFit {
  /** Linear part, `dx x dy` row-major (`y ≈ x coef + intercept`). */
  coef: Float64Array;
  /** Intercept, length `dy` (zeros when fitted without one). */
  intercept: Float64Array;
  /** Numerical rank of the (centred) design found by the pivoted QR. */
  rank: number;
  /** Sum of squared residuals over all samples and coordinates. */
  ssr: number;
  /** Sum of squares of `y` about its column means (or about 0 without intercept). */
  sst: number;
}

/**
 * Least squares fit of `y (n x dy)` on `[x (n x dx), 1]` (or on `x` alone when
 * `intercept: false`). With an intercept, both sides are centred first (which
 * gives the same fit exactly) and the centred design is factorised by
 * Householder QR with column pivoting; columns of x or y whose centred norm is
 * at rounding level of their raw norm count as constant (see
 * `centerColumnsSnapped`), and the rank is cut at
 * `max(n, dx) * eps` relative to the largest pivot, so a collapsed (constant)
 * `x` explains nothing. Rank-deficient designs get the basic solution (zero
 * coefficients for dropped columns); residuals are the unique least-squares ones.
 *
 * @example
 * ```ts
 * import { leastSquares } from "./least_squares.ts";
 * const x = new Float64Array([0, 1, 2, 3]);
 * const y = new Float64Array([1, 3, 5, 7]);
 * const fit = leastSquares(x, y, 4, 1, 1);
 * console.assert(Math.abs(fit.coef[0] - 2) < 1e-12 && Math.abs(fit.intercept[0] - 1) < 1e-12);
 * ```
 */
export function leastSquares(
  x: Float64Array,
  y: Float64Array,
  n: number,
  dx: number,
  dy: number,
  opts: { intercept?: boolean } = {},
): LeastSquaresFit {
  const withIntercept = opts.intercept ?? true;
  for (const [name, v] of [["n", n], ["dx", dx], ["dy", dy]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${v}`);
    }
  }
  if (x.length !== n * dx) throw new RangeError(`x has length ${x.length}, expected ${n} x ${dx}`);
  if (y.length !== n * dy) throw new RangeError(`y has length ${y.length}, expected ${n} x ${dy}`);
  const xm = withIntercept ? columnMeans(x, n, dx) : new Float64Array(dx);
  const ym = withIntercept ? columnMeans(y, n, dy) : new Float64Array(dy);
  const eps = 2.220446049250313e-16;

  // Column-major centred copies; constant columns (up to rounding) become zero.
  const xs = withIntercept ? centerColumnsSnapped(x, n, dx) : x;
  const ys = withIntercept ? centerColumnsSnapped(y, n, dy) : y;
  const xc: Float64Array[] = [];
  const norms = new Float64Array(dx);
  for (let j = 0; j < dx; j++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = xs[i * dx + j];
    xc.push(c);
  }
  const yc: Float64Array[] = [];
  let sst = 0;
  for (let j = 0; j < dy; j++) {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      c[i] = ys[i * dy + j];
      sst += c[i] * c[i];
    }
    yc.push(c);
  }

  const perm = Array.from({ length: dx }, (_, j) => j);
  const kmax = Math.min(n, dx);
  const rdiag = new Float64Array(kmax);
  const rup: Float64Array[] = []; // rows of R (length dx each, in pivoted column order)
  let rank = 0;
  let tol = 0;
  for (let k = 0; k < kmax; k++) {
    // Pivot: the remaining column of largest residual norm (recomputed exactly).
    let best = k;
    let bestNorm = -1;
    for (let j = k; j < dx; j++) {
      const c = xc[j];
      let s = 0;
      for (let i = k; i < n; i++) s += c[i] * c[i];
      norms[j] = s;
      if (s > bestNorm) {
        bestNorm = s;
        best = j;
      }
    }
    const colNorm = Math.sqrt(bestNorm);
    if (k === 0) tol = Math.max(n, dx) * eps * colNorm;
    if (!(colNorm > tol) || colNorm === 0) break;
    if (best !== k) {
      [xc[k], xc[best]] = [xc[best], xc[k]];
      [perm[k], perm[best]] = [perm[best], perm[k]];
      for (const row of rup) [row[k], row[best]] = [row[best], row[k]];
    }
    const v = xc[k];
    const alpha = v[k] >= 0 ? -colNorm : colNorm;
    v[k] -= alpha; // v now holds the Householder vector on rows k..n-1
    let vv = 0;
    for (let i = k; i < n; i++) vv += v[i] * v[i];
    const row = new Float64Array(dx);
    row[k] = alpha;
    const apply = (c: Float64Array) => {
      let s = 0;
      for (let i = k; i < n; i++) s += v[i] * c[i];
      s = (2 * s) / vv;
      for (let i = k; i < n; i++) c[i] -= s * v[i];
    };
    for (let j = k + 1; j < dx; j++) {
      apply(xc[j]);
      row[j] = xc[j][k];
    }
    for (let j = 0; j < dy; j++) apply(yc[j]);
    rup.push(row);
    rdiag[k] = alpha;
    rank = k + 1;
  }

  // Back substitution R11 b = (Q^T y)[0..rank).
  const coef = new Float64Array(dx * dy);
  let ssr = 0;
  for (let j = 0; j < dy; j++) {
    const qty = yc[j];
    const b = new Float64Array(rank);
    for (let k = rank - 1; k >= 0; k--) {
      let s = qty[k];
      const row = rup[k];
      for (let l = k + 1; l < rank; l++) s -= row[l] * b[l];
      b[k] = s / rdiag[k];
    }
    for (let k = 0; k < rank; k++) coef[perm[k] * dy + j] = b[k];
    for (let i = rank; i < n; i++) ssr += qty[i] * qty[i];
  }
  const intercept = new Float64Array(dy);
  if (withIntercept) {
    for (let j = 0; j < dy; j++) {
      let s = ym[j];
      for (let p = 0; p < dx; p++) s -= xm[p] * coef[p * dy + j];
      intercept[j] = s;
    }
  }
  return { coef, intercept, rank, ssr, sst };
}
