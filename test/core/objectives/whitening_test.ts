import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import { whitening, whiteningPenalty } from "../../../src/core/objectives/whitening.ts";
import { Rng } from "../../../src/core/random.ts";

await initBackend("wasm");

/** n x d rows with sample mean 0 and unbiased covariance exactly I (Gram–Schmidt). */
function whitened(n: number, d: number): Float32Array {
  const rng = new Rng(8, "white");
  const cols: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const c = rng.normals(n);
    let mean = 0;
    for (const v of c) mean += v / n;
    for (let i = 0; i < n; i++) c[i] -= mean;
    for (const p of cols) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += c[i] * p[i];
      for (let i = 0; i < n; i++) c[i] -= dot * p[i];
    }
    let norm = 0;
    for (const v of c) norm += v * v;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) c[i] /= norm;
    cols.push(c);
  }
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = cols[j][i] * Math.sqrt(n - 1);
  }
  return out;
}

Deno.test("whitening penalty is 0 for whitened data", () => {
  const h = tf.tensor2d(whitened(200, 4), [200, 4]);
  assert.ok(whiteningPenalty(h).dataSync()[0] < 1e-10);
  h.dispose();
});

Deno.test("whitening penalty is mean((Cov - I)^2) for scaled and collapsed data", () => {
  const h = tf.tensor2d(whitened(200, 4).map((v) => 2 * v), [200, 4]);
  // Cov = 4 I: diagonal (4 - 1)^2 = 9 on 4 of 16 entries -> 2.25
  assert.ok(Math.abs(whiteningPenalty(h).dataSync()[0] - 2.25) < 1e-4);
  const collapsed = tf.zeros([50, 4]) as tf.Tensor2D;
  // Cov = 0: (0 - 1)^2 on the diagonal -> 4 / 16
  assert.ok(
    Math.abs(
      whitening.apply(collapsed, { step: 0, seed: 0, views: 2, batch: 25 }).dataSync()[0] - 0.25,
    ) < 1e-7,
  );
  assert.equal(whitening.defaultLambda, 0.5);
  tf.dispose([h, collapsed]);
});

Deno.test("whitening penalty gradient matches tfjs autodiff of the plain formula", () => {
  tf.tidy(() => {
    const h = tf.randomNormal([30, 3], 0, 1.3, "float32", 2) as tf.Tensor2D;
    const plain = (x: tf.Tensor) => {
      const c = tf.sub(x, tf.mean(x, 0, true));
      const cov = tf.div(tf.matMul(c, c, true, false), 29);
      return tf.mean(tf.square(tf.sub(cov, tf.eye(3))));
    };
    const a = tf.grad((x) => whiteningPenalty(x as tf.Tensor2D))(h).dataSync();
    const b = tf.grad(plain)(h).dataSync();
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-5);
  });
});
