/**
 * The training sampler of the identifiability world: one latent z per row,
 * V Ornstein–Uhlenbeck views of it, observed through a mixing. Every random
 * number comes from the project's Rng (`new Rng(seed, "data", step)`), so a
 * seed gives the same latents on every backend; a large coupling mixing is
 * applied on the tensor engine (float32, a few matMuls), every other mixing on
 * the host (float64, then float32).
 *
 * @module
 */
import { readsSync } from "../engine/backend.ts";
import { Rng } from "../random.ts";
import { applyCouplingOnEngine } from "./coupling_engine.ts";
import { type LatentLaw, sampleLatents } from "./laws.ts";
import type { Mixing } from "./mixings.ts";
import { type NoiseKind, sampleViews } from "./transition.ts";

/**
 * Coupling mixings of at least this dimension run on the engine (below it the
 * host loop is as fast and stays float64).
 *
 * @example
 * ```ts
 * import { ENGINE_MIXING_MIN_DIM } from "./view_sampler.ts";
 * console.assert(ENGINE_MIXING_MIN_DIM === 64);
 * ```
 */
export const ENGINE_MIXING_MIN_DIM = 64;

/**
 * What {@link viewSampler} draws.
 *
 * @example
 * ```ts
 * import type { ViewSamplerOptions } from "./view_sampler.ts";
 * import { makeMixing } from "./mixings.ts";
 * import { Rng } from "../random.ts";
 * const o: ViewSamplerOptions = {
 *   law: { kind: "gaussian" }, mixing: makeMixing("spiral", 2, new Rng(0)), batch: 256, dim: 2,
 *   rho: 0.95, noise: "same", seed: 1337,
 * };
 * ```
 */
export interface ViewSamplerOptions {
  law: LatentLaw;
  mixing: Mixing;
  /** Rows per view. */
  batch: number;
  /** Latent (and observation) dimension. */
  dim: number;
  /** OU correlation. */
  rho: number;
  noise: NoiseKind;
  seed: number;
  /** Number of views V (default 2). */
  views?: number;
  /** Mix on the engine: "auto" (default: coupling, dim >= ENGINE_MIXING_MIN_DIM, sync reads), or forced. */
  engine?: "auto" | "always" | "never";
}

/**
 * A sampler step -> V arrays (each batch x dim, row-major float32), a pure
 * function of (seed, step) on a given backend.
 *
 * @example
 * ```ts
 * import { viewSampler } from "./view_sampler.ts";
 * import { makeMixing } from "./mixings.ts";
 * import { Rng } from "../random.ts";
 * const sample = viewSampler({
 *   law: { kind: "gaussian" }, mixing: makeMixing("spiral", 2, new Rng(0)), batch: 4, dim: 2,
 *   rho: 0.95, noise: "same", seed: 1,
 * });
 * const [a, b] = sample(0); // two Float32Array(8)
 * ```
 */
export function viewSampler(o: ViewSamplerOptions): (step: number) => Float32Array[] {
  const { law, mixing, batch, dim, rho, noise, seed } = o;
  const views = o.views ?? 2;
  if (mixing.dim !== dim) {
    throw new RangeError(`viewSampler: mixing "${mixing.name}" is ${mixing.dim}D, dim is ${dim}`);
  }
  const mode = o.engine ?? "auto";
  const large = mixing.weights !== undefined && dim >= ENGINE_MIXING_MIN_DIM;
  return (step) => {
    const rng = new Rng(seed, "data", step);
    const z = sampleLatents(law, batch, dim, rng.split("z"));
    const vs = sampleViews(z, batch, dim, views, rho, law, noise, rng.split("views"));
    const onEngine = mode === "always" || (mode === "auto" && large && readsSync());
    if (!onEngine) return vs.map((v) => Float32Array.from(mixing.apply(v, batch)));
    const size = batch * dim;
    const stacked = new Float32Array(views * size);
    vs.forEach((v, i) => stacked.set(v, i * size));
    const out = applyCouplingOnEngine(mixing, stacked, views * batch);
    return vs.map((_, i) => out.subarray(i * size, (i + 1) * size));
  };
}
