/**
 * VICReg (Bardes, Ponce & LeCun 2022, arXiv 2105.04906; SPEC section 5):
 * `25 * invariance + 25 * variance + 1 * covariance`, with invariance the
 * mean squared difference between views (mean over view pairs), variance
 * `mean_n relu(1 - sqrt(Var(h_v)_n + 1e-4))` averaged over views, and
 * covariance the sum of squared off-diagonal entries of Cov(h_v) divided by
 * N, summed over views (unbiased covariances). This is the official code
 * (facebookresearch/vicreg: `std_loss = mean(relu(1 - std_x)) / 2 +
 * mean(relu(1 - std_y)) / 2`, the two covariance terms added), for which the
 * 25 / 25 / 1 coefficients were tuned; the paper's equation writes the
 * variance term as a sum over the two views, i.e. twice this one.
 *
 * At N = 2 from a small-output initialisation the two outputs can stay
 * collinear for thousands of steps (a saddle: the covariance gradient there
 * only shrinks them, and its rotating part is proportional to the small angle
 * between them); on the spiral mixing they settle on the radius |z| = |x|
 * (see src/suites/regularisers.ts and test/core/objectives/vicreg_test.ts).
 *
 * Combination with the loop: the loop computes
 * `L = lambda * VICReg + (1 - lambda) * align`. VICReg carries its own
 * invariance term (for two views it is 4 * align), so its default weight is
 * lambda = 1: the loss is exactly VICReg and the loop's alignment term gets
 * weight 0. Any lambda < 1 adds (1 - lambda) * align on top, i.e. raises the
 * invariance coefficient from 100 to 100 + (1 - lambda) / lambda (in units of
 * align).
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { linear } from "../models/dense.ts";
import type { Regulariser, RegulariserContext } from "./regulariser.ts";
import { splitViews } from "./views.ts";

/** The three VICReg coefficients (invariance, variance, covariance). */
export const VICREG_WEIGHTS = { invariance: 25, variance: 25, covariance: 1 } as const;

/**
 * The VICReg loss of the view-major stack h (V * B, N), V >= 2, B >= 2.
 *
 * @example
 * ```ts
 * import { vicregLoss } from "./vicreg.ts";
 * import { tf } from "../engine/backend.ts";
 * const h = tf.zeros([8, 3]) as tf.Tensor2D; // collapsed: 25 * (1 - 0.01)
 * const v = vicregLoss(h, { step: 0, seed: 0, views: 2, batch: 4 }).dataSync()[0];
 * ```
 */
export function vicregLoss(h: tf.Tensor2D, ctx: RegulariserContext): tf.Scalar {
  if (ctx.batch < 2) throw new RangeError(`vicregLoss: batch must be at least 2, got ${ctx.batch}`);
  return tf.tidy(() => {
    const views = splitViews(h, ctx);
    const n = h.shape[1];
    const b = ctx.batch;
    let inv: tf.Tensor = tf.scalar(0);
    let pairs = 0;
    for (let i = 0; i < views.length; i++) {
      for (let j = i + 1; j < views.length; j++) {
        inv = tf.add(inv, tf.mean(tf.square(tf.sub(views[i], views[j]))));
        pairs++;
      }
    }
    inv = tf.div(inv, pairs);
    let variance: tf.Tensor = tf.scalar(0);
    let covariance: tf.Tensor = tf.scalar(0);
    const offDiag = tf.sub(tf.ones([n, n]), tf.eye(n));
    for (const v of views) {
      const centered = tf.sub(v, tf.mean(v, 0, true)) as tf.Tensor2D;
      const cov = tf.div(linear(tf.transpose(centered), centered), b - 1);
      const diag = tf.div(tf.sum(tf.square(centered), 0), b - 1);
      variance = tf.add(variance, tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(diag, 1e-4))))));
      covariance = tf.add(covariance, tf.div(tf.sum(tf.square(tf.mul(cov, offDiag))), n));
    }
    variance = tf.div(variance, views.length);
    const w = VICREG_WEIGHTS;
    return tf.addN([
      tf.mul(inv, w.invariance),
      tf.mul(variance, w.variance),
      tf.mul(covariance, w.covariance),
    ]) as tf.Scalar;
  });
}

/**
 * The VICReg regulariser (name "vicreg", lambda 1: the loss is VICReg alone).
 *
 * @example
 * ```ts
 * import { vicreg } from "./vicreg.ts";
 * console.assert(vicreg.defaultLambda === 1);
 * ```
 */
export const vicreg: Regulariser = {
  name: "vicreg",
  description:
    "VICReg: 25 invariance + 25 variance hinge + 1 off-diagonal covariance (own invariance term)",
  defaultLambda: 1,
  apply: (h, ctx) => vicregLoss(h, ctx),
};
