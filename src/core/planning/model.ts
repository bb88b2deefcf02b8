/**
 * The model rebuilt from rank-k spectral factors:
 * `Phat(. | s, a) proportional to max(0, D_row^(1/2) U V^T D_col^(1/2))`,
 * row-normalised (the row factor cancels); a row with no positive entry
 * (an (s, a) never seen) falls back to the uniform distribution.
 *
 * @module
 */
import type { DenseMatrix } from "../spectral/dense.ts";
import type { Mdp } from "./mdp.ts";

/**
 * Rebuild an MDP with the reward and discount of `like` and the kernel from
 * matrix-form factors U ((nS nA) x k), V (nS x k) and the column marginal.
 *
 * @example
 * ```ts
 * import { rebuildModel } from "./model.ts";
 * import { dense } from "../spectral/dense.ts";
 * const like = { nS: 2, nA: 1, P: new Float64Array(4), reward: new Float64Array(2), gamma: 0.9 };
 * const U = dense(2, 1, new Float64Array([1, -1]));
 * const V = dense(2, 1, new Float64Array([1, -1]));
 * const m = rebuildModel(like, U, V, new Float64Array([0.5, 0.5]));
 * console.assert(m.P[0] === 1 && m.P[3] === 1);
 * ```
 */
export function rebuildModel(like: Mdp, U: DenseMatrix, V: DenseMatrix, dCol: Float64Array): Mdp {
  const { nS, nA } = like;
  const rows = nS * nA;
  if (U.rows !== rows || V.rows !== nS || U.cols !== V.cols || dCol.length !== nS) {
    throw new RangeError(
      `rebuildModel needs U ${rows}xk, V ${nS}xk, dCol ${nS}; got U ${U.rows}x${U.cols}, V ${V.rows}x${V.cols}, dCol ${dCol.length}`,
    );
  }
  const k = U.cols;
  // Vs = D_col^(1/2) V, transposed to k x nS for contiguous inner loops.
  const Vt = new Float64Array(k * nS);
  for (let t = 0; t < nS; t++) {
    const w = Math.sqrt(Math.max(0, dCol[t]));
    for (let c = 0; c < k; c++) Vt[c * nS + t] = w * V.data[t * k + c];
  }
  const P = new Float64Array(rows * nS);
  for (let r = 0; r < rows; r++) {
    const base = r * nS;
    for (let c = 0; c < k; c++) {
      const x = U.data[r * k + c];
      if (x === 0) continue;
      const vb = c * nS;
      for (let t = 0; t < nS; t++) P[base + t] += x * Vt[vb + t];
    }
    let sum = 0;
    for (let t = 0; t < nS; t++) {
      const p = P[base + t] > 0 ? P[base + t] : 0;
      P[base + t] = p;
      sum += p;
    }
    if (sum > 0) { for (let t = 0; t < nS; t++) P[base + t] /= sum; }
    else P.fill(1 / nS, base, base + nS);
  }
  return {
    nS,
    nA,
    P,
    reward: like.reward,
    gamma: like.gamma,
    name: `${like.name ?? "mdp"}-rank${k}-model`,
  };
}
