import assert from "node:assert/strict";
import { initBackend, tensorMemory, tf } from "../../../src/core/engine/mod.ts";
import { AdamW } from "../../../src/core/train/mod.ts";

await initBackend("wasm");

/** torch.optim.AdamW's documented update, in float64. */
function torchAdamW(p: number, grads: number[], lr: number, wd: number): number {
  let m = 0;
  let v = 0;
  grads.forEach((g, i) => {
    const t = i + 1;
    p *= 1 - lr * wd;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    const mHat = m / (1 - 0.9 ** t);
    const vHat = v / (1 - 0.999 ** t);
    p -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
  });
  return p;
}

Deno.test("AdamW follows torch.optim.AdamW (decoupled weight decay, bias correction)", () => {
  const before = tensorMemory().numTensors;
  const p = tf.tidy(() => tf.variable(tf.tensor1d([1, -2, 0.5])));
  const opt = new AdamW([p], { weightDecay: 0.1 });
  const grads = [[2, 0.1, -1], [1, 0.3, -0.5], [-4, 0.2, 0], [0.5, -0.1, 2]];
  for (const g of grads) tf.tidy(() => opt.step([tf.tensor1d(g)], 0.05));
  const got = p.dataSync();
  [1, -2, 0.5].forEach((p0, i) => {
    const want = torchAdamW(p0, grads.map((g) => g[i]), 0.05, 0.1);
    assert.ok(Math.abs(got[i] - want) < 1e-6, `param ${i}: ${got[i]} vs ${want}`);
  });
  assert.equal(opt.steps, 4);
  assert.equal(opt.weightDecay, 0.1);
  opt.dispose();
  p.dispose();
  assert.equal(tensorMemory().numTensors, before);
});

Deno.test("AdamW defaults are PyTorch's and bad settings are rejected", () => {
  const p = tf.variable(tf.scalar(0));
  const opt = new AdamW([p]);
  assert.deepEqual([opt.beta1, opt.beta2, opt.eps, opt.weightDecay], [0.9, 0.999, 1e-8, 0.01]);
  assert.throws(() => opt.step([], 0.1), RangeError);
  assert.throws(() => new AdamW([p], { beta1: 1 }), RangeError);
  assert.throws(() => new AdamW([p], { weightDecay: -1 }), RangeError);
  opt.dispose();
  p.dispose();
});

Deno.test("AdamW updates several differently shaped parameters each by its own gradient", () => {
  const before = tensorMemory().numTensors;
  const w0 = [[1, -2, 0.5], [0.25, 3, -1]];
  const b0 = [0.1, -0.4];
  const w = tf.tidy(() => tf.variable(tf.tensor2d(w0)));
  const b = tf.tidy(() => tf.variable(tf.tensor1d(b0)));
  const opt = new AdamW([w, b], { weightDecay: 0.05 });
  const gw = [[[2, 0.1, -1], [1, 0, 3]], [[-1, 0.2, 0.4], [0.5, -2, 1]]];
  const gb = [[0.3, -1], [2, 0.5]];
  for (let s = 0; s < 2; s++) {
    tf.tidy(() => opt.step([tf.tensor2d(gw[s]), tf.tensor1d(gb[s])], 0.01));
  }
  assert.deepEqual(w.shape, [2, 3]);
  const gotW = w.dataSync();
  w0.flat().forEach((p0, i) => {
    const want = torchAdamW(p0, gw.map((g) => g.flat()[i]), 0.01, 0.05);
    assert.ok(Math.abs(gotW[i] - want) < 1e-6, `w[${i}]: ${gotW[i]} vs ${want}`);
  });
  const gotB = b.dataSync();
  b0.forEach((p0, i) => {
    const want = torchAdamW(p0, gb.map((g) => g[i]), 0.01, 0.05);
    assert.ok(Math.abs(gotB[i] - want) < 1e-6, `b[${i}]: ${gotB[i]} vs ${want}`);
  });
  assert.throws(
    () => tf.tidy(() => opt.step([tf.zeros([3, 2, 1]), tf.zeros([3])], 0.01)),
    RangeError,
  );
  assert.equal(opt.steps, 2, "a rejected step is not counted");
  opt.dispose();
  w.dispose();
  b.dispose();
  assert.equal(tensorMemory().numTensors, before);
});
