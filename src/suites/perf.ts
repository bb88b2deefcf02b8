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
import type { ParamValue } from "../core/store/record.ts";
import type { CaseOutput, CaseSpec, MetricDef, Profile, Suite } from "../core/suite.ts";
import { trainLeJepa } from "../core/train/lejepa.ts";
import { makeMixing, viewSampler } from "../core/world/mod.ts";
import { PERF_PARAMS } from "./params.ts";

/**
 * One perf case. `kind` "train" times LeJEPA training steps of an encoder on
 * views of a world (spiral MLP in 2D, or the matched coupling encoder on the
 * coupling mixing in N dimensions); "sigreg" times SIGReg's value and
 * gradient alone on M fixed standard-normal rows of dimension N.
 *
 * @example
 * ```ts
 * import type { PerfParams } from "./perf.ts";
 * const p: Partial<PerfParams> = { kind: "sigreg", batch: 4096, dim: 1024, slices: 1024 };
 * ```
 */
export interface PerfParams {
  kind: "train" | "sigreg";
  encoder: "mlp" | "coupling";
  /** Input = latent dimension N. */
  dim: number;
  /** Batch B (rows per view; train) or M rows (sigreg). */
  batch: number;
  /** SIGReg slices K. */
  slices: number;
  lambda: number;
  /** MLP width and depth (encoder "mlp"). */
  width: number;
  depth: number;
  /** Coupling layers (encoder "coupling"). */
  layers: number;
  /** Untimed warm-up steps (the first one is also the memory-profiled step). */
  warmup: number;
  /** Timed window: steps go on until they took this many milliseconds... */
  windowMs: number;
  /** ...or this many timed steps were done. */
  maxSteps: number;
  /** Scaling series this case belongs to ("N", "batch"), or "" for none. */
  series: string;
}

const DEFAULTS: PerfParams = {
  kind: "train",
  encoder: "mlp",
  dim: 2,
  batch: 256,
  slices: 256,
  lambda: 1e-3,
  width: 256,
  depth: 4,
  layers: 4,
  warmup: 2,
  windowMs: 2000,
  maxSteps: 200,
  series: "",
};

/**
 * Build a perf case from partial parameters with the given id.
 *
 * @example
 * ```ts
 * import { perfCase } from "./perf.ts";
 * const c = perfCase("spiral-mlp", {});
 * console.assert(c.params.width === 256);
 * ```
 */
export function perfCase(id: string, p: Partial<PerfParams>): CaseSpec {
  return { id, params: { ...DEFAULTS, ...p } as unknown as Record<string, ParamValue> };
}

function readParams(spec: CaseSpec): PerfParams {
  const p = { ...DEFAULTS, ...(spec.params as Partial<PerfParams>) };
  for (const k of Object.keys(DEFAULTS) as (keyof PerfParams)[]) {
    if (typeof p[k] !== typeof DEFAULTS[k]) {
      throw new TypeError(`case ${spec.id}: param ${k} must be a ${typeof DEFAULTS[k]}`);
    }
  }
  if (p.encoder === "coupling" && p.dim % 2 !== 0) {
    throw new RangeError(`case ${spec.id}: coupling needs an even dim, got ${p.dim}`);
  }
  return p;
}

/** The paper's 2D spiral configuration (MLP 4 x 256, exact GELU, B 256 x 2 views, K 256). */
const SPIRAL: Partial<PerfParams> = { encoder: "mlp", dim: 2, width: 256, depth: 4, lambda: 1e-3 };

/** The scaling experiment's matched coupling encoder (4 layers, lambda 1e-6). */
function coupling(dim: number): Partial<PerfParams> {
  return { encoder: "coupling", dim, layers: 4, lambda: 1e-6, warmup: dim >= 512 ? 1 : 2 };
}

/** N of the scaling series: 2, 4, ..., 1024. */
export const SCALING_DIMS = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
/** Batch sizes of the scaling series. */
export const SCALING_BATCHES = [64, 128, 256, 512, 1024];

