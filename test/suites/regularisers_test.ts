import assert from "node:assert/strict";
import { initBackend } from "../../src/core/engine/mod.ts";
import { getRegulariser, regulariserNames } from "../../src/core/objectives/mod.ts";
import {
  PLANNING_TASK,
  regularisersCase,
  regularisersPlanningCase,
  SMOKE_MIXING,
  SMOKE_STEPS,
  suite,
} from "../../src/suites/regularisers.ts";
import { loadSuite, suiteIds } from "../../src/suites/registry.ts";

Deno.test("regularisers suite: registered, versioned, every regulariser on the same task and seeds", async () => {
  assert.ok(suiteIds().includes("regularisers"));
  assert.equal((await loadSuite("regularisers")).id, "regularisers");
  assert.equal(suite.version, 2);
  for (const profile of Object.values(suite.profiles)) {
    const ids = profile.cases.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, `${profile.name}: case ids are unique`);
    for (const c of profile.cases) {
      const reg = getRegulariser(String(c.params.objective));
      assert.equal(c.params.lambda, reg.defaultLambda, `${c.id} uses the default weight`);
      assert.ok(c.id.startsWith(`${reg.name}/`), c.id);
    }
  }
  const smoke = suite.profiles.smoke;
  assert.equal(smoke.seeds.length, 2);
  for (const name of regulariserNames()) {
    assert.ok(smoke.cases.some((c) => c.id === `${name}/${SMOKE_MIXING}/gaussian/N2/mlp`), name);
  }
  // The non-Gaussian control: SIGReg on the same mixing with gennorm(0.25) latents.
  assert.ok(smoke.cases.some((c) => c.id === `sigreg/${SMOKE_MIXING}/gennorm(0.25)/N2/mlp`));
  assert.equal(smoke.cases.length, regulariserNames().length + 1);
  assert.ok(smoke.cases.every((c) => c.params.steps === SMOKE_STEPS));
  assert.ok(smoke.cases.every((c) => c.params.mixing === SMOKE_MIXING));
  assert.ok(smoke.cases.every((c) => c.params.planner === undefined), "no planning in smoke");
  const primary = suite.metrics.filter((m) => m.primary).map((m) => m.name);
  assert.ok(primary.includes("grid_r2_hz") && primary.includes("r2_hz"));
  const names = suite.metrics.map((m) => m.name);
  assert.equal(new Set(names).size, names.length, "metric names are unique");
  for (const name of ["regret_median", "cost_ratio", "success_rate"]) {
    const m = suite.metrics.find((d) => d.name === name);
    assert.ok(m && !m.primary, `${name} is listed as a secondary metric`);
  }
});

Deno.test("regularisers suite: the standard profile has one planning task per regulariser, same params", () => {
  const standard = suite.profiles.standard;
  assert.deepEqual(standard.seeds, [1337, 1338, 1339]);
  const planning = standard.cases.filter((c) => c.params.planner !== undefined);
  const names = regulariserNames();
  assert.equal(planning.length, names.length);
  assert.deepEqual(planning.map((c) => c.params.objective).sort(), [...names].sort());
  const strip = (p: Record<string, unknown>) => {
    const { objective: _o, lambda: _l, ...rest } = p;
    return rest;
  };
  const first = strip(planning[0].params);
  assert.equal(first.mixing, "spiral");
  assert.equal(first.law, "gaussian");
  assert.equal(first.planner, "lqr");
  assert.equal(first.mode, "two-stage");
  for (const c of planning) {
    const reg = getRegulariser(String(c.params.objective));
    assert.equal(c.id, `${reg.name}/planning/spiral/gaussian/N2/lqr/two-stage`);
    assert.deepEqual(strip(c.params), first, `${c.id}: same params apart from the regulariser`);
  }
  // The identifiability tasks are untouched: 8 per regulariser.
  assert.equal(standard.cases.length, names.length * 9);
  assert.equal(PLANNING_TASK.steps, first.steps);
});

Deno.test("regularisers suite: a planning case runs through the planning suite", async () => {
  await initBackend("wasm");
  const ctl = new AbortController();
  const spec = regularisersPlanningCase("sigreg", {
    steps: 30,
    width: 16,
    depth: 1,
    batch: 32,
    slices: 16,
    episodes: 2,
    horizon: 5,
    evalSize: 200,
    fitSamples: 300,
  });
  assert.equal(spec.id, "sigreg/planning/spiral/gaussian/N2/lqr/two-stage");
  const out = await suite.runCase(spec, {
    seed: 1,
    backend: "wasm",
    signal: ctl.signal,
    progress() {},
  });
  assert.equal(out.steps, 30);
  for (const k of ["regret_median", "cost_ratio", "success_rate", "model_r2", "grid_r2_hz"]) {
    assert.ok(Number.isFinite(out.metrics[k]), `${k} = ${out.metrics[k]}`);
  }
  assert.ok(out.metrics.cost_ratio > 0 && out.metrics.success_rate <= 1);
});

Deno.test("regularisers suite: a case runs end to end and alignment-only collapses", async () => {
  await initBackend("wasm");
  const ctl = new AbortController();
  const run = (name: string) =>
    suite.runCase(
      regularisersCase(name, {
        mixing: "spiral",
        law: "gaussian",
        steps: 60,
        width: 16,
        depth: 2,
        evalSize: 500,
        slices: 16,
      }),
      { seed: 1, backend: "wasm", signal: ctl.signal, progress() {} },
    );
  const none = await run("none");
  const white = await run("whitening");
  for (const out of [none, white]) {
    assert.ok(Number.isFinite(out.metrics.r2_hz) && Number.isFinite(out.metrics.grid_r2_hz));
    assert.equal(out.metrics.regret_median, undefined, "identifiability cases do not plan");
    assert.equal(out.steps, 60);
  }
  // Alignment alone shrinks the embeddings toward a point; whitening keeps them spread.
  assert.equal(none.flags?.collapsed, true);
  assert.equal(white.flags?.collapsed, false);
  assert.ok(none.metrics.trace_cov < 0.1 * white.metrics.trace_cov);
});

Deno.test("regularisers suite: its entries are registered regularisers with the weights the suite states", async () => {
  const { getRegulariser } = await import("../../src/core/objectives/registry.ts");
  const { REGULARISER_LAMBDAS } = await import("../../src/suites/regularisers_profiles.ts");
  for (const [name, lambda] of Object.entries(REGULARISER_LAMBDAS)) {
    const reg = getRegulariser(name);
    assert.equal(reg.name, name);
    assert.equal(reg.defaultLambda, lambda, `${name}: the module's defaultLambda changed`);
  }
});
