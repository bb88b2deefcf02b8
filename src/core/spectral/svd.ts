/**
 * Singular value decompositions for co-occurrence matrices: exact (ml-matrix)
 * for small matrices, and a randomized block-Krylov method for the top k of
 * large ones. The Krylov method runs on any {@link LinearOperator}: plain
 * float64 JS arrays ({@link randomizedSvd}) or the tfjs engine
 * ({@link randomizedSvdTf}, float32 products on the active backend, float64
 * orthogonalisation on the host).
 *
 * @module
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from "ml-matrix";
import * as tf from "@tensorflow/tfjs";
import { readsSync } from "../engine/backend.ts";
import { Rng } from "../random.ts";
import { type DenseMatrix, matmul, matmulTransA } from "./dense.ts";

/** A (possibly truncated) thin SVD `A ~ U diag(s) V^T`. */
export interface Svd {
  /** Singular values, descending. */
  s: Float64Array;
  /** Left singular vectors as columns, rows x s.length. */
  U: DenseMatrix;
  /** Right singular vectors as columns, cols x s.length. */
  V: DenseMatrix;
}

/** A randomized SVD and how it got there. */
export interface RandomizedSvdResult extends Svd {
  /** Krylov blocks built (1 = plain randomized range finder). */
  iterations: number;
  /** Width of the final Krylov basis. */
  width: number;
  /** Whether the top-k Ritz values met `tol` (or the basis spanned the whole space). */
  converged: boolean;
}

/** Options of the randomized SVDs. */
export interface RandomizedSvdOptions {
  /** Source of the random start block (required: every draw goes through Rng). */
  rng: Rng;
  /** Extra columns per block beyond k. Default 10. */
  oversample?: number;
  /** Stop when the top-k Ritz values change by less than this (relative). Default 1e-13. */
  tol?: number;
  /** Largest number of Krylov blocks. Default 60. */
  maxIter?: number;
}

/**
 * A matrix seen only through its products with blocks of vectors
 * (row-major rows x l and cols x l blocks).
 */
export interface LinearOperator {
  rows: number;
  cols: number;
  /** A X for X of shape cols x l. */
  apply(X: DenseMatrix): DenseMatrix;
  /** A^T Y for Y of shape rows x l. */
  applyT(Y: DenseMatrix): DenseMatrix;
}

/**
 * Exact thin SVD by ml-matrix (one-sided Golub–Kahan), optionally truncated to
 * the top `k` triplets.
 *
 * @example
 * ```ts
 * import { exactSvd } from "./svd.ts";
 * import { dense } from "./dense.ts";
 * const svd = exactSvd(dense(2, 2, new Float64Array([3, 0, 0, 4])));
 * console.assert(Math.abs(svd.s[0] - 4) < 1e-12);
 * ```
 */
export function exactSvd(A: DenseMatrix, k?: number): Svd {
  const full = Math.min(A.rows, A.cols);
  const kk = k ?? full;
  if (!(Number.isInteger(kk) && kk >= 0 && kk <= full)) {
    throw new RangeError(`k must be an integer in [0, ${full}], got ${k}`);
  }
  const M = new Matrix(A.rows, A.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) M.set(i, j, A.data[i * A.cols + j]);
  }
  const svd = new SingularValueDecomposition(M, {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: true,
    autoTranspose: true,
  });
  const diag = svd.diagonal;
  const order = Array.from(diag.keys()).sort((a, b) => diag[b] - diag[a]).slice(0, kk);
  const Um = svd.leftSingularVectors;
  const Vm = svd.rightSingularVectors;
  const U = new Float64Array(A.rows * kk);
  const V = new Float64Array(A.cols * kk);
  order.forEach((src, dst) => {
    for (let i = 0; i < A.rows; i++) U[i * kk + dst] = Um.get(i, src);
    for (let j = 0; j < A.cols; j++) V[j * kk + dst] = Vm.get(j, src);
  });
  return {
    s: Float64Array.from(order.map((i) => diag[i])),
    U: { rows: A.rows, cols: kk, data: U },
    V: { rows: A.cols, cols: kk, data: V },
  };
}

/**
 * A {@link LinearOperator} over a dense float64 matrix.
 *
 * @example
 * ```ts
 * import { denseOperator } from "./svd.ts";
 * import { dense } from "./dense.ts";
 * const op = denseOperator(dense(3, 2));
 * console.assert(op.rows === 3 && op.cols === 2);
 * ```
 */
export function denseOperator(A: DenseMatrix): LinearOperator {
  return {
    rows: A.rows,
    cols: A.cols,
    apply: (X) => matmul(A, X),
    applyT: (Y) => matmulTransA(A, Y),
  };
}

function transposed(op: LinearOperator): LinearOperator {
  return { rows: op.cols, cols: op.rows, apply: op.applyT, applyT: op.apply };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function columns(M: DenseMatrix): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j < M.cols; j++) {
    const c = new Float64Array(M.rows);
    for (let i = 0; i < M.rows; i++) c[i] = M.data[i * M.cols + j];
    out.push(c);
  }
  return out;
}

