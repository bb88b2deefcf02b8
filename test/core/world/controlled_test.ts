import assert from "node:assert/strict";
import { controlledStep, controlledWorld } from "../../../src/core/world/controlled.ts";
import { Rng } from "../../../src/core/random.ts";

Deno.test("controlledWorld() has SPEC section 4's defaults: rho 0.9, B = 0.3 I, small sigma", () => {
  const w = controlledWorld({ dim: 2 });
  assert.equal(w.rho, 0.9);
  assert.deepEqual(Array.from(w.b), [0.3, 0, 0, 0.3]);
  assert.ok(w.sigma > 0 && w.sigma <= 0.05);
  assert.throws(() => controlledWorld({ dim: 0 }), RangeError);
  assert.throws(() => controlledWorld({ dim: 2, actionDim: 3 }), RangeError);
  assert.throws(() => controlledWorld({ dim: 2, b: new Float64Array(3) }), RangeError);
  assert.throws(() => controlledWorld({ dim: 2, sigma: -1 }), RangeError);
});

Deno.test("controlledStep() is rho z + B a plus seeded noise of standard deviation sigma", () => {
  const b = new Float64Array([1, 2, 0, -1, 0.5, 3]); // 2 x 3
  const w = controlledWorld({ dim: 2, actionDim: 3, rho: 0.5, b, sigma: 0 });
  const z1 = controlledStep(w, new Float64Array([2, -4]), new Float64Array([1, 1, 1]), 1);
  assert.deepEqual(Array.from(z1), [1 + (1 + 2 + 0), -2 + (-1 + 0.5 + 3)]);
  const noisy = { ...w, sigma: 0.1 };
  const n = 20_000;
  const z = new Float64Array(2 * n);
  const a = new Float64Array(3 * n);
  const x = controlledStep(noisy, z, a, n, new Rng(4, "noise"));
  const y = controlledStep(noisy, z, a, n, new Rng(4, "noise"));
  assert.deepEqual(Array.from(x.subarray(0, 10)), Array.from(y.subarray(0, 10)));
  const sd = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
  assert.ok(Math.abs(sd - 0.1) < 0.003, `noise sd ${sd}`);
  assert.throws(() => controlledStep(noisy, z, a, n), TypeError);
});
