import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import {
  chain,
  fourRooms,
  gridworld,
  plantedRank,
  validateMdp,
} from "../../../src/core/planning/mod.ts";
import { cooccurrence, exactSvd, normalizedCooccurrence } from "../../../src/core/spectral/mod.ts";

Deno.test("every environment is a valid MDP and deterministic from its seed", () => {
  const makers = [
    (seed: number) => gridworld({ side: 6, wallDensity: 0.2 }, new Rng(seed)),
    (seed: number) => fourRooms({ side: 9 }, new Rng(seed)),
    (seed: number) => plantedRank({ nS: 20, nA: 3, rank: 4 }, new Rng(seed)),
    (_seed: number) => chain({ nS: 12 }),
  ];
  for (const make of makers) {
    const a = make(3);
    validateMdp(a);
    assert.deepEqual(make(3).P, a.P);
    assert.deepEqual(make(3).reward, a.reward);
  }
  assert.notDeepEqual(
    plantedRank({ nS: 20, nA: 3, rank: 4 }, new Rng(1)).P,
    plantedRank({ nS: 20, nA: 3, rank: 4 }, new Rng(2)).P,
  );
});

Deno.test("four-rooms has side^2 - (2 side - 1) + 4 states and gridworld walls remove cells", () => {
  assert.equal(fourRooms({ side: 9 }, new Rng(0)).nS, 81 - 17 + 4);
  const g = gridworld({ side: 10, wallDensity: 0.3 }, new Rng(0));
  assert.ok(g.nS < 100 && g.nS > 30, `nS = ${g.nS}`);
});

Deno.test("the planted-rank MDP has r large singular values then a noise floor", () => {
  const r = 5;
  const mdp = plantedRank({ nS: 48, nA: 4, rank: r, noise: 0.05 }, new Rng(4));
  const s = exactSvd(normalizedCooccurrence(cooccurrence(mdp))).s;
  assert.ok(s[r - 1] > 5 * s[r], `sigma_r ${s[r - 1]} vs sigma_r+1 ${s[r]}`);
  const clean = plantedRank({ nS: 48, nA: 4, rank: r, noise: 0 }, new Rng(4));
  const s0 = exactSvd(normalizedCooccurrence(cooccurrence(clean))).s;
  assert.ok(s0[r] < 1e-10, `noise-free kernel has rank r, sigma_r+1 = ${s0[r]}`);
});

Deno.test("environment options are validated", () => {
  assert.throws(() => gridworld({ side: 1 }, new Rng(0)), RangeError);
  assert.throws(() => fourRooms({ side: 9, slip: 1 }, new Rng(0)), RangeError);
  assert.throws(() => plantedRank({ nS: 8, nA: 2, rank: 9 }, new Rng(0)), RangeError);
  assert.throws(() => chain({ nS: 1 }), RangeError);
});
