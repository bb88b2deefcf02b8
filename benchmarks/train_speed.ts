/**
 * Training-speed script: steps/s and the per-phase millisecond split of a
 * LeJEPA step in the paper's 2D spiral configuration (MLP 4 x 256, exact
 * GELU, batch 256, 2 views, 256 slices, lambda 1e-3).
 *
 * Usage: deno run -A benchmarks/train_speed.ts [--backend wasm] [--steps 100] [--repeats 3]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend } from "../src/core/engine/mod.ts";
import { trainLeJepa, type TrainSpec } from "../src/core/train/mod.ts";
import { worldSampler } from "./spiral_data.ts";

/**
 * The paper's 2D configuration, with `steps` steps.
 *
 * @example
 * ```ts
 * import { spiralSpec } from "./train_speed.ts";
 * const spec = spiralSpec(100);
 * ```
 */
export function spiralSpec(steps: number, seed = 1337): TrainSpec {
  return {
    inputDim: 2,
    latentDim: 2,
    encoder: { kind: "mlp", width: 256, depth: 4 },
    regulariser: "sigreg",
    lambda: 1e-3,
    steps,
    batch: 256,
    views: 2,
    lr: 3e-3,
    weightDecay: 0.01,
    slices: 256,
    seed,
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      backend: { type: "string", default: "wasm" },
      steps: { type: "string", default: "100" },
      repeats: { type: "string", default: "3" },
    },
  });
  const info = await initBackend(values.backend!);
  const steps = Number(values.steps);
  const repeats = Number(values.repeats);
  console.log(
    `backend ${info.name} (tfjs ${info.tfjsVersion})${info.gpu ? ` gpu ${info.gpu}` : ""}`,
  );
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const spec = spiralSpec(steps);
    const res = await trainLeJepa(spec, worldSampler({ seed: spec.seed, batch: 256, views: 2 }), {
      curveEvery: steps,
    });
    const rate = steps / res.trainSeconds;
    rates.push(rate);
    const split = Object.entries(res.phaseMs).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", ");
    console.log(
      `run ${r + 1}: ${rate.toFixed(2)} steps/s over ${steps} steps (ms/step: ${split}); ` +
        `peak ${(res.peakTensorBytes / 1e6).toFixed(1)} MB; final loss ${
          res.curves.loss.at(-1)![1].toFixed(4)
        }`,
    );
    res.encoder.dispose();
  }
  rates.sort((a, b) => a - b);
  console.log(
    `best ${rates.at(-1)!.toFixed(2)} steps/s, worst ${rates[0].toFixed(2)}, median ${
      rates[Math.floor(rates.length / 2)].toFixed(2)
    } (${repeats} runs of ${steps} steps, ${info.name})`,
  );
}
