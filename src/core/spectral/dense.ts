/**
 * A minimal row-major float64 matrix and the few products the spectral code
 * needs, written so that the inner loops run over contiguous memory and skip
 * zero entries of the left operand (co-occurrence matrices are often sparse).
 *
 * @module
 */

/**
 * A row-major matrix: entry (i, j) is `data[i * cols + j]`.
 *
 * @example
 * ```ts
 * import type { DenseMatrix } from "./dense.ts";
 * const eye: DenseMatrix = { rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) };
 * ```
 */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/**
 * Allocate a rows x cols matrix (zeros, or wrapping `data` after a length check).
 *
 * @example
 * ```ts
 * import { dense } from "./dense.ts";
 * console.assert(dense(2, 3).data.length === 6);
 * ```
 */
export function dense(rows: number, cols: number, data?: Float64Array): DenseMatrix {
  if (!(Number.isInteger(rows) && rows >= 0 && Number.isInteger(cols) && cols >= 0)) {
    throw new RangeError(`matrix shape must be non-negative integers, got ${rows} x ${cols}`);
  }
  if (data && data.length !== rows * cols) {
    throw new RangeError(`matrix data must have length ${rows * cols}, got ${data.length}`);
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

/**
 * The product A B.
 *
 * @example
 * ```ts
 * import { dense, matmul } from "./dense.ts";
 * const a = dense(1, 2, new Float64Array([1, 2]));
 * const b = dense(2, 1, new Float64Array([3, 4]));
 * console.assert(matmul(a, b).data[0] === 11);
 * ```
 */
export function matmul(A: DenseMatrix, B: DenseMatrix): DenseMatrix {
  if (A.cols !== B.rows) {
    throw new RangeError(`matmul shapes ${A.rows}x${A.cols} and ${B.rows}x${B.cols} do not chain`);
  }
  const m = A.rows;
  const n = A.cols;
  const l = B.cols;
  const out = new Float64Array(m * l);
  const a = A.data;
  const b = B.data;
  for (let i = 0; i < m; i++) {
    const oi = i * l;
    for (let j = 0; j < n; j++) {
      const x = a[i * n + j];
      if (x === 0) continue;
      const bj = j * l;
      for (let c = 0; c < l; c++) out[oi + c] += x * b[bj + c];
    }
  }
  return { rows: m, cols: l, data: out };
}

/**
 * The product A^T B without forming A^T.
 *
 * @example
 * ```ts
 * import { dense, matmulTransA } from "./dense.ts";
 * const a = dense(2, 1, new Float64Array([1, 2]));
 * console.assert(matmulTransA(a, a).data[0] === 5);
 * ```
 */
export function matmulTransA(A: DenseMatrix, B: DenseMatrix): DenseMatrix {
  if (A.rows !== B.rows) {
    throw new RangeError(
      `matmulTransA shapes ${A.rows}x${A.cols} and ${B.rows}x${B.cols} do not chain`,
    );
  }
  const m = A.rows;
  const n = A.cols;
  const l = B.cols;
  const out = new Float64Array(n * l);
  const a = A.data;
  const b = B.data;
  for (let i = 0; i < m; i++) {
    const bi = i * l;
    for (let j = 0; j < n; j++) {
      const x = a[i * n + j];
      if (x === 0) continue;
      const oj = j * l;
      for (let c = 0; c < l; c++) out[oj + c] += x * b[bi + c];
    }
  }
  return { rows: n, cols: l, data: out };
}

/**
 * The transpose.
 *
 * @example
 * ```ts
 * import { dense, transpose } from "./dense.ts";
 * console.assert(transpose(dense(2, 3)).rows === 3);
 * ```
 */
export function transpose(A: DenseMatrix): DenseMatrix {
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) out[j * A.rows + i] = A.data[i * A.cols + j];
  }
  return { rows: A.cols, cols: A.rows, data: out };
}

/**
 * The first `k` columns of A.
 *
 * @example
 * ```ts
 * import { dense, leadingColumns } from "./dense.ts";
 * console.assert(leadingColumns(dense(4, 3), 2).cols === 2);
 * ```
 */
export function leadingColumns(A: DenseMatrix, k: number): DenseMatrix {
  if (!(Number.isInteger(k) && k >= 0 && k <= A.cols)) {
    throw new RangeError(`k must be an integer in [0, ${A.cols}], got ${k}`);
  }
  const out = new Float64Array(A.rows * k);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < k; j++) out[i * k + j] = A.data[i * A.cols + j];
  }
  return { rows: A.rows, cols: k, data: out };
}

/**
 * The squared Frobenius norm, sum of squared entries.
 *
 * @example
 * ```ts
 * import { dense, frobenius2 } from "./dense.ts";
 * console.assert(frobenius2(dense(1, 2, new Float64Array([3, 4]))) === 25);
 * ```
 */
export function frobenius2(A: DenseMatrix): number {
  let s = 0;
  for (const x of A.data) s += x * x;
  return s;
}
