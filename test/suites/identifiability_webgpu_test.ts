/**
 * Whole suite cases on the webgpu backend (Deno's WebGPU; on a machine without
 * a GPU, Mesa's lavapipe software Vulkan: `apt-get install -y
 * mesa-vulkan-drivers libvulkan1`) against wasm for the same seed. Without any
 * Vulkan driver these tests FAIL with that hint, they never skip.
 *
 * Tolerance: every metric within {@link METRIC_RTOL} x max(1, |wasm value|).
 * webgpu computes in float32 on the device and SIGReg with tensor ops, wasm
 * SIGReg's statistic in float64 JS, so 20 training steps drift apart by
 * float32 rounding only: measured on lavapipe, at most 4.4e-7 (approx_bound;
 * R2s 1e-7) for the identifiability case and 1e-7 for the planning ones
 * (CEM's regret identical: the same encoded states give the same plans).
 *
 * The cases are as short as the comparison allows (4 training steps, each a
 * curve point): a step on software WebGPU (Mesa's llvmpipe over GL, or
 * lavapipe) costs about a second, against 3 ms on wasm, so 20 steps took 81 s.
 *
 * Every matmul here has its inner and output widths at most 16 (width 16,
 * 16 SIGReg slices): above 16, tfjs-webgpu picks its 8 x 8 tiled matmul
 * shader, which Mesa's llvmpipe (the software GPU of a machine without one)
 * compiles in about 20 s of LLVM time per variant on first use (two variants
 * per SIGReg: forward and gradient), against 2-3 s for the 4 x 8 one. With
 * a cold shader cache (~/.cache/mesa_shader_cache) the identifiability case
 * took 78 s with 256 slices and 22 s with 16 (`.scratch` probe, one process,
 * idle 2-core machine). The large-shape shader is tfjs's own code; what these
 * tests check is that the suite's code gives wasm's numbers on webgpu.
 */
import assert from "node:assert/strict";
import { initBackend } from "../../src/core/engine/mod.ts";
import { identifiabilityCase, suite as identifiability } from "../../src/suites/identifiability.ts";
import { planningCase, suite as planning } from "../../src/suites/planning.ts";
import { suite as generalization } from "../../src/suites/generalization.ts";
import { randomizedSvdTf } from "../../src/core/spectral/svd.ts";
import { Rng } from "../../src/core/random.ts";
import type { CaseOutput, CaseSpec, Suite } from "../../src/core/suite.ts";
import { assertRegulariserRuns, getRegulariser } from "../../src/core/objectives/registry.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** Relative tolerance (absolute below 1) of every metric, webgpu vs wasm. */
const METRIC_RTOL = 1e-4;
/** Wall-clock timings, not results: they differ by design. */
const TIMINGS = new Set(["plan_ms_per_step"]);

async function useBackend(name: "wasm" | "webgpu"): Promise<void> {
  try {
    await initBackend(name);
  } catch (e) {
    throw new Error(
      `the ${name} backend must initialise here (on a machine without a GPU, install software ` +
        `Vulkan: apt-get install -y mesa-vulkan-drivers libvulkan1): ${(e as Error).message}`,
    );
  }
}

async function runOn(
  suite: Suite,
  backend: "wasm" | "webgpu",
  spec: CaseSpec,
  seed: number,
): Promise<CaseOutput> {
  await useBackend(backend);
  return await suite.runCase(spec, {
    seed,
    backend,
    signal: new AbortController().signal,
    progress() {},
  });
}

function assertSameMetrics(gpu: CaseOutput, wasm: CaseOutput, what: string): void {
  const keys = Object.keys(wasm.metrics).filter((k) => !TIMINGS.has(k)).sort();
  assert.deepEqual(
    Object.keys(gpu.metrics).filter((k) => !TIMINGS.has(k)).sort(),
    keys,
    `${what}: metric names`,
  );
  for (const k of keys) {
    const a = gpu.metrics[k];
    const b = wasm.metrics[k];
    assert.ok(Number.isFinite(a), `${what}: ${k} is finite on webgpu (${a})`);
    const err = Math.abs(a - b);
    assert.ok(
      err <= METRIC_RTOL * Math.max(1, Math.abs(b)),
      `${what}: ${k} webgpu ${a} vs wasm ${b} (|diff| ${err})`,
    );
  }
  assert.deepEqual(gpu.flags, wasm.flags, `${what}: flags`);
  assert.equal(gpu.steps, wasm.steps, `${what}: steps`);
}

/** A curve on webgpu has wasm's steps and, point by point, its values (within the tolerance). */
function assertSameCurve(gpu: CaseOutput, wasm: CaseOutput, name: string, what: string): void {
  const [a, b] = [gpu.curves?.[name] ?? [], wasm.curves?.[name] ?? []];
  assert.ok(a.length >= 2, `${what}: curve ${name} recorded`);
  assert.deepEqual(a.map(([s]) => s), b.map(([s]) => s), `${what}: curve ${name}'s steps`);
  a.forEach(([, v], j) => {
    const w = b[j][1];
    assert.ok(
      Number.isFinite(v) && Math.abs(v - w) <= METRIC_RTOL * Math.max(1, Math.abs(w)),
      `${what}: ${name} at point ${j} webgpu ${v} vs wasm ${w}`,
    );
  });
}

