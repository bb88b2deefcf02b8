/**
 * The 2D spiral world of the identifiability paper as a LeJEPA view sampler,
 * shared by the training benchmarks.
 *
 * @module
 */
import { Rng } from "../src/core/random.ts";
import {
  type LatentLaw,
  makeMixing,
  type MixingName,
  sampleLatents,
  sampleViews,
} from "../src/core/world/mod.ts";

/**
 * A sampler of V views (each batch x 2, Float32) of one OU step from fresh
 * latents of `law`, observed through `mixing`; step s draws from
 * `new Rng(seed, "data", s)`.
 *
 * @example
 * ```ts
 * import { worldSampler } from "./spiral_data.ts";
 * const sample = worldSampler({ seed: 1, batch: 4, views: 2 });
 * const [a, b] = sample(0); // two Float32Array(8)
 * ```
 */
export function worldSampler(options: {
  seed: number;
  batch: number;
  views: number;
  rho?: number;
  law?: LatentLaw;
  mixing?: MixingName;
}): (step: number) => Float32Array[] {
  const { seed, batch, views } = options;
  const rho = options.rho ?? 0.95;
  const law = options.law ?? { kind: "gaussian" };
  const g = makeMixing(options.mixing ?? "spiral", 2, new Rng(seed, "mixing"));
  return (step) => {
    const rng = new Rng(seed, "data", step);
    const z = sampleLatents(law, batch, 2, rng.split("z"));
    return sampleViews(z, batch, 2, views, rho, law, "same", rng.split("views")).map((v) =>
      Float32Array.from(g.apply(v, batch))
    );
  };
}
