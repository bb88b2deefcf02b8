/**
 * The end-to-end action-conditioned JEPA of SPEC section 4: an encoder h and a
 * linear latent predictor `h_{t+1} ~ W h_t + M a_t + c` trained jointly on
 * `L = (1 - lambda) * pred + lambda * reg`, with `pred` the mean squared
 * prediction error per coordinate and `reg` the regulariser on the view-major
 * stack `[h_t; h_{t+1}]` (for "none", `L = pred`). AdamW with the paper's
 * schedule; no stop-gradient on the target.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { hostVariable, linear } from "../models/dense.ts";
import type { Encoder } from "../models/encoder.ts";
import { assertRegulariserRuns, getRegulariser } from "../objectives/registry.ts";
import { prepareRegulariser } from "./prepare.ts";
import type { LatentModel } from "../planning/latent_model.ts";
import type { Curve } from "../store/record.ts";
import { CaseFailure } from "../suite.ts";
import { AdamW } from "./adamw.ts";
import { buildEncoder, type EncoderSpec } from "./lejepa.ts";
import { learningRate } from "./schedule.ts";

/** Everything that defines one end-to-end run. */
export interface ActionJepaSpec {
  inputDim: number;
  latentDim: number;
  actionDim: number;
  encoder: EncoderSpec;
  /** Registry name; "none" trains on prediction error alone. */
  regulariser: string;
  /** L = lambda * reg + (1 - lambda) * pred. */
  lambda: number;
  steps: number;
  batch: number;
  lr: number;
  weightDecay: number;
  slices: number;
  seed: number;
}

/** One training batch: observations, actions and next observations (row-major). */
export interface TransitionBatch {
  x: Float32Array;
  a: Float32Array;
  xNext: Float32Array;
}

/** What {@link trainActionJepa} returns; the caller disposes the encoder. */
export interface ActionJepaResult {
  encoder: Encoder;
  /** The learned predictor, copied to the host. */
  model: LatentModel;
  steps: number;
  trainSeconds: number;
  /** loss, pred and reg as [step, value] pairs. */
  curves: Record<string, Curve>;
}

/**
 * Train encoder + linear predictor jointly on transitions from `sample(step)`.
 * The predictor starts at W = I, M = 0, c = 0. Throws CaseFailure("nan") on a
 * non-finite loss and Error("interrupted") when `opts.signal` aborts.
 *
 * @example
 * ```ts
 * import { trainActionJepa } from "./action_jepa.ts";
 * import { Rng } from "../random.ts";
 * const res = await trainActionJepa(
 *   { inputDim: 2, latentDim: 2, actionDim: 2, encoder: { kind: "mlp", width: 8, depth: 1 },
 *     regulariser: "sigreg", lambda: 0.1, steps: 3, batch: 16, lr: 3e-3, weightDecay: 0,
 *     slices: 8, seed: 0 },
 *   (step) => {
 *     const r = new Rng(0, step);
 *     return { x: Float32Array.from(r.normals(32)), a: Float32Array.from(r.normals(32)),
 *       xNext: Float32Array.from(r.normals(32)) };
 *   },
 * );
 * res.encoder.dispose();
 * ```
 */
