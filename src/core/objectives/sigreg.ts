/**
 * SIGReg: the sliced Epps–Pulley test of embeddings against N(0, 1)
 * (LeJEPA, SPEC section 1), with a fast tfjs op and a float64 reference.
 *
 * The fast op projects on the tensor backend (plain matMul), then computes the
 * statistic and, lazily in the backward pass, its gradient in one plain-JS
 * pass over the (M x K) projections (./epps_pulley_pass.ts): each projection
 * costs one sine/cosine pair instead of 2 x 17 calls. With an
 * EppsPulleyHelper (./epps_pulley_helper.ts) that pass runs on two threads,
 * with the same numbers.
 *
 * @module
 */
import { readsSync, tf } from "../engine/backend.ts";
import { Rng } from "../random.ts";
import {
  eppsPulleyForward,
  eppsPulleyGradY,
  knotTables,
  SIGREG_KNOTS,
} from "./epps_pulley_pass.ts";
import type { EppsPulleyHelper } from "./epps_pulley_helper.ts";
import type { Regulariser, RegulariserContext } from "./regulariser.ts";

export { SIGREG_KNOTS, SIGREG_T_MAX } from "./epps_pulley_pass.ts";
/**
 * Default number of slices K.
 *
 * @example
 * ```ts
 * import { SIGREG_SLICES } from "./sigreg.ts";
 * console.assert(SIGREG_SLICES === 256);
 * ```
 */
export const SIGREG_SLICES = 256;

/** t_j, exp(-t_j^2/2) and the trapezoid-times-weight W_j. */
const { t: KNOT_T, target: KNOT_TARGET, weights: KNOT_W } = knotTables();

/**
 * The quadrature: knots t_j, targets exp(-t_j^2/2), weights W_j.
 *
 * @example
 * ```ts
 * import { sigregKnots } from "./sigreg.ts";
 * const { t, weights } = sigregKnots(); // 17 knots on [0, 3]
 * ```
 */
export function sigregKnots(): { t: Float64Array; target: Float64Array; weights: Float64Array } {
  return { t: KNOT_T.slice(), target: KNOT_TARGET.slice(), weights: KNOT_W.slice() };
}

/**
 * K random unit directions in R^N, a_k ~ N(0, I) normalised, as an N x K
 * row-major matrix (column k is direction k, drawn as N normals from `rng`).
 *
 * @example
 * ```ts
 * import { sigregDirections } from "./sigreg.ts";
 * import { Rng } from "../random.ts";
 * const a = sigregDirections(3, 16, new Rng(1, "sigreg", 0)); // 48 values
 * ```
 */
export function sigregDirections(n: number, k: number, rng: Rng): Float64Array {
  const a = new Float64Array(n * k);
  const draws = rng.normals(n * k); // column s is draws[s n .. s n + n)
  for (let s = 0; s < k; s++) {
    const o = s * n;
    let norm = 0;
    for (let i = 0; i < n; i++) norm += draws[o + i] * draws[o + i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) a[i * k + s] = draws[o + i] / norm;
  }
  return a;
}

/**
 * Unit directions as float32 in the two layouts SIGReg's projection and its
 * gradient use: `nk` (N x K row-major, column k is direction k) and its
 * transpose `kn` (K x N).
 *
 * @example
 * ```ts
 * import { type DirectionTables, sigregDirectionTables } from "./sigreg.ts";
 * import { Rng } from "../random.ts";
 * const d: DirectionTables = sigregDirectionTables(3, 16, new Rng(1, "sigreg", 0));
 * ```
 */
export interface DirectionTables {
  nk: Float32Array;
  kn: Float32Array;
}

/**
 * {@link sigregDirections} drawn straight into float32 tables: the same values
 * as `Float32Array.from(sigregDirections(n, k, rng))` (same draws, same
 * division, one rounding), without the strided writes — at N = 1024, K = 256
 * the host-side preparation of a step's directions went from about 25 ms to
 * the 13 ms of the normal draws themselves.
 *
 * @example
 * ```ts
 * import { sigregDirectionTables } from "./sigreg.ts";
 * import { Rng } from "../random.ts";
 * const { nk, kn } = sigregDirectionTables(3, 16, new Rng(1, "sigreg", 0)); // 48 values each
 * ```
 */
export function sigregDirectionTables(n: number, k: number, rng: Rng): DirectionTables {
  const draws = rng.normals(n * k); // row s of the K x N layout is direction s
  const kn = new Float32Array(n * k);
  for (let s = 0; s < k; s++) {
    const o = s * n;
    let norm = 0;
    for (let i = 0; i < n; i++) norm += draws[o + i] * draws[o + i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) kn[o + i] = draws[o + i] / norm;
  }
  return { nk: transpose32(kn, k, n), kn };
}

/**
 * The two float32 layouts of N x K row-major directions (as given, or drawn by
 * {@link sigregDirectionTables}).
 *
 * @example
 * ```ts
 * import { directionTables } from "./sigreg.ts";
 * const { kn } = directionTables([1, 0, 0, 1], 2, 2);
 * ```
 */
