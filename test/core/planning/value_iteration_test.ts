import assert from "node:assert/strict";
import {
  greedyPolicy,
  type Mdp,
  policyEvaluation,
  valueIteration,
} from "../../../src/core/planning/mod.ts";

// Two states, rewards r = (0, 1); action 0 stays, action 1 switches (with
// slip 0.2 in state 1 it stays instead). gamma = 0.9.
// Optimal: stay in 1: V1 = 1 / (1 - 0.9) = 10; switch from 0: V0 = 0 + 0.9 * 10 = 9.
// Policy "switch in 1": V1 = 1 + 0.9 (0.8 V0 + 0.2 V1) with V0 = 0.9 V1
// => V1 (1 - 0.72 - 0.18) = 1 => V1 = 10 ... no: 1 - 0.9*0.8*0.9 - 0.9*0.2 = 0.172 => V1 = 5.8139...
const tiny: Mdp = {
  nS: 2,
  nA: 2,
  P: new Float64Array([
    1,
    0,
    /* s0 a0 */ 0,
    1, /* s0 a1 */
    0,
    1,
    /* s1 a0 */ 0.8,
    0.2, /* s1 a1 */
  ]),
  reward: new Float64Array([0, 1]),
  gamma: 0.9,
};

Deno.test("valueIteration() matches a hand-solved two-state MDP", () => {
  const { V, policy } = valueIteration(tiny);
  assert.ok(Math.abs(V[1] - 10) < 1e-10, `V1 = ${V[1]}`);
  assert.ok(Math.abs(V[0] - 9) < 1e-10, `V0 = ${V[0]}`);
  assert.deepEqual(Array.from(policy), [1, 0]);
});

Deno.test("policyEvaluation() matches the closed form of a suboptimal policy", () => {
  const V = policyEvaluation(tiny, new Int32Array([1, 1]));
  const v1 = 1 / (1 - 0.9 * 0.8 * 0.9 - 0.9 * 0.2);
  assert.ok(Math.abs(V[1] - v1) < 1e-10, `V1 = ${V[1]} vs ${v1}`);
  assert.ok(Math.abs(V[0] - 0.9 * v1) < 1e-10);
  assert.deepEqual(Array.from(greedyPolicy(tiny, V)), [1, 0]);
});

Deno.test("policyEvaluation() rejects a policy of the wrong length", () => {
  assert.throws(() => policyEvaluation(tiny, new Int32Array([0])), RangeError);
});