export async function trainActionJepa(
  spec: ActionJepaSpec,
  sample: (step: number) => TransitionBatch,
  opts: {
    signal?: AbortSignal;
    onProgress?: (step: number, total: number, values: Record<string, number>) => void;
    curveEvery?: number;
  } = {},
): Promise<ActionJepaResult> {
  const { inputDim, latentDim: n, actionDim, steps, batch } = spec;
  for (const k of ["inputDim", "latentDim", "actionDim", "steps", "batch", "slices"] as const) {
    if (!(Number.isInteger(spec[k]) && spec[k] > 0)) {
      throw new RangeError(`ActionJepaSpec.${k} must be a positive integer, got ${spec[k]}`);
    }
  }
  if (!(spec.lambda >= 0 && spec.lambda <= 1)) {
    throw new RangeError(`ActionJepaSpec.lambda must lie in [0, 1], got ${spec.lambda}`);
  }
  const regulariser = getRegulariser(spec.regulariser);
  assertRegulariserRuns(regulariser);
  const curveEvery = opts.curveEvery ?? Math.max(1, Math.floor(steps / 50));
  const encoder = buildEncoder(inputDim, n, spec.encoder, spec.seed);
  const eye = new Float32Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  // Row-vector form: h' = h Wt + a Mt + c, so Wt = W^T (n x n), Mt = M^T (actionDim x n).
  const wt = hostVariable(eye, [n, n]);
  const mt = hostVariable(new Float32Array(actionDim * n), [actionDim, n]);
  const c = hostVariable(new Float32Array(n), [n]);
  const params = [...encoder.params, wt, mt, c];
  const optimiser = new AdamW(params, { weightDecay: spec.weightDecay });
  const curves: Record<string, Curve> = { loss: [], pred: [], reg: [] };
  const stack = new Float32Array(2 * batch * inputDim);
  let trainMs = 0;
  const cleanup = () => {
    optimiser.dispose();
    wt.dispose();
    mt.dispose();
    c.dispose();
  };
  try {
    for (let step = 0; step < steps; step++) {
      if (opts.signal?.aborted) throw new Error("interrupted");
      const t0 = performance.now();
      const data = sample(step);
      if (
        data.x.length !== batch * inputDim || data.xNext.length !== batch * inputDim ||
        data.a.length !== batch * actionDim
      ) {
        throw new RangeError(`sample(${step}) returned arrays of the wrong length`);
      }
      stack.set(data.x, 0);
      stack.set(data.xNext, batch * inputDim);
      const regCtx = { step, seed: spec.seed, views: 2, batch, slices: spec.slices };
      // Only on backends without synchronous reads, and for regularisers that need it.
      const prepared = regulariser.name === "none"
        ? undefined
        : await prepareRegulariser(regulariser, encoder, stack, regCtx);
      const lossParts = tf.tidy(() => {
        const x = tf.tensor2d(stack, [2 * batch, inputDim]);
        const a = tf.tensor2d(data.a, [batch, actionDim]);
        let parts: tf.Tensor | null = null;
        const { grads } = tf.variableGrads(() => {
          const h = encoder.apply(x);
          const h0 = tf.slice(h, [0, 0], [batch, n]) as tf.Tensor2D;
          const h1 = tf.slice(h, [batch, 0], [batch, n]) as tf.Tensor2D;
          const predicted = tf.add(
            tf.add(linear(h0, wt as tf.Tensor2D), linear(a, mt as tf.Tensor2D)),
            c,
          );
          const pred = tf.mean(tf.square(tf.sub(predicted, h1))) as tf.Scalar;
          const reg = regulariser.name === "none"
            ? tf.scalar(0)
            : regulariser.apply(h, prepared === undefined ? regCtx : { ...regCtx, prepared });
          const loss = (regulariser.name === "none"
            ? pred
            : tf.add(tf.mul(reg, spec.lambda), tf.mul(pred, 1 - spec.lambda))) as tf.Scalar;
          parts = tf.keep(tf.stack([loss, pred, reg]));
          return loss;
        }, params);
        // Updating before reading the loss changes nothing (a non-finite loss
        // ends training) and lets backends without synchronous reads (webgpu)
        // queue the whole step before the one read-back below.
        optimiser.step(params.map((p) => grads[p.name]), learningRate(step, steps, spec.lr));
        return parts as unknown as tf.Tensor;
      });
      const [loss, pred, reg] = await lossParts.data();
      lossParts.dispose();
      const values = { loss, pred, reg };
      trainMs += performance.now() - t0;
      if (!Number.isFinite(values.loss)) {
        throw new CaseFailure("nan", `loss became NaN at step ${step}`, step, { curves });
      }
      if (step % curveEvery === 0 || step === steps - 1) {
        for (const [k, v] of Object.entries(values)) curves[k].push([step, v]);
      }
      opts.onProgress?.(step + 1, steps, values);
      if (opts.signal && step % 20 === 19) await new Promise((r) => setTimeout(r, 0));
    }
  } catch (e) {
    cleanup();
    encoder.dispose();
    throw e;
  }
  const [wv, mv, cv] = await Promise.all([wt.data(), mt.data(), c.data()]);
  const model: LatentModel = {
    dim: n,
    actionDim,
    w: new Float64Array(n * n),
    m: new Float64Array(n * actionDim),
    c: Float64Array.from(cv),
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) model.w[i * n + j] = wv[j * n + i];
    for (let k = 0; k < actionDim; k++) model.m[i * actionDim + k] = mv[k * n + i];
  }
  cleanup();
  return { encoder, model, steps, trainSeconds: trainMs / 1000, curves };
}
