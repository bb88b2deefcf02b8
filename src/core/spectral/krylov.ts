/**
 * Randomized block Krylov SVD of a linear operator (Musco & Musco 2015), one
 * iteration written as a generator of the operator products it needs, driven
 * synchronously ({@link blockKrylovSvd}) or asynchronously
 * ({@link blockKrylovSvdAsync}, for products read back from a GPU).
 *
 * @module
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { type DenseMatrix, matmul, matmulTransA } from "./dense.ts";
import type { RandomizedSvdOptions, RandomizedSvdResult } from "./svd.ts";

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
 * A {@link LinearOperator} whose products resolve later.
 *
 * @example
 * ```ts
 * import type { AsyncLinearOperator } from "./krylov.ts";
 * const id: AsyncLinearOperator = {
 *   rows: 2, cols: 2, apply: async (X) => X, applyT: async (Y) => Y,
 * };
 * ```
 */
export interface AsyncLinearOperator {
  rows: number;
  cols: number;
  /** A X for X of shape cols x l. */
  apply(X: DenseMatrix): Promise<DenseMatrix>;
  /** A^T Y for Y of shape rows x l. */
  applyT(Y: DenseMatrix): Promise<DenseMatrix>;
}

/**
 * A {@link LinearOperator} over a dense float64 matrix.
 *
 * @example
 * ```ts
 * import { denseOperator } from "./krylov.ts";
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
 * import { blockKrylovSvd, denseOperator } from "./krylov.ts";
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
  const steps = krylov(op, k, opts);
  let next = steps.next();
  while (!next.done) {
    const { X, transpose } = next.value;
    next = steps.next(transpose ? op.applyT(X) : op.apply(X));
  }
  return next.value;
}

/**
 * {@link blockKrylovSvd} for an operator whose products resolve later (tfjs
 * on a backend without synchronous reads): the same iteration, awaiting each
 * product.
 *
 * @example
 * ```ts
 * import { blockKrylovSvdAsync, denseOperator } from "./krylov.ts";
 * import { dense } from "./dense.ts";
 * import { Rng } from "../random.ts";
 * const op = denseOperator(dense(2, 2, new Float64Array([3, 0, 0, 1])));
 * const r = await blockKrylovSvdAsync(
 *   { ...op, apply: async (X) => op.apply(X), applyT: async (Y) => op.applyT(Y) },
 *   1,
 *   { rng: new Rng(0) },
 * );
 * console.assert(Math.abs(r.s[0] - 3) < 1e-10);
 * ```
 */
export async function blockKrylovSvdAsync(
  op: AsyncLinearOperator,
  k: number,
  opts: RandomizedSvdOptions,
): Promise<RandomizedSvdResult> {
  const steps = krylov(op, k, opts);
  let next = steps.next();
  while (!next.done) {
    const { X, transpose } = next.value;
    next = steps.next(await (transpose ? op.applyT(X) : op.apply(X)));
  }
  return next.value;
}

/** A product the iteration asks its driver for: op X, or op^T X. */
interface Product {
  X: DenseMatrix;
  transpose: boolean;
}

/**
 * The block Krylov iteration as a generator that yields the operator
 * products it needs, so one body serves the synchronous and the asynchronous
 * driver.
 */
function* krylov(
  op: { rows: number; cols: number },
  k: number,
  opts: RandomizedSvdOptions,
): Generator<Product, RandomizedSvdResult, DenseMatrix> {
  const full = Math.min(op.rows, op.cols);
  if (!(Number.isInteger(k) && k >= 1 && k <= full)) {
    throw new RangeError(`k must be an integer in [1, ${full}], got ${k}`);
  }
  const { rng, oversample = 10, tol = 1e-13, maxIter = 60 } = opts;
  // Build the basis on the smaller side.
  const flip = op.rows > op.cols;
  // Products of M = flip ? op^T : op.
  const apply = (X: DenseMatrix): Product => ({ X, transpose: flip });
  const applyT = (X: DenseMatrix): Product => ({ X, transpose: !flip });
  const r = flip ? op.cols : op.rows;
  const c = flip ? op.rows : op.cols;
  const l = Math.min(k + oversample, r);
  const omega = { rows: c, cols: l, data: rng.normals(c * l) };
  const basis: Float64Array[] = []; // orthonormal, length r each
  const zcols: Float64Array[] = []; // M^T q for each basis column q, length c each
  let gram: number[][] = []; // gram[i][j] = zcols[i] . zcols[j]
  let block = orthonormalize(columns(yield apply(omega)), basis);
  let prev: Float64Array | null = null;
  let iterations = 0;
  let converged = false;
  let eig: { values: number[]; vectors: Matrix } | null = null;
  while (block.length > 0) {
    iterations++;
    const Z = columns(yield applyT(fromColumns(block, r)));
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
    block = orthonormalize(columns(yield apply(fromColumns(Z, c))), basis);
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
