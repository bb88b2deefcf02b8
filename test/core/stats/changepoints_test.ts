import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import { detectChangePoints } from "../../../src/core/stats/changepoints.ts";

function noise(seed: number, n: number): number[] {
  const rng = new Rng(seed, "series");
  return Array.from({ length: n }, () => rng.normal());
}

Deno.test("detectChangePoints() finds a planted 3 sigma step at index 25 of 40", () => {
  const seeds = 200;
  let found = 0;
  for (let s = 0; s < seeds; s++) {
    const x = noise(s, 40).map((v, i) => 10 + v + (i >= 25 ? 3 : 0));
    const cps = detectChangePoints(x);
    if (cps.length === 1 && Math.abs(cps[0].index - 25) <= 2) {
      found++;
      assert.ok(Math.abs(cps[0].before - 10) < 1 && Math.abs(cps[0].after - 13) < 1.5);
    }
  }
  // Measured rate about 99 %; require 95 %.
  assert.ok(found / seeds >= 0.95, `found ${found}/${seeds}`);
});

Deno.test("detectChangePoints() stays quiet on pure noise", () => {
  const seeds = 200;
  let falsePositives = 0;
  for (let s = 0; s < seeds; s++) {
    if (detectChangePoints(noise(1000 + s, 40)).length > 0) falsePositives++;
  }
  // Measured about 1 %; require at most 3 %.
  assert.ok(falsePositives / seeds <= 0.03, `false positives ${falsePositives}/${seeds}`);
  for (let s = 0; s < 5; s++) {
    assert.deepEqual(detectChangePoints(noise(s, 40)), detectChangePoints(noise(s, 40)));
  }
});

Deno.test("detectChangePoints() finds several exact steps and respects minSize", () => {
  const x = [...Array(6).fill(1), ...Array(6).fill(4), ...Array(6).fill(2)];
  const cps = detectChangePoints(x);
  assert.deepEqual(cps, [{ index: 6, before: 1, after: 4 }, { index: 12, before: 4, after: 2 }]);
  assert.deepEqual(detectChangePoints(Array(30).fill(0.3)), []);
  // A two-point blip is shorter than minSize = 3 and may not be its own segment.
  const blip = [...Array(10).fill(0), 5, 5, ...Array(10).fill(0)];
  for (const cp of detectChangePoints(blip)) {
    assert.ok(cp.index <= 8 || cp.index >= 13 || cp.index === 10);
  }
  assert.deepEqual(detectChangePoints([1, 2, 3]), []);
  assert.throws(() => detectChangePoints([1, NaN, 2]), RangeError);
});
