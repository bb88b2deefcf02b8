/**
 * A coupling mixing (or its inverse) applied on the tensor engine: the same
 * layers as `couplingFromWeights` (even layer: second half += tanh(first half
 * @ W); odd: first half += tanh(second half @ W)), in float32 tfjs ops inside
 * one tf.tidy, so a large-N batch costs a few matMuls instead of a plain-JS
 * triple loop. Needs a backend that reads synchronously (see `readsSync`).
 *
 * @module
 */
import { readsSync, tf } from "../engine/backend.ts";
import { tanh } from "../models/tanh.ts";
import type { Mixing } from "./mixings.ts";

/**
 * Apply a coupling mixing's layers (`mixing.weights`, dim/2 x dim/2 each) to
 * the rows of z (n x dim row-major) on the active backend, in float32;
 * `inverse` runs the layers backwards subtracting, as `invertCoupling`.
 * Leaves no tensors behind.
 *
 * @throws {TypeError} if `mixing` has no coupling weights.
 * @throws {Error} if the backend cannot read synchronously (webgpu).
 * @example
 * ```ts
 * import { initBackend } from "../engine/mod.ts";
 * import { Rng } from "../random.ts";
 * import { makeMixing } from "./mixings.ts";
 * import { applyCouplingOnEngine } from "./coupling_engine.ts";
 * await initBackend("wasm");
 * const g = makeMixing("coupling", 4, new Rng(0));
 * const x = applyCouplingOnEngine(g, new Float64Array([0.1, -0.2, 0.3, 0.4]), 1); // 4 values
 * ```
 */
export function applyCouplingOnEngine(
  mixing: Mixing,
  z: ArrayLike<number>,
  n: number,
  inverse = false,
): Float32Array {
  const ws = mixing.weights;
  if (!ws) {
    throw new TypeError(`applyCouplingOnEngine needs a coupling mixing, got "${mixing.name}"`);
  }
  if (!readsSync()) {
    throw new Error(
      `applyCouplingOnEngine needs a backend with synchronous reads, not "${tf.getBackend()}"`,
    );
  }
  const dim = mixing.dim;
  const h = dim / 2;
  if (!(Number.isInteger(n) && n >= 0) || z.length !== n * dim) {
    throw new RangeError(
      `applyCouplingOnEngine: z has length ${z.length}, expected n * ${dim} with n = ${n}`,
    );
  }
  if (n === 0) return new Float32Array(0);
  const wts = weightTensors(ws, h);
  const step1 = inverse ? tf.sub : tf.add;
  let values: Float32Array = new Float32Array(0);
  // tidy returns nothing: it would walk a returned typed array key by key.
  tf.tidy(() => {
    const x = tf.tensor2d(z instanceof Float32Array ? z : Float32Array.from(z), [n, dim]);
    let [a, b] = tf.split(x, 2, 1) as tf.Tensor2D[];
    const L = ws.length;
    for (let step = 0; step < L; step++) {
      const layer = inverse ? L - 1 - step : step;
      const w = wts[layer];
      const src = layer % 2 === 0 ? a : b;
      const t = tanh(tf.matMul(src, w));
      if (layer % 2 === 0) b = step1(b, t);
      else a = step1(a, t);
    }
    values = tf.concat([a, b], 1).dataSync() as Float32Array;
  });
  return values;
}

/** The last mixing's layer matrices on the engine: one slot, so at most one mixing's are kept. */
let uploaded: { ws: readonly ArrayLike<number>[]; backend: string; tensors: tf.Tensor2D[] } | null =
  null;

/**
 * The layer matrices as engine tensors, uploaded once per mixing and backend
 * (a mixing's weights never change): at N = 1024, converting and uploading
 * four 512 x 512 matrices every step took a fifth of the step's data time.
 * One mixing is kept at a time; a new one frees the previous upload.
 */
function weightTensors(ws: readonly ArrayLike<number>[], h: number): tf.Tensor2D[] {
  const backend = tf.getBackend();
  if (
    uploaded !== null && uploaded.ws === ws && uploaded.backend === backend &&
    uploaded.tensors.every((w) => !w.isDisposed)
  ) {
    return uploaded.tensors;
  }
  releaseCouplingWeights();
  const tensors = ws.map((w) => tf.tensor2d(Float32Array.from(w), [h, h]));
  uploaded = { ws, backend, tensors };
  return tensors;
}

/**
 * Free the engine copy of the last mixing's layer matrices that
 * {@link applyCouplingOnEngine} keeps between calls (the next call uploads
 * them again). A case that is done with its mixing calls it, so that nothing
 * of it stays in engine memory.
 *
 * @example
 * ```ts
 * import { releaseCouplingWeights } from "./coupling_engine.ts";
 * releaseCouplingWeights();
 * ```
 */
export function releaseCouplingWeights(): void {
  if (uploaded === null) return;
  for (const w of uploaded.tensors) if (!w.isDisposed) w.dispose();
  uploaded = null;
}
