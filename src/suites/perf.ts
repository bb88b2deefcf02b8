/**
 * Suite `perf`: training throughput you can compare across backends and machines. Each case
 * trains (or, for SIGReg alone, evaluates value and gradient) for a short warm-up, then for a
 * timed window, and reports steps/s, milliseconds per step split into phases, and peak tensor
 * memory.
 *
 * The phases of a LeJEPA step (see `trainLeJepa`'s `phaseMs`): `ms_data` (host sampling of the
 * views from the world), `ms_forward` (encoder), `ms_sigreg` (the objective's value, alignment +
 * SIGReg, plus SIGReg's plain-JS gradient kernel), `ms_backward` (the rest of the backward pass)
 * and `ms_optimizer` (AdamW). They add up to `ms_step`. Phase times are exact on synchronous
 * backends (wasm, cpu); on webgpu queued GPU work is paid at the next read-back (SIGReg's
 * projections), so only `ms_step` is exact there.
 *
 * Profiles: `reference` (the issue's fixed configurations), `scaling` (time per step against N
 * and against batch size; `deno task perf` fits the log-log slopes), `smoke` (tiny, for tests).
 *
 * @module
 */
import { tensorMemory, tf } from "../core/engine/backend.ts";
import { sigreg, sigregDirections } from "../core/objectives/sigreg.ts";
import { Rng } from "../core/random.ts";
import type { CaseOutput, Suite } from "../core/suite.ts";
import { trainLeJepa } from "../core/train/lejepa.ts";
import { makeMixing, releaseCouplingWeights, viewSampler } from "../core/world/mod.ts";
import { PERF_PARAMS } from "./params.ts";

export { perfCase, type PerfParams, SCALING_BATCHES, SCALING_DIMS } from "./perf_profiles.ts";
import { definition, type PerfParams, readParams } from "./perf_profiles.ts";

/** A view sampler of the case's world, a pure function of (seed, step) (large N mixed on the engine). */
function sampler(p: PerfParams, seed: number): (step: number) => Float32Array[] {
  const law = { kind: "gaussian" } as const;
  const mixing = p.encoder === "mlp"
    ? makeMixing("spiral", 2, new Rng(seed, "mixing"))
    : makeMixing("coupling", p.dim, new Rng(seed, "mixing"), { layers: p.layers });
  return viewSampler({ law, mixing, batch: p.batch, dim: p.dim, rho: 0.95, noise: "same", seed });
}

async function trainCase(p: PerfParams, seed: number, signal: AbortSignal): Promise<CaseOutput> {
  const res = await trainLeJepa(
    {
      inputDim: p.dim,
      latentDim: p.dim,
      encoder: p.encoder === "mlp"
        ? { kind: "mlp", width: p.width, depth: p.depth }
        : { kind: "coupling", layers: p.layers },
      regulariser: "sigreg",
      lambda: p.lambda,
      steps: p.warmup + p.maxSteps,
      batch: p.batch,
      views: 2,
      lr: 3e-3,
      weightDecay: 0.01,
      slices: p.slices,
      seed,
    },
    sampler(p, seed),
    { signal, timedFrom: p.warmup, stopAfterMs: p.windowMs, curveEvery: p.warmup + p.maxSteps },
  );
  res.encoder.dispose();
  releaseCouplingWeights();
  const ph = res.phaseMs;
  const get = (k: string) => ph[k] ?? 0;
  return {
    metrics: {
      ms_data: get("data"),
      ms_forward: get("forward"),
      ms_sigreg: get("objective") + get("sigreg.grad"),
      ms_backward: get("backward") - get("sigreg.grad"),
      ms_optimizer: get("optimiser"),
      peak_bytes: res.peakTensorBytes,
    },
    steps: res.timedSteps,
    trainSeconds: res.trainSeconds,
    peakTensorBytes: res.peakTensorBytes,
  };
}

async function sigregCase(p: PerfParams, seed: number, signal: AbortSignal): Promise<CaseOutput> {
  const m = p.batch;
  const n = p.dim;
  const k = p.slices;
  const h = tf.tensor2d(Float32Array.from(new Rng(seed, "h").normals(m * n)), [m, n]);
  const totals = { data: 0, value: 0, grad: 0 };
  let peak = 0;
  let timedMs = 0;
  let timed = 0;
  try {
    const step = async (i: number): Promise<void> => {
      const t0 = performance.now();
      const dirs = sigregDirections(n, k, new Rng(seed, "sigreg", i));
      const t1 = performance.now();
      const { value, grad } = tf.tidy(() =>
        tf.valueAndGrad((x: tf.Tensor) => sigreg(x as tf.Tensor2D, dirs, k))(h)
      );
      await Promise.all([value.data(), grad.data()]); // waits for the device on webgpu
      value.dispose();
      grad.dispose();
      const t2 = performance.now();
      if (i >= p.warmup) {
        totals.data += t1 - t0;
        totals.value += t2 - t1;
        timedMs += t2 - t0;
        timed++;
      }
    };
    for (let i = 0; i < p.warmup + p.maxSteps; i++) {
      if (signal.aborted) throw new Error("interrupted");
      if (i === 0) peak = (await tf.profile(() => step(i))).peakBytes;
      else await step(i);
      if (i >= p.warmup && timedMs >= p.windowMs) break;
    }
  } finally {
    h.dispose();
  }
  return {
    metrics: {
      ms_data: totals.data / timed,
      ms_sigreg: totals.value / timed,
      peak_bytes: peak,
    },
    steps: timed,
    trainSeconds: timedMs / 1000,
    peakTensorBytes: peak,
  };
}

/**
 * The perf suite (version 1).
 *
 * @example
 * ```ts
 * import { suite } from "./perf.ts";
 * console.log(suite.id, Object.keys(suite.profiles)); // perf [reference, scaling, smoke]
 * ```
 */
export const suite: Suite = {
  ...definition,
  params: PERF_PARAMS,
  async runCase(spec, ctx): Promise<CaseOutput> {
    const p = readParams(spec);
    const before = tensorMemory().numTensors;
    const out = p.kind === "sigreg"
      ? await sigregCase(p, ctx.seed, ctx.signal)
      : await trainCase(p, ctx.seed, ctx.signal);
    const msStep = (out.trainSeconds! * 1000) / out.steps!;
    out.metrics.steps_per_sec = 1000 / msStep;
    out.metrics.ms_step = msStep;
    out.metrics.timed_steps = out.steps!;
    out.metrics.tensors_growth = tensorMemory().numTensors - before;
    ctx.progress({ step: 1, totalSteps: 1 });
    return out;
  },
};
