/**
 * InfoNCE with the negative squared distance as similarity,
 * `s(u, v) = -||u - v||^2 / (2 sigma^2)`, sigma = 1 (the contrastive
 * baseline of Klindt, LeCun & Balestriero 2026, arXiv 2605.26379, after
 * Zimmermann et al. 2021, arXiv 2102.08850; SPEC section 5). For two views u
 * (view 0) and v (view 1) of B samples: the symmetric cross-entropy of
 * identifying each positive pair among the B candidates,
 * `1/2 mean_b [lse_c s(u_b, v_c) - s(u_b, v_b)] + 1/2 mean_b [lse_c s(u_c, v_b) - s(u_b, v_b)]`.
 * log B when collapsed; near its minimum when the views agree and the
 * samples are spread out. More than two views: mean over view pairs.
 *
 * Combination with the loop: `L = lambda * InfoNCE + (1 - lambda) * align`.
 * The positive-pair term is InfoNCE's own alignment, so the default weight is
 * lambda = 1 (InfoNCE alone).
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { linear } from "../models/dense.ts";
import type { Regulariser, RegulariserContext } from "./regulariser.ts";
import { splitViews } from "./views.ts";

/** Temperature sigma of the similarity. */
export const INFONCE_SIGMA = 1;

/**
 * Logits s(x_b, y_c) = -||x_b - y_c||^2 / (2 sigma^2), (B, B), as ONE matmul
 * of augmented rows, [-2x, |x|^2, 1] . [y, 1, |y|^2]: no broadcast add, whose
 * gradient (a reduction over axis 0) is very slow on wasm.
 */
function logitsOf(x: tf.Tensor2D, y: tf.Tensor2D, sigma: number): tf.Tensor2D {
  const b = x.shape[0];
  const ones = tf.ones([b, 1]);
  const ax = tf.concat([tf.mul(x, -2), tf.sum(tf.square(x), 1, true), ones], 1) as tf.Tensor2D;
  const ay = tf.concat([y, ones, tf.sum(tf.square(y), 1, true)], 1) as tf.Tensor2D;
  return tf.div(linear(ax, tf.transpose(ay)), -2 * sigma * sigma) as tf.Tensor2D;
}

function pairLoss(u: tf.Tensor2D, v: tf.Tensor2D, sigma: number): tf.Scalar {
  // Row-wise reductions only (the column direction uses the transposed
  // logits built by their own product): on wasm a reduction over axis 0
  // transposes first and was the bottleneck.
  const pos = tf.div(tf.sum(tf.square(tf.sub(u, v)), 1), -2 * sigma * sigma); // (B,)
  const rows = tf.mean(tf.sub(tf.logSumExp(logitsOf(u, v, sigma), 1), pos));
  const cols = tf.mean(tf.sub(tf.logSumExp(logitsOf(v, u, sigma), 1), pos));
  return tf.mul(tf.add(rows, cols), 0.5) as tf.Scalar;
}

/**
 * The symmetric InfoNCE loss of the view-major stack h (V * B, N), V >= 2.
 *
 * @example
 * ```ts
 * import { infoNceLoss } from "./infonce.ts";
 * import { tf } from "../engine/backend.ts";
 * const h = tf.zeros([8, 3]) as tf.Tensor2D; // collapsed: log 4
 * const v = infoNceLoss(h, { step: 0, seed: 0, views: 2, batch: 4 }).dataSync()[0];
 * ```
 */
export function infoNceLoss(
  h: tf.Tensor2D,
  ctx: RegulariserContext,
  sigma = INFONCE_SIGMA,
): tf.Scalar {
  if (!(sigma > 0)) throw new RangeError(`infoNceLoss: sigma must be positive, got ${sigma}`);
  return tf.tidy(() => {
    const views = splitViews(h, ctx);
    let total: tf.Tensor = tf.scalar(0);
    let pairs = 0;
    for (let i = 0; i < views.length; i++) {
      for (let j = i + 1; j < views.length; j++) {
        total = tf.add(total, pairLoss(views[i], views[j], sigma));
        pairs++;
      }
    }
    return tf.div(total, pairs) as tf.Scalar;
  });
}

/**
 * The InfoNCE regulariser (name "infonce", sigma 1, lambda 1: InfoNCE alone).
 *
 * @example
 * ```ts
 * import { infoNce } from "./infonce.ts";
 * console.assert(infoNce.defaultLambda === 1);
 * ```
 */
export const infoNce: Regulariser = {
  name: "infonce",
  description: "InfoNCE with similarity -||u - v||^2 / 2 (sigma = 1); own alignment term",
  defaultLambda: 1,
  apply: (h, ctx) => infoNceLoss(h, ctx),
};
