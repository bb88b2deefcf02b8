import assert from "node:assert/strict";
import { simulateCoverage } from "../../../src/core/stats/mod.ts";

// 4000 trials: binomial se about 0.0034 at 95 %, so 95 % is told from 90 % and 99 % by more
// than 10 se. The bootstrap uses 1000 resamples per interval (about 2.6 s for the four n);
// its skewed-law line uses 1000 trials (printed, not asserted) to keep the test short.
const NS = [2, 3, 5, 10];
const TRIALS = 4000;

Deno.test("the t-interval covers 95 % at n = 2, 3, 5, 10 seeds and the bootstrap does not", () => {
  const rows: string[] = [];
  for (const n of NS) {
    const t = simulateCoverage({ n, trials: TRIALS, law: "normal", method: "t", seed: 1 });
    const b = simulateCoverage({
      n,
      trials: TRIALS,
      law: "normal",
      method: "bootstrap",
      resamples: 1000,
      seed: 1,
    });
    rows.push(`n=${n}: t ${t.rate.toFixed(3)}  bootstrap ${b.rate.toFixed(3)} (normal)`);
    assert.ok(t.rate >= 0.93 && t.rate <= 0.97, `t-interval coverage at n=${n}: ${t.rate}`);
    // The percentile bootstrap of the mean is far too narrow with few seeds.
    if (n <= 3) assert.ok(b.rate < 0.8, `bootstrap coverage at n=${n}: ${b.rate}`);
    assert.ok(b.rate < 0.93, `bootstrap coverage at n=${n} is nominal? ${b.rate}`);
    assert.ok(b.rate < t.rate - 3 * Math.hypot(t.se, b.se), `bootstrap not below t at n=${n}`);
  }
  console.log(rows.join("\n"));
});

Deno.test("on a skewed law (lognormal) both intervals under-cover, the bootstrap more", () => {
  const rows: string[] = [];
  for (const n of NS) {
    const t = simulateCoverage({ n, trials: TRIALS, law: "lognormal", method: "t", seed: 2 });
    const b = simulateCoverage({
      n,
      trials: 1000,
      law: "lognormal",
      method: "bootstrap",
      resamples: 1000,
      seed: 2,
    });
    rows.push(`n=${n}: t ${t.rate.toFixed(3)}  bootstrap ${b.rate.toFixed(3)} (lognormal)`);
    // Loose: the t-interval assumes normal means; exp(N(0, 1)) is very skewed.
    assert.ok(t.rate > 0.75 && t.rate <= 0.97, `lognormal t coverage at n=${n}: ${t.rate}`);
    assert.ok(b.rate < t.rate, `bootstrap above t on the skewed law at n=${n}`);
  }
  console.log(rows.join("\n"));
});

Deno.test("the coverage simulation rejects fewer than two seeds", () => {
  assert.throws(
    () => simulateCoverage({ n: 1, trials: 10, law: "normal", method: "t" }),
    /n must be an integer >= 2/,
  );
});
