// Regret and the value-aware simulation-lemma bound (SPEC section 3) on a 2-state, 2-action MDP
// whose values, policies, regrets and bounds are computed by hand below.
//
// States 0 and 1, reward r = (0, 1) received in the state, gamma = 0.8, so gamma / (1 - gamma)
// = 4 and R_max / (1 - gamma) = 5. Action 0 "stay", action 1 "go" (to the other state):
//   truth  P(.|0, stay) = (1, 0)  P(.|0, go) = (0, 1)  P(.|1, stay) = (0, 1)  P(.|1, go) = (1, 0)
// Optimal policy pi* = (go, stay): V*(1) = 1 / (1 - 0.8) = 5, V*(0) = 0.8 * 5 = 4.
import assert from "node:assert/strict";
import { type Mdp, planningOutcome, solve } from "../../../src/core/planning/mod.ts";

const STAY = 0;
const GO = 1;
const TOL = 1e-9;

/** A 2-state, 2-action MDP from its four rows P(.|s, a), in the order (0,stay) (0,go) (1,stay) (1,go). */
function mdp(rows: [number, number][]): Mdp {
  return {
    nS: 2,
    nA: 2,
    P: new Float64Array(rows.flat()),
    reward: new Float64Array([0, 1]),
    gamma: 0.8,
  };
}

const truth = mdp([[1, 0], [0, 1], [0, 1], [1, 0]]);

function close(got: number, want: number, what: string): void {
  assert.ok(Math.abs(got - want) <= TOL, `${what}: ${got}, hand-computed ${want}`);
}

Deno.test("solve() gives the hand-computed optimal policy and values of the 2-state MDP", () => {
  const star = solve(truth);
  assert.deepEqual([...star.policy], [GO, STAY]);
  close(star.V[0], 4, "V*(0)");
  close(star.V[1], 5, "V*(1)");
});

Deno.test("a model that is wrong only off the greedy path: zero regret, hand-computed bound", () => {
  // Model: "go" from 0 arrives only with probability 0.8, P^(.|0, go) = (0.2, 0.8).
  // Greedy in the model is still (go, stay): Vhat(1) = 5 and
  // Vhat(0) = 0.8 (0.2 Vhat(0) + 0.8 * 5) => 0.84 Vhat(0) = 3.2 => Vhat(0) = 80/21
  // (stay at 0 would give 0.8 Vhat(0) < 0.8 (0.2 Vhat(0) + 4); go at 1 gives 80/21 < 5).
  // Regret 0. Bound = 4 * (A + B) with
  //   A = max_s |(P - P^)(.|s, pi*(s)) . V*| = |(-0.2, 0.2) . (4, 5)| = 0.2 (s = 0; 0 at s = 1),
  //   B = max_s |(P^ - P)(.|s, pihat(s)) . Vhat| = |(0.2, -0.2) . (80/21, 5)| = 0.2 * 25/21 = 5/21,
  // so bound = 4 (1/5 + 5/21) = 184/105. L1 bound = 2 * 4 * 5 * max_row ||P^ - P||_1 = 40 * 0.4 = 16.
  const model = mdp([[1, 0], [0.2, 0.8], [0, 1], [1, 0]]);
  const out = planningOutcome(truth, solve(truth), model);
  assert.deepEqual([...out.policy], [GO, STAY]);
  close(out.regret, 0, "regret");
  close(out.maxRegret, 0, "max regret");
  close(out.bound, 184 / 105, "value-aware bound");
  close(out.l1Bound, 16, "L1 bound");
  close(out.vacuousAt, 5, "R_max / (1 - gamma)");
  assert.equal(out.nonvacuous, true);
});

Deno.test("a model that flips the greedy action: hand-computed regret, bound and ratio >= 0.2", () => {
  // Model: at 1, "stay" leaves w.p. 0.6, P^(.|1, stay) = (0.6, 0.4), and "go" is a coin,
  // P^(.|1, go) = (0.5, 0.5); rows at state 0 are true.
  // Greedy in the model is (go, go): Vhat(0) = 0.8 Vhat(1),
  // Vhat(1) = 1 + 0.8 (0.5 Vhat(0) + 0.5 Vhat(1)) = 1 + 0.72 Vhat(1) => Vhat = (20/7, 25/7).
  // Check at 1: stay 0.6 * 20/7 + 0.4 * 25/7 = 22/7 < go 0.5 * 45/7 = 22.5/7; at 0: go (25/7 > 20/7).
  // In the truth (go, go) cycles 0 -> 1 -> 0: V(1) = 1 + 0.64 V(1) => V^pihat = (20/9, 25/9).
  // Regret per state V* - V^pihat = (4 - 20/9, 5 - 25/9) = (16/9, 20/9): mean 2, max 20/9.
  // Bound = 4 * (A + B) with
  //   A = |(P - P^)(.|1, stay) . V*| = |(-0.6, 0.6) . (4, 5)| = 0.6 (0 at state 0),
  //   B = |(P^ - P)(.|1, go) . Vhat| = |(-0.5, 0.5) . (20/7, 25/7)| = 5/14 (0 at state 0),
  // so bound = 4 (3/5 + 5/14) = 134/35 = 3.828..., regret / bound = 2 / (134/35) = 35/67 = 0.52.
  // L1 bound = 40 * max(1.2, 1.0) = 48.
  const model = mdp([[1, 0], [0, 1], [0.6, 0.4], [0.5, 0.5]]);
  const out = planningOutcome(truth, solve(truth), model);
  assert.deepEqual([...out.policy], [GO, GO]);
  close(out.regret, 2, "regret");
  close(out.maxRegret, 20 / 9, "max regret");
  close(out.bound, 134 / 35, "value-aware bound");
  close(out.l1Bound, 48, "L1 bound");
  assert.equal(out.nonvacuous, true);
  close(out.regret / out.bound, 35 / 67, "regret / bound");
  assert.ok(out.regret / out.bound >= 0.2, "the bound is not vacuously loose here");
  assert.ok(out.maxRegret <= out.bound, "the bound holds per state");
});
