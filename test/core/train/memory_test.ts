import assert from "node:assert/strict";
import { initBackend, tensorMemory } from "../../../src/core/engine/mod.ts";
import { Rng } from "../../../src/core/random.ts";
import { trainLeJepa, type TrainSpec } from "../../../src/core/train/lejepa.ts";

const SPEC: TrainSpec = {
  inputDim: 2,
  latentDim: 2,
  encoder: { kind: "mlp", width: 8, depth: 2 },
  regulariser: "sigreg",
  lambda: 0.1,
  steps: 2000,
  batch: 16,
  views: 2,
  lr: 1e-3,
  weightDecay: 0.01,
  slices: 8,
  seed: 3,
};

Deno.test("tensor memory stays flat over a 2000-step LeJEPA run (wasm)", async () => {
  await initBackend("wasm");
  const start = tensorMemory();
  const seen: Record<number, { numTensors: number; numBytes: number }> = {};
  const res = await trainLeJepa(
    SPEC,
    (step) => [0, 1].map((v) => Float32Array.from(new Rng(3, "data", step, v).normals(32))),
    {
      curveEvery: 100,
      onProgress: (step) => {
        if (step === 100 || step === SPEC.steps) seen[step] = tensorMemory();
      },
    },
  );
  assert.equal(res.steps, SPEC.steps);
  const early = seen[100];
  const late = seen[SPEC.steps];
  assert.ok(early !== undefined && late !== undefined, "memory sampled at step 100 and at the end");
  assert.equal(late.numTensors, early.numTensors, "live tensors at the end vs at step 100");
  assert.equal(late.numBytes, early.numBytes, "live bytes at the end vs at step 100");
  // What lives during training is the parameters (+ AdamW's moments where they are tensors).
  const params = res.encoder.params.length;
  const live = early.numTensors - start.numTensors;
  assert.ok(
    live === params || live === 3 * params,
    `${live} live tensors for ${params} parameters`,
  );
  res.encoder.dispose();
  assert.equal(tensorMemory().numTensors, start.numTensors, "nothing left after dispose");
});
