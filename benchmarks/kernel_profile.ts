/**
 * Where a training step's time goes, kernel by kernel: wraps every kernel
 * function of the wasm backend with a timer, trains a case for a few steps
 * and prints the trainer's phases and the kernels (with their input shapes)
 * by time per step. The timers add their own overhead (a few ms a step), so
 * read it for shares, and time steps with step_side_by_side.ts.
 *
 * Usage: deno run -A benchmarks/kernel_profile.ts [--case coupling1024|spiral256] [--steps 8] [--top 25]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend, tf } from "../src/core/engine/mod.ts";
import { Rng } from "../src/core/random.ts";
import { trainLeJepa } from "../src/core/train/mod.ts";
import { makeMixing, prefetchingSampler } from "../src/core/world/mod.ts";
import { worldSampler } from "./spiral_data.ts";
import { spiralSpec } from "./train_speed.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    case: { type: "string", default: "coupling1024" },
    steps: { type: "string", default: "8" },
    top: { type: "string", default: "25" },
  },
});
const [steps, top] = [values.steps, values.top].map(Number);
if (![steps, top].every((v) => Number.isInteger(v) && v > 0)) {
  console.error("error: --steps and --top must be positive integers");
  Deno.exit(2);
}
if (values.case !== "coupling1024" && values.case !== "spiral256") {
  console.error(`error: unknown --case "${values.case}" (known: coupling1024, spiral256)`);
  Deno.exit(2);
}
await initBackend("wasm");

const times = new Map<string, { calls: number; ms: number }>();
let on = false;
for (const k of tf.getKernelsForBackend("wasm")) {
  const f = k.kernelFunc;
  (k as { kernelFunc: tf.KernelFunc }).kernelFunc = (a) => {
    if (!on) return f(a);
    const t0 = performance.now();
    const out = f(a);
    const dt = performance.now() - t0;
    const shapes = Object.values(a.inputs).map((x) => x?.shape?.join("x") ?? "").join(",");
    const key = `${k.kernelName} [${shapes}]`;
    const e = times.get(key) ?? { calls: 0, ms: 0 };
    times.set(key, { calls: e.calls + 1, ms: e.ms + dt });
    return out;
  };
}

const warm = 3;
let result;
if (values.case === "coupling1024") {
  const dim = 1024;
  const mixing = makeMixing("coupling", dim, new Rng(1337, "mixing"), { layers: 4 });
  const o = { law: { kind: "gaussian" } as const, mixing, batch: 256, dim, rho: 0.95, seed: 1337 };
  const sampler = prefetchingSampler({ ...o, noise: "same" }, "wasm");
  const spec = {
    ...spiralSpec(warm + steps),
    inputDim: dim,
    latentDim: dim,
    encoder: { kind: "coupling" as const, layers: 4 },
    lambda: 1e-6,
  };
  result = await trainLeJepa(spec, (s) => {
    on = s >= warm;
    return sampler.sample(s);
  }, { curveEvery: warm + steps, timedFrom: warm });
  sampler.close();
} else {
  const sample = worldSampler({ seed: 1337, batch: 256, views: 2 });
  const spec = {
    ...spiralSpec(warm + steps),
    encoder: { kind: "mlp" as const, width: 256, depth: 4 },
  };
  result = await trainLeJepa(spec, (s) => {
    on = s >= warm;
    return sample(s);
  }, { curveEvery: warm + steps, timedFrom: warm });
}
result.encoder.dispose();
const msStep = result.trainSeconds * 1000 / result.timedSteps;
console.log(`${values.case}: ${msStep.toFixed(1)} ms/step over ${steps} profiled steps`);
console.log(
  "phases (ms/step): " +
    Object.entries(result.phaseMs).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", "),
);
let total = 0;
for (const { ms } of times.values()) total += ms;
console.log(
  `kernels: ${
    (total / steps).toFixed(1)
  } ms/step in all\n| ms/step | calls/step | kernel [input shapes] |\n|---:|---:|---|`,
);
for (const [k, { calls, ms }] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
  console.log(`| ${(ms / steps).toFixed(2)} | ${(calls / steps).toFixed(0)} | ${k} |`);
}
