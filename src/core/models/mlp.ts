/**
 * The MLP encoder of the identifiability paper: N -> width x depth -> N with
 * exact GELU after every hidden layer.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import type { Rng } from "../random.ts";
import { dense, type DenseParams, initDense } from "./dense.ts";
import { encodeBatched, type Encoder } from "./encoder.ts";
import { gelu } from "./gelu.ts";

/**
 * Shape of an MLP encoder.
 *
 * @example
 * ```ts
 * import type { MlpOptions } from "./mlp.ts";
 * const paper: MlpOptions = { width: 256, depth: 4 };
 * ```
 */
export interface MlpOptions {
  /** Hidden width (paper: 256). */
  width: number;
  /** Number of hidden layers (paper: 4). */
  depth: number;
}

/**
 * Build an MLP encoder inputDim -> width (x depth, GELU after each) ->
 * outputDim, initialised like PyTorch nn.Linear from `rng` (layer i draws from
 * `rng.split("layer", i)`).
 *
 * @example
 * ```ts
 * import { createMlp } from "./mlp.ts";
 * import { Rng } from "../random.ts";
 * const enc = createMlp(2, 2, { width: 16, depth: 2 }, new Rng(1337, "init"));
 * const h = await enc.encode(new Float64Array([0.1, 0.2]), 1); // 2 values
 * enc.dispose();
 * ```
 */
export function createMlp(
  inputDim: number,
  outputDim: number,
  options: MlpOptions,
  rng: Rng,
): Encoder {
  const { width, depth } = options;
  for (const [k, v] of [["inputDim", inputDim], ["outputDim", outputDim], ["width", width]]) {
    if (!(Number.isInteger(v) && (v as number) > 0)) {
      throw new RangeError(`createMlp: ${k} must be a positive integer, got ${v}`);
    }
  }
  if (!(Number.isInteger(depth) && depth >= 0)) {
    throw new RangeError(`createMlp: depth must be a non-negative integer, got ${depth}`);
  }
  const sizes = [inputDim, ...Array.from({ length: depth }, () => width), outputDim];
  const layers: DenseParams[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push(initDense(sizes[i], sizes[i + 1], rng.split("layer", i)));
  }
  const apply = (x: tf.Tensor2D): tf.Tensor2D => {
    let h = x;
    for (let i = 0; i < layers.length; i++) {
      const { w, b } = layers[i];
      const y = dense(h, w, b, { inputIsData: i === 0 });
      h = i + 1 < layers.length ? gelu(y) : y;
    }
    return h;
  };
  return {
    inputDim,
    outputDim,
    params: layers.flatMap((l) => [l.w, l.b] as tf.Variable[]),
    apply,
    encode: (x, n) => encodeBatched(apply, x, n, inputDim, outputDim),
    dispose: () => layers.forEach((l) => (l.w.dispose(), l.b.dispose())),
  };
}
