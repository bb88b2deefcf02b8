/**
 * Shared by the webgpu suite tests (`*_webgpu_test.ts`): run a case on a
 * backend, and compare webgpu's metrics and curves with wasm's.
 *
 * @module
 */
import assert from "node:assert/strict";
import { initBackend } from "../../src/core/engine/mod.ts";
import type { CaseOutput, CaseSpec, Suite } from "../../src/core/suite.ts";

/** Deno.test options: tfjs keeps resources and timers open between tests. */
export const opts = { sanitizeOps: false, sanitizeResources: false };

/** Relative tolerance (absolute below 1) of every metric, webgpu vs wasm. */
export const METRIC_RTOL = 1e-4;
/** Wall-clock timings, not results: they differ by design. */
export const TIMINGS = new Set(["plan_ms_per_step"]);

/** Make `name` the active backend, with an install hint when webgpu has no driver. */
export async function useBackend(name: "wasm" | "webgpu"): Promise<void> {
  try {
    await initBackend(name);
  } catch (e) {
    throw new Error(
      `the ${name} backend must initialise here (on a machine without a GPU, install software ` +
        `Vulkan: apt-get install -y mesa-vulkan-drivers libvulkan1): ${(e as Error).message}`,
    );
  }
}

/** Run one case of a suite on a backend. */
export async function runOn(
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

/** Every metric but the timings within the tolerance; flags and steps equal. */
export function assertSameMetrics(gpu: CaseOutput, wasm: CaseOutput, what: string): void {
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
export function assertSameCurve(
  gpu: CaseOutput,
  wasm: CaseOutput,
  name: string,
  what: string,
): void {
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
