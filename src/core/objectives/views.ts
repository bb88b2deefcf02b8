/**
 * Splitting the (V * B, N) view-major stack into its V views.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import type { RegulariserContext } from "./regulariser.ts";

/**
 * The V views of the view-major stack h (rows v * B + b) as V tensors of
 * shape (B, N); RangeError when h does not have V * B rows or V < 2.
 *
 * @example
 * ```ts
 * import { splitViews } from "./views.ts";
 * import { tf } from "../engine/backend.ts";
 * const [a, b] = splitViews(tf.tensor2d([[0, 0], [1, 1]]), { step: 0, seed: 0, views: 2, batch: 1 });
 * ```
 */
export function splitViews(h: tf.Tensor2D, ctx: RegulariserContext): tf.Tensor2D[] {
  const { views, batch } = ctx;
  if (!(Number.isInteger(views) && views >= 2)) {
    throw new RangeError(`splitViews: needs at least 2 views, got ${views}`);
  }
  if (h.shape[0] !== views * batch) {
    throw new RangeError(
      `splitViews: h has ${h.shape[0]} rows, expected views * batch = ${views * batch}`,
    );
  }
  return tf.split(h, views, 0) as tf.Tensor2D[];
}
