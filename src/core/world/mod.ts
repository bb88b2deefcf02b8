/**
 * The identifiability world: latent laws, the OU transition, mixings and the
 * fixed 2D evaluation grid — pure functions of an {@link Rng}.
 *
 * @example
 * ```ts
 * import { Rng } from "../random.ts";
 * import { makeMixing, parseLaw, sampleLatents, sampleViews } from "./mod.ts";
 * const rng = new Rng(1337);
 * const law = parseLaw("laplace");
 * const z = sampleLatents(law, 16, 2, rng.split("z"));
 * const [v1, v2] = sampleViews(z, 16, 2, 2, 0.95, law, "same", rng.split("views"));
 * const x1 = makeMixing("spiral", 2, rng.split("mixing")).apply(v1, 16);
 * console.assert(x1.length === 32 && v2.length === 32);
 * ```
 *
 * @module
 */

export * from "./laws.ts";
export * from "./transition.ts";
export * from "./mixings.ts";
export * from "./grid.ts";
export * from "./controlled.ts";
export * from "./reacher.ts";
export * from "./view_sampler.ts";
export * from "./prefetch.ts";
export * from "./coupling_engine.ts";
