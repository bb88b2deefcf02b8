/**
 * The LeJEPA alignment (prediction) loss: views pulled to their mean.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";

/**
 * align(h) = mean over v, b, n of (mean_v h[., b, n] - h[v, b, n])^2 for the
 * view-major stack h of shape (V * B, N) (rows v * B + b).
 *
 * @example
 * ```ts
 * import { alignment } from "./alignment.ts";
 * import { tf } from "../engine/backend.ts";
 * const h = tf.tensor2d([[0, 0], [2, 2]]); // V = 2, B = 1
 * alignment(h, 2).dataSync(); // [1]
 * ```
 */
export function alignment(h: tf.Tensor2D, views: number): tf.Scalar {
  const [rows, n] = h.shape;
  if (!(Number.isInteger(views) && views >= 1 && rows % views === 0)) {
    throw new RangeError(`alignment: views must divide the ${rows} rows, got ${views}`);
  }
  return tf.tidy(() => {
    const hv = tf.reshape(h, [views, rows / views, n]);
    const center = tf.mean(hv, 0, true);
    return tf.mean(tf.square(tf.sub(hv, center))) as tf.Scalar;
  });
}
