import assert from "node:assert/strict";
import { initBackend, tensorMemory } from "../../../src/core/engine/mod.ts";
import { Rng } from "../../../src/core/random.ts";
import { trainLeJepa, type TrainSpec } from "../../../src/core/train/lejepa.ts";
import { couplingFromWeights } from "../../../src/core/world/mixings.ts";
import { releaseCouplingWeights } from "../../../src/core/world/coupling_engine.ts";
import { viewSampler } from "../../../src/core/world/view_sampler.ts";

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
  // What lives during training is the parameters and AdamW's two flat moment vectors.
  const params = res.encoder.params.length;
  const live = early.numTensors - start.numTensors;
  assert.ok(
    live === params + 2,
    `${live} live tensors for ${params} parameters`,
  );
  res.encoder.dispose();
  assert.equal(tensorMemory().numTensors, start.numTensors, "nothing left after dispose");
});

Deno.test("tensor memory stays flat over 60 coupling steps at N = 1024 with engine-mixed data (wasm)", async () => {
  await initBackend("wasm");
  const dim = 1024;
  // Random layer matrices (not makeMixing's orthogonal ones: their QRs take seconds).
  const half = dim / 2;
  const weights = [0, 1, 2, 3].map((i) => {
    const w = new Rng(5, "mixing", i).normals(half * half);
    for (let j = 0; j < w.length; j++) w[j] *= 2 / Math.sqrt(half);
    return w;
  });
  const mixing = couplingFromWeights(weights, dim);
  const sample = viewSampler({
    law: { kind: "gaussian" },
    mixing,
    batch: 8,
    dim,
    rho: 0.95,
    noise: "same",
    seed: 5,
    engine: "always",
  });
  const spec: TrainSpec = {
    ...SPEC,
    inputDim: dim,
    latentDim: dim,
    encoder: { kind: "coupling", layers: 4 },
    steps: 60,
    batch: 8,
    lambda: 1e-3,
  };
  const start = tensorMemory();
  const seen: Record<number, { numTensors: number; numBytes: number }> = {};
  const res = await trainLeJepa(spec, sample, {
    curveEvery: 20,
    onProgress: (step) => {
      if (step === 10 || step === spec.steps) seen[step] = tensorMemory();
    },
  });
  assert.equal(res.steps, spec.steps);
  assert.ok(Number.isFinite(res.curves.loss.at(-1)![1]), "training stayed finite");
  assert.equal(
    seen[spec.steps].numTensors,
    seen[10].numTensors,
    "live tensors at the end vs step 10",
  );
  assert.equal(seen[spec.steps].numBytes, seen[10].numBytes, "live bytes at the end vs step 10");
  res.encoder.dispose();
  releaseCouplingWeights();
  assert.equal(tensorMemory().numTensors, start.numTensors, "nothing left after dispose");
});
