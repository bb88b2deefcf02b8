/**
 * Sliced univariate statistics: project the (M, N) embeddings on K random
 * unit directions and average a univariate statistic of each projection.
 * The statistic and its gradient with respect to the projections are plain
 * float64 JS (so sorting-based tests need no differentiable sort); the
 * projection and the chain rule back to h are tfjs matMuls, as in SIGReg.
 *
 * @module
 */
import { tf } from "../engine/backend.ts";
import { Rng } from "../random.ts";
import type { Regulariser, RegulariserContext } from "./regulariser.ts";
import {
  type DirectionTables,
  directionTables,
  SIGREG_SLICES,
  sigregDirectionTables,
} from "./sigreg.ts";

/** What a sliced regulariser's `prepare` hands to its `apply`. */
interface Prepared {
  directions: DirectionTables;
  host: SlicedHost;
}

/**
 * A univariate statistic of one projection y (length M): its value and
 * d value / d y (length M, float64).
 */
export type UnivariateStatistic = (y: Float64Array) => { value: number; grad: Float64Array };

/**
 * The host half of a sliced statistic: the mean over the K slices of
 * `stat(y[:, s])` and its gradient with respect to y (M x K row-major,
 * float32), from the projections y (M x K row-major).
 *
 * @example
 * ```ts
 * import { slicedHost } from "./sliced.ts";
 * const meanSq = (y: Float64Array) => ({
 *   value: y.reduce((s, v) => s + v * v, 0) / y.length,
 *   grad: y.map((v) => 2 * v / y.length),
 * });
 * const { value } = slicedHost(Float32Array.of(1, 0, 0, 1), 2, 2, meanSq); // 0.5
 * ```
 */
export function slicedHost(
  yv: ArrayLike<number>,
  m: number,
  k: number,
  stat: UnivariateStatistic,
): SlicedHost {
  const col = new Float64Array(m);
  const gy = new Float32Array(m * k);
  let value = 0;
  for (let s = 0; s < k; s++) {
    for (let r = 0; r < m; r++) col[r] = yv[r * k + s];
    const out = stat(col);
    value += out.value;
    for (let r = 0; r < m; r++) gy[r * k + s] = out.grad[r] / k;
  }
  return { value: value / k, gy };
}

/**
 * What {@link slicedHost} computes: the statistic's mean over slices and its
 * gradient with respect to the projections (M x K row-major).
 *
 * @example
 * ```ts
 * import type { SlicedHost } from "./sliced.ts";
 * const none: SlicedHost = { value: 0, gy: new Float32Array(4) };
 * ```
 */
export interface SlicedHost {
  value: number;
  gy: Float32Array;
}

/**
 * The mean over K slices of `stat(h a_k)`, differentiable in h; `directions`
 * is N x K row-major with unit columns (see `sigregDirections`), or its two
 * float32 layouts (`sigregDirectionTables`). With `host` (computed by
 * {@link slicedHost} from these projections beforehand, as on webgpu) it
 * reads nothing back and uses that value and gradient.
 *
 * @example
 * ```ts
 * import { slicedStatistic } from "./sliced.ts";
 * import { tf } from "../engine/backend.ts";
 * const meanSq = (y: Float64Array) => ({
 *   value: y.reduce((s, v) => s + v * v, 0) / y.length,
 *   grad: y.map((v) => 2 * v / y.length),
 * });
 * const v = slicedStatistic(tf.tensor2d([[1, 0], [0, 1]]), [1, 0, 0, 1], 2, meanSq); // 0.5
 * ```
 */
