/**
 * The LeJEPA training loop: encoder + alignment + regulariser, AdamW with the
 * paper's schedule, everything tidied so tensor memory stays flat.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { createCnn } from "../models/cnn.ts";
import { createCoupling } from "../models/coupling.ts";
import type { Encoder } from "../models/encoder.ts";
import { createMlp } from "../models/mlp.ts";
import type { EppsPulleyHelper } from "../objectives/epps_pulley_helper.ts";
import { lejepaLoss } from "../objectives/lejepa.ts";
import { assertRegulariserRuns, getRegulariser } from "../objectives/registry.ts";
import { Rng } from "../random.ts";
import type { Curve } from "../store/record.ts";
import { CaseFailure } from "../suite.ts";
import { AdamW } from "./adamw.ts";
import { prepareRegulariser } from "./prepare.ts";
import { learningRate } from "./schedule.ts";

/**
 * A loss whose magnitude passes this is treated as divergence: training stops
 * with CaseFailure("diverged") at that step (a healthy LeJEPA loss is O(1)).
 *
 * @example
 * ```ts
 * import { DIVERGENCE_LOSS } from "./lejepa.ts";
 * console.log(DIVERGENCE_LOSS); // 1000000
 * ```
 */
export const DIVERGENCE_LOSS = 1e6;

/**
 * Which encoder to train.
 *
 * @example
 * ```ts
 * import type { EncoderSpec } from "./lejepa.ts";
 * const paper: EncoderSpec = { kind: "mlp", width: 256, depth: 4 };
 * ```
 */
export type EncoderSpec =
  | { kind: "mlp"; width: number; depth: number }
  | { kind: "coupling"; layers: number }
  | { kind: "cnn"; size: number; channels?: number[]; hidden?: number };

/**
 * Everything that defines one LeJEPA training run.
 *
 * @example
 * ```ts
 * import type { TrainSpec } from "./lejepa.ts";
 * const spec: TrainSpec = {
 *   inputDim: 2, latentDim: 2, encoder: { kind: "mlp", width: 256, depth: 4 },
 *   regulariser: "sigreg", lambda: 1e-3, steps: 20000, batch: 256, views: 2, lr: 3e-3,
 *   weightDecay: 0.01, slices: 256, seed: 1337,
 * };
 * ```
 */
export interface TrainSpec {
  inputDim: number;
  latentDim: number;
  encoder: EncoderSpec;
  /** Registry name (see objectives/registry.ts). */
  regulariser: string;
  /** L = lambda * reg + (1 - lambda) * align. */
  lambda: number;
  steps: number;
  batch: number;
  views: number;
  /** Base learning rate (constant first half, cosine to 0 second half). */
  lr: number;
  /** AdamW decoupled weight decay. */
  weightDecay: number;
  /** Slices K for sliced regularisers. */
  slices: number;
  seed: number;
}

/**
 * Options of {@link trainLeJepa}.
 *
 * @example
 * ```ts
 * import type { TrainOptions } from "./lejepa.ts";
 * const opts: TrainOptions = { curveEvery: 100, onProgress: (s, n) => console.log(s, n) };
 * ```
 */
export interface TrainOptions {
  /** Stop (throwing Error("interrupted")) when aborted. */
  signal?: AbortSignal;
  /** Called after every step with the step count done (1-based) and the latest values. */
  onProgress?: (step: number, total: number, values: Record<string, number>) => void;
  /** Record curves every this many steps (default: steps / 50, at least 1). */
  curveEvery?: number;
  /**
   * Extra curve values, computed on the encoder at every curve point (awaited,
   * so it may read tensors asynchronously, e.g. with `Encoder.encode`).
   */
  evaluate?: (encoder: Encoder) => Record<string, number> | Promise<Record<string, number>>;
  /**
   * Warm-up: steps before this one are left out of `phaseMs` and
   * `trainSeconds` (default 0, every step is timed). Must be below `steps`.
   */
  timedFrom?: number;
  /**
   * End training early (normally, with a result) once the timed steps took at
   * least this many milliseconds; `TrainResult.steps` then counts the steps done.
   */
  stopAfterMs?: number;
  /**
   * Runs SIGReg's plain-JS pass on a second thread (bit-identical numbers;
   * open it where a core is free, close it after training).
   */
  eppsPulley?: EppsPulleyHelper;
}

/**
 * What {@link trainLeJepa} returns; the caller owns (and disposes) the encoder.
 *
 * @example
 * ```ts
 * import type { TrainResult } from "./lejepa.ts";
 * const stepsPerSecond = (r: TrainResult) => r.steps / r.trainSeconds;
 * ```
 */
