/**
 * The controlled world of the planning suite (SPEC section 4):
 * `z_{t+1} = rho z_t + B a_t + sigma eta_t`, eta ~ N(0, I).
 *
 * Matrices are row-major and act on column vectors: `(B a)_i = sum_j B[i * m + j] a_j`
 * with `B` of shape `dim x actionDim`.
 *
 * @module
 */

import type { Rng } from "../random.ts";

/** A linear-Gaussian controlled world. */
export interface ControlledWorld {
  /** Latent dimension. */
  dim: number;
  /** Action dimension. */
  actionDim: number;
  /** Passive decay (the transition's linear part is `rho I`). */
  rho: number;
  /** Control matrix, `dim x actionDim` row-major. */
  b: Float64Array;
  /** Standard deviation of the Gaussian process noise. */
  sigma: number;
}

/** Options of {@link controlledWorld}; defaults are SPEC section 4's. */
export interface ControlledWorldOptions {
  /** Latent dimension. */
  dim: number;
  /** Action dimension (default `dim`). */
  actionDim?: number;
  /** Passive decay (default 0.9). */
  rho?: number;
  /**
   * Control matrix: a number `s` gives `s I` (needs `actionDim === dim`), an
   * array a `dim x actionDim` row-major matrix. Default `0.3 I`.
   */
  b?: number | Float64Array;
  /** Process noise standard deviation (default 0.02). */
  sigma?: number;
}

/** Default process noise of the controlled world: small against unit-variance latents. */
export const CONTROLLED_SIGMA = 0.02;

/**
 * Build a controlled world, validating every field.
 *
 * @throws {RangeError} on a bad dimension, rho, sigma or matrix shape.
 * @example
 * ```ts
 * import { controlledWorld } from "./controlled.ts";
 * const w = controlledWorld({ dim: 2 });
 * console.assert(w.rho === 0.9 && w.b[0] === 0.3 && w.b[1] === 0);
 * ```
 */
export function controlledWorld(opts: ControlledWorldOptions): ControlledWorld {
  const dim = opts.dim;
  const actionDim = opts.actionDim ?? dim;
  for (const [k, v] of [["dim", dim], ["actionDim", actionDim]] as const) {
    if (!(Number.isInteger(v) && v > 0)) {
      throw new RangeError(`controlledWorld: ${k} must be a positive integer, got ${v}`);
    }
  }
  const rho = opts.rho ?? 0.9;
  if (!Number.isFinite(rho)) {
    throw new RangeError(`controlledWorld: rho must be finite, got ${rho}`);
  }
  const sigma = opts.sigma ?? CONTROLLED_SIGMA;
  if (!(sigma >= 0 && Number.isFinite(sigma))) {
    throw new RangeError(`controlledWorld: sigma must be finite and >= 0, got ${sigma}`);
  }
  const bOpt = opts.b ?? 0.3;
  let b: Float64Array;
  if (typeof bOpt === "number") {
    if (actionDim !== dim) {
      throw new RangeError(
        `controlledWorld: a scalar b needs actionDim === dim, got ${actionDim} and ${dim}`,
      );
    }
    b = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) b[i * dim + i] = bOpt;
  } else {
    if (bOpt.length !== dim * actionDim) {
      throw new RangeError(
        `controlledWorld: b has length ${bOpt.length}, expected ${dim} x ${actionDim}`,
      );
    }
    b = Float64Array.from(bOpt);
  }
  return { dim, actionDim, rho, b, sigma };
}

/**
 * One step of the world for `n` row-major states `z (n x dim)` and actions
 * `a (n x actionDim)`: `rho z + B a + sigma eta`, eta drawn from `rng`
 * (`rng` may be omitted only when `sigma === 0`).
 *
 * @example
 * ```ts
 * import { controlledStep, controlledWorld } from "./controlled.ts";
 * import { Rng } from "../random.ts";
 * const w = controlledWorld({ dim: 2, sigma: 0 });
 * const z1 = controlledStep(w, new Float64Array([1, 0]), new Float64Array([0, 1]), 1);
 * console.assert(Math.abs(z1[0] - 0.9) < 1e-15 && Math.abs(z1[1] - 0.3) < 1e-15);
 * const noisy = controlledStep({ ...w, sigma: 0.1 }, z1, new Float64Array(2), 1, new Rng(0));
 * ```
 */
export function controlledStep(
  world: ControlledWorld,
  z: Float64Array,
  a: Float64Array,
  n: number,
  rng?: Rng,
): Float64Array {
  const { dim, actionDim, rho, b, sigma } = world;
  if (z.length !== n * dim) {
    throw new RangeError(`z has length ${z.length}, expected ${n} x ${dim}`);
  }
  if (a.length !== n * actionDim) {
    throw new RangeError(`a has length ${a.length}, expected ${n} x ${actionDim}`);
  }
  if (sigma > 0 && !rng) throw new TypeError("controlledStep: sigma > 0 needs an rng");
  const out = new Float64Array(n * dim);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < dim; i++) {
      let v = rho * z[r * dim + i];
      const bi = i * actionDim;
      for (let j = 0; j < actionDim; j++) v += b[bi + j] * a[r * actionDim + j];
      if (sigma > 0) v += sigma * rng!.normal();
      out[r * dim + i] = v;
    }
  }
  return out;
}
