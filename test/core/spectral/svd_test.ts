import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../../src/core/random.ts";
import { gridworld, plantedRank } from "../../../src/core/planning/envs.ts";
import {
  cooccurrence,
  dense,
  exactSvd,
  matmul,
  normalizedCooccurrence,
  randomizedSvd,
  randomizedSvdTf,
  transpose,
} from "../../../src/core/spectral/mod.ts";

function maxRelError(a: Float64Array, b: Float64Array, k: number): number {
  let e = 0;
  for (let i = 0; i < k; i++) e = Math.max(e, Math.abs(a[i] - b[i]) / b[i]);
  return e;
}

Deno.test("exactSvd reconstructs its matrix and orders singular values", () => {
  const rng = new Rng(0);
  const A = dense(9, 5, rng.normals(45));
  const { s, U, V } = exactSvd(A);
  for (let i = 1; i < s.length; i++) assert.ok(s[i] <= s[i - 1]);
  const US = dense(U.rows, U.cols, U.data.map((x, i) => x * s[i % U.cols]));
  const R = matmul(US, transpose(V));
  for (let i = 0; i < A.data.length; i++) assert.ok(Math.abs(R.data[i] - A.data[i]) < 1e-12);
});

Deno.test("randomizedSvd matches ml-matrix on the top-k singular values to 1e-6 relative", () => {
  const cases = [
    {
      name: "planted-rank 128",
      A: normalizedCooccurrence(cooccurrence(plantedRank({ nS: 128, nA: 4, rank: 8 }, new Rng(1)))),
      k: 12,
    },
    {
      name: "gridworld 8x8",
      A: normalizedCooccurrence(cooccurrence(gridworld({ side: 8 }, new Rng(2)))),
      k: 8,
    },
    { name: "gaussian 120x90", A: dense(120, 90, new Rng(3).normals(120 * 90)), k: 10 },
    { name: "gaussian 60x140 (wide)", A: dense(60, 140, new Rng(4).normals(60 * 140)), k: 5 },
  ];
  for (const { name, A, k } of cases) {
    const ref = exactSvd(A, k);
    const r = randomizedSvd(A, k, { rng: new Rng(9, name) });
    const err = maxRelError(r.s, ref.s, k);
    assert.ok(err < 1e-6, `${name}: max relative error ${err} after ${r.iterations} blocks`);
    // Singular vectors: |u_i . u_i_ref| ~ 1 for the leading well-separated pair.
    const dotU = Array.from({ length: A.rows }, (_, a) => r.U.data[a * k] * ref.U.data[a * k])
      .reduce((x, y) => x + y);
    assert.ok(
      Math.abs(Math.abs(dotU) - 1) < 1e-6,
      `${name}: leading left vector alignment ${dotU}`,
    );
  }
});

Deno.test("randomizedSvdTf (float32 products on the tfjs engine) matches ml-matrix to 1e-4 relative", async () => {
  assert.equal(await tf.setBackend("cpu"), true);
  const A = normalizedCooccurrence(
    cooccurrence(plantedRank({ nS: 96, nA: 4, rank: 6 }, new Rng(5))),
  );
  const k = 8;
  const ref = exactSvd(A, k);
  const r = await randomizedSvdTf(A, k, { rng: new Rng(6) });
  const err = maxRelError(r.s, ref.s, k);
  assert.ok(err < 1e-4, `max relative error ${err}`);
  assert.equal(tf.memory().numTensors, 0, "no tensors leaked");
});