export interface TrainResult {
  encoder: Encoder;
  /** Steps done (spec.steps unless `stopAfterMs` ended training early). */
  steps: number;
  /** Steps counted in `trainSeconds` and `phaseMs` (the steps from `timedFrom` on). */
  timedSteps: number;
  trainSeconds: number;
  /** loss, align, reg and evaluate's keys, as [step, value] pairs. */
  curves: Record<string, Curve>;
  /** Peak bytes held by the backend during a profiled step. */
  peakTensorBytes: number;
  /**
   * Mean milliseconds per step of each phase (wall clock; exact on synchronous
   * backends such as wasm and cpu): data, forward (encoder), objective
   * (alignment + regulariser value), backward, optimiser; "sigreg.stat" and
   * "sigreg.grad" are the plain-JS parts inside objective and backward.
   */
  phaseMs: Record<string, number>;
}

/**
 * Build the encoder a spec names, initialised from `new Rng(seed, "init")`.
 *
 * @example
 * ```ts
 * import { buildEncoder } from "./lejepa.ts";
 * const enc = buildEncoder(2, 2, { kind: "mlp", width: 8, depth: 1 }, 0);
 * enc.dispose();
 * ```
 */
export function buildEncoder(
  inputDim: number,
  latentDim: number,
  spec: EncoderSpec,
  seed: number,
): Encoder {
  const rng = new Rng(seed, "init", spec.kind);
  if (spec.kind === "mlp") {
    return createMlp(inputDim, latentDim, { width: spec.width, depth: spec.depth }, rng);
  }
  if (spec.kind === "coupling") {
    if (inputDim !== latentDim) {
      throw new RangeError(
        `coupling encoder needs inputDim === latentDim, got ${inputDim} and ${latentDim}`,
      );
    }
    return createCoupling(inputDim, { layers: spec.layers }, rng);
  }
  if (spec.kind === "cnn") {
    if (inputDim !== spec.size * spec.size) {
      throw new RangeError(
        `cnn encoder needs inputDim === size * size, got ${inputDim} and size ${spec.size}`,
      );
    }
    return createCnn(
      latentDim,
      { size: spec.size, channels: spec.channels, hidden: spec.hidden },
      rng,
    );
  }
  throw new RangeError(`unknown encoder kind "${(spec as { kind: string }).kind}"`);
}

function validate(spec: TrainSpec): void {
  for (const k of ["inputDim", "latentDim", "steps", "batch", "views", "slices"] as const) {
    const v = spec[k];
    if (!(Number.isInteger(v) && v > 0)) {
      throw new RangeError(`TrainSpec.${k} must be a positive integer, got ${v}`);
    }
  }
  if (!(spec.lambda >= 0 && spec.lambda <= 1)) {
    throw new RangeError(`TrainSpec.lambda must lie in [0, 1], got ${spec.lambda}`);
  }
  if (!(spec.lr > 0)) throw new RangeError(`TrainSpec.lr must be positive, got ${spec.lr}`);
  if (!(spec.weightDecay >= 0)) {
    throw new RangeError(`TrainSpec.weightDecay must be >= 0, got ${spec.weightDecay}`);
  }
}

/**
 * Train an encoder with the LeJEPA objective on views from `sample(step)`
 * (V arrays, each batch x inputDim row-major; or a promise of them, as from
 * a sampler that draws the next step in a worker: the "data" phase is then
 * the wait). Same spec and sampler on the same backend give bit-identical
 * results.
 *
 * Throws CaseFailure("nan") when the loss stops being finite,
 * CaseFailure("diverged") when its magnitude passes {@link DIVERGENCE_LOSS}, and
 * Error("interrupted") when `opts.signal` aborts; both free every tensor.
 *
 * @example
 * ```ts
 * import { trainLeJepa } from "./lejepa.ts";
 * import { Rng } from "../random.ts";
 * const res = await trainLeJepa(
 *   { inputDim: 2, latentDim: 2, encoder: { kind: "mlp", width: 16, depth: 2 },
 *     regulariser: "sigreg", lambda: 0.1, steps: 10, batch: 32, views: 2, lr: 3e-3,
 *     weightDecay: 0.01, slices: 16, seed: 0 },
 *   (step) => [0, 1].map((v) => Float32Array.from(new Rng(0, step, v).normals(64))),
 * );
 * res.encoder.dispose();
 * ```
 */
