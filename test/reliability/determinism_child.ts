/**
 * Helper process for the determinism test:
 * `deno run -A determinism_child.ts <backend> <seed>` trains a small LeJEPA
 * encoder (SIGReg, 2-layer MLP, 40 steps) on seeded data and prints, as one
 * JSON line, the loss at every step and the embeddings of 64 fixed points.
 *
 * @module
 */
import { initBackend } from "../../src/core/engine/mod.ts";
import { Rng } from "../../src/core/random.ts";
import { trainLeJepa } from "../../src/core/train/lejepa.ts";

/** What one process reports. */
export interface DeterminismReport {
  backend: string;
  loss: number[];
  embeddings: number[];
}

if (import.meta.main) {
  const [backend, seedText] = Deno.args;
  const seed = Number(seedText);
  const info = await initBackend(backend);
  const batch = 64;
  const res = await trainLeJepa(
    {
      inputDim: 2,
      latentDim: 2,
      encoder: { kind: "mlp", width: 32, depth: 2 },
      regulariser: "sigreg",
      lambda: 0.5,
      steps: 40,
      batch,
      views: 2,
      lr: 1e-2,
      weightDecay: 0.01,
      slices: 16,
      seed,
    },
    (step) => {
      const rng = new Rng(seed, "determinism", step);
      const z = rng.normals(batch * 2);
      return [0, 1].map((v) => {
        const r = rng.split(`v${v}`);
        return Float32Array.from(z, (x) => Math.tanh(x + 0.2 * r.normal()));
      });
    },
    { curveEvery: 1 },
  );
  const probe = Float32Array.from(new Rng(seed, "probe").normals(64 * 2));
  const report: DeterminismReport = {
    backend: info.name,
    loss: res.curves.loss.map(([, v]) => v),
    embeddings: [...(await res.encoder.encode(probe, 64))],
  };
  res.encoder.dispose();
  console.log(JSON.stringify(report));
}
