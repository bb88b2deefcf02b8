/**
 * A regulariser's asynchronous host work before the gradient tape, on
 * backends without synchronous reads (see `Regulariser.prepare`).
 *
 * @module
 */
import { readsSync, tf } from "../engine/backend.ts";
import type { Encoder } from "../models/encoder.ts";
import type { Regulariser, RegulariserContext } from "../objectives/regulariser.ts";

/**
 * Run `regulariser.prepare` on the embeddings of the rows x (rows x
 * inputDim row-major), computed without a tape, when the active backend has
 * no synchronous reads and the regulariser has a `prepare`; resolves to what
 * `apply` gets as `ctx.prepared` (undefined otherwise, so wasm and cpu keep
 * reading inside `apply`). Costs one extra forward pass on those backends.
 *
 * @example
 * ```ts
 * import { prepareRegulariser } from "./prepare.ts";
 * import { initBackend } from "../engine/backend.ts";
 * import { createMlp } from "../models/mlp.ts";
 * import { getRegulariser } from "../objectives/registry.ts";
 * import { Rng } from "../random.ts";
 * await initBackend("wasm");
 * const enc = createMlp(2, 2, { width: 4, depth: 1 }, new Rng(0));
 * const ctx = { step: 0, seed: 0, views: 2, batch: 1 };
 * const p = await prepareRegulariser(getRegulariser("cvm"), enc, new Float32Array(4), ctx);
 * console.assert(p === undefined); // wasm reads synchronously
 * enc.dispose();
 * ```
 */
export async function prepareRegulariser(
  regulariser: Regulariser,
  encoder: Encoder,
  x: Float32Array,
  ctx: RegulariserContext,
): Promise<unknown> {
  if (regulariser.prepare === undefined || readsSync()) return undefined;
  const rows = x.length / encoder.inputDim;
  const h = tf.tidy(() => encoder.apply(tf.tensor2d(x, [rows, encoder.inputDim])));
  try {
    return await regulariser.prepare(h, ctx);
  } finally {
    h.dispose();
  }
}
