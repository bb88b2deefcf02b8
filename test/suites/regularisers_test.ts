import assert from "node:assert/strict";
import { initBackend } from "../../src/core/engine/mod.ts";
import { getRegulariser, regulariserNames } from "../../src/core/objectives/mod.ts";
import {
  regularisersCase,
  SMOKE_MIXING,
  SMOKE_STEPS,
  suite,
} from "../../src/suites/regularisers.ts";
import { loadSuite, suiteIds } from "../../src/suites/registry.ts";

Deno.test("regularisers suite: registered, versioned, every regulariser on the same task and seeds", async () => {
  assert.ok(suiteIds().includes("regularisers"));
  assert.equal((await loadSuite("regularisers")).id, "regularisers");
  assert.equal(suite.version, 1);
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
  const primary = suite.metrics.filter((m) => m.primary).map((m) => m.name);
  assert.ok(primary.includes("grid_r2_hz") && primary.includes("r2_hz"));
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
    assert.equal(out.steps, 60);
  }
  // Alignment alone shrinks the embeddings toward a point; whitening keeps them spread.
  assert.equal(none.flags?.collapsed, true);
  assert.equal(white.flags?.collapsed, false);
  assert.ok(none.metrics.trace_cov < 0.1 * white.metrics.trace_cov);
});
