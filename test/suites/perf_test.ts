import assert from "node:assert/strict";
import { initBackend } from "../../src/core/engine/mod.ts";
import { getProfile } from "../../src/core/runner/expand.ts";
import { suite } from "../../src/suites/perf.ts";
import { loadSuite } from "../../src/suites/registry.ts";

await initBackend("wasm");

const ctx = { seed: 0, backend: "wasm", signal: new AbortController().signal, progress() {} };

Deno.test("perf is registered with the reference, scaling and smoke profiles", async () => {
  const s = await loadSuite("perf");
  assert.equal(s.id, "perf");
  assert.equal(s.usesTensors, true);
  const ref = getProfile(s, "reference").cases.map((c) => c.id);
  assert.deepEqual(ref, [
    "spiral-mlp",
    "coupling-N64",
    "coupling-N256",
    "coupling-N1024",
    "sigreg-M4096-N1024-K1024",
  ]);
  const spiral = getProfile(s, "reference").cases[0].params;
  assert.deepEqual(
    [spiral.width, spiral.depth, spiral.batch, spiral.slices, spiral.encoder],
    [256, 4, 256, 256, "mlp"],
  );
  const scaling = getProfile(s, "scaling").cases;
  assert.deepEqual(
    scaling.filter((c) => c.params.series === "N").map((c) => c.params.dim),
    [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
  );
  assert.deepEqual(
    scaling.filter((c) => c.params.series === "batch").map((c) => c.params.batch),
    [64, 128, 256, 512, 1024],
  );
});

Deno.test("a perf training case's phases add up to its milliseconds per step, without leaks", async () => {
  const spec = getProfile(suite, "smoke").cases.find((c) => c.id === "spiral-mlp-tiny")!;
  const out = await suite.runCase(spec, ctx);
  const m = out.metrics;
  assert.ok(m.steps_per_sec > 0 && m.timed_steps >= 1);
  assert.ok(Math.abs(m.steps_per_sec * m.ms_step - 1000) < 1e-6, "steps/s = 1000 / ms_step");
  const phases = m.ms_data + m.ms_forward + m.ms_sigreg + m.ms_backward + m.ms_optimizer;
  assert.ok(
    Math.abs(phases - m.ms_step) <= 0.05 * m.ms_step,
    `phases sum to ${phases} ms, step is ${m.ms_step} ms`,
  );
  for (const k of ["ms_forward", "ms_sigreg", "ms_backward", "ms_optimizer"]) {
    assert.ok(m[k] > 0, `${k} is measured (${m[k]})`);
  }
  assert.ok(m.peak_bytes > 0 && out.peakTensorBytes === m.peak_bytes);
  assert.equal(m.tensors_growth, 0);
  assert.equal(out.steps, m.timed_steps);
});

Deno.test("the SIGReg-alone perf case times value + gradient and leaks nothing", async () => {
  const spec = getProfile(suite, "smoke").cases.find((c) => c.id.startsWith("sigreg"))!;
  const out = await suite.runCase(spec, ctx);
  assert.ok(out.metrics.ms_sigreg > 0);
  assert.ok(out.metrics.ms_sigreg <= out.metrics.ms_step);
  assert.equal(out.metrics.tensors_growth, 0);
});

Deno.test("a perf case with a malformed parameter is rejected naming it", async () => {
  await assert.rejects(
    () => suite.runCase({ id: "bad", params: { kind: "train", dim: "two" } }, ctx),
    /param dim must be a number/,
  );
  await assert.rejects(
    () => suite.runCase({ id: "odd", params: { encoder: "coupling", dim: 3 } }, ctx),
    /coupling needs an even dim/,
  );
});
