import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import type { CaseContext, CaseOutput } from "../../src/core/suite.ts";
import { loadSuite } from "../../src/suites/registry.ts";
import {
  fitExponents,
  isUShaped,
  parseParams,
  spearman,
  suite,
} from "../../src/suites/generalization.ts";

const ctx = (seed: number): CaseContext => ({
  seed,
  backend: "wasm",
  signal: new AbortController().signal,
  progress: () => {},
});

/** Metrics that measure time, not science. */
const TIMING = new Set(["svd_ms", "fit_svd_ms_mean", "case_wall_ms"]);

Deno.test("generalization is registered and its profiles are well formed", async () => {
  assert.equal(await loadSuite("generalization"), suite);
  const names = new Set(suite.metrics.map((m) => m.name));
  for (const profile of Object.values(suite.profiles)) {
    const ids = profile.cases.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate case ids in ${profile.name}`);
    for (const c of profile.cases) parseParams(c.params);
  }
  for (const m of suite.metrics) assert.ok(m.margin >= 0 && names.has(m.name));
  assert.throws(() => parseParams({ env: "maze", ks: "1", ns: "1" }), RangeError);
  assert.throws(() => parseParams({ env: "chain", ks: "1,x", ns: "1" }), RangeError);
});

Deno.test("helpers: spearman, exponent fit and the U-shape test behave", () => {
  assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  const pts = [];
  for (const k of [2, 4, 8]) {
    for (const n of [100, 1000]) pts.push({ k, n, y: 3 * Math.sqrt(k) / n });
  }
  const [a, b] = fitExponents(pts);
  assert.ok(Math.abs(a - 0.5) < 1e-9 && Math.abs(b + 1) < 1e-9);
  assert.ok(isUShaped([1, 0.2, 0.1, 0.3], 0.05));
  assert.ok(!isUShaped([1, 0.2, 0.1, 0.05], 0.01), "monotone is not U-shaped");
  assert.ok(!isUShaped([0.11, 0.1, 0.12], 0.01), "flat within noise is not U-shaped");
});

Deno.test("smoke profile: every case completes and its checks hold (regret <= bound, U-shape, Eckart-Young)", async () => {
  assert.equal(await tf.setBackend("wasm"), true);
  const outputs: Record<string, CaseOutput> = {};
  for (const spec of suite.profiles.smoke.cases) {
    const t0 = performance.now();
    const out = await suite.runCase(spec, ctx(0));
    outputs[spec.id] = out;
    const secs = (performance.now() - t0) / 1000;
    console.log(`${spec.id}: ${secs.toFixed(1)} s`, JSON.stringify(out.flags));
    assert.equal(out.metrics.bound_holds_fraction, 1, `${spec.id}: regret exceeded the bound`);
    assert.equal(out.flags!.bound_holds_everywhere, true);
    assert.ok(out.metrics.max_regret_to_bound_ratio <= 1);
    assert.equal(
      out.flags!.bound_nonvacuous_at_large_n,
      true,
      `${spec.id}: bound vacuous at large n`,
    );
    assert.equal(
      out.flags!.gd_reaches_optimum_from_above,
      true,
      `${spec.id}: GD gap ${out.metrics.gd_gap_to_optimum}`,
    );
    assert.ok(
      out.metrics.spearman_regret_vs_bound > 0.3,
      `${spec.id}: regret/bound rank correlation`,
    );
    for (const [k, v] of Object.entries(out.metrics)) {
      assert.ok(Number.isFinite(v), `${spec.id}: ${k} = ${v}`);
    }
  }
  const planted = outputs["planted-rank-64-r6"];
  assert.equal(planted.flags!.regret_u_shaped, true, "regret not U-shaped in k at n = 1e4");
  assert.ok(planted.metrics.regret_at_planted_rank < 0.002 * planted.metrics.vacuous_at);
  assert.ok(
    Math.abs(planted.metrics.min_bound_k - 6) <= 2,
    `bound minimised at k=${planted.metrics.min_bound_k}`,
  );
  assert.ok(
    planted.metrics.eps_sample_exp_n < -0.5,
    `eps_sample should decay in n: ${planted.metrics.eps_sample_exp_n}`,
  );
  assert.ok(
    planted.metrics.eps_sample_exp_k > 0,
    `eps_sample should grow in k: ${planted.metrics.eps_sample_exp_k}`,
  );
  const curve = planted.curves!["regret@n=10000"];
  assert.ok(curve.length >= 10 && curve[0][0] === 1);
});

Deno.test("same seed gives identical metrics; another seed gives another environment", async () => {
  assert.equal(await tf.setBackend("wasm"), true);
  const spec = suite.profiles.smoke.cases.find((c) => c.id === "gridworld-6")!;
  const strip = (o: CaseOutput) =>
    Object.fromEntries(Object.entries(o.metrics).filter(([k]) => !TIMING.has(k)));
  const a = await suite.runCase(spec, ctx(0));
  const b = await suite.runCase(spec, ctx(0));
  const c = await suite.runCase(spec, ctx(1));
  assert.deepEqual(strip(a), strip(b));
  assert.deepEqual(a.curves, b.curves);
  assert.notDeepEqual(a.curves!.singular_values, c.curves!.singular_values);
});
