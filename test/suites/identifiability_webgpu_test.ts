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
import { identifiabilityCase, suite as identifiability } from "../../src/suites/identifiability.ts";
import { planningCase, suite as planning } from "../../src/suites/planning.ts";
import { assertSameCurve, assertSameMetrics, opts, runOn } from "./webgpu_compare.ts";

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
