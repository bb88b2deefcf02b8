import assert from "node:assert/strict";
import { CemPlanner, cemSettings } from "../../../src/core/planning/cem.ts";
import { lqr } from "../../../src/core/planning/lqr.ts";
import { rollout } from "../../../src/core/planning/rollout.ts";
import { controlledWorld } from "../../../src/core/world/controlled.ts";
import { Rng } from "../../../src/core/random.ts";

Deno.test("receding-horizon CEM approaches LQR's cost on a linear system", async () => {
  const world = controlledWorld({ dim: 2, sigma: 0.02 });
  const alpha = 0.1;
  let lqrTotal = 0;
  let cemTotal = 0;
  let zeroTotal = 0;
  for (let e = 0; e < 5; e++) {
    const r = new Rng(3, "episode", e);
    const draw = () => new Float64Array([4 * r.uniform() - 2, 4 * r.uniform() - 2]);
    const ep = { z0: draw(), zGoal: draw(), horizon: 20, alpha, successRadius: 0.25 };
    const pol = lqr(
      { n: 2, m: 2, a: new Float64Array([0.9, 0, 0, 0.9]), b: world.b },
      {
        q: new Float64Array([1, 0, 0, 1]),
        r: new Float64Array([alpha, 0, 0, alpha]),
        target: ep.zGoal,
      },
      ep.horizon,
    );
    const noise = new Rng(3, "noise", e);
    lqrTotal += (await rollout(world, ep, (z) => z, (t, z) => pol.action(t, z), noise)).cost;
    zeroTotal += (await rollout(world, ep, (z) => z, () => new Float64Array(2), noise)).cost;
    const cem = new CemPlanner(
      {
        stateDim: 2,
        actionDim: 2,
        step: (z, u, out) => {
          out[0] = 0.9 * z[0] + 0.3 * u[0];
          out[1] = 0.9 * z[1] + 0.3 * u[1];
        },
        cost: (z, u) =>
          (z[0] - ep.zGoal[0]) ** 2 + (z[1] - ep.zGoal[1]) ** 2 +
          alpha * (u[0] * u[0] + u[1] * u[1]),
      },
      { initStd: 2, iterations: 5 },
      new Rng(3, "cem", e),
    );
    const res = await rollout(world, ep, (z) => z, (_t, z) => cem.plan(z), noise);
    assert.ok(res.success, `episode ${e}: CEM did not reach the goal`);
    cemTotal += res.cost;
  }
  assert.ok(cemTotal >= lqrTotal - 1e-6, `CEM ${cemTotal} below the optimum ${lqrTotal}`);
  assert.ok(cemTotal < 1.1 * lqrTotal, `CEM ${cemTotal} vs LQR ${lqrTotal}`);
  assert.ok(zeroTotal > 2 * lqrTotal, "the task must need control");
});

Deno.test("CemPlanner is reproducible from its Rng and keeps LeWorldModel's defaults", () => {
  const s = cemSettings({});
  assert.deepEqual([s.samples, s.elites, s.horizon], [300, 30, 5]);
  const problem = {
    stateDim: 1,
    actionDim: 1,
    step: (x: Float64Array, u: Float64Array, out: Float64Array) => {
      out[0] = x[0] + u[0];
    },
    cost: (x: Float64Array, u: Float64Array) => (x[0] - 1) ** 2 + 0.01 * u[0] ** 2,
  };
  const a = new CemPlanner(problem, {}, new Rng(1)).plan(new Float64Array([0]));
  const b = new CemPlanner(problem, {}, new Rng(1)).plan(new Float64Array([0]));
  const c = new CemPlanner(problem, {}, new Rng(2)).plan(new Float64Array([0]));
  assert.equal(a[0], b[0]);
  assert.notEqual(a[0], c[0]);
  assert.ok(Math.abs(a[0] - 1) < 0.15, `first action ${a[0]} should be near 1`);
  assert.throws(() => cemSettings({ elites: 400 }), RangeError);
  assert.throws(() => cemSettings({ horizon: 0 }), RangeError);
});
