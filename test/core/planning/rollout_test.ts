import assert from "node:assert/strict";
import { rollout, ROLLOUT_CAP } from "../../../src/core/planning/rollout.ts";
import { controlledWorld } from "../../../src/core/world/controlled.ts";
import { Rng } from "../../../src/core/random.ts";

const ep = {
  z0: new Float64Array([1, -1]),
  zGoal: new Float64Array([0, 0]),
  horizon: 10,
  alpha: 0.5,
  successRadius: 0.25,
};

Deno.test("rollout() charges state and action costs in the true latent space", async () => {
  const world = controlledWorld({ dim: 2, sigma: 0 });
  const res = await rollout(world, ep, (z) => z, () => new Float64Array([1, 1]), new Rng(0));
  // By hand: z_{t+1} = 0.9 z_t + 0.3.
  let z = [1, -1];
  let cost = 0;
  for (let t = 0; t < 10; t++) {
    z = z.map((v) => 0.9 * v + 0.3);
    cost += z[0] ** 2 + z[1] ** 2 + 0.5 * 2;
  }
  assert.ok(Math.abs(res.cost - cost) < 1e-12);
  assert.ok(Math.abs(res.finalDistance - Math.hypot(z[0], z[1])) < 1e-12);
  assert.equal(res.steps, 10);
  assert.equal(res.diverged, false);
});

Deno.test("rollout() caps diverging policies and counts them as failures", async () => {
  const world = controlledWorld({ dim: 2, sigma: 0 });
  const res = await rollout(
    world,
    ep,
    (z) => z,
    (_t, z) => new Float64Array([30 * z[0], 30 * z[1]]),
    new Rng(0),
  );
  assert.equal(res.diverged, true);
  assert.equal(res.success, false);
  assert.equal(res.finalDistance, Infinity);
  assert.ok(res.cost >= ROLLOUT_CAP ** 2);
  assert.ok(res.steps < 10);
});

Deno.test("rollout() gives two policies the same process noise (paired episodes)", async () => {
  const world = controlledWorld({ dim: 2, sigma: 0.1 });
  const zero = () => new Float64Array(2);
  const a = await rollout(world, ep, (z) => z, zero, new Rng(5, "noise"));
  const b = await rollout(world, ep, (z) => z, zero, new Rng(5, "noise"));
  const c = await rollout(world, ep, (z) => z, zero, new Rng(6, "noise"));
  assert.deepEqual(Array.from(a.states), Array.from(b.states));
  assert.notDeepEqual(Array.from(a.states), Array.from(c.states));
});

Deno.test("rollout() awaits an asynchronous policy (webgpu encoders) and matches the synchronous one", async () => {
  const world = controlledWorld({ dim: 2, sigma: 0.1 });
  const policy = (_t: number, z: Float64Array) => new Float64Array([-z[0], 0.5 * z[1]]);
  const sync = await rollout(world, ep, (z) => z, policy, new Rng(9, "noise"));
  const async = await rollout(world, ep, (z) => z, async (t, z) => {
    await new Promise((r) => setTimeout(r, 0));
    return policy(t, z);
  }, new Rng(9, "noise"));
  assert.deepEqual(Array.from(async.states), Array.from(sync.states));
  assert.equal(async.cost, sync.cost);
  assert.equal(async.steps, 10);
});
