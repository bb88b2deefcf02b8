/**
 * Barlow Twins (Zbontar, Jing, Misra, LeCun & Deny 2021, arXiv 2103.03230;
 * SPEC section 5): `sum_i (1 - C_ii)^2 + 0.0051 * sum_{i != j} C_ij^2` with C
 * the cross-correlation of the two batch-normalised views
 * (`C = z1^T z2 / B`, each column standardised over the batch with the
 * biased variance + 1e-5, as BatchNorm1d without affine). With more than two
 * views: the mean over view pairs.
 *
 * Combination with the loop: `L = lambda * BT + (1 - lambda) * align`. The
 * diagonal term is Barlow Twins' own invariance term, and BT is blind to the
 * embeddings' scale, so any weight on align would shrink the embeddings
 * without bound; the default weight is therefore lambda = 1 (BT alone).
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { linear } from "../models/dense.ts";
import type { Regulariser, RegulariserContext } from "./regulariser.ts";
import { splitViews } from "./views.ts";

/** Weight of the redundancy-reduction (off-diagonal) term. */
export const BARLOW_OFF_DIAGONAL = 0.0051;

function standardise(v: tf.Tensor2D): tf.Tensor2D {
  const { mean, variance } = tf.moments(v, 0, true);
  return tf.div(tf.sub(v, mean), tf.sqrt(tf.add(variance, 1e-5))) as tf.Tensor2D;
}

/**
 * The Barlow Twins loss of the view-major stack h (V * B, N), V >= 2.
 *
 * @example
 * ```ts
 * import { barlowTwinsLoss } from "./barlow_twins.ts";
 * import { tf } from "../engine/backend.ts";
 * const h = tf.zeros([8, 3]) as tf.Tensor2D; // collapsed: C = 0, loss N = 3
 * const v = barlowTwinsLoss(h, { step: 0, seed: 0, views: 2, batch: 4 }).dataSync()[0];
 * ```
 */
export function barlowTwinsLoss(h: tf.Tensor2D, ctx: RegulariserContext): tf.Scalar {
  return tf.tidy(() => {
    const views = splitViews(h, ctx).map(standardise);
    const n = h.shape[1];
    const eye = tf.eye(n);
    let total: tf.Tensor = tf.scalar(0);
    let pairs = 0;
    for (let i = 0; i < views.length; i++) {
      for (let j = i + 1; j < views.length; j++) {
        const c = tf.div(linear(tf.transpose(views[i]), views[j]), ctx.batch);
        const diag = tf.sum(tf.square(tf.sub(1, tf.sum(tf.mul(c, eye), 1))));
        const off = tf.sum(tf.square(tf.mul(c, tf.sub(1, eye))));
        total = tf.add(total, tf.add(diag, tf.mul(off, BARLOW_OFF_DIAGONAL)));
        pairs++;
      }
    }
    return tf.div(total, pairs) as tf.Scalar;
  });
}

/**
 * The Barlow Twins regulariser (name "barlow_twins", lambda 1: BT alone).
 *
 * @example
 * ```ts
 * import { barlowTwins } from "./barlow_twins.ts";
 * console.assert(barlowTwins.name === "barlow_twins");
 * ```
 */
export const barlowTwins: Regulariser = {
  name: "barlow_twins",
  description: "Barlow Twins: cross-correlation of the batch-normalised views pulled to I",
  defaultLambda: 1,
  apply: (h, ctx) => barlowTwinsLoss(h, ctx),
};
