/**
 * A linear latent dynamics model `h_{t+1} ~ W h_t + M a_t + c`, fitted by
 * least squares on encoded transitions (SPEC section 4, step b).
 *
 * @module
 */
import { leastSquares } from "../linalg/least_squares.ts";
import type { LinearSystem } from "./lqr.ts";

/** A linear latent model; matrices row-major, acting on column vectors. */
export interface LatentModel {
  /** Latent dimension. */
  dim: number;
  /** Action dimension. */
  actionDim: number;
  /** `dim x dim`. */
  w: Float64Array;
  /** `dim x actionDim`. */
  m: Float64Array;
  /** Bias, length dim. */
  c: Float64Array;
}

/** A fitted model plus the in-sample fit quality. */
export interface LatentModelFit extends LatentModel {
  /** Pooled R2 of the fit, `1 - SSR / SST` (NaN when h_{t+1} is constant). */
  r2: number;
  /** Numerical rank of the centred design [h, a]. */
  rank: number;
}

/**
 * Fit `hNext ~ W h + M a (+ c)` by least squares over `n` transitions
 * (`h`, `hNext`: `n x dim`; `a`: `n x actionDim`; row-major), with an
 * intercept unless `opts.intercept === false`. Exact on noise-free linear data.
 *
 * @throws {RangeError} on shape mismatches.
 * @example
 * ```ts
 * import { fitLatentModel } from "./latent_model.ts";
 * const h = new Float64Array([0, 1, 2, 3]);
 * const a = new Float64Array([1, 0, 1, 1]);
 * const hNext = h.map((v, i) => 0.5 * v + 2 * a[i]);
 * const fit = fitLatentModel(h, a, hNext, 4, 1, 1, { intercept: false });
 * console.assert(Math.abs(fit.w[0] - 0.5) < 1e-12 && Math.abs(fit.m[0] - 2) < 1e-12);
 * ```
 */
export function fitLatentModel(
  h: Float64Array,
  a: Float64Array,
  hNext: Float64Array,
  n: number,
  dim: number,
  actionDim: number,
  opts: { intercept?: boolean } = {},
): LatentModelFit {
  if (h.length !== n * dim) {
    throw new RangeError(`h has length ${h.length}, expected ${n} x ${dim}`);
  }
  if (hNext.length !== n * dim) {
    throw new RangeError(`hNext has length ${hNext.length}, expected ${n} x ${dim}`);
  }
  if (a.length !== n * actionDim) {
    throw new RangeError(`a has length ${a.length}, expected ${n} x ${actionDim}`);
  }
  const dx = dim + actionDim;
  const x = new Float64Array(n * dx);
  for (let i = 0; i < n; i++) {
    x.set(h.subarray(i * dim, (i + 1) * dim), i * dx);
    x.set(a.subarray(i * actionDim, (i + 1) * actionDim), i * dx + dim);
  }
  const fit = leastSquares(x, hNext, n, dx, dim, { intercept: opts.intercept ?? true });
  // coef is dx x dim with y = x coef: W[i][j] = coef[j][i], M[i][k] = coef[dim + k][i].
  const w = new Float64Array(dim * dim);
  const m = new Float64Array(dim * actionDim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) w[i * dim + j] = fit.coef[j * dim + i];
    for (let k = 0; k < actionDim; k++) m[i * actionDim + k] = fit.coef[(dim + k) * dim + i];
  }
  const r2 = fit.sst === 0 ? NaN : 1 - fit.ssr / fit.sst;
  return { dim, actionDim, w, m, c: Float64Array.from(fit.intercept), r2, rank: fit.rank };
}

/**
 * The model as a {@link LinearSystem} for {@link lqr}.
 *
 * @example
 * ```ts
 * import { latentSystem } from "./latent_model.ts";
 * const sys = latentSystem({
 *   dim: 1, actionDim: 1, w: new Float64Array([0.9]), m: new Float64Array([0.3]), c: new Float64Array([0]),
 * });
 * console.assert(sys.n === 1 && sys.a[0] === 0.9);
 * ```
 */
export function latentSystem(model: LatentModel): LinearSystem {
  return { n: model.dim, m: model.actionDim, a: model.w, b: model.m, c: model.c };
}

/**
 * One model step for a single state: `out = W h + M a + c`.
 *
 * @example
 * ```ts
 * import { latentStep } from "./latent_model.ts";
 * const out = new Float64Array(1);
 * latentStep({ dim: 1, actionDim: 1, w: new Float64Array([0.5]), m: new Float64Array([1]),
 *   c: new Float64Array([0]) }, new Float64Array([2]), new Float64Array([1]), out);
 * console.assert(out[0] === 2);
 * ```
 */
export function latentStep(
  model: LatentModel,
  h: Float64Array,
  a: Float64Array,
  out: Float64Array,
): void {
  const { dim, actionDim, w, m, c } = model;
  for (let i = 0; i < dim; i++) {
    let v = c[i];
    for (let j = 0; j < dim; j++) v += w[i * dim + j] * h[j];
    for (let k = 0; k < actionDim; k++) v += m[i * actionDim + k] * a[k];
    out[i] = v;
  }
}
