/**
 * The definition of suite `perf` as data: case parameters, defaults, the
 * reference, scaling and smoke profiles, and the declared metrics. Nothing
 * here loads tfjs; the case body is in `perf.ts`.
 *
 * @module
 */
import type { ParamValue } from "../core/store/record.ts";
import type { CaseSpec, MetricDef, Profile, SuiteDefinition } from "../core/suite.ts";

/**
 * One perf case. `kind` "train" times LeJEPA training steps of an encoder on
 * views of a world (spiral MLP in 2D, or the matched coupling encoder on the
 * coupling mixing in N dimensions); "sigreg" times SIGReg's value and
 * gradient alone on M fixed standard-normal rows of dimension N.
 *
 * @example
 * ```ts
 * import type { PerfParams } from "./perf_profiles.ts";
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

export const DEFAULTS: PerfParams = {
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
 * import { perfCase } from "./perf_profiles.ts";
 * const c = perfCase("spiral-mlp", {});
 * console.assert(c.params.width === 256);
 * ```
 */
export function perfCase(id: string, p: Partial<PerfParams>): CaseSpec {
  return { id, params: { ...DEFAULTS, ...p } as unknown as Record<string, ParamValue> };
}

export function readParams(spec: CaseSpec): PerfParams {
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
export { SCALING_DIMS } from "./identifiability_profiles.ts";
import { SCALING_DIMS } from "./identifiability_profiles.ts";
/** Batch sizes of the scaling series. */
export const SCALING_BATCHES = [64, 128, 256, 512, 1024];

export const PROFILES: Record<string, Profile> = {
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

export const METRICS: MetricDef[] = [
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

/**
 * The perf suite's definition (everything but the case body), loadable without tfjs.
 *
 * @example
 * ```ts
 * import { definition } from "./perf_profiles.ts";
 * console.log(definition.id, definition.version, Object.keys(definition.profiles));
 * ```
 */
export const definition: SuiteDefinition = {
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
  facets: [
    { name: "kind", label: "Kind", param: "kind" },
    { name: "encoder", label: "Encoder", param: "encoder" },
    { name: "dim", label: "N", param: "dim" },
    { name: "batch", label: "Batch", param: "batch" },
    { name: "case", label: "Case", param: null },
  ],
};
