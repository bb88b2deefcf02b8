/**
 * The encoder contract shared by every model the training loop can fit.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";

/**
 * A trainable map from observations (B, inputDim) to embeddings (B, outputDim).
 *
 * @example
 * ```ts
 * import type { Encoder } from "./encoder.ts";
 * function width(e: Encoder): number {
 *   return e.outputDim;
 * }
 * ```
 */
export interface Encoder {
  /** Input dimension. */
  readonly inputDim: number;
  /** Output (embedding) dimension. */
  readonly outputDim: number;
  /** Trainable parameters, in a fixed order. */
  readonly params: tf.Variable[];
  /**
   * Differentiable forward pass on a (B, inputDim) tensor of data. Gradients
   * flow to `params`, never to `x` (the first layer skips x's gradient), so
   * `x` must not depend on a trainable variable.
   */
  apply(x: tf.Tensor2D): tf.Tensor2D;
  /**
   * Encode `n` row-major host rows (n x inputDim) in batches (each forward
   * pass inside tf.tidy, read back with `await data()`, so it runs on
   * backends without synchronous reads such as webgpu); resolves to
   * n x outputDim row-major float64 values.
   */
  encode(x: Float64Array | Float32Array, n: number): Promise<Float64Array>;
  /** Free the parameters. */
  dispose(): void;
}

/**
 * Rows per batch used by {@link encodeBatched}.
 *
 * @example
 * ```ts
 * import { ENCODE_BATCH } from "./encoder.ts";
 * console.assert(ENCODE_BATCH > 0);
 * ```
 */
export const ENCODE_BATCH = 4096;

/**
 * Run `apply` over host rows in batches without gradients: each batch's
 * forward pass runs inside tf.tidy (its output kept), is read back with
 * `await data()` (asynchronous, so webgpu works) and then disposed.
 *
 * @example
 * ```ts
 * import { encodeBatched } from "./encoder.ts";
 * import { tf } from "../engine/backend.ts";
 * const out = await encodeBatched((x) => tf.mul(x, 2), new Float64Array([1, 2]), 2, 1, 1);
 * // out = Float64Array [2, 4]
 * ```
 */
export async function encodeBatched(
  apply: (x: tf.Tensor2D) => tf.Tensor2D,
  x: Float64Array | Float32Array,
  n: number,
  inputDim: number,
  outputDim: number,
): Promise<Float64Array> {
  if (x.length !== n * inputDim) {
    throw new RangeError(
      `encode: x has ${x.length} values, expected n * inputDim = ${n * inputDim}`,
    );
  }
  const out = new Float64Array(n * outputDim);
  for (let start = 0; start < n; start += ENCODE_BATCH) {
    const rows = Math.min(ENCODE_BATCH, n - start);
    const chunk = Float32Array.from(x.subarray(start * inputDim, (start + rows) * inputDim));
    const y = tf.tidy(() => apply(tf.tensor2d(chunk, [rows, inputDim])));
    try {
      out.set(await y.data(), start * outputDim);
    } finally {
      y.dispose();
    }
  }
  return out;
}
