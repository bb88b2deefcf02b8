import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import { parseLaw, sampleLatents } from "../../../src/core/world/laws.ts";
import { ouStep, sampleViews } from "../../../src/core/world/transition.ts";

function varianceAndCorrelation(
  a: Float64Array,
  b: Float64Array,
): { va: number; vb: number; r: number } {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  const n = a.length;
  for (let i = 0; i < n; i++) {
    sa += a[i];
    sb += b[i];
    saa += a[i] * a[i];
    sbb += b[i] * b[i];
    sab += a[i] * b[i];
  }
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  const cab = sab / n - (sa / n) * (sb / n);
  return { va, vb, r: cab / Math.sqrt(va * vb) };
}

Deno.test("ouStep() keeps unit variance and has correlation rho with z (gaussian law)", () => {
  const n = 25_000;
  const dim = 4;
  const m = n * dim;
  const law = parseLaw("gaussian");
  for (const rho of [0.5, 0.95]) {
    const z = sampleLatents(law, n, dim, new Rng(3, "z"));
    const z1 = ouStep(z, n, dim, rho, law, "same", new Rng(3, "step", rho));
    const { vb, r } = varianceAndCorrelation(z, z1);
    assert.ok(Math.abs(vb - 1) < 5 * Math.sqrt(2 / m), `rho ${rho}: var ${vb}`);
    // Standard error of a correlation coefficient: (1 - rho^2) / sqrt(m).
    assert.ok(Math.abs(r - rho) < 5 * (1 - rho * rho) / Math.sqrt(m), `rho ${rho}: corr ${r}`);
  }
});

Deno.test("ouStep() innovation follows the requested law", () => {
  const n = 100_000;
  const law = parseLaw("gennorm(0.5)");
  const zero = new Float64Array(n);
  // From z = 0 the step is pure innovation scaled by sqrt(1 - rho^2).
  const same = ouStep(zero, n, 1, 0.6, law, "same", new Rng(5));
  const gauss = ouStep(zero, n, 1, 0.6, law, "gaussian", new Rng(5));
  const kurt = (x: Float64Array) => {
    let s2 = 0, s4 = 0;
    for (const v of x) {
      s2 += v * v;
      s4 += v ** 4;
    }
    return { v: s2 / x.length, k: (s4 / x.length) / (s2 / x.length) ** 2 };
  };
  const a = kurt(same);
  const b = kurt(gauss);
  assert.ok(Math.abs(a.v - 0.64) < 0.03 && Math.abs(b.v - 0.64) < 0.03, `${a.v} ${b.v}`);
  assert.ok(a.k > 15, `same-law kurtosis ${a.k} (theory 25.2)`);
  assert.ok(Math.abs(b.k - 3) < 0.1, `gaussian kurtosis ${b.k}`);
});

Deno.test("sampleViews() gives independent views of one z, reproducibly", () => {
  const n = 20_000;
  const law = parseLaw("gaussian");
  const rho = 0.9;
  const z = sampleLatents(law, n, 1, new Rng(9, "z"));
  const views = sampleViews(z, n, 1, 3, rho, law, "gaussian", new Rng(9, "views"));
  assert.equal(views.length, 3);
  // Two views share z: corr = rho^2.
  const { r } = varianceAndCorrelation(views[0], views[1]);
  assert.ok(Math.abs(r - rho * rho) < 0.02, `view correlation ${r}`);
  const again = sampleViews(z, n, 1, 3, rho, law, "gaussian", new Rng(9, "views"));
  assert.deepEqual(again, views);
  // View v is exactly ouStep with rng.split("view", v).
  assert.deepEqual(
    views[2],
    ouStep(z, n, 1, rho, law, "gaussian", new Rng(9, "views").split("view", 2)),
  );
  const other = sampleViews(z, n, 1, 1, rho, law, "gaussian", new Rng(10, "views"));
  assert.notDeepEqual(other[0], views[0]);
  assert.throws(() => ouStep(z, n, 1, 1.5, law, "same", new Rng(1)), RangeError);
  assert.throws(() => ouStep(z, n, 2, 0.5, law, "same", new Rng(1)), RangeError);
});