Deno.test(
  "identifiability: a case on webgpu reproduces wasm's metrics and curves for the same seed",
  opts,
  async () => {
    const spec = identifiabilityCase({
      mixing: "banana",
      law: "gaussian",
      steps: 4,
      width: 16,
      slices: 16,
      evalSize: 300,
    });
    const wasm = await runOn(identifiability, "wasm", spec, 1337);
    const gpu = await runOn(identifiability, "webgpu", spec, 1337);
    assertSameMetrics(gpu, wasm, "identifiability");
    assert.ok("grid_r2_hz" in gpu.metrics && "r2_hz" in gpu.metrics);
    // The training loop's evaluate callback (R2 probes) ran at every curve point.
    assertSameCurve(gpu, wasm, "r2_hz", "identifiability");
  },
);

Deno.test(
  "planning: CEM (two-stage) and LQR (end-to-end) cases on webgpu reproduce wasm's metrics",
  opts,
  async () => {
    const small = {
      steps: 4,
      width: 16,
      batch: 64,
      slices: 16,
      episodes: 2,
      evalSize: 500,
      fitSamples: 500,
    };
    const cases = [
      planningCase({ ...small, planner: "cem", cemSamples: 50, cemElites: 5 }),
      planningCase({ ...small, mode: "end-to-end", lambda: 0.1 }),
    ];
    for (const spec of cases) {
      const wasm = await runOn(planning, "wasm", spec, 1337);
      const gpu = await runOn(planning, "webgpu", spec, 1337);
      assertSameMetrics(gpu, wasm, spec.id);
      assert.ok(Number.isFinite(gpu.metrics.regret_mean) && Number.isFinite(gpu.metrics.model_r2));
    }
  },
);

Deno.test(
  "every sliced regulariser runs on webgpu (projections read before the tape) and reproduces wasm",
  opts,
  async () => {
    for (const objective of ["cvm", "anderson_darling", "moments", "sliced_wasserstein"]) {
      const spec = identifiabilityCase({
        mixing: "banana",
        law: "gaussian",
        objective,
        steps: 3,
        width: 8,
        slices: 16,
        evalSize: 100,
      });
      const wasm = await runOn(identifiability, "wasm", spec, 1);
      const gpu = await runOn(identifiability, "webgpu", spec, 1);
      assertSameMetrics(gpu, wasm, objective);
      // The regulariser's own curve: its value at every recorded step.
      assertSameCurve(gpu, wasm, "reg", objective);
    }
  },
);

Deno.test(
  "generalization: the spectral trainer runs on webgpu and reproduces wasm's descent",
  opts,
  async () => {
    const base = generalization.profiles.smoke.cases.find((c) => Number(c.params.gdSteps) > 0) ??
      generalization.profiles.smoke.cases[0];
    // Small enough that every matmul stays 16 wide (see the file's doc).
    const spec = {
      ...base,
      params: {
        ...base.params,
        size: 12,
        nA: 2,
        rank: 3,
        ks: "1,2,3",
        ns: "1000,10000",
        reps: 1,
        gdSteps: 40,
      },
    };
    const wasm = await runOn(generalization, "wasm", spec, 0);
    const gpu = await runOn(generalization, "webgpu", spec, 0);
    for (const k of ["gd_gap_to_optimum", "gd_k"]) {
      const [a, b] = [gpu.metrics[k], wasm.metrics[k]];
      assert.ok(Number.isFinite(a), `${k} is finite on webgpu (${a})`);
      assert.ok(Math.abs(a - b) <= METRIC_RTOL * Math.max(1, Math.abs(b)), `${k}: ${a} vs ${b}`);
    }
    assertSameCurve(gpu, wasm, "gd_gap", "generalization");
  },
);

Deno.test(
  "a regulariser that reads synchronously and has no prepare fails on webgpu with a one-line error",
  opts,
  async () => {
    await useBackend("webgpu");
    const reads = { ...getRegulariser("cvm"), name: "reads", prepare: undefined };
    assert.throws(
      () => assertRegulariserRuns(reads),
      (e: unknown) =>
        e instanceof Error &&
        e.message ===
          "regulariser reads reads tensors synchronously and does not run on webgpu yet",
    );
    assert.doesNotThrow(() => assertRegulariserRuns(getRegulariser("cvm")));
  },
);

Deno.test(
  "generalization: a case with the tfjs randomized SVD (the gpu profile's) reproduces wasm on webgpu",
  opts,
  async () => {
    const base = generalization.profiles.gpu.cases[0];
    // A small planted-rank MDP: every product at most 16 wide (see the file's doc).
    const spec = {
      ...base,
      params: { ...base.params, size: 8, nA: 2, rank: 4, ks: "2,4", ns: "20000,80000", reps: 1 },
    };
    const wasm = await runOn(generalization, "wasm", spec, 0);
    const gpu = await runOn(generalization, "webgpu", spec, 0);
    const skip = new Set(["svd_ms", "fit_svd_ms_mean", "case_wall_ms"]);
    for (const k of Object.keys(wasm.metrics).filter((k) => !skip.has(k))) {
      const [a, b] = [gpu.metrics[k], wasm.metrics[k]];
      assert.ok(Number.isFinite(a), `${k} is finite on webgpu (${a})`);
      assert.ok(
        Math.abs(a - b) <= 1e-3 * Math.max(1, Math.abs(b)),
        `${k}: webgpu ${a} vs wasm ${b}`,
      );
    }
  },
);
