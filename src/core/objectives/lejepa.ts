/**
 * The LeJEPA total loss: lambda * regulariser + (1 - lambda) * alignment.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { alignment } from "./alignment.ts";
import type { Regulariser, RegulariserContext } from "./regulariser.ts";

/**
 * The three scalars of one LeJEPA evaluation.
 *
 * @example
 * ```ts
 * import type { LeJepaLoss } from "./lejepa.ts";
 * const read = (l: LeJepaLoss) => l.loss.dataSync()[0];
 * ```
 */
export interface LeJepaLoss {
  loss: tf.Scalar;
  align: tf.Scalar;
  reg: tf.Scalar;
}

/**
 * L = lambda * reg(h) + (1 - lambda) * align(h); for the "none" regulariser
 * L = align(h) (whatever lambda). h is the (V * B, N) view-major stack.
 *
 * @example
 * ```ts
 * import { lejepaLoss } from "./lejepa.ts";
 * import { none } from "./none.ts";
 * import { tf } from "../engine/backend.ts";
 * const h = tf.tensor2d([[0, 0], [2, 2]]);
 * const { loss } = lejepaLoss(h, none, 0.5, { step: 0, seed: 0, views: 2, batch: 1 });
 * loss.dataSync(); // [1]
 * ```
 */
export function lejepaLoss(
  h: tf.Tensor2D,
  regulariser: Regulariser,
  lambda: number,
  ctx: RegulariserContext,
): LeJepaLoss {
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new RangeError(`lejepaLoss: lambda must lie in [0, 1], got ${lambda}`);
  }
  const align = alignment(h, ctx.views);
  if (regulariser.name === "none") {
    return { loss: align, align, reg: tf.scalar(0) };
  }
  const reg = regulariser.apply(h, ctx);
  const loss = tf.add(tf.mul(reg, lambda), tf.mul(align, 1 - lambda)) as tf.Scalar;
  return { loss, align, reg };
}
