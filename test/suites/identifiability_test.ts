import assert from "node:assert/strict";
import { initBackend, threadedMatMulState } from "../../src/core/engine/mod.ts";
import { identifiabilityCase, suite } from "../../src/suites/identifiability.ts";
import type { CaseOutput, CaseSpec } from "../../src/core/suite.ts";

async function runOne(spec: CaseSpec, seed: number): Promise<CaseOutput> {
  await initBackend("wasm");
  return await suite.runCase(spec, {
    seed,
    backend: "wasm",
    signal: new AbortController().signal,
    progress() {},
  });
}

// A short end-to-end run: the banana mixing is identified within a few hundred steps, so this is
// the cheapest place where the Gaussian / non-Gaussian gap is already wide: at 200 steps, width
// 64, batch 128, 64 slices, seed 1337, grid R2 0.969 (Gaussian) vs 0.718 (gennorm(0.25)); about
// 4 s of training each on an idle core (300 steps at batch 256 and 256 slices took 13 s).
const budget = {
  mixing: "banana" as const,
  steps: 200,
  width: 64,
  batch: 128,
  slices: 64,
  evalSize: 2000,
};

Deno.test("identifiability: a short run identifies Gaussian latents and separates gennorm(0.25)", async () => {
  const gauss = await runOne(identifiabilityCase({ ...budget, law: "gaussian" }), 1337);
  const heavy = await runOne(identifiabilityCase({ ...budget, law: "gennorm(0.25)" }), 1337);
  const g = gauss.metrics.grid_r2_hz;
  const h = heavy.metrics.grid_r2_hz;
  assert.ok(g >= 0.9, `Gaussian grid R2 ${g} should be >= 0.9`);
  assert.ok(g - h >= 0.2, `gap between Gaussian (${g}) and gennorm(0.25) (${h}) should be >= 0.2`);
  assert.equal(gauss.flags?.collapsed, false);
  for (const k of ["r2_hz", "r2_zh", "procrustes_mse", "approx_bound", "epsilon", "L_h"]) {
    assert.ok(Number.isFinite(gauss.metrics[k]), `${k} is reported`);
  }
  assert.equal(gauss.steps, 200);
  assert.ok((gauss.trainSeconds ?? 0) > 0);
});

Deno.test("identifiability: alignment-only training collapses", async () => {
  const out = await runOne(
    identifiabilityCase({ ...budget, law: "gaussian", objective: "none", steps: 150 }),
    1338,
  );
  assert.equal(out.flags?.collapsed, true, `effective rank ${out.metrics.effective_rank}`);
  assert.ok(out.metrics.grid_r2_hz < 0.5, `grid R2 ${out.metrics.grid_r2_hz} should be low`);
});

Deno.test("identifiability: the same seed gives identical metrics", async () => {
  const spec = identifiabilityCase({ ...budget, law: "gaussian", steps: 20 });
  const a = await runOne(spec, 7);
  const b = await runOne(spec, 7);
  assert.deepEqual(a.metrics, b.metrics);
  const c = await runOne(spec, 8);
  assert.notDeepEqual(a.metrics, c.metrics);
});

Deno.test("identifiability: profiles are well formed and case ids are unique", () => {
  for (const profile of Object.values(suite.profiles)) {
    const ids = profile.cases.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate case id in ${profile.name}`);
    assert.ok(profile.seeds.length >= 1);
  }
  const smoke = suite.profiles.smoke;
  const laws = new Set(smoke.cases.map((c) => c.params.law));
  assert.deepEqual([...laws].sort(), ["gaussian", "gennorm(0.25)", "gennorm(16)"]);
  assert.ok(smoke.cases.some((c) => c.params.objective === "none"));
  // SPEC section 2: the paper's seeds are 1337-1339 for the 2D runs and 0-4 for the scaling ones.
  const paper = suite.profiles.paper;
  const scaling = suite.profiles["paper-scaling"];
  for (const p of [paper, scaling]) {
    assert.ok(p.cases.every((c) => c.params.steps === 20000 && c.params.batch === 256));
  }
  assert.deepEqual(paper.seeds, [1337, 1338, 1339]);
  assert.ok(paper.cases.every((c) => c.params.dim === 2));
  assert.deepEqual(scaling.seeds, [0, 1, 2, 3, 4]);
  assert.deepEqual(
    [...new Set(scaling.cases.map((c) => c.params.dim))],
    [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
  );
});

Deno.test("identifiability: a malformed case param is a clear TypeError", async () => {
  const spec = identifiabilityCase({ ...budget, law: "gaussian", steps: 5 });
  const bad = { ...spec, params: { ...spec.params, steps: "many" } };
  await assert.rejects(
    () => runOne(bad, 1),
    (e: unknown) => e instanceof TypeError && /steps/.test(String(e)),
  );
});

/** A case context on wasm, with or without a spare core. */
const caseContext = (seed: number, spareCore: boolean) => ({
  seed,
  backend: "wasm",
  signal: new AbortController().signal,
  progress() {},
  spareCore,
});

Deno.test("identifiability: a coupling case with a spare core (views drawn in a worker) gives the same metrics as without", async () => {
  const spec = identifiabilityCase({
    mixing: "coupling",
    encoder: "coupling",
    dim: 64,
    layers: 4,
    law: "gaussian",
    steps: 6,
    batch: 64,
    slices: 16,
    evalSize: 500,
  });
  await initBackend("wasm");
  const ctx = (spareCore: boolean) => caseContext(3, spareCore);
  const inThread = await suite.runCase(spec, ctx(false));
  const ahead = await suite.runCase(spec, ctx(true));
  assert.deepEqual(ahead.metrics, inThread.metrics);
  assert.deepEqual(ahead.curves, inThread.curves);
});

Deno.test("identifiability: a spiral case with a spare core (SIGReg's pass and the matMuls on two threads) gives the same metrics as without", async () => {
  const spec = identifiabilityCase({
    mixing: "spiral",
    encoder: "mlp",
    dim: 2,
    width: 128,
    depth: 3,
    law: "gaussian",
    steps: 5,
    batch: 128,
    slices: 32,
    evalSize: 500,
  });
  await initBackend("wasm");
  const ctx = (spareCore: boolean) => caseContext(2, spareCore);
  const oneThread = await suite.runCase(spec, ctx(false));
  const jobs = threadedMatMulState().jobs;
  const twoThreads = await suite.runCase(spec, ctx(true));
  assert.ok(threadedMatMulState().jobs > jobs, "no matMul went to the worker");
  assert.equal(threadedMatMulState().active, false, "the worker is stopped after the case");
  assert.deepEqual(twoThreads.metrics, oneThread.metrics);
  assert.deepEqual(twoThreads.curves, oneThread.curves);
});