export async function trainLeJepa(
  spec: TrainSpec,
  sample: (step: number) => Float32Array[] | Promise<Float32Array[]>,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  validate(spec);
  const regulariser = getRegulariser(spec.regulariser);
  assertRegulariserRuns(regulariser);
  const { steps, batch, views, inputDim } = spec;
  const curveEvery = opts.curveEvery ?? Math.max(1, Math.floor(steps / 50));
  if (!(Number.isInteger(curveEvery) && curveEvery > 0)) {
    throw new RangeError(`curveEvery must be a positive integer, got ${curveEvery}`);
  }
  const timedFrom = opts.timedFrom ?? 0;
  if (!(Number.isInteger(timedFrom) && timedFrom >= 0 && timedFrom < steps)) {
    throw new RangeError(`timedFrom must be an integer in [0, steps), got ${timedFrom}`);
  }
  const encoder = buildEncoder(inputDim, spec.latentDim, spec.encoder, spec.seed);
  const optimiser = new AdamW(encoder.params, { weightDecay: spec.weightDecay });
  const curves: Record<string, Curve> = { loss: [], align: [], reg: [] };
  const phaseTotals: Record<string, number> = {};
  const phase = (name: string, ms: number) => {
    phaseTotals[name] = (phaseTotals[name] ?? 0) + ms;
  };
  const rows = views * batch;
  const stack = new Float32Array(rows * inputDim);
  let peakTensorBytes = 0;
  let trainMs = 0;
  const cleanup = () => {
    optimiser.dispose();
    encoder.dispose();
  };
  const record = async (step: number, values: Record<string, number>) => {
    for (const [k, v] of Object.entries(values)) (curves[k] ??= []).push([step, v]);
    if (opts.evaluate) {
      for (const [k, v] of Object.entries(await opts.evaluate(encoder))) {
        (curves[k] ??= []).push([step, v]);
      }
    }
  };

  const runStep = async (step: number): Promise<Record<string, number>> => {
    let t = performance.now();
    const t0 = t;
    const tick = (name: string) => {
      const now = performance.now();
      phase(name, now - t);
      t = now;
    };
    const parts = await sample(step);
    if (parts.length !== views) {
      throw new RangeError(`sample(${step}) returned ${parts.length} views, expected ${views}`);
    }
    for (let v = 0; v < views; v++) {
      if (parts[v].length !== batch * inputDim) {
        throw new RangeError(
          `sample(${step}) view ${v} has ${parts[v].length} values, expected batch * inputDim = ${
            batch * inputDim
          }`,
        );
      }
      stack.set(parts[v], v * batch * inputDim);
    }
    tick("data");
    const base = {
      step,
      seed: spec.seed,
      views,
      batch,
      slices: spec.slices,
      phase,
      eppsPulley: opts.eppsPulley,
    };
    // Only on backends without synchronous reads, and for regularisers that need it.
    const prepared = await prepareRegulariser(regulariser, encoder, stack, base);
    const lossParts = tf.tidy(() => {
      const x = tf.tensor2d(stack, [rows, inputDim]);
      let parts: tf.Tensor | null = null;
      const { grads } = tf.variableGrads(() => {
        const h = encoder.apply(x);
        tick("forward");
        const ctx = prepared === undefined ? base : { ...base, prepared };
        const { loss, align, reg } = lejepaLoss(h, regulariser, spec.lambda, ctx);
        parts = tf.keep(tf.stack([loss, align, reg]));
        tick("objective");
        return loss;
      }, encoder.params);
      tick("backward");
      // Updating before reading the loss changes nothing (a non-finite loss
      // ends training) and lets backends without synchronous reads (webgpu)
      // queue the whole step before the one read-back below.
      optimiser.step(encoder.params.map((p) => grads[p.name]), learningRate(step, steps, spec.lr));
      return parts as unknown as tf.Tensor;
    });
    const [loss, align, reg] = await lossParts.data();
    lossParts.dispose();
    tick("optimiser");
    trainMs += performance.now() - t0;
    return { loss, align, reg };
  };

  let done = 0;
  try {
    for (let step = 0; step < steps; step++) {
      if (opts.signal?.aborted) throw new Error("interrupted");
      if (step === timedFrom && step > 0) {
        for (const k of Object.keys(phaseTotals)) delete phaseTotals[k];
        trainMs = 0;
      }
      let values: Record<string, number>;
      if (step === 0) {
        let out: Record<string, number> = {};
        const info = await tf.profile(async () => {
          out = await runStep(step);
        });
        peakTensorBytes = info.peakBytes;
        values = out;
      } else {
        values = await runStep(step);
      }
      if (!Number.isFinite(values.loss)) {
        throw new CaseFailure("nan", `loss became NaN at step ${step}`, step, { curves });
      }
      if (Math.abs(values.loss) > DIVERGENCE_LOSS) {
        throw new CaseFailure(
          "diverged",
          `loss ${values.loss.toExponential(3)} exceeded ${DIVERGENCE_LOSS} at step ${step}`,
          step,
          { curves },
        );
      }
      if (step % curveEvery === 0 || step === steps - 1) await record(step, values);
      opts.onProgress?.(step + 1, steps, values);
      // Let timers and abort signals through on long runs.
      if (opts.signal && step % 20 === 19) await new Promise((r) => setTimeout(r, 0));
      done = step + 1;
      if (opts.stopAfterMs !== undefined && step >= timedFrom && trainMs >= opts.stopAfterMs) break;
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  optimiser.dispose();
  const timedSteps = done - timedFrom;
  const phaseMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(phaseTotals)) phaseMs[k] = v / timedSteps;
  return {
    encoder: encoder,
    steps: done,
    timedSteps,
    trainSeconds: trainMs / 1000,
    curves,
    peakTensorBytes,
    phaseMs,
  };
}