const PROFILES: Record<string, Profile> = {
  reference: {
    name: "reference",
    description:
      "Fixed reference configurations: the paper's 2D spiral MLP (4 x 256, B 256 x 2, K 256); " +
      "the matched coupling encoder at N = 64, 256, 1024 (B 256, K 256); SIGReg value + gradient alone " +
      "at M = 4096, N = 1024, K = 1024. Warm-up, then a 2 s timed window. Run with --jobs 1.",
    seeds: [0],
    cases: [
      perfCase("spiral-mlp", SPIRAL),
      perfCase("coupling-N64", coupling(64)),
      perfCase("coupling-N256", coupling(256)),
      perfCase("coupling-N1024", coupling(1024)),
      perfCase("sigreg-M4096-N1024-K1024", {
        kind: "sigreg",
        dim: 1024,
        batch: 4096,
        slices: 1024,
        warmup: 1,
      }),
    ],
    intendedFor: "cpu",
  },
  scaling: {
    name: "scaling",
    description: "Time per step against N (matched coupling encoder, N = 2 ... 1024, B 256) and " +
      "against batch size (spiral MLP, B = 64 ... 1024); `deno task perf` fits the log-log slopes. " +
      "1.5 s timed windows. Run with --jobs 1.",
    seeds: [0],
    cases: [
      ...SCALING_DIMS.map((n) =>
        perfCase(`N${n}`, { ...coupling(n), series: "N", windowMs: 1500, warmup: 1 })
      ),
      ...SCALING_BATCHES.map((b) =>
        perfCase(`B${b}`, { ...SPIRAL, batch: b, series: "batch", windowMs: 1500, warmup: 1 })
      ),
    ],
    intendedFor: "cpu",
  },
  smoke: {
    name: "smoke",
    description:
      "Tiny configurations (seconds): spiral MLP 2 x 16, coupling N 8, SIGReg M 256 N 8 K 32.",
    seeds: [0],
    cases: [
      perfCase("spiral-mlp-tiny", {
        ...SPIRAL,
        width: 16,
        depth: 2,
        batch: 32,
        slices: 16,
        windowMs: 200,
      }),
      perfCase("coupling-N8", { ...coupling(8), batch: 32, slices: 16, windowMs: 200 }),
      perfCase("sigreg-M256-N8-K32", {
        kind: "sigreg",
        dim: 8,
        batch: 256,
        slices: 32,
        windowMs: 200,
      }),
    ],
    intendedFor: "cpu",
  },
};

const METRICS: MetricDef[] = [
  {
    name: "steps_per_sec",
    description:
      "training steps (SIGReg alone: value + gradient evaluations) per second over the timed window",
    direction: "higher",
    margin: 0.5,
    primary: true,
  },
  {
    name: "ms_step",
    description: "milliseconds per step (1000 / steps_per_sec)",
    direction: "lower",
    margin: 2,
    primary: false,
  },
  {
    name: "ms_data",
    description: "ms/step sampling views on the host (SIGReg alone: drawing the slices)",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "ms_forward",
    description: "ms/step in the encoder's forward pass",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "ms_sigreg",
    description:
      "ms/step in the objective's value (alignment + SIGReg) and SIGReg's JS gradient kernel",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "ms_backward",
    description: "ms/step in the rest of the backward pass",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "ms_optimizer",
    description: "ms/step in the AdamW update",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "peak_bytes",
    description: "peak bytes held by the tensor backend during the profiled (first) step",
    direction: "lower",
    margin: 1e6,
    primary: false,
  },
  {
    name: "timed_steps",
    description: "steps in the timed window",
    direction: "higher",
    margin: 0,
    primary: false,
  },
  {
    name: "tensors_growth",
    description: "live tensors after the case minus before it (0: nothing leaked)",
    direction: "lower",
    margin: 0,
    primary: false,
  },
];

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
  id: "perf",
  version: 1,
  title: "Throughput: steps/s, per-phase milliseconds and peak memory per backend",
  description:
    "Times LeJEPA training steps (the paper's 2D spiral MLP; the matched coupling encoder at N = 2 ... 1024) " +
    "and SIGReg alone after a warm-up, over a timed window: steps/s, ms per step split into data, forward, " +
    "SIGReg, backward and optimizer, and peak tensor bytes. Compare backends with `deno task perf`.",
  metrics: METRICS,
  profiles: PROFILES,
  usesTensors: true,
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