function fromColumns(cols: Float64Array[], rows: number): DenseMatrix {
  const l = cols.length;
  const data = new Float64Array(rows * l);
  cols.forEach((c, j) => {
    for (let i = 0; i < rows; i++) data[i * l + j] = c[i];
  });
  return { rows, cols: l, data };
}

/** Orthonormalise `block` against `basis` and itself (classical Gram–Schmidt, twice). */
function orthonormalize(block: Float64Array[], basis: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const y of block) {
    const norm0 = Math.sqrt(dot(y, y));
    if (!(norm0 > 0)) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        const c = dot(q, y);
        for (let i = 0; i < y.length; i++) y[i] -= c * q[i];
      }
      for (const q of out) {
        const c = dot(q, y);
        for (let i = 0; i < y.length; i++) y[i] -= c * q[i];
      }
    }
    const norm = Math.sqrt(dot(y, y));
    if (norm <= 1e-10 * norm0) continue; // deflated: already in the span
    for (let i = 0; i < y.length; i++) y[i] /= norm;
    out.push(y);
  }
  return out;
}

/**
 * Top-k SVD of a linear operator by randomized block Krylov iteration
 * (Musco & Musco 2015) with full reorthogonalisation: the basis
 * `[A W, (A A^T) A W, ...]` grows one block of k + oversample columns per
 * iteration until the top-k Ritz values settle to `tol`.
 *
 * @example
 * ```ts
 * import { blockKrylovSvd, denseOperator } from "./svd.ts";
 * import { dense } from "./dense.ts";
 * import { Rng } from "../random.ts";
 * const A = dense(3, 3, new Float64Array([5, 0, 0, 0, 2, 0, 0, 0, 1]));
 * const r = blockKrylovSvd(denseOperator(A), 1, { rng: new Rng(0) });
 * console.assert(Math.abs(r.s[0] - 5) < 1e-10);
 * ```
 */
export function blockKrylovSvd(
  op: LinearOperator,
  k: number,
  opts: RandomizedSvdOptions,
): RandomizedSvdResult {
  const full = Math.min(op.rows, op.cols);
  if (!(Number.isInteger(k) && k >= 1 && k <= full)) {
    throw new RangeError(`k must be an integer in [1, ${full}], got ${k}`);
  }
  const { rng, oversample = 10, tol = 1e-13, maxIter = 60 } = opts;
  // Build the basis on the smaller side.
  const flip = op.rows > op.cols;
  const M = flip ? transposed(op) : op;
  const r = M.rows;
  const c = M.cols;
  const l = Math.min(k + oversample, r);
  const omega = { rows: c, cols: l, data: rng.normals(c * l) };
  const basis: Float64Array[] = []; // orthonormal, length r each
  const zcols: Float64Array[] = []; // M^T q for each basis column q, length c each
  let gram: number[][] = []; // gram[i][j] = zcols[i] . zcols[j]
  let block = orthonormalize(columns(M.apply(omega)), basis);
  let prev: Float64Array | null = null;
  let iterations = 0;
  let converged = false;
  let eig: { values: number[]; vectors: Matrix } | null = null;
  while (block.length > 0) {
    iterations++;
    const Z = columns(M.applyT(fromColumns(block, r)));
    const w0 = basis.length;
    basis.push(...block);
    zcols.push(...Z);
    const w = basis.length;
    const g: number[][] = Array.from({ length: w }, () => new Array(w).fill(0));
    for (let i = 0; i < w0; i++) for (let j = 0; j < w0; j++) g[i][j] = gram[i][j];
    for (let i = 0; i < w; i++) {
      for (let j = Math.max(i, w0); j < w; j++) {
        const v = dot(zcols[i], zcols[j]);
        g[i][j] = v;
        g[j][i] = v;
      }
    }
    gram = g;
    const ed = new EigenvalueDecomposition(new Matrix(g), { assumeSymmetric: true });
    const vals = ed.realEigenvalues;
    const order = Array.from(vals.keys()).sort((a, b) => vals[b] - vals[a]);
    const V = ed.eigenvectorMatrix;
    const sorted = new Matrix(w, w);
    order.forEach((src, dst) => {
      for (let i = 0; i < w; i++) sorted.set(i, dst, V.get(i, src));
    });
    eig = { values: order.map((i) => Math.max(0, vals[i])), vectors: sorted };
    const kk = Math.min(k, w);
    const ritz = Float64Array.from(eig.values.slice(0, kk), Math.sqrt);
    if (w >= r) {
      converged = true;
      break;
    }
    if (prev && kk === k) {
      let change = 0;
      for (let i = 0; i < k; i++) {
        change = Math.max(change, Math.abs(ritz[i] - prev[i]) / Math.max(ritz[i], 1e-300));
      }
      if (change < tol) {
        converged = true;
        break;
      }
    }
    if (iterations >= maxIter) break;
    prev = kk === k ? ritz : null;
    // Next block: orth(M M^T q) for the newest block.
    block = orthonormalize(columns(M.apply(fromColumns(Z, c))), basis);
    if (block.length === 0) converged = true;
  }
  if (!eig) throw new Error("block Krylov SVD produced an empty basis (is the operator zero?)");
  const w = basis.length;
  const kk = Math.min(k, w);
  const s = Float64Array.from(eig.values.slice(0, kk), Math.sqrt);
  // Left vectors in R^r: basis * W; right vectors in R^c: Z W / s.
  const left = new Float64Array(r * kk);
  const right = new Float64Array(c * kk);
  for (let t = 0; t < kk; t++) {
    for (let i = 0; i < w; i++) {
      const coef = eig.vectors.get(i, t);
      const q = basis[i];
      const z = zcols[i];
      for (let a = 0; a < r; a++) left[a * kk + t] += coef * q[a];
      const scale = s[t] > 0 ? coef / s[t] : 0;
      for (let b = 0; b < c; b++) right[b * kk + t] += scale * z[b];
    }
  }
  const L = { rows: r, cols: kk, data: left };
  const R = { rows: c, cols: kk, data: right };
  return flip
    ? { s, U: R, V: L, iterations, width: w, converged }
    : { s, U: L, V: R, iterations, width: w, converged };
}

