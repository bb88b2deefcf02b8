/**
 * Exact (erf) GELU with a hand-written gradient.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";

const INV_SQRT2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const geluOp = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((x: tf.Tensor, save: any) => {
    // cdf = Phi(x) = 0.5 (1 + erf(x / sqrt 2)); gelu = x Phi(x)
    const cdf = tf.mul(0.5, tf.add(1, tf.erf(tf.mul(x, INV_SQRT2))));
    save([x, cdf]);
    return {
      value: tf.mul(x, cdf),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, c] = saved;
        // d/dx x Phi(x) = Phi(x) + x phi(x), phi the standard normal density
        const pdf = tf.mul(tf.exp(tf.mul(tf.square(xs), -0.5)), INV_SQRT_2PI);
        return [tf.mul(dy, tf.add(c, tf.mul(xs, pdf)))];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0],
) as (x: tf.Tensor) => tf.Tensor;

/**
 * Exact GELU, x * Phi(x) with Phi the standard normal CDF (PyTorch's default
 * nn.GELU), on backend ops, with a custom gradient Phi(x) + x phi(x).
 *
 * @example
 * ```ts
 * import { gelu } from "./gelu.ts";
 * import { tf } from "../engine/backend.ts";
 * gelu(tf.tensor1d([0, 1])).dataSync(); // [0, 0.8413...]
 * ```
 */
export function gelu<T extends tf.Tensor>(x: T): T {
  return geluOp(x) as T;
}
