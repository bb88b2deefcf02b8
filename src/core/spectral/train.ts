/**
 * The spectral JEPA loss trained by gradient descent on the tfjs engine: a
 * tabular context encoder `enc(s) in R^d`, an action-conditioned linear
 * predictor `u(s, a) = W_a^T enc(s) in R^k` and a tabular target encoder
 * `v(s') in R^k`, trained full-batch with Adam on the exact expectation form
 * of the loss under a training co-occurrence. The loss is evaluated in
 * float64 on the host under an evaluation co-occurrence (the population), so
 * "reaches L* from above" can be checked exactly: every evaluated loss is a
 * rank-k point and so never below L*.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../random.ts";
import type { Cooccurrence } from "./cooccurrence.ts";
import type { DenseMatrix } from "./dense.ts";
import { spectralLossExpectation } from "./loss.ts";

/** Options of {@link trainSpectral}. */
export interface TrainOptions {
  /** Initialisation source. */
  rng: Rng;
  /** Adam steps. */
  steps: number;
  /** Adam learning rate. Default 0.02. */
  lr?: number;
  /** Co-occurrence the loss is evaluated under (default: the training one). */
  evalCo?: Cooccurrence;
  /** Evaluate (float64, host) every this many steps. Default steps / 20. */
  evalEvery?: number;
  /** Encoder width d; default min(nS, nA * k) so that every rank-k u is reachable. */
  width?: number;
  /** Standard deviation of the initial weights. Default 0.1. */
  initScale?: number;
}

/** What {@link trainSpectral} returns. */
export interface TrainResult {
  /** [step, loss under evalCo] pairs, step 0 first. */
  curve: Array<[number, number]>;
  /** Final loss under evalCo (float64). */
  finalLoss: number;
  /** Final predictor embeddings u (float64 copy of float32 weights). */
  u: DenseMatrix;
  /** Final target embeddings v. */
  v: DenseMatrix;
  /** Training wall time, seconds. */
  seconds: number;
}

/**
 * Train the rank-k spectral loss by Adam on the exact expectations of `co`.
 *
 * @example
 * ```ts
 * import { trainSpectral } from "./train.ts";
 * import { cooccurrence } from "./cooccurrence.ts";
 * import { Rng } from "../random.ts";
 * import * as tf from "@tensorflow/tfjs";
 * await tf.setBackend("cpu");
 * const m = { nS: 2, nA: 1, P: new Float64Array([0, 1, 1, 0]), reward: new Float64Array(2), gamma: 0.9 };
 * const r = await trainSpectral(cooccurrence(m), 1, { rng: new Rng(0), steps: 200 });
 * console.assert(r.finalLoss < -0.9);
 * ```
 */
export async function trainSpectral(
  co: Cooccurrence,
  k: number,
  opts: TrainOptions,
): Promise<TrainResult> {
  const { nS, nA } = co;
  const { rng, steps, lr = 0.02, initScale = 0.1 } = opts;
  if (!(Number.isInteger(k) && k >= 1 && k <= nS)) {
    throw new RangeError(`k must be an integer in [1, ${nS}], got ${k}`);
  }
  if (!(Number.isInteger(steps) && steps >= 1)) {
    throw new RangeError(`steps must be a positive integer, got ${steps}`);
  }
  const evalCo = opts.evalCo ?? co;
  const evalEvery = Math.max(1, opts.evalEvery ?? Math.floor(steps / 20));
  const d = opts.width ?? Math.min(nS, nA * k);
  const rows = nS * nA;
  const init = (n: number, label: string) => {
    const r = rng.split(label);
    return Float32Array.from({ length: n }, () => initScale * r.normal());
  };
  const t0 = performance.now();
  const variable = (data: Float32Array, shape: [number, number]) => {
    const initial = tf.tensor2d(data, shape);
    const v = tf.variable(initial);
    initial.dispose();
    return v;
  };
  const E = variable(init(nS * d, "enc"), [nS, d]);
  const W = variable(init(d * nA * k, "pred"), [d, nA * k]);
  const T = variable(init(nS * k, "target"), [nS, k]);
  const C = tf.tensor2d(Float32Array.from(co.C.data), [rows, nS]);
  const outer = tf.tensor2d(
    Float32Array.from(
      { length: rows * nS },
      (_, i) => co.dRow[Math.floor(i / nS)] * co.dCol[i % nS],
    ),
    [rows, nS],
  );
  const predict = () => tf.reshape(tf.matMul(E, W), [rows, k]) as tf.Tensor2D;
  const optimizer = tf.train.adam(lr);
  // Asynchronous reads, so the trainer runs on backends without synchronous
  // ones (webgpu) too.
  const read = async (): Promise<{ u: DenseMatrix; v: DenseMatrix }> => {
    const u = tf.tidy(predict);
    try {
      const [uv, tv] = await Promise.all([u.data(), T.data()]);
      return {
        u: { rows, cols: k, data: Float64Array.from(uv) },
        v: { rows: nS, cols: k, data: Float64Array.from(tv) },
      };
    } finally {
      u.dispose();
    }
  };
  const curve: Array<[number, number]> = [];
  const evaluate = async (step: number) => {
    const { u, v } = await read();
    curve.push([step, spectralLossExpectation(evalCo, u, v)]);
  };
  try {
    await evaluate(0);
    for (let step = 1; step <= steps; step++) {
      const cost = optimizer.minimize(() => {
        const G = tf.matMul(predict(), T, false, true);
        return tf.sub(
          tf.sum(tf.mul(outer, tf.square(G))),
          tf.mul(2, tf.sum(tf.mul(C, G))),
        ) as tf.Scalar;
      }, true);
      cost?.dispose();
      if (step % evalEvery === 0 || step === steps) await evaluate(step);
      if (step % 50 === 0) await Promise.resolve();
    }
    const { u, v } = await read();
    return {
      curve,
      finalLoss: curve[curve.length - 1][1],
      u,
      v,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    optimizer.dispose();
    for (const t of [E, W, T, C, outer]) t.dispose();
  }
}
