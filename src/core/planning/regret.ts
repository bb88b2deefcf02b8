/**
 * Planning regret of the policy that is greedy in a rebuilt model, and the
 * value-aware simulation-lemma bound on it (SPEC section 3):
 * `regret <= gamma / (1 - gamma) * ( max_s |(P - Phat)(.|s, pi*(s)) . V*|
 *                                   + max_s |(Phat - P)(.|s, pihat(s)) . Vhat| )`,
 * with V* = V^{pi*} in the true MDP and Vhat = V^{pihat} in the model. It
 * holds for every start state (not only on average) whenever pihat is optimal
 * in the model. The plain L1 bound
 * `2 gamma R_max / (1 - gamma)^2 * max ||Phat - P||_1` is reported as secondary.
 *
 * @module
 */
import { maxRegret, type Mdp } from "./mdp.ts";
import { policyEvaluation, valueIteration } from "./value_iteration.ts";

/** The true MDP solved once: optimal policy and its value. */
export interface Solved {
  policy: Int32Array;
  /** V^{pi*}, by exact-to-tolerance policy evaluation. */
  V: Float64Array;
}

/** What planning in a model gives, measured in the true MDP. */
export interface PlanningOutcome {
  /** E_{s0 uniform}[V*(s0) - V^pihat(s0)]. */
  regret: number;
  /** max_s0 of the same gap. */
  maxRegret: number;
  /** The value-aware simulation-lemma bound. */
  bound: number;
  /** The L1 simulation-lemma bound (secondary). */
  l1Bound: number;
  /** R_max / (1 - gamma), the largest possible regret. */
  vacuousAt: number;
  /** Whether bound < vacuousAt. */
  nonvacuous: boolean;
  /** The greedy policy in the model. */
  policy: Int32Array;
}

/**
 * Solve an MDP: value iteration, then the greedy policy's exact value.
 *
 * @example
 * ```ts
 * import { solve } from "./regret.ts";
 * const m = { nS: 1, nA: 1, P: new Float64Array([1]), reward: new Float64Array([1]), gamma: 0.5 };
 * console.assert(Math.abs(solve(m).V[0] - 2) < 1e-10);
 * ```
 */
export function solve(mdp: Mdp): Solved {
  const { policy } = valueIteration(mdp);
  return { policy, V: policyEvaluation(mdp, policy) };
}

/** max_s |sum_t (A - B)(t | s, pi(s)) W(t)|. */
function valueGap(A: Mdp, B: Mdp, policy: Int32Array, W: Float64Array): number {
  const { nS, nA } = A;
  let worst = 0;
  for (let s = 0; s < nS; s++) {
    const base = (s * nA + policy[s]) * nS;
    let acc = 0;
    for (let t = 0; t < nS; t++) acc += (A.P[base + t] - B.P[base + t]) * W[t];
    worst = Math.max(worst, Math.abs(acc));
  }
  return worst;
}

/**
 * Plan in `model` (value iteration, greedy policy), act in `truth`, and
 * measure regret and both bounds.
 *
 * @example
 * ```ts
 * import { planningOutcome, solve } from "./regret.ts";
 * const m = { nS: 1, nA: 1, P: new Float64Array([1]), reward: new Float64Array([1]), gamma: 0.5 };
 * const out = planningOutcome(m, solve(m), m);
 * console.assert(out.regret === 0 && out.bound === 0);
 * ```
 */
export function planningOutcome(truth: Mdp, star: Solved, model: Mdp): PlanningOutcome {
  const { nS, nA, gamma } = truth;
  if (model.nS !== nS || model.nA !== nA) {
    throw new RangeError(`model shape ${model.nS}x${model.nA} differs from truth ${nS}x${nA}`);
  }
  const hat = solve(model);
  const Vpi = policyEvaluation(truth, hat.policy);
  let sum = 0;
  let worst = 0;
  for (let s = 0; s < nS; s++) {
    const gap = star.V[s] - Vpi[s];
    sum += gap;
    worst = Math.max(worst, gap);
  }
  const factor = gamma / (1 - gamma);
  const bound = factor *
    (valueGap(truth, model, star.policy, star.V) + valueGap(model, truth, hat.policy, hat.V));
  let l1 = 0;
  for (let r = 0; r < nS * nA; r++) {
    let d = 0;
    for (let t = 0; t < nS; t++) d += Math.abs(truth.P[r * nS + t] - model.P[r * nS + t]);
    l1 = Math.max(l1, d);
  }
  const vacuousAt = maxRegret(truth);
  return {
    regret: sum / nS,
    maxRegret: worst,
    bound,
    l1Bound: 2 * factor * vacuousAt * l1,
    vacuousAt,
    nonvacuous: bound < vacuousAt,
    policy: hat.policy,
  };
}
