// Barlow Twins (SPEC section 5) on tiny batches whose loss is computed by hand, with the literal
// off-diagonal weight 0.0051 and the code's stated normalisation: each column standardised over
// the batch with the biased variance + 1e-5, C = z1^T z2 / B, and the mean over view pairs.
//
// Building blocks (B = 4): x0 = (1, -1, 1, -1), x1 = (1, 1, -1, -1): mean 0, biased variance 1,
// mean(x0 x1) = 0. A column a * x + b standardises to a x / sqrt(a^2 + 1e-5), so
// C_ij = a_i b_j mean(x x') / sqrt((a_i^2 + 1e-5) (b_j^2 + 1e-5)).
import assert from "node:assert/strict";
import { initBackend, tf } from "../../../src/core/engine/mod.ts";
import { BARLOW_OFF_DIAGONAL, barlowTwinsLoss } from "../../../src/core/objectives/barlow_twins.ts";

await initBackend("wasm");

const EPS = 1e-5;
const W = 0.0051;
const X0 = [1, -1, 1, -1];
const X1 = [1, 1, -1, -1];
const B = 4;

/** The loss of views given as lists of columns (each column a length-B array). */
function loss(views: number[][][]): number {
  const rows: number[][] = [];
  for (const cols of views) for (let b = 0; b < B; b++) rows.push(cols.map((c) => c[b]));
  return tf.tidy(() =>
    barlowTwinsLoss(tf.tensor2d(rows), { step: 0, seed: 0, views: views.length, batch: B })
      .dataSync()[0]
  );
}
const affine = (a: number, x: number[], b: number) => x.map((v) => a * v + b);

// float32 (tfjs): the losses are O(1) sums of a few products; 1e-5 absolute is about 100 ulp,
// while 0.0050 instead of 0.0051 would move them by 1e-4 (case 1) and 5e-5 (case 2).
const TOL = 1e-5;

Deno.test("the off-diagonal weight is the literal 0.0051", () => {
  assert.equal(BARLOW_OFF_DIAGONAL, W);
});

Deno.test("Barlow Twins on swapped, shifted, scaled views: 2 + 0.0051 * (C01^2 + C10^2)", () => {
  // view 1 = (2 + 3 x0, -1 + 0.5 x1), view 2 = (4 x1, 1 - 2 x0):
  // C00 = C11 = 0 (x0 _|_ x1), C01 = 3 * (-2) / sqrt((9 + eps)(4 + eps)),
  // C10 = 0.5 * 4 / sqrt((0.25 + eps)(16 + eps)); diagonal term (1 - 0)^2 + (1 - 0)^2 = 2.
  const got = loss([
    [affine(3, X0, 2), affine(0.5, X1, -1)],
    [affine(4, X1, 0), affine(-2, X0, 1)],
  ]);
  const c01 = -6 / Math.sqrt((9 + EPS) * (4 + EPS));
  const c10 = 2 / Math.sqrt((0.25 + EPS) * (16 + EPS));
  const want = 2 + W * (c01 * c01 + c10 * c10);
  assert.ok(Math.abs(got - want) < TOL, `loss ${got}, hand-computed ${want}`);
});

Deno.test("Barlow Twins with both terms: (1 - c)^2 + (1 - c/sqrt 2)^2 + 0.0051 c^2 / 2", () => {
  // view 1 = (x0, x1), view 2 = (x0, (x0 + x1) / sqrt 2), all unit variance, c = 1 / (1 + eps):
  // C = c [[1, 1/sqrt 2], [0, 1/sqrt 2]].
  const mix = X0.map((v, b) => (v + X1[b]) / Math.SQRT2);
  const got = loss([[X0, X1], [X0, mix]]);
  const c = 1 / (1 + EPS);
  const want = (1 - c) ** 2 + (1 - c / Math.SQRT2) ** 2 + W * (c * c) / 2;
  assert.ok(Math.abs(got - want) < TOL, `loss ${got}, hand-computed ${want}`);
});

Deno.test("Barlow Twins with three views is the mean over the three view pairs", () => {
  // v1 = (x0, x1), v2 = (x1, x0), v3 = v1; c = 1 / (1 + eps).
  // (v1, v2) and (v2, v3): swapped, 2 + 0.0051 * 2 c^2 each; (v1, v3): identical, 2 (1 - c)^2.
  const got = loss([[X0, X1], [X1, X0], [X0, X1]]);
  const c = 1 / (1 + EPS);
  const want = (2 * (2 + W * 2 * c * c) + 2 * (1 - c) ** 2) / 3;
  assert.ok(Math.abs(got - want) < TOL, `loss ${got}, hand-computed ${want}`);
});
