import assert from "node:assert/strict";
import { initBackend } from "../../src/core/engine/mod.ts";
import type { CaseContext, CaseOutput } from "../../src/core/suite.ts";
import { loadSuite } from "../../src/suites/registry.ts";
import { planningCase, type PlanningParams, suite } from "../../src/suites/planning.ts";

await initBackend("wasm");

function ctx(seed: number): CaseContext {
  return { seed, backend: "wasm", signal: new AbortController().signal, progress: () => {} };
}

async function run(p: Partial<PlanningParams>, seed: number): Promise<CaseOutput> {
  return await suite.runCase(planningCase(p), ctx(seed));
}

Deno.test("the planning suite is registered, versioned, and its profiles are well formed", async () => {
  const loaded = await loadSuite("planning");
  assert.equal(loaded.id, "planning");
  assert.equal(loaded.version, 1);
  assert.equal(loaded.usesTensors, true);
  for (const profile of Object.values(suite.profiles)) {
    const ids = profile.cases.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate case ids in ${profile.name}`);
    assert.ok(profile.seeds.length >= 2);
  }
  const smoke = suite.profiles.smoke.cases.map((c) => c.params);
  assert.ok(
    smoke.some((p) => p.law === "gaussian" && p.objective === "sigreg" && p.planner === "lqr"),
  );
  assert.ok(smoke.some((p) => p.law === "gennorm(0.25)" && p.objective === "sigreg"));
  assert.ok(smoke.some((p) => p.objective === "none"));
  assert.ok(smoke.some((p) => p.planner === "cem"));
  const standard = suite.profiles.standard.cases.map((c) => c.params);
  assert.ok(standard.some((p) => p.mixing === "reacher" && p.size === 32));
  assert.ok(standard.some((p) => p.mode === "end-to-end"));
  assert.ok(
    suite.profiles.gpu.cases.some((c) => c.params.mixing === "reacher" && c.params.size === 64),
  );
  const primary = suite.metrics.filter((m) => m.primary).map((m) => m.name);
  assert.deepEqual(primary.sort(), ["cost_ratio", "regret_median", "success_rate"]);
  assert.equal(planningCase({ planner: "cem" }).id, "spiral/gaussian/N2/sigreg/cem/two-stage");
  await assert.rejects(() => run({ planner: "mpc" as "lqr", steps: 1 }, 0), RangeError);
});

Deno.test("the reacher (CNN) and end-to-end modes run and report every planning metric", async () => {
  const tiny = {
    steps: 10,
    batch: 32,
    episodes: 2,
    horizon: 5,
    evalSize: 200,
    fitSamples: 300,
    slices: 16,
  };
  const variants: [string, Partial<PlanningParams>][] = [
    ["reacher", { mixing: "reacher", size: 16, planner: "cem", cemIterations: 1, ...tiny }],
    ["end-to-end", { mode: "end-to-end", width: 16, depth: 1, lambda: 0.1, ...tiny }],
  ];
  for (const [label, p] of variants) {
    const out = await run(p, 3);
    for (
      const k of [
        "regret_median",
        "cost_ratio",
        "success_rate",
        "plan_ms_per_step",
        "model_r2",
        "r2_hz",
      ]
    ) {
      assert.ok(Number.isFinite(out.metrics[k]), `${label}: ${k} = ${out.metrics[k]}`);
    }
    assert.ok(
      out.metrics.optimal_success_rate === 1,
      "LQR on the true dynamics must reach the goal",
    );
    assert.equal(out.steps, 10);
  }
});

/**
 * The suite's claim at the smallest budget that separates the cases on both
 * smoke seeds (measured: 400 steps identify seed 1338 only partly, grid R2
 * 0.33; 600 steps give grid R2 >= 0.8 on both): SIGReg with Gaussian latents
 * is (nearly) identified and plans with low regret; alignment-only collapses
 * and gennorm(0.25) latents are not identified, and both plan badly.
 */
const SCIENCE_BUDGET: Partial<PlanningParams> = {
  steps: 600,
  width: 128,
  episodes: 10,
  evalSize: 1000,
  fitSamples: 2000,
};

Deno.test("SIGReg with Gaussian latents plans with lower regret than alignment-only and gennorm(0.25)", async () => {
  for (const seed of [1337, 1338]) {
    const gaussian = await run({ ...SCIENCE_BUDGET, law: "gaussian" }, seed);
    const heavy = await run({ ...SCIENCE_BUDGET, law: "gennorm(0.25)" }, seed);
    const align = await run({ ...SCIENCE_BUDGET, law: "gaussian", objective: "none" }, seed);
    const g = gaussian.metrics.regret_median;
    const msg =
      `seed ${seed}: gaussian ${g}, gennorm ${heavy.metrics.regret_median}, none ${align.metrics.regret_median}`;
    assert.ok(g < heavy.metrics.regret_median, msg);
    assert.ok(g < align.metrics.regret_median, msg);
    // The reason: the Gaussian encoder is (nearly) identified, the others are not.
    assert.ok(gaussian.metrics.grid_r2_hz > heavy.metrics.grid_r2_hz, msg);
    assert.ok(gaussian.metrics.grid_r2_hz > align.metrics.grid_r2_hz, msg);
  }
});
