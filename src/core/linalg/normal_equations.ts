/**
 * Least squares from centred cross-product (Gram) matrices, for when the
 * Grams are shared with other statistics; declines ill-conditioned designs so
 * callers can fall back to the QR path of {@link leastSquares}.
 *
 * @module
 */

/** Result of {@link solveNormalEquations}. */
export interface NormalEquationsFit {
  /** Coefficients `B = Gxx^{-1} Gxy`, `dx x dy` row-major. */
  coef: Float64Array;
  /** Explained sum of squares `sum_ij B_ij Gxy_ij` (so SSR = SST - explained). */
  explained: number;
  /** Estimated 2-norm condition number of the Jacobi-scaled `Gxx`. */
  condition: number;
}

/**
 * Solve the normal equations `Gxx B = Gxy` of a centred regression (Gxx =
 * Xc^T Xc, `dx x dx`; Gxy = Xc^T Yc, `dx x dy`) by Cholesky of the
 * Jacobi-scaled Gram. Returns null when Gxx is not numerically positive
 * definite or when its scaled condition number, estimated by power and inverse
 * power iteration, exceeds `maxCondition` (default 1e6, so the solution keeps
 * about 10 correct digits): use Householder QR then.
 *
 * @example
 * ```ts
 * import { solveNormalEquations } from "./normal_equations.ts";
 * const fit = solveNormalEquations(new Float64Array([2, 0, 0, 8]), new Float64Array([4, 8]), 2, 1);
 * console.assert(fit !== null && Math.abs(fit.coef[0] - 2) < 1e-12 && Math.abs(fit.coef[1] - 1) < 1e-12);
 * ```
 */
export function solveNormalEquations(
  gxx: Float64Array,
  gxy: Float64Array,
  dx: number,
  dy: number,
  opts: { maxCondition?: number } = {},
): NormalEquationsFit | null {
  const maxCondition = opts.maxCondition ?? 1e6;
  if (gxx.length !== dx * dx) {
    throw new RangeError(`gxx has length ${gxx.length}, expected ${dx} x ${dx}`);
  }
  if (gxy.length !== dx * dy) {
    throw new RangeError(`gxy has length ${gxy.length}, expected ${dx} x ${dy}`);
  }
  const scale = new Float64Array(dx);
  for (let i = 0; i < dx; i++) {
    const d = gxx[i * dx + i];
    if (!(d > 0) || !Number.isFinite(d)) return null;
    scale[i] = 1 / Math.sqrt(d);
  }
  // Cholesky S = L L^T of S = D^-1/2 Gxx D^-1/2 (L lower, row-major).
  const l = new Float64Array(dx * dx);
  for (let i = 0; i < dx; i++) {
    for (let j = 0; j <= i; j++) {
      let s = gxx[i * dx + j] * scale[i] * scale[j];
      const li = i * dx;
      const lj = j * dx;
      for (let k = 0; k < j; k++) s -= l[li + k] * l[lj + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[li + i] = Math.sqrt(s);
      } else {
        l[li + j] = s / l[lj + j];
      }
    }
  }
  const lt = new Float64Array(dx * dx); // L^T, so both sweeps read contiguous rows
  for (let i = 0; i < dx; i++) for (let k = 0; k <= i; k++) lt[k * dx + i] = l[i * dx + k];
  const solve = (b: Float64Array): void => {
    // L w = b, then L^T x = w, in place.
    for (let i = 0; i < dx; i++) {
      let s = b[i];
      const li = i * dx;
      for (let k = 0; k < i; k++) s -= l[li + k] * b[k];
      b[i] = s / l[li + i];
    }
    for (let i = dx - 1; i >= 0; i--) {
      let s = b[i];
      const ti = i * dx;
      for (let k = i + 1; k < dx; k++) s -= lt[ti + k] * b[k];
      b[i] = s / lt[ti + i];
    }
  };
  // Condition estimate: lambda_max by power iteration on S, lambda_min by
  // inverse power iteration (deterministic, non-degenerate start vector).
  const start = () => {
    const v = new Float64Array(dx);
    for (let i = 0; i < dx; i++) v[i] = 1 + 0.5 * Math.sin(1.7 * i + 0.3);
    return v;
  };
  const normalize = (v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < dx; i++) s += v[i] * v[i];
    const nrm = Math.sqrt(s);
    for (let i = 0; i < dx; i++) v[i] /= nrm;
    return nrm;
  };
  let v = start();
  normalize(v);
  let lmax = 0;
  const w = new Float64Array(dx);
  for (let it = 0; it < 30; it++) {
    w.fill(0);
    for (let i = 0; i < dx; i++) {
      let s = 0;
      for (let j = 0; j < dx; j++) s += gxx[i * dx + j] * scale[i] * scale[j] * v[j];
      w[i] = s;
    }
    lmax = normalize(w);
    v.set(w);
  }
  v = start();
  normalize(v);
  let invMin = 0;
  for (let it = 0; it < 30; it++) {
    solve(v);
    invMin = normalize(v);
  }
  const condition = lmax * invMin;
  if (!(condition <= maxCondition)) return null;

  const coef = new Float64Array(dx * dy);
  const col = new Float64Array(dx);
  let explained = 0;
  for (let j = 0; j < dy; j++) {
    for (let i = 0; i < dx; i++) col[i] = gxy[i * dy + j] * scale[i];
    solve(col);
    for (let i = 0; i < dx; i++) {
      const b = col[i] * scale[i];
      coef[i * dy + j] = b;
      explained += b * gxy[i * dy + j];
    }
  }
  return { coef, explained, condition };
}
