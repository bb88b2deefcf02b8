/**
 * The world's Ornstein–Uhlenbeck transition (SPEC section 2):
 * `z' = rho z + sqrt(1 - rho^2) eta`.
 *
 * @module
 */

import type { Rng } from "../random.ts";
import { type LatentLaw, sampleLatents } from "./laws.ts";

/**
 * Law of the OU innovation `eta`: `"same"` as the latents (the paper's ablation;
 * a non-Gaussian world is then not exactly stationary) or `"gaussian"` (N(0, I)).
 *
 * @example
 * ```ts
 * import type { NoiseKind } from "./transition.ts";
 * const noise: NoiseKind = "same";
 * ```
 */
export type NoiseKind = "same" | "gaussian";

function checkRho(rho: number): void {
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`rho must lie in [-1, 1], got ${rho}`);
}

/**
 * One OU step from `z` (`n x dim`, row-major): `rho z + sqrt(1 - rho^2) eta`,
 * eta drawn from `rng` with the law `noise` selects.
 *
 * @example
 * ```ts
 * import { Rng } from "../random.ts";
 * import { ouStep } from "./transition.ts";
 * const z = new Float64Array([0, 1, 2, 3]);
 * const z1 = ouStep(z, 2, 2, 0.95, { kind: "gaussian" }, "gaussian", new Rng(1));
 * console.assert(z1.length === 4);
 * ```
 */
export function ouStep(
  z: Float64Array,
  n: number,
  dim: number,
  rho: number,
  law: LatentLaw,
  noise: NoiseKind,
  rng: Rng,
): Float64Array {
  checkRho(rho);
  if (z.length !== n * dim) {
    throw new RangeError(`z has length ${z.length}, expected n * dim = ${n * dim}`);
  }
  if (noise !== "same" && noise !== "gaussian") {
    throw new RangeError(`noise must be "same" or "gaussian", got ${JSON.stringify(noise)}`);
  }
  const eta = sampleLatents(noise === "same" ? law : { kind: "gaussian" }, n, dim, rng);
  const s = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < eta.length; i++) eta[i] = rho * z[i] + s * eta[i];
  return eta;
}

/**
 * `views` independent one-step OU perturbations of the same `z`; view `v` draws
 * from `rng.split("view", v)`, so each view is reproducible on its own.
 *
 * @example
 * ```ts
 * import { Rng } from "../random.ts";
 * import { sampleViews } from "./transition.ts";
 * const z = new Float64Array(8);
 * const [a, b] = sampleViews(z, 4, 2, 2, 0.95, { kind: "gaussian" }, "same", new Rng(2));
 * console.assert(a.length === 8 && b.length === 8 && a[0] !== b[0]);
 * ```
 */
export function sampleViews(
  z: Float64Array,
  n: number,
  dim: number,
  views: number,
  rho: number,
  law: LatentLaw,
  noise: NoiseKind,
  rng: Rng,
): Float64Array[] {
  if (!Number.isInteger(views) || views < 1) {
    throw new RangeError(`views must be a positive integer, got ${views}`);
  }
  const out: Float64Array[] = [];
  for (let v = 0; v < views; v++) {
    out.push(ouStep(z, n, dim, rho, law, noise, rng.split("view", v)));
  }
  return out;
}
