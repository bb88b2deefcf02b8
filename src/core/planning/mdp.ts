/**
 * A finite, discounted Markov decision process with rewards on states.
 *
 * @module
 */

/**
 * A finite MDP. `P` is row-major of shape (nS, nA, nS): the entry
 * `P[(s * nA + a) * nS + t]` is the probability of moving from `s` to `t`
 * under action `a`. The reward `reward[s]` is received in state `s`.
 *
 * @example
 * ```ts
 * import type { Mdp } from "./mdp.ts";
 * const stay: Mdp = {
 *   nS: 1, nA: 1, P: new Float64Array([1]), reward: new Float64Array([1]), gamma: 0.9,
 * };
 * ```
 */
export interface Mdp {
  /** Number of states. */
  nS: number;
  /** Number of actions (the same in every state). */
  nA: number;
  /** Transition kernel, row-major (nS, nA, nS); every (s, a) row sums to 1. */
  P: Float64Array;
  /** Reward received in each state, length nS. */
  reward: Float64Array;
  /** Discount factor in [0, 1). */
  gamma: number;
  /** Optional human-readable name. */
  name?: string;
}

/**
 * Check an MDP's shapes and that each row of `P` is a probability
 * distribution (to `tol`); throws a RangeError naming the bad field.
 *
 * @example
 * ```ts
 * import { validateMdp } from "./mdp.ts";
 * validateMdp({ nS: 1, nA: 1, P: new Float64Array([1]), reward: new Float64Array([0]), gamma: 0.5 });
 * ```
 */
export function validateMdp(mdp: Mdp, tol = 1e-9): void {
  const { nS, nA, P, reward, gamma } = mdp;
  if (!(Number.isInteger(nS) && nS > 0)) {
    throw new RangeError(`mdp.nS must be a positive integer, got ${nS}`);
  }
  if (!(Number.isInteger(nA) && nA > 0)) {
    throw new RangeError(`mdp.nA must be a positive integer, got ${nA}`);
  }
  if (P.length !== nS * nA * nS) {
    throw new RangeError(`mdp.P must have length nS*nA*nS = ${nS * nA * nS}, got ${P.length}`);
  }
  if (reward.length !== nS) {
    throw new RangeError(`mdp.reward must have length ${nS}, got ${reward.length}`);
  }
  if (!(gamma >= 0 && gamma < 1)) throw new RangeError(`mdp.gamma must be in [0, 1), got ${gamma}`);
  for (let r = 0; r < nS * nA; r++) {
    let sum = 0;
    for (let t = 0; t < nS; t++) {
      const p = P[r * nS + t];
      if (!(p >= 0)) throw new RangeError(`mdp.P row ${r} has a negative or NaN entry ${p}`);
      sum += p;
    }
    if (Math.abs(sum - 1) > tol) throw new RangeError(`mdp.P row ${r} sums to ${sum}, not 1`);
  }
}

/**
 * The largest possible regret of any policy, `R_max / (1 - gamma)` with
 * `R_max = max_s |reward[s]|`: a bound at or above it says nothing.
 *
 * @example
 * ```ts
 * import { maxRegret } from "./mdp.ts";
 * const m = { nS: 1, nA: 1, P: new Float64Array([1]), reward: new Float64Array([1]), gamma: 0.9 };
 * console.assert(Math.abs(maxRegret(m) - 10) < 1e-12);
 * ```
 */
export function maxRegret(mdp: Mdp): number {
  let rMax = 0;
  for (const r of mdp.reward) rMax = Math.max(rMax, Math.abs(r));
  return rMax / (1 - mdp.gamma);
}
