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
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../random.ts";
import type { DenseMatrix } from "./dense.ts";
import { blockKrylovSvd, blockKrylovSvdAsync, denseOperator } from "./krylov.ts";

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
 * const r = await randomizedSvdTf(A, 1, { rng: new Rng(1) });
 * console.assert(Math.abs(r.s[0] - 2) < 1e-4);
 * ```
 */
export async function randomizedSvdTf(
  A: DenseMatrix,
  k: number,
  opts: RandomizedSvdOptions,
): Promise<RandomizedSvdResult> {
  const t = tf.tensor2d(Float32Array.from(A.data), [A.rows, A.cols], "float32");
  // Asynchronous reads, so the products run on backends without synchronous ones (webgpu).
  const product = async (X: DenseMatrix, transposeA: boolean): Promise<DenseMatrix> => {
    const y = tf.tidy(() =>
      tf.matMul(t, tf.tensor2d(Float32Array.from(X.data), [X.rows, X.cols], "float32"), transposeA)
    );
    try {
      const data = Float64Array.from(await y.data() as Float32Array);
      return { rows: transposeA ? A.cols : A.rows, cols: X.cols, data };
    } finally {
      y.dispose();
    }
  };
  try {
    return await blockKrylovSvdAsync(
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
