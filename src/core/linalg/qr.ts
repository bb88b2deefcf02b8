/**
 * Householder QR decomposition and Haar-random orthogonal matrices.
 *
 * @module
 */

import type { Rng } from "../random.ts";

/**
 * A thin QR decomposition `a = q r`: `q` is `m x n` with orthonormal columns,
 * `r` is `n x n` upper triangular (both row-major).
 */
export interface QR {
  /** `m x n` matrix with orthonormal columns. */
  q: Float64Array;
  /** `n x n` upper-triangular factor. */
  r: Float64Array;
}

/**
 * Thin Householder QR of `a (m x n)`, `m >= n`, in float64.
 *
 * @example
 * ```ts
 * import { householderQR } from "./qr.ts";
 * const { q, r } = householderQR(new Float64Array([3, 4]), 2, 1);
 * console.assert(Math.abs(Math.abs(r[0]) - 5) < 1e-12 && Math.abs(q[0] * r[0] - 3) < 1e-12);
 * ```
 */
export function householderQR(a: Float64Array, m: number, n: number): QR {
  if (!Number.isInteger(m) || !Number.isInteger(n) || n < 1 || m < n) {
    throw new RangeError(`householderQR needs integer m >= n >= 1, got ${m} x ${n}`);
  }
  if (a.length !== m * n) throw new RangeError(`a has length ${a.length}, expected ${m} x ${n}`);
  // Column-major working copy.
  const cols: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = a[i * n + j];
    cols.push(c);
  }
  const vs: Float64Array[] = [];
  const r = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const x = cols[k];
    let norm = 0;
    for (let i = k; i < m; i++) norm = Math.hypot(norm, x[i]);
    const v = new Float64Array(m);
    const alpha = x[k] >= 0 ? -norm : norm;
    for (let i = k; i < m; i++) v[i] = x[i];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    vs.push(v);
    r[k * n + k] = alpha;
    if (vv === 0) continue;
    for (let j = k + 1; j < n; j++) {
      const c = cols[j];
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * c[i];
      s = (2 * s) / vv;
      for (let i = k; i < m; i++) c[i] -= s * v[i];
      r[k * n + j] = c[k];
    }
  }
  // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(m);
    e[j] = 1;
    for (let k = n - 1; k >= 0; k--) {
      const v = vs[k];
      let vv = 0;
      let s = 0;
      for (let i = k; i < m; i++) {
        vv += v[i] * v[i];
        s += v[i] * e[i];
      }
      if (vv === 0) continue;
      s = (2 * s) / vv;
      for (let i = k; i < m; i++) e[i] -= s * v[i];
    }
    for (let i = 0; i < m; i++) q[i * n + j] = e[i];
  }
  return { q, r };
}

/**
 * A Haar-distributed random orthogonal `dim x dim` matrix: QR of a Gaussian
 * matrix drawn from `rng` (row by row), with Q's columns multiplied by the
 * signs of R's diagonal so the factorisation is unique.
 *
 * @example
 * ```ts
 * import { Rng } from "../random.ts";
 * import { randomOrthogonal } from "./qr.ts";
 * const q = randomOrthogonal(3, new Rng(0));
 * console.assert(Math.abs(q[0] * q[0] + q[3] * q[3] + q[6] * q[6] - 1) < 1e-12);
 * ```
 */
export function randomOrthogonal(dim: number, rng: Rng): Float64Array {
  if (!Number.isInteger(dim) || dim < 1) {
    throw new RangeError(`dim must be a positive integer, got ${dim}`);
  }
  const g = rng.normals(dim * dim);
  const { q, r } = householderQR(g, dim, dim);
  for (let j = 0; j < dim; j++) {
    if (r[j * dim + j] < 0) { for (let i = 0; i < dim; i++) q[i * dim + j] = -q[i * dim + j]; }
  }
  return q;
}