/**
 * Top-k SVD of a dense float64 matrix by randomized block Krylov iteration.
 *
 * @example
 * ```ts
 * import { randomizedSvd } from "./svd.ts";
 * import { dense } from "./dense.ts";
 * import { Rng } from "../random.ts";
 * const A = dense(2, 2, new Float64Array([2, 0, 0, 1]));
 * console.assert(Math.abs(randomizedSvd(A, 1, { rng: new Rng(1) }).s[0] - 2) < 1e-12);
 * ```
 */
export function randomizedSvd(
  A: DenseMatrix,
  k: number,
  opts: RandomizedSvdOptions,
): RandomizedSvdResult {
  return blockKrylovSvd(denseOperator(A), k, opts);
}

/**
 * Top-k SVD with the matrix products on the active tfjs backend (float32;
 * orthogonalisation and the small eigenproblem stay in float64 on the host).
 * Expect about 1e-5 relative agreement with float64 methods. The default
 * `tol` is 1e-6, the float32 floor.
 *
 * @example
 * ```ts
 * import { randomizedSvdTf } from "./svd.ts";
 * import { dense } from "./dense.ts";
 * import { Rng } from "../random.ts";
 * const A = dense(2, 2, new Float64Array([2, 0, 0, 1]));
 * const r = randomizedSvdTf(A, 1, { rng: new Rng(1) });
 * console.assert(Math.abs(r.s[0] - 2) < 1e-4);
 * ```
 */
export function randomizedSvdTf(
  A: DenseMatrix,
  k: number,
  opts: RandomizedSvdOptions,
): RandomizedSvdResult {
  if (!readsSync()) {
    throw new Error(
      `svd "randomized-tf" reads its products synchronously and does not run on ${tf.getBackend()}; ` +
        'use svd "randomized" (host float64) or "exact" there',
    );
  }
  const t = tf.tensor2d(Float32Array.from(A.data), [A.rows, A.cols], "float32");
  const product = (X: DenseMatrix, transposeA: boolean): DenseMatrix => {
    const x = tf.tensor2d(Float32Array.from(X.data), [X.rows, X.cols], "float32");
    const y = tf.matMul(t, x, transposeA, false);
    const data = Float64Array.from(y.dataSync() as Float32Array);
    const rows = transposeA ? A.cols : A.rows;
    x.dispose();
    y.dispose();
    return { rows, cols: X.cols, data };
  };
  try {
    return blockKrylovSvd(
      {
        rows: A.rows,
        cols: A.cols,
        apply: (X) => product(X, false),
        applyT: (Y) => product(Y, true),
      },
      k,
      { tol: 1e-6, ...opts },
    );
  } finally {
    t.dispose();
  }
}

/**
 * Top-k SVD by the right method for the size: exact (ml-matrix) when the
 * smaller side is at most `exactLimit` (default 256), else {@link randomizedSvd}.
 *
 * @example
 * ```ts
 * import { topSvd } from "./svd.ts";
 * import { dense } from "./dense.ts";
 * import { Rng } from "../random.ts";
 * const svd = topSvd(dense(2, 2, new Float64Array([1, 0, 0, 3])), 1, { rng: new Rng(0) });
 * console.assert(Math.abs(svd.s[0] - 3) < 1e-12);
 * ```
 */
export function topSvd(
  A: DenseMatrix,
  k: number,
  opts: RandomizedSvdOptions & { exactLimit?: number },
): Svd {
  const { exactLimit = 256 } = opts;
  if (Math.min(A.rows, A.cols) <= exactLimit) return exactSvd(A, k);
  return randomizedSvd(A, k, opts);
}
