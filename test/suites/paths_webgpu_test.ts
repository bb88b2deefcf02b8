/**
 * The paths that used to need synchronous reads, on webgpu against wasm: the
 * sliced regularisers (their `prepare` reads the projections before the
 * gradient tape), the generalization suite's spectral trainer and its
 * engine SVD, and the refusal of a regulariser that reads synchronously
 * without a `prepare`. Every matmul stays at most 16 wide, as in
 * identifiability_webgpu_test.ts (whose doc says why); without a Vulkan
 * driver these tests FAIL with the install hint, they never skip.
 */
import assert from "node:assert/strict";
import { identifiabilityCase, suite as identifiability } from "../../src/suites/identifiability.ts";
import { suite as generalization } from "../../src/suites/generalization.ts";
import { assertRegulariserRuns, getRegulariser } from "../../src/core/objectives/registry.ts";
import {
  assertSameCurve,
  assertSameMetrics,
  METRIC_RTOL,
  opts,
  runOn,
  useBackend,
} from "./webgpu_compare.ts";

Deno.test(
  "every sliced regulariser runs on webgpu (projections read before the tape) and reproduces wasm",
  opts,
  async () => {
    for (const objective of ["cvm", "anderson_darling", "moments", "sliced_wasserstein"]) {
      const spec = identifiabilityCase({
        mixing: "banana",
        law: "gaussian",
        objective,
        steps: 2,
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
