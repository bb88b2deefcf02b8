import assert from "node:assert/strict";
import { differenceCI, verdict } from "../../../src/core/stats/mod.ts";

Deno.test("verdict() flags only CIs wholly beyond the margin", () => {
  const m = 0.01;
  // Higher is better.
  assert.equal(verdict({ ciLow: -0.05, ciHigh: -0.02 }, m, "higher"), "worse");
  assert.equal(verdict({ ciLow: 0.02, ciHigh: 0.05 }, m, "higher"), "better");
  assert.equal(verdict({ ciLow: -0.05, ciHigh: -0.005 }, m, "higher"), "no detectable change");
  assert.equal(verdict({ ciLow: -0.05, ciHigh: 0.05 }, m, "higher"), "no detectable change");
  assert.equal(verdict({ ciLow: -0.05, ciHigh: -0.01 }, m, "higher"), "no detectable change");
  // Lower is better: the same CIs read the other way.
  assert.equal(verdict({ ciLow: -0.05, ciHigh: -0.02 }, m, "lower"), "better");
  assert.equal(verdict({ ciLow: 0.02, ciHigh: 0.05 }, m, "lower"), "worse");
  assert.equal(verdict({ ciLow: 0.005, ciHigh: 0.05 }, m, "lower"), "no detectable change");
  // Margin zero: any CI excluding 0 decides.
  assert.equal(verdict({ ciLow: 1e-9, ciHigh: 1 }, 0, "higher"), "better");
  assert.equal(verdict({ ciLow: NaN, ciHigh: NaN }, m, "higher"), "no detectable change");
  assert.throws(() => verdict({ ciLow: 0, ciHigh: 1 }, -1, "higher"), RangeError);
  assert.throws(() => verdict({ ciLow: 1, ciHigh: 0 }, 0, "higher"), RangeError);
});

Deno.test("verdict() on bootstrap CIs: a clear drop is worse, a small jitter is not", () => {
  const base = [0.991, 0.993, 0.990, 0.992, 0.994];
  const dropped = base.map((v) => v - 0.05);
  const jitter = base.map((v, i) => v + (i % 2 ? 1e-3 : -1e-3));
  assert.equal(verdict(differenceCI(base, dropped, { seed: 1 }), 0.01, "higher"), "worse");
  assert.equal(
    verdict(differenceCI(base, jitter, { seed: 1 }), 0.01, "higher"),
    "no detectable change",
  );
  assert.equal(verdict(differenceCI(dropped, base, { seed: 1 }), 0.01, "higher"), "better");
});
