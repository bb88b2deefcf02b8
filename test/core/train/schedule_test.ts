import assert from "node:assert/strict";
import { learningRate } from "../../../src/core/train/mod.ts";

Deno.test("learningRate is constant for the first half, then a cosine to 0", () => {
  const total = 100;
  for (let s = 0; s < 50; s++) assert.equal(learningRate(s, total, 3e-3), 3e-3);
  assert.ok(Math.abs(learningRate(75, total, 3e-3) - 1.5e-3) < 1e-15);
  assert.ok(Math.abs(learningRate(100, total, 3e-3)) < 1e-18);
  for (let s = 50; s < 100; s++) {
    assert.ok(learningRate(s + 1, total, 1) < learningRate(s, total, 1), `decreasing at ${s}`);
  }
  assert.throws(() => learningRate(101, total, 1), RangeError);
  assert.throws(() => learningRate(0, 0, 1), RangeError);
});
