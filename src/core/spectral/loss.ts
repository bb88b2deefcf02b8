/**
 * The spectral JEPA loss (the suite's operationalisation, after HaoChen et
 * al. 2021, Lemma 3.2) in its two forms, and the Eckart–Young quantities.
 *
 * Expectation form, with u(s, a) the predictor output and v(s') the target
 * embedding (rows of u and v):
 * `L(u, v) = -2 E_{(s,a,s') ~ C}[u^T v] + E_{(s,a) ~ D_row, s'' ~ D_col}[(u^T v(s''))^2]`.
 * Matrix form, with U = sqrt(D_row) u and V = sqrt(D_col) v:
 * `L = ||Abar - U V^T||_F^2 - ||Abar||_F^2`.
 *
 * @module
 */
import type { Cooccurrence } from "./cooccurrence.ts";
import { type DenseMatrix, frobenius2, matmul } from "./dense.ts";

function checkFactors(rows: number, cols: number, u: DenseMatrix, v: DenseMatrix): void {
  if (u.rows !== rows) throw new RangeError(`u must have ${rows} rows, got ${u.rows}`);
  if (v.rows !== cols) throw new RangeError(`v must have ${cols} rows, got ${v.rows}`);
  if (u.cols !== v.cols) throw new RangeError(`u and v must share k, got ${u.cols} and ${v.cols}`);
}

/**
 * The loss in expectation form, summed exactly over the co-occurrence
 * (no sampling).
 *
 * @example
 * ```ts
 * import { spectralLossExpectation } from "./loss.ts";
 * import { cooccurrence } from "./cooccurrence.ts";
 * import { dense } from "./dense.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const L = spectralLossExpectation(cooccurrence(m), dense(2, 1), dense(2, 1));
 * console.assert(L === 0);
 * ```
 */
export function spectralLossExpectation(co: Cooccurrence, u: DenseMatrix, v: DenseMatrix): number {
  const { C, dRow, dCol } = co;
  checkFactors(C.rows, C.cols, u, v);
  const k = u.cols;
  let cross = 0;
  let square = 0;
  for (let i = 0; i < C.rows; i++) {
    for (let j = 0; j < C.cols; j++) {
      let g = 0;
      for (let c = 0; c < k; c++) g += u.data[i * k + c] * v.data[j * k + c];
      cross += C.data[i * C.cols + j] * g;
      square += dRow[i] * dCol[j] * g * g;
    }
  }
  return -2 * cross + square;
}

/**
 * The loss in matrix form, `||Abar - U V^T||_F^2 - ||Abar||_F^2`, computed
 * entry by entry.
 *
 * @example
 * ```ts
 * import { spectralLossMatrix } from "./loss.ts";
 * import { dense } from "./dense.ts";
 * const A = dense(1, 1, new Float64Array([2]));
 * const U = dense(1, 1, new Float64Array([1]));
 * console.assert(spectralLossMatrix(A, U, dense(1, 1, new Float64Array([2]))) === -4);
 * ```
 */
export function spectralLossMatrix(Abar: DenseMatrix, U: DenseMatrix, V: DenseMatrix): number {
  checkFactors(Abar.rows, Abar.cols, U, V);
  const k = U.cols;
  let diff = 0;
  for (let i = 0; i < Abar.rows; i++) {
    for (let j = 0; j < Abar.cols; j++) {
      let g = 0;
      for (let c = 0; c < k; c++) g += U.data[i * k + c] * V.data[j * k + c];
      const d = Abar.data[i * Abar.cols + j] - g;
      diff += d * d;
    }
  }
  return diff - frobenius2(Abar);
}

/**
 * The same matrix-form loss in O(rows cols k) without forming U V^T:
 * `-2 tr(U^T Abar V) + tr((U^T U)(V^T V))`.
 *
 * @example
 * ```ts
 * import { factorLoss } from "./loss.ts";
 * import { dense } from "./dense.ts";
 * const A = dense(1, 1, new Float64Array([2]));
 * const L = factorLoss(A, dense(1, 1, new Float64Array([1])), dense(1, 1, new Float64Array([2])));
 * console.assert(L === -4);
 * ```
 */
export function factorLoss(Abar: DenseMatrix, U: DenseMatrix, V: DenseMatrix): number {
  checkFactors(Abar.rows, Abar.cols, U, V);
  const k = U.cols;
  const AV = matmul(Abar, V);
  let cross = 0;
  for (let i = 0; i < U.data.length; i++) cross += U.data[i] * AV.data[i];
  const gu = new Float64Array(k * k);
  const gv = new Float64Array(k * k);
  for (const [M, g] of [[U, gu], [V, gv]] as const) {
    for (let i = 0; i < M.rows; i++) {
      for (let a = 0; a < k; a++) {
        const x = M.data[i * k + a];
        for (let b = 0; b < k; b++) g[a * k + b] += x * M.data[i * k + b];
      }
    }
  }
  let tr = 0;
  for (let i = 0; i < k * k; i++) tr += gu[i] * gv[i];
  return -2 * cross + tr;
}

/**
 * Scale predictor and target embeddings into the matrix form:
 * `U = sqrt(D_row) u`, `V = sqrt(D_col) v` (with the marginals of `co`).
 *
 * @example
 * ```ts
 * import { toMatrixFactors } from "./loss.ts";
 * import { cooccurrence } from "./cooccurrence.ts";
 * import { dense } from "./dense.ts";
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const { U } = toMatrixFactors(cooccurrence(m), dense(2, 1, new Float64Array([1, 1])), dense(2, 1));
 * console.assert(Math.abs(U.data[0] - Math.SQRT1_2) < 1e-15);
 * ```
 */
export function toMatrixFactors(
  co: Cooccurrence,
  u: DenseMatrix,
  v: DenseMatrix,
): { U: DenseMatrix; V: DenseMatrix } {
  checkFactors(co.C.rows, co.C.cols, u, v);
  const scale = (M: DenseMatrix, d: Float64Array): DenseMatrix => {
    const out = new Float64Array(M.data.length);
    for (let i = 0; i < M.rows; i++) {
      const w = Math.sqrt(d[i]);
      for (let c = 0; c < M.cols; c++) out[i * M.cols + c] = w * M.data[i * M.cols + c];
    }
    return { rows: M.rows, cols: M.cols, data: out };
  };
  return { U: scale(u, co.dRow), V: scale(v, co.dCol) };
}

/**
 * The Eckart–Young optimum of the rank-k loss, `L* = -sum_{i<=k} sigma_i^2`.
 *
 * @example
 * ```ts
 * import { optimalLoss } from "./loss.ts";
 * console.assert(optimalLoss(new Float64Array([1, 0.5]), 2) === -1.25);
 * ```
 */
export function optimalLoss(sigmas: Float64Array, k: number): number {
  if (!(Number.isInteger(k) && k >= 0 && k <= sigmas.length)) {
    throw new RangeError(`k must be an integer in [0, ${sigmas.length}], got ${k}`);
  }
  let s = 0;
  for (let i = 0; i < k; i++) s += sigmas[i] * sigmas[i];
  return -s;
}

/**
 * The approximation error `eps_approx(k) = sum_{i>k} sigma_i^2`, from the top
 * singular values and `||Abar||_F^2` (so only the top k are needed).
 *
 * @example
 * ```ts
 * import { approximationError } from "./loss.ts";
 * console.assert(approximationError(new Float64Array([1, 0.5]), 1.25, 1) === 0.25);
 * ```
 */
export function approximationError(sigmas: Float64Array, frob2: number, k: number): number {
  return Math.max(0, frob2 + optimalLoss(sigmas, k));
}
