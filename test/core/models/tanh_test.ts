import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import { tanh } from "../../../src/core/models/tanh.ts";

const XS = [-1000, -30, -5, -1, -0.3, -1e-3, 0, 1e-3, 0.3, 1, 5, 30, 1000];

Deno.test("tanh matches Math.tanh to 3e-7 absolute, saturating at +-1 without NaN", async () => {
  await initBackend("wasm");
  const dense = Array.from({ length: 2001 }, (_, i) => -10 + i / 100);
  const xs = [...XS, ...dense];
  const got = tf.tidy(() => tanh(tf.tensor1d(xs)).dataSync());
  xs.forEach((x, i) => {
    assert.ok(Math.abs(got[i] - Math.tanh(x)) <= 3e-7, `tanh(${x}) = ${got[i]}`);
  });
  assert.equal(got[0], -1);
  assert.equal(got[XS.length - 1], 1);
});

Deno.test("tanh's gradient is 1 - tanh^2 and it leaks no tensors", async () => {
  await initBackend("wasm");
  const before = tf.memory().numTensors;
  const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tanh(x)))(tf.tensor1d(XS)).dataSync());
  XS.forEach((x, i) => {
    const want = 1 - Math.tanh(x) ** 2;
    assert.ok(Math.abs(g[i] - want) <= 1e-6, `d tanh(${x}) = ${g[i]}, want ${want}`);
  });
  assert.equal(tf.memory().numTensors, before);
});
