import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import { dense, initDense, linear } from "../../../src/core/models/mod.ts";
import { Rng } from "../../../src/core/random.ts";

await initBackend("wasm");

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  assert.equal(x.length, y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

Deno.test("dense() value and gradients equal tfjs autodiff of matMul + add", () => {
  tf.tidy(() => {
    const x = tf.randomNormal([7, 5], 0, 1, "float32", 1) as tf.Tensor2D;
    const w = tf.randomNormal([5, 3], 0, 1, "float32", 2) as tf.Tensor2D;
    const b = tf.randomNormal([3], 0, 1, "float32", 3) as tf.Tensor1D;
    const up = tf.randomNormal([7, 3], 0, 1, "float32", 4);
    const custom = tf.grads((x, w, b) =>
      tf.sum(tf.mul(dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), up))
    )([x, w, b]);
    const plain = tf.grads((x, w, b) => tf.sum(tf.mul(tf.add(tf.matMul(x, w), b), up)))([x, w, b]);
    assert.ok(maxAbsDiff(dense(x, w, b), tf.add(tf.matMul(x, w), b)) < 1e-5);
    for (let i = 0; i < 3; i++) assert.ok(maxAbsDiff(custom[i], plain[i]) < 1e-5, `input ${i}`);
  });
});

Deno.test("linear() gradients equal tfjs autodiff of matMul", () => {
  tf.tidy(() => {
    const x = tf.randomNormal([6, 4], 0, 1, "float32", 5) as tf.Tensor2D;
    const w = tf.randomNormal([4, 4], 0, 1, "float32", 6) as tf.Tensor2D;
    const up = tf.randomNormal([6, 4], 0, 1, "float32", 7);
    const custom = tf.grads((x, w) =>
      tf.sum(tf.mul(linear(x as tf.Tensor2D, w as tf.Tensor2D), up))
    )([x, w]);
    const plain = tf.grads((x, w) => tf.sum(tf.mul(tf.matMul(x, w), up)))([x, w]);
    for (let i = 0; i < 2; i++) assert.ok(maxAbsDiff(custom[i], plain[i]) < 1e-5);
  });
});

Deno.test("a layer on data gives the same parameter gradients without computing the input's", () => {
  tf.tidy(() => {
    const x = tf.randomNormal([9, 6], 0, 1, "float32", 11) as tf.Tensor2D;
    const w1 = tf.variable(tf.randomNormal([6, 5], 0, 1, "float32", 12));
    const b1 = tf.variable(tf.randomNormal([5], 0, 1, "float32", 13));
    const w2 = tf.variable(tf.randomNormal([5, 4], 0, 1, "float32", 14));
    const up = tf.randomNormal([9, 4], 0, 1, "float32", 15);
    const loss = (inputIsData: boolean) => () =>
      tf.sum(tf.mul(
        linear(
          tf.tanh(
            dense(x, w1 as tf.Variable<tf.Rank.R2>, b1 as tf.Variable<tf.Rank.R1>, { inputIsData }),
          ),
          w2 as tf.Variable<tf.Rank.R2>,
        ),
        up,
      )) as tf.Scalar;
    const full = tf.variableGrads(loss(false));
    const onData = tf.variableGrads(loss(true));
    assert.equal(full.value.dataSync()[0], onData.value.dataSync()[0]);
    for (const k of Object.keys(full.grads)) {
      assert.deepEqual(onData.grads[k].dataSync(), full.grads[k].dataSync(), k);
    }
    for (const v of [w1, b1, w2]) v.dispose();
  });
});

Deno.test("a layer marked as on data refuses an input that needs a gradient", () => {
  tf.tidy(() => {
    const w1 = tf.variable(tf.randomNormal([3, 3], 0, 1, "float32", 16));
    const w2 = tf.variable(tf.randomNormal([3, 2], 0, 1, "float32", 17));
    const x = tf.ones([4, 3]) as tf.Tensor2D;
    // w1 lies upstream of the second layer's input: skipping that gradient would be wrong.
    assert.throws(
      () =>
        tf.variableGrads(() =>
          tf.sum(
            linear(linear(x, w1 as tf.Variable<tf.Rank.R2>), w2 as tf.Variable<tf.Rank.R2>, {
              inputIsData: true,
            }),
          ) as tf.Scalar
        ),
      /gradient of input/,
    );
    w1.dispose();
    w2.dispose();
  });
});

Deno.test("initDense draws PyTorch's U(-1/sqrt(fanIn), 1/sqrt(fanIn)), reproducibly", () => {
  const a = initDense(64, 32, new Rng(9, "layer"));
  const b = initDense(64, 32, new Rng(9, "layer"));
  const w = a.w.dataSync();
  const bound = 1 / 8;
  let mean = 0;
  for (const v of w) {
    assert.ok(Math.abs(v) <= bound);
    mean += v / w.length;
  }
  assert.ok(Math.abs(mean) < 0.01);
  // Uniform on [-1/8, 1/8] has variance 1/(3 * 64).
  let variance = 0;
  for (const v of w) variance += (v - mean) ** 2 / w.length;
  assert.ok(Math.abs(variance - 1 / 192) < 0.0006, `variance ${variance}`);
  assert.deepEqual(Array.from(w), Array.from(b.w.dataSync()));
  assert.deepEqual(Array.from(a.b.dataSync()), Array.from(b.b.dataSync()));
  for (const v of a.b.dataSync()) assert.ok(Math.abs(v) <= bound);
  for (const t of [a.w, a.b, b.w, b.b]) t.dispose();
});
