import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import { alignment } from "../../../src/core/objectives/alignment.ts";

await initBackend("wasm");

Deno.test("alignment is 0 for identical views", () => {
  const v = tf.randomNormal([16, 3], 0, 1, "float32", 1);
  const h = tf.concat([v, v, v]) as tf.Tensor2D;
  assert.ok(alignment(h, 3).dataSync()[0] < 1e-12);
  tf.dispose([v, h]);
});

Deno.test("alignment is the mean squared deviation from the per-sample view mean", () => {
  // V = 2, B = 2, N = 1: sample 0 views {0, 2} (mean 1), sample 1 views {1, 5} (mean 3).
  const h = tf.tensor2d([[0], [1], [2], [5]]);
  // deviations: 1, 2, 1, 2 -> squares 1, 4, 1, 4 -> mean 2.5
  assert.ok(Math.abs(alignment(h, 2).dataSync()[0] - 2.5) < 1e-7);
  // Pairing is view-major: with V = 4 (B = 1) the mean is 2 and the loss differs.
  assert.ok(Math.abs(alignment(h, 4).dataSync()[0] - 3.5) < 1e-6);
  assert.throws(() => alignment(h, 3), RangeError);
  h.dispose();
});
