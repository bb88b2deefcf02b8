/**
 * The "matched" encoder of the identifiability paper: learnable additive
 * coupling layers of the coupling mixing's form, applied in reverse order with
 * subtraction, so that it can represent the mixing's exact inverse.
 *
 * The mixing's layer i (i even) does second half += tanh(first half @ W_i);
 * (i odd) first half += tanh(second half @ W_i). This encoder runs
 * i = L-1, ..., 0 doing the same update with `-=` and its own V_i; with
 * V_i = W_i it is the exact inverse.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import type { Rng } from "../random.ts";
import { hostVariable, linear } from "./dense.ts";
import { encodeBatched, type Encoder } from "./encoder.ts";
import { tanh } from "./tanh.ts";

/**
 * Options of the coupling encoder.
 *
 * @example
 * ```ts
 * import type { CouplingOptions } from "./coupling.ts";
 * const opts: CouplingOptions = { layers: 8 };
 * ```
 */
export interface CouplingOptions {
  /** Number of coupling layers L (paper: 8 in 2D, 4 in the scaling experiment). */
  layers: number;
}

/**
 * The coupling encoder with its weight matrices exposed (layer order as the
 * mixing's: `weights[i]` undoes the mixing's layer i).
 *
 * @example
 * ```ts
 * import { type CouplingEncoder, createCoupling } from "./coupling.ts";
 * import { Rng } from "../random.ts";
 * const enc: CouplingEncoder = createCoupling(2, { layers: 2 }, new Rng(0));
 * enc.setWeights([[1], [-1]]);
 * enc.dispose();
 * ```
 */
export interface CouplingEncoder extends Encoder {
  /** V_0 .. V_{L-1}, each (N/2, N/2). */
  readonly weights: tf.Variable[];
  /** Overwrite the weights with host values (row-major N/2 x N/2 each). */
  setWeights(values: ArrayLike<number>[]): void;
}

/**
 * Build a coupling encoder for an even dimension N; weights are drawn
 * randn / sqrt(N/2) from `rng.split("layer", i)`.
 *
 * @example
 * ```ts
 * import { createCoupling } from "./coupling.ts";
 * import { Rng } from "../random.ts";
 * const enc = createCoupling(2, { layers: 8 }, new Rng(1337, "init"));
 * const h = await enc.encode(new Float64Array([0.1, 0.2]), 1);
 * enc.dispose();
 * ```
 */
export function createCoupling(dim: number, options: CouplingOptions, rng: Rng): CouplingEncoder {
  if (!(Number.isInteger(dim) && dim >= 2 && dim % 2 === 0)) {
    throw new RangeError(`createCoupling: dim must be an even integer >= 2, got ${dim}`);
  }
  const { layers } = options;
  if (!(Number.isInteger(layers) && layers >= 1)) {
    throw new RangeError(`createCoupling: layers must be a positive integer, got ${layers}`);
  }
  const half = dim / 2;
  const scale = 1 / Math.sqrt(half);
  const weights: tf.Variable[] = [];
  for (let i = 0; i < layers; i++) {
    const r = rng.split("layer", i);
    const w = new Float32Array(half * half);
    for (let j = 0; j < w.length; j++) w[j] = r.normal() * scale;
    weights.push(hostVariable(w, [half, half]));
  }
  const apply = (x: tf.Tensor2D): tf.Tensor2D => {
    let [a, b] = tf.split(x, 2, 1) as tf.Tensor2D[];
    for (let i = layers - 1; i >= 0; i--) {
      const w = weights[i] as tf.Variable<tf.Rank.R2>;
      // The first layer applied reads only the input: no gradient for it.
      const opts = { inputIsData: i === layers - 1 };
      if (i % 2 === 0) b = tf.sub(b, tanh(linear(a, w, opts)));
      else a = tf.sub(a, tanh(linear(b, w, opts)));
    }
    return tf.concat([a, b], 1);
  };
  return {
    inputDim: dim,
    outputDim: dim,
    params: weights,
    weights,
    apply,
    encode: (x, n) => encodeBatched(apply, x, n, dim, dim),
    setWeights(values) {
      if (values.length !== layers) {
        throw new RangeError(`setWeights: expected ${layers} matrices, got ${values.length}`);
      }
      values.forEach((v, i) => {
        if (v.length !== half * half) {
          throw new RangeError(
            `setWeights: matrix ${i} has ${v.length} values, expected ${half * half}`,
          );
        }
        tf.tidy(() => weights[i].assign(tf.tensor2d(Float32Array.from(v), [half, half])));
      });
    },
    dispose: () => weights.forEach((w) => w.dispose()),
  };
}
