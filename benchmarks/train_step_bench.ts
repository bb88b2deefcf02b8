/**
 * `deno bench` throughput of LeJEPA training steps in the paper's 2D spiral
 * configuration (MLP 4 x 256, exact GELU, batch 256, 2 views, 256 slices,
 * lambda 1e-3); each iteration trains 10 steps from scratch on wasm.
 *
 * @module
 */
import { initBackend } from "../src/core/engine/mod.ts";
import { trainLeJepa } from "../src/core/train/mod.ts";
import { worldSampler } from "./spiral_data.ts";
import { spiralSpec } from "./train_speed.ts";

await initBackend("wasm");
const sample = worldSampler({ seed: 1337, batch: 256, views: 2 });

Deno.bench(
  "LeJEPA 10 steps, 2D spiral, MLP 4x256, batch 256 x 2 views, 256 slices (wasm)",
  async () => {
    const res = await trainLeJepa(spiralSpec(10), sample, { curveEvery: 10 });
    res.encoder.dispose();
  },
);

Deno.bench("LeJEPA 10 steps, 2D spiral, coupling encoder (8 layers) (wasm)", async () => {
  const spec = { ...spiralSpec(10), encoder: { kind: "coupling" as const, layers: 8 } };
  const res = await trainLeJepa(spec, sample, { curveEvery: 10 });
  res.encoder.dispose();
});
