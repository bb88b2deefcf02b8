import assert from "node:assert/strict";
import { initBackend, tensorMemory, tf } from "../../../src/core/engine/mod.ts";
import { cnnStages, createCnn } from "../../../src/core/models/cnn.ts";
import { buildEncoder } from "../../../src/core/train/lejepa.ts";
import { Rng } from "../../../src/core/random.ts";
import { renderReacher } from "../../../src/core/world/reacher.ts";

await initBackend("wasm");

Deno.test("createCnn() maps size x size images to outputDim embeddings for 32 and 64 pixels", async () => {
  for (const size of [32, 64]) {
    const enc = createCnn(2, { size }, new Rng(0, "init"));
    assert.equal(enc.inputDim, size * size);
    assert.equal(enc.outputDim, 2);
    const x = renderReacher(new Float64Array([0.1, 0.2, -1, 1, 2, -2]), 3, size);
    const h = await enc.encode(x, 3);
    assert.equal(h.length, 6);
    assert.ok(h.every(Number.isFinite));
    // Different arms give different embeddings.
    assert.ok(Math.abs(h[0] - h[2]) + Math.abs(h[1] - h[3]) > 1e-4);
    enc.dispose();
  }
  assert.equal(cnnStages(32), 3);
  assert.throws(() => cnnStages(48), RangeError);
});

Deno.test("createCnn() is trainable: gradients reach every parameter and tensors are freed", () => {
  const before = tensorMemory().numTensors;
  const enc = buildEncoder(256, 3, { kind: "cnn", size: 16 }, 1);
  const x = tf.tensor2d(
    Float32Array.from(renderReacher(new Float64Array([0.3, 0.4, 1, -1]), 2, 16)),
    [2, 256],
  );
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.square(enc.apply(x))) as tf.Scalar,
    enc.params,
  );
  assert.ok(value.dataSync()[0] > 0);
  for (const p of enc.params) {
    const g = grads[p.name];
    assert.deepEqual(g.shape, p.shape);
    assert.ok(g.dataSync().some((v) => v !== 0), `zero gradient for ${p.name}`);
  }
  tf.dispose([x, value, ...Object.values(grads)]);
  enc.dispose();
  assert.equal(tensorMemory().numTensors, before);
  assert.throws(() => buildEncoder(100, 2, { kind: "cnn", size: 16 }, 1), RangeError);
});
