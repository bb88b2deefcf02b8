/**
 * Singular value and symmetric eigen decompositions of small matrices
 * (wrappers over ml-matrix; keep these to `N x N` sizes — an SVD of
 * 1024 x 1024 takes seconds).
 *
 * @module
 */

import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from "ml-matrix";

/** Result of {@link svd}: `a = u diag(s) v^T`. */
export interface SVD {
  /** `m x k` left singular vectors, row-major, `k = min(m, n)`. */
  u: Float64Array;
  /** `k` singular values, descending. */
  s: Float64Array;
  /** `n x k` right singular vectors, row-major. */
  v: Float64Array;
}

function toMatrix(a: Float64Array, m: number, n: number): Matrix {
  if (a.length !== m * n) {
    throw new RangeError(`matrix has length ${a.length}, expected ${m} x ${n}`);
  }
  return Matrix.from1DArray(m, n, Array.from(a));
}

/**
 * Thin singular value decomposition of `a (m x n)`, row-major, float64.
 *
 * @example
 * ```ts
 * import { svd } from "./decompositions.ts";
 * const { s } = svd(new Float64Array([3, 0, 0, 4]), 2, 2);
 * console.assert(Math.abs(s[0] - 4) < 1e-12 && Math.abs(s[1] - 3) < 1e-12);
 * ```
 */
export function svd(a: Float64Array, m: number, n: number): SVD {
  const k = Math.min(m, n);
  const dec = new SingularValueDecomposition(toMatrix(a, m, n), { autoTranspose: true });
  const diag = dec.diagonal;
  // ml-matrix returns values in descending order; sort defensively with vectors.
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => diag[y] - diag[x]);
  const uFull = dec.leftSingularVectors;
  const vFull = dec.rightSingularVectors;
  const u = new Float64Array(m * k);
  const v = new Float64Array(n * k);
  const s = new Float64Array(k);
  order.forEach((src, dst) => {
    s[dst] = diag[src];
    for (let i = 0; i < m; i++) u[i * k + dst] = uFull.get(i, src);
    for (let i = 0; i < n; i++) v[i * k + dst] = vFull.get(i, src);
  });
  return { u, s, v };
}

/**
 * Singular values of `a (m x n)`, descending (no singular vectors: about three
 * times faster than {@link svd}).
 *
 * @example
 * ```ts
 * import { singularValues } from "./decompositions.ts";
 * const s = singularValues(new Float64Array([0, 2, 1, 0]), 2, 2);
 * console.assert(Math.abs(s[0] - 2) < 1e-12 && Math.abs(s[1] - 1) < 1e-12);
 * ```
 */
export function singularValues(a: Float64Array, m: number, n: number): Float64Array {
  const dec = new SingularValueDecomposition(toMatrix(a, m, n), {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  });
  return Float64Array.from(dec.diagonal).sort((x, y) => y - x);
}

/**
 * Eigenvalues of a symmetric `d x d` matrix, descending.
 *
 * @example
 * ```ts
 * import { symmetricEigenvalues } from "./decompositions.ts";
 * const e = symmetricEigenvalues(new Float64Array([2, 1, 1, 2]), 2);
 * console.assert(Math.abs(e[0] - 3) < 1e-12 && Math.abs(e[1] - 1) < 1e-12);
 * ```
 */
export function symmetricEigenvalues(a: Float64Array, d: number): Float64Array {
  const dec = new EigenvalueDecomposition(toMatrix(a, d, d), { assumeSymmetric: true });
  return Float64Array.from(dec.realEigenvalues).sort((x, y) => y - x);
}