export function directionTables(
  directions: ArrayLike<number> | DirectionTables,
  n: number,
  k: number,
): DirectionTables {
  if ("nk" in directions) return directions;
  const nk = directions instanceof Float32Array ? directions : Float32Array.from(directions);
  return { nk, kn: transpose32(nk, n, k) };
}

/** Transpose a rows x cols row-major matrix in 16 x 16 tiles (L1-friendly). */
function transpose32(src: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i0 = 0; i0 < rows; i0 += 16) {
    const iEnd = Math.min(i0 + 16, rows);
    for (let j0 = 0; j0 < cols; j0 += 16) {
      const jEnd = Math.min(j0 + 16, cols);
      for (let i = i0; i < iEnd; i++) {
        for (let j = j0; j < jEnd; j++) out[j * rows + i] = src[i * cols + j];
      }
    }
  }
  return out;
}

const sigregOp = tf.customGrad(
  // deno-lint-ignore no-explicit-any
  ((h: tf.Tensor2D, a: tf.Tensor2D, at: tf.Tensor2D, save: any) => {
    const [m] = h.shape;
    const k = a.shape[1];
    const y = tf.matMul(h, a);
    const yv = y.dataSync();
    y.dispose();
    const timer = activePhase;
    const helper = activeHelper;
    const t0 = performance.now();
    const pass = helper ? helper.forward(yv, m, k) : eppsPulleyForward(yv, m, k);
    const { perSlice } = pass;
    let value = 0;
    for (let s = 0; s < k; s++) value += perSlice[s];
    value /= k;
    timer?.("sigreg.stat", performance.now() - t0);
    save([at]);
    return {
      value: tf.scalar(value),
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
        const t1 = performance.now();
        const gy = helper ? helper.gradY(pass) : eppsPulleyGradY(pass);
        timer?.("sigreg.grad", performance.now() - t1);
        const gyT = tf.tensor2d(gy, [m, k]);
        return [
          tf.mul(tf.matMul(gyT, saved[0] as tf.Tensor2D), dy),
          tf.zerosLike(a),
          tf.zerosLike(at),
        ];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0],
) as (h: tf.Tensor, a: tf.Tensor, at: tf.Tensor) => tf.Tensor;

let activePhase: ((name: string, ms: number) => void) | undefined;
let activeHelper: EppsPulleyHelper | undefined;

/** t_1 .. t_{J-1}, their targets and weights as tensors' host data (knot 0 adds nothing). */
const TENSOR_T = Float32Array.from(KNOT_T.subarray(1));
const TENSOR_TARGET = Float32Array.from(KNOT_TARGET.subarray(1));
const TENSOR_W = Float32Array.from(KNOT_W.subarray(1));

/**
 * SIGReg with tensor ops only (no read-back), differentiated by tfjs: for
 * backends that cannot read synchronously (webgpu). Same quantity as the fused
 * op, in float32 on the device: (M, K, J-1) cos/sin of t_j y.
 */
function sigregTensorOps(h: tf.Tensor2D, a: tf.Tensor2D): tf.Scalar {
  const [m] = h.shape;
  const k = a.shape[1];
  const j = TENSOR_T.length;
  const y = tf.matMul(h, a); // (M, K)
  const ty = tf.mul(tf.reshape(y, [m, k, 1]), tf.tensor3d(TENSOR_T, [1, 1, j]));
  const cosMean = tf.mean(tf.cos(ty), 0); // (K, J-1)
  const sinMean = tf.mean(tf.sin(ty), 0);
  const d = tf.sub(cosMean, tf.tensor2d(TENSOR_TARGET, [1, j]));
  const sq = tf.add(tf.square(d), tf.square(sinMean));
  const perSlice = tf.sum(tf.mul(sq, tf.tensor2d(TENSOR_W, [1, j])), 1); // (K)
  return tf.mul(tf.mean(perSlice), m) as tf.Scalar;
}

/**
 * SIGReg of the rows of h (M, N) along the given directions (N x K row-major,
 * unit columns): the mean over slices of EP(h a_k), differentiable in h.
 *
 * @example
 * ```ts
 * import { sigreg, sigregDirections } from "./sigreg.ts";
 * import { Rng } from "../random.ts";
 * import { tf } from "../engine/backend.ts";
 * const h = tf.randomNormal([256, 2]) as tf.Tensor2D;
 * const v = sigreg(h, sigregDirections(2, 64, new Rng(0)), 64).dataSync()[0]; // small
 * ```
 */
export function sigreg(
  h: tf.Tensor2D,
  directions: ArrayLike<number> | DirectionTables,
  k: number,
  phase?: (name: string, ms: number) => void,
  /** Runs the plain-JS pass on two threads (same numbers); absent: this thread only. */
  helper?: EppsPulleyHelper,
): tf.Scalar {
  const n = h.shape[1];
  const count = "nk" in directions ? directions.nk.length : directions.length;
  if (count !== n * k) {
    throw new RangeError(`sigreg: directions has ${count} values, expected N*K = ${n * k}`);
  }
  const { nk: a32, kn: at32 } = directionTables(directions, n, k);
  if (!readsSync()) return tf.tidy(() => sigregTensorOps(h, tf.tensor2d(a32, [n, k])));
  return tf.tidy(() => {
    activePhase = phase;
    activeHelper = helper;
    try {
      return sigregOp(h, tf.tensor2d(a32, [n, k]), tf.tensor2d(at32, [k, n])) as tf.Scalar;
    } finally {
      activePhase = undefined;
      activeHelper = undefined;
    }
  });
}

/**
 * Float64 reference of SIGReg with given directions, straight from the
 * definition (one cos and one sin per knot): per-slice EP, their mean, and
 * the gradient of the mean with respect to x (M x N row-major).
 *
 * @example
 * ```ts
 * import { sigregReference } from "./sigreg.ts";
 * const r = sigregReference([0.5, -0.5], 2, 1, [1], 1);
 * console.assert(r.perSlice.length === 1);
 * ```
 */
export function sigregReference(
  x: ArrayLike<number>,
  m: number,
  n: number,
  directions: ArrayLike<number>,
  k: number,
): { perSlice: Float64Array; value: number; grad: Float64Array } {
  if (x.length !== m * n) {
    throw new RangeError(`sigregReference: x has ${x.length} values, expected ${m * n}`);
  }
  if (directions.length !== n * k) {
    throw new RangeError(
      `sigregReference: directions has ${directions.length} values, expected ${n * k}`,
    );
  }
  const J = SIGREG_KNOTS;
  const perSlice = new Float64Array(k);
  const grad = new Float64Array(m * n);
  const y = new Float64Array(m);
  for (let s = 0; s < k; s++) {
    for (let r = 0; r < m; r++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += x[r * n + i] * directions[i * k + s];
      y[r] = acc;
    }
    let ep = 0;
    const dy = new Float64Array(m);
    for (let j = 0; j < J; j++) {
      const t = KNOT_T[j];
      let cm = 0;
      let sm = 0;
      for (let r = 0; r < m; r++) {
        cm += Math.cos(t * y[r]);
        sm += Math.sin(t * y[r]);
      }
      cm /= m;
      sm /= m;
      const d = cm - KNOT_TARGET[j];
      ep += KNOT_W[j] * (d * d + sm * sm);
      // d/dy_r of M W_j (d^2 + sm^2) = 2 W_j t (sm cos(t y_r) - d sin(t y_r))
      for (let r = 0; r < m; r++) {
        dy[r] += 2 * KNOT_W[j] * t * (sm * Math.cos(t * y[r]) - d * Math.sin(t * y[r]));
      }
    }
    perSlice[s] = m * ep;
    for (let r = 0; r < m; r++) {
      for (let i = 0; i < n; i++) grad[r * n + i] += dy[r] * directions[i * k + s] / k;
    }
  }
  let value = 0;
  for (let s = 0; s < k; s++) value += perSlice[s];
  return { perSlice, value: value / k, grad };
}

/**
 * The Epps–Pulley statistic of a 1D sample with the weight integrated over all
 * of R (SPEC section 1's closed form):
 * M [ sqrt(2 pi)/M^2 sum_jk exp(-(x_j - x_k)^2/2) - 2 sqrt(pi)/M sum_j exp(-x_j^2/4) + sqrt(2 pi/3) ].
 *
 * @example
 * ```ts
 * import { eppsPulleyClosedForm } from "./sigreg.ts";
 * const collapsed = eppsPulleyClosedForm(new Float64Array(100)); // about 0.409 * 100... (closed form)
 * ```
 */
export function eppsPulleyClosedForm(sample: ArrayLike<number>): number {
  const m = sample.length;
  if (m === 0) throw new RangeError("eppsPulleyClosedForm: sample is empty");
  let pair = 0;
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < m; k++) {
      const d = sample[j] - sample[k];
      pair += Math.exp(-d * d / 2);
    }
  }
  let single = 0;
  for (let j = 0; j < m; j++) single += Math.exp(-sample[j] * sample[j] / 4);
  return m * (Math.sqrt(2 * Math.PI) / (m * m) * pair - 2 * Math.sqrt(Math.PI) / m * single +
    Math.sqrt(2 * Math.PI / 3));
}

/**
 * The SIGReg regulariser: K slices (ctx.slices, default 256) drawn from
 * `new Rng(seed, "sigreg", step)`, fresh every step and reproducible.
 *
 * @example
 * ```ts
 * import { sigregRegulariser } from "./sigreg.ts";
 * console.assert(sigregRegulariser.name === "sigreg");
 * ```
 */
export const sigregRegulariser: Regulariser = {
  name: "sigreg",
  description: "sliced Epps–Pulley test against N(0, I) (LeJEPA SIGReg, 17 knots on [0, 3])",
  defaultLambda: 1e-3,
  apply(h: tf.Tensor2D, ctx: RegulariserContext): tf.Scalar {
    const k = ctx.slices ?? SIGREG_SLICES;
    const directions = sigregDirectionTables(
      h.shape[1],
      k,
      new Rng(ctx.seed, "sigreg", ctx.step),
    );
    return sigreg(h, directions, k, ctx.phase, ctx.eppsPulley);
  },
};
