import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import { gelu } from "../../../src/core/models/mod.ts";

await initBackend("wasm");

Deno.test("gelu() is x Phi(x) and its gradient equals tfjs autodiff of the erf formula", () => {
  tf.tidy(() => {
    const x = tf.linspace(-6, 6, 241);
    const plainF = (v: tf.Tensor) =>
      tf.mul(tf.mul(v, 0.5), tf.add(1, tf.erf(tf.mul(v, Math.SQRT1_2))));
    const up = tf.randomNormal([241], 0, 1, "float32", 3);
    const custom = tf.grad((v) => tf.sum(tf.mul(gelu(v), up)))(x).dataSync();
    const plain = tf.grad((v) => tf.sum(tf.mul(plainF(v), up)))(x).dataSync();
    const y = gelu(x).dataSync();
    const yPlain = plainF(x).dataSync();
    for (let i = 0; i < 241; i++) {
      assert.ok(Math.abs(custom[i] - plain[i]) < 1e-5, `grad at ${i}`);
      assert.ok(Math.abs(y[i] - yPlain[i]) < 1e-5, `value at ${i}`);
    }
    // Known values of exact GELU (not the tanh approximation).
    const v = gelu(tf.tensor1d([-1, 0, 1, 2])).dataSync();
    const expected = [-0.15865525393145707, 0, 0.8413447460685429, 1.9544997361036416];
    expected.forEach((e, i) => assert.ok(Math.abs(v[i] - e) < 2e-6, `gelu(${i - 1})`));
  });
});