export function slicedStatistic(
  h: tf.Tensor2D,
  directions: ArrayLike<number> | DirectionTables,
  k: number,
  stat: UnivariateStatistic,
  host?: SlicedHost,
): tf.Scalar {
  const [m, n] = h.shape;
  const count = "nk" in directions ? directions.nk.length : directions.length;
  if (count !== n * k) {
    throw new RangeError(
      `slicedStatistic: directions has ${count} values, expected N*K = ${n * k}`,
    );
  }
  if (host !== undefined && host.gy.length !== m * k) {
    throw new RangeError(
      `slicedStatistic: the prepared gradient has ${host.gy.length} values, expected M*K = ${
        m * k
      }`,
    );
  }
  const { nk: a32, kn: at32 } = directionTables(directions, n, k);
  const op = tf.customGrad(
    // deno-lint-ignore no-explicit-any
    ((x: tf.Tensor2D, a: tf.Tensor2D, at: tf.Tensor2D, save: any) => {
      let done = host;
      if (done === undefined) {
        const y = tf.matMul(x, a);
        const yv = y.dataSync();
        y.dispose();
        done = slicedHost(yv, m, k, stat);
      }
      const { value, gy } = done;
      save([at]);
      return {
        value: tf.scalar(value),
        gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => [
          tf.mul(tf.matMul(tf.tensor2d(gy, [m, k]), saved[0] as tf.Tensor2D), dy),
          tf.zerosLike(a),
          tf.zerosLike(at),
        ],
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0],
  ) as (x: tf.Tensor, a: tf.Tensor, at: tf.Tensor) => tf.Tensor;
  return tf.tidy(() => op(h, tf.tensor2d(a32, [n, k]), tf.tensor2d(at32, [k, n])) as tf.Scalar);
}

/**
 * Ranks (1-based) of the values of y in ascending order; ties get
 * consecutive ranks in index order.
 *
 * @example
 * ```ts
 * import { ranks } from "./sliced.ts";
 * console.log(ranks(Float64Array.of(0.3, -1, 2))); // Uint32Array [2, 1, 3]
 * ```
 */
export function ranks(y: Float64Array): Uint32Array {
  // Native numeric sort + binary search (several times faster than sorting
  // indices with a comparator); equal values take consecutive ranks.
  const m = y.length;
  const sorted = Float64Array.from(y).sort();
  const taken = new Uint32Array(m);
  const r = new Uint32Array(m);
  for (let j = 0; j < m; j++) {
    const v = y[j];
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    r[j] = lo + taken[lo]++ + 1;
  }
  return r;
}

/**
 * A registry entry for a sliced statistic: K slices (ctx.slices, default
 * 256) drawn from `new Rng(seed, name, step)`, fresh every step. Its
 * statistic is host JS on the projections: read synchronously in `apply`
 * (`readsSync: true`), or, on backends without synchronous reads (webgpu),
 * read asynchronously by `prepare` before the gradient tape.
 *
 * @example
 * ```ts
 * import { slicedRegulariser } from "./sliced.ts";
 * const meanSq = (y: Float64Array) => ({
 *   value: y.reduce((s, v) => s + v * v, 0) / y.length,
 *   grad: y.map((v) => 2 * v / y.length),
 * });
 * const reg = slicedRegulariser("meansq", "mean square per slice", 0.1, meanSq);
 * ```
 */
export function slicedRegulariser(
  name: string,
  description: string,
  defaultLambda: number,
  stat: UnivariateStatistic,
): Regulariser {
  return {
    name,
    description,
    defaultLambda,
    readsSync: true,
    async prepare(h: tf.Tensor2D, ctx: RegulariserContext): Promise<Prepared> {
      const k = ctx.slices ?? SIGREG_SLICES;
      const directions = sigregDirectionTables(h.shape[1], k, new Rng(ctx.seed, name, ctx.step));
      const y = tf.tidy(() => tf.matMul(h, tf.tensor2d(directions.nk, [h.shape[1], k])));
      try {
        const yv = await y.data();
        return { directions, host: slicedHost(yv, h.shape[0], k, stat) };
      } finally {
        y.dispose();
      }
    },
    apply(h: tf.Tensor2D, ctx: RegulariserContext): tf.Scalar {
      const k = ctx.slices ?? SIGREG_SLICES;
      const prepared = ctx.prepared as Prepared | undefined;
      const directions = prepared?.directions ??
        sigregDirectionTables(h.shape[1], k, new Rng(ctx.seed, name, ctx.step));
      const t0 = performance.now();
      const out = slicedStatistic(h, directions, k, stat, prepared?.host);
      ctx.phase?.(`${name}.stat`, performance.now() - t0);
      return out;
    },
  };
}
