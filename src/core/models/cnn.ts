/**
 * A small CNN encoder for the pixel (reacher) world: strided 2x2 convolutions
 * (stride 2, "patchify"), each followed by a per-sample normalisation and
 * GELU, until the map is 4x4, then dense -> hidden (GELU) -> output.
 *
 * The convolutions are written as reshape + transpose + {@link dense} (a 2x2
 * stride-2 convolution is a dense layer on non-overlapping 2x2 patches): the
 * wasm backend has no Conv2DBackpropFilter kernel, and this form keeps the
 * project's transpose-flag-free matMul gradients. The normalisation is
 * GroupNorm with one group and no affine part (each sample's map is centred
 * and scaled to unit variance over height, width and channels), so training
 * and evaluation behave the same at any batch size.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import type { Rng } from "../random.ts";
import { dense, type DenseParams, initDense } from "./dense.ts";
import { encodeBatched, type Encoder } from "./encoder.ts";
import { gelu } from "./gelu.ts";

/** Shape of a CNN encoder. */
export interface CnnOptions {
  /** Side of the square single-channel input image (a power of two times 4, e.g. 32 or 64). */
  size: number;
  /** Channels of the convolutions, one per stride-2 stage; the stages must take `size` to 4. */
  channels?: number[];
  /** Width of the dense hidden layer (default 128). */
  hidden?: number;
}

const NORM_EPS = 1e-5;

/** Default channels: 16, then 32 for every later stage. */
function defaultChannels(stages: number): number[] {
  return Array.from({ length: stages }, (_, i) => (i === 0 ? 16 : 32));
}

/**
 * Number of stride-2 stages that take `size` to 4, or a RangeError.
 *
 * @example
 * ```ts
 * import { cnnStages } from "./cnn.ts";
 * console.assert(cnnStages(32) === 3 && cnnStages(64) === 4);
 * ```
 */
export function cnnStages(size: number): number {
  let s = size;
  let stages = 0;
  while (s > 4 && s % 2 === 0) {
    s /= 2;
    stages++;
  }
  if (s !== 4 || stages === 0) {
    throw new RangeError(
      `CNN input size must be 4 * 2^k with k >= 1 (8, 16, 32, 64, ...), got ${size}`,
    );
  }
  return stages;
}

/**
 * Build a CNN encoder (size*size flattened grayscale rows) -> outputDim,
 * initialised like PyTorch's defaults from `rng` (stage i from
 * `rng.split("conv", i)`, the dense layers from `rng.split("hidden")` and
 * `rng.split("out")`).
 *
 * @example
 * ```ts
 * import { createCnn } from "./cnn.ts";
 * import { Rng } from "../random.ts";
 * const enc = createCnn(2, { size: 16 }, new Rng(0, "init"));
 * const h = await enc.encode(new Float64Array(2 * 256), 2); // 4 values
 * enc.dispose();
 * ```
 */
export function createCnn(outputDim: number, options: CnnOptions, rng: Rng): Encoder {
  const { size } = options;
  if (!(Number.isInteger(outputDim) && outputDim > 0)) {
    throw new RangeError(`createCnn: outputDim must be a positive integer, got ${outputDim}`);
  }
  const stages = cnnStages(size);
  const channels = options.channels ?? defaultChannels(stages);
  if (channels.length !== stages || !channels.every((c) => Number.isInteger(c) && c > 0)) {
    throw new RangeError(
      `createCnn: channels must be ${stages} positive integers for size ${size}, got [${channels}]`,
    );
  }
  const hidden = options.hidden ?? 128;
  if (!(Number.isInteger(hidden) && hidden > 0)) {
    throw new RangeError(`createCnn: hidden must be a positive integer, got ${hidden}`);
  }
  const convs: DenseParams[] = [];
  let cin = 1;
  for (let i = 0; i < stages; i++) {
    convs.push(initDense(4 * cin, channels[i], rng.split("conv", i)));
    cin = channels[i];
  }
  const flat = 16 * cin;
  const fc = initDense(flat, hidden, rng.split("hidden"));
  const out = initDense(hidden, outputDim, rng.split("out"));
  const inputDim = size * size;

  const apply = (x: tf.Tensor2D): tf.Tensor2D => {
    const batch = x.shape[0];
    let s = size;
    let c = 1;
    let h: tf.Tensor = tf.reshape(x, [batch, s, s, c]);
    for (let i = 0; i < stages; i++) {
      const half = s / 2;
      // Non-overlapping 2x2 patches as rows of a matrix, then one dense layer.
      const patches = tf.reshape(
        tf.transpose(tf.reshape(h, [batch, half, 2, half, 2, c]), [0, 1, 3, 2, 4, 5]),
        [batch * half * half, 4 * c],
      ) as tf.Tensor2D;
      const y = tf.reshape(dense(patches, convs[i].w, convs[i].b, { inputIsData: i === 0 }), [
        batch,
        half * half * channels[i],
      ]);
      // GroupNorm(1 group): each sample's whole map to zero mean, unit variance.
      const mu = tf.mean(y, 1, true);
      const yc = tf.sub(y, mu);
      const v = tf.mean(tf.square(yc), 1, true);
      h = gelu(tf.mul(yc, tf.rsqrt(tf.add(v, NORM_EPS))));
      s = half;
      c = channels[i];
      h = tf.reshape(h, [batch, s, s, c]);
    }
    const f = tf.reshape(h, [batch, flat]) as tf.Tensor2D;
    return dense(gelu(dense(f, fc.w, fc.b)), out.w, out.b);
  };
  const layers = [...convs, fc, out];
  return {
    inputDim,
    outputDim,
    params: layers.flatMap((l) => [l.w, l.b] as tf.Variable[]),
    apply,
    encode: (xs, n) => encodeBatched(apply, xs, n, inputDim, outputDim),
    dispose: () => layers.forEach((l) => (l.w.dispose(), l.b.dispose())),
  };
}
