/**
 * A dense (affine) layer with a hand-written gradient. Its forward and
 * backward passes use only plain `matMul` (explicit `tf.transpose` where a
 * transpose is needed): the wasm backend sends matMul with a transpose flag
 * to a slow naive loop, which made tfjs's own gradient the bottleneck.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import type { Rng } from "../random.ts";

/**
 * The gradient a layer whose input is data returns for that input: an empty
 * tensor. tfjs asks for an input's gradient only when a variable lies upstream
 * of it, so this is never read where the input is data; anywhere else tfjs
 * rejects it (its shape differs from the input's) instead of training on a
 * silently zero gradient.
 */
function noInputGrad(): tf.Tensor {
  return tf.zeros([0]);
}

function makeDenseOp(inputGrad: boolean) {
  return tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: any) => {
      save([x, w]);
      return {
        // One fused kernel (matMul with bias) instead of matMul then add.
        value: tf.fused.matMul({ a: x, b: w, bias: b }),
        gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
          const [xs, ws] = saved as tf.Tensor2D[];
          return [
            inputGrad ? tf.matMul(dy, tf.transpose(ws)) : noInputGrad(),
            tf.matMul(tf.transpose(xs), dy),
            columnSums(dy),
          ];
        },
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0],
  ) as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor;
}

const denseOp = makeDenseOp(true);
const denseOnDataOp = makeDenseOp(false);

/**
 * Column sums of a matrix as a (1 x rows) @ (rows x n) product: on wasm this is
 * about 20x faster than tf.sum over axis 0 (which transposes first).
 */
function columnSums(m: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, m.shape[0]]), m), [m.shape[1]]);
}

function makeLinearOp(inputGrad: boolean) {
  return tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((x: tf.Tensor2D, w: tf.Tensor2D, save: any) => {
      save([x, w]);
      return {
        value: tf.matMul(x, w),
        gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
          const [xs, ws] = saved as tf.Tensor2D[];
          return [
            inputGrad ? tf.matMul(dy, tf.transpose(ws)) : noInputGrad(),
            tf.matMul(tf.transpose(xs), dy),
          ];
        },
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0],
  ) as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;
}

const linearOp = makeLinearOp(true);
const linearOnDataOp = makeLinearOp(false);

/**
 * Options of {@link dense} and {@link linear}.
 *
 * @example
 * ```ts
 * import type { LayerOptions } from "./dense.ts";
 * const first: LayerOptions = { inputIsData: true };
 * ```
 */
export interface LayerOptions {
  /**
   * The input is data, not a function of any trainable variable: the
   * backward pass skips its gradient (one matMul and one transpose fewer, the
   * largest saving of an encoder's first layer). Default false. Where a
   * variable does lie upstream, training fails with tfjs's gradient-shape
   * error rather than using a wrong gradient.
   */
  inputIsData?: boolean;
}

/**
 * y = x W (no bias) with a transpose-flag-free custom gradient (with
 * `inputIsData`, none for x: see {@link LayerOptions}).
 *
 * @example
 * ```ts
 * import { linear } from "./dense.ts";
 * import { tf } from "../engine/backend.ts";
 * const y = linear(tf.ones([2, 3]), tf.ones([3, 4])); // all 3
 * const first = linear(tf.ones([2, 3]), tf.ones([3, 4]), { inputIsData: true });
 * ```
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, options: LayerOptions = {}): tf.Tensor2D {
  return (options.inputIsData ? linearOnDataOp : linearOp)(x, w) as tf.Tensor2D;
}

/**
 * y = x W + b with a transpose-flag-free custom gradient.
 * x is (B, in), W is (in, out), b is (out). With `inputIsData` the backward
 * pass skips x's gradient (see {@link LayerOptions}).
 *
 * @example
 * ```ts
 * import { dense } from "./dense.ts";
 * import { tf } from "../engine/backend.ts";
 * const y = dense(tf.ones([2, 3]), tf.ones([3, 4]), tf.zeros([4])); // all 3
 * ```
 */
export function dense(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  options: LayerOptions = {},
): tf.Tensor2D {
  return (options.inputIsData ? denseOnDataOp : denseOp)(x, w, b) as tf.Tensor2D;
}

/**
 * The two parameters of a dense layer.
 *
 * @example
 * ```ts
 * import { type DenseParams, initDense } from "./dense.ts";
 * import { Rng } from "../random.ts";
 * const p: DenseParams = initDense(2, 3, new Rng(0));
 * ```
 */
export interface DenseParams {
  w: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
}

/**
 * Create a dense layer's parameters initialised like PyTorch's nn.Linear
 * default: W and b ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)), drawn on the host from
 * `rng` (weights row-major (in, out), then the bias), so they are identical on
 * every backend.
 *
 * @example
 * ```ts
 * import { initDense } from "./dense.ts";
 * import { Rng } from "../random.ts";
 * const { w, b } = initDense(3, 4, new Rng(1));
 * ```
 */
export function initDense(fanIn: number, fanOut: number, rng: Rng): DenseParams {
  const bound = 1 / Math.sqrt(fanIn);
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.uniform() - 1) * bound;
  const b = new Float32Array(fanOut);
  for (let i = 0; i < b.length; i++) b[i] = (2 * rng.uniform() - 1) * bound;
  return {
    w: hostVariable(w, [fanIn, fanOut]) as tf.Variable<tf.Rank.R2>,
    b: hostVariable(b, [fanOut]) as tf.Variable<tf.Rank.R1>,
  };
}

/**
 * A trainable tf.Variable holding host values (the temporary tensor is freed).
 *
 * @example
 * ```ts
 * import { hostVariable } from "./dense.ts";
 * const v = hostVariable(new Float32Array([1, 2]), [2]);
 * ```
 */
export function hostVariable(values: Float32Array, shape: number[]): tf.Variable {
  const t = tf.tensor(values, shape, "float32");
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}
