/**
 * The whitening regulariser: mean((Cov(h) - I)^2).
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { linear } from "../models/dense.ts";
import type { Regulariser } from "./regulariser.ts";

/**
 * mean over the N x N entries of (Cov(h) - I)^2, Cov the unbiased (M - 1)
 * covariance of the rows of h (M, N).
 *
 * @example
 * ```ts
 * import { whiteningPenalty } from "./whitening.ts";
 * import { tf } from "../engine/backend.ts";
 * whiteningPenalty(tf.tensor2d([[1, 1], [-1, -1]])).dataSync(); // [1]
 * ```
 */
export function whiteningPenalty(h: tf.Tensor2D): tf.Scalar {
  const [m, n] = h.shape;
  if (m < 2) throw new RangeError(`whiteningPenalty: needs at least 2 rows, got ${m}`);
  return tf.tidy(() => {
    const hc = tf.sub(h, tf.mean(h, 0, true)) as tf.Tensor2D;
    const cov = tf.div(linear(tf.transpose(hc), hc), m - 1);
    return tf.mean(tf.square(tf.sub(cov, tf.eye(n)))) as tf.Scalar;
  });
}

/**
 * Whitening baseline of the identifiability paper (lambda 0.5).
 *
 * @example
 * ```ts
 * import { whitening } from "./whitening.ts";
 * console.assert(whitening.defaultLambda === 0.5);
 * ```
 */
export const whitening: Regulariser = {
  name: "whitening",
  description: "mean((Cov(h) - I)^2): covariance pulled to the identity",
  defaultLambda: 0.5,
  apply: (h) => whiteningPenalty(h),
};
