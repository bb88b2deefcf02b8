import assert from "node:assert/strict";
import {
  initBackend,
  startThreadedMatMul,
  stopThreadedMatMul,
  tf,
  threadedMatMulState,
} from "../../../src/core/engine/mod.ts";
import { Rng } from "../../../src/core/random.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };
const fixture = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url);

interface Case {
  a: number[];
  b: number[];
  transposeB?: boolean;
  /** Fused with this activation (and a bias unless noBias). */
  fused?: tf.fused.Activation;
  noBias?: boolean;
}

const CASES: Case[] = [
  { a: [512, 256], b: [256, 256] }, // the spiral encoder's hidden layers
  { a: [256, 512], b: [512, 256] }, // its weight gradients
  { a: [512, 256], b: [256, 256], transposeB: true },
  { a: [1, 512, 256], b: [1, 256, 256], fused: "linear" }, // dense layers' forward
  { a: [333, 257], b: [257, 131], fused: "relu" }, // odd sizes
  { a: [333, 257], b: [131, 257], transposeB: true },
  { a: [512, 256], b: [256, 256], transposeB: true, fused: "linear" }, // stays on one thread
  { a: [300, 200], b: [200, 100], fused: "elu", noBias: true },
  { a: [1024, 512], b: [512, 512] }, // coupling N = 1024
  { a: [64, 8], b: [8, 16] }, // too small: stays on one thread
];

function product(c: Case, seed: number): Float32Array {
  const rng = new Rng(seed, "matmul");
  const t = (shape: number[]) =>
    tf.tensor(Float32Array.from(rng.normals(shape.reduce((p, d) => p * d))), shape);
  return tf.tidy(() => {
    const [a, b] = [t(c.a), t(c.b)];
    const out = c.fused === undefined ? tf.matMul(a, b, false, c.transposeB) : tf.fused.matMul({
      a,
      b,
      transposeB: c.transposeB,
      bias: c.noBias ? undefined : t([c.b[c.b.length - (c.transposeB ? 2 : 1)]]),
      activation: c.fused,
    });
    return out.dataSync() as Float32Array;
  });
}

const same = (x: Float32Array, y: Float32Array) =>
  x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

Deno.test(
  "matMuls on two threads are bit-identical to the stock one-thread kernel",
  opts,
  async () => {
    await initBackend("wasm");
    const want = CASES.map((c, i) => product(c, i));
    assert.equal(await startThreadedMatMul(), true);
    try {
      const before = threadedMatMulState().jobs;
      const tensors = tf.memory().numTensors;
      const bytes = tf.memory().numBytes;
      CASES.forEach((c, i) => assert.ok(same(product(c, i), want[i]), JSON.stringify(c)));
      // Every case but the fused transposed one and the small one went to the worker; nothing leaked.
      assert.equal(threadedMatMulState().jobs - before, CASES.length - 2);
      assert.equal(tf.memory().numTensors, tensors);
      assert.equal(tf.memory().numBytes, bytes);
    } finally {
      stopThreadedMatMul();
    }
    assert.equal(threadedMatMulState().active, false);
    CASES.forEach((c, i) => assert.ok(same(product(c, i), want[i]), "stock kernels are back"));
  },
);

Deno.test(
  "gradients through a dense stack are bit-identical with the threaded matMuls",
  opts,
  async () => {
    await initBackend("wasm");
    const grads = () =>
      tf.tidy(() => {
        const rng = new Rng(4, "dense");
        const v = (shape: number[]) =>
          tf.tensor2d(
            Float32Array.from(rng.normals(shape[0] * shape[1])),
            shape as [number, number],
          );
        const [x, w1, w2] = [v([512, 64]), v([64, 256]), v([256, 256])];
        const f = (...[a, b]: tf.Tensor[]) =>
          tf.sum(tf.square(tf.matMul(tf.relu(tf.matMul(x, a as tf.Tensor2D)), b as tf.Tensor2D)));
        return tf.grads(f)([w1, w2]).map((g) => g.dataSync() as Float32Array);
      });
    const want = grads();
    assert.equal(await startThreadedMatMul(), true);
    try {
      const got = grads();
      want.forEach((g, i) => assert.ok(same(got[i], g), `gradient ${i}`));
    } finally {
      stopThreadedMatMul();
    }
  },
);

for (
  const [what, file] of [["fails a job", "matmul_worker_fails.ts"], [
    "never answers",
    "matmul_worker_hangs.ts",
  ]]
) {
  Deno.test(
    `a matMul worker that ${what} is stopped, its rows computed here, same numbers`,
    opts,
    async () => {
      await initBackend("wasm");
      const c = CASES[0];
      const want = product(c, 7);
      assert.equal(await startThreadedMatMul(fixture(file), 200), true);
      try {
        assert.ok(same(product(c, 7), want));
        assert.equal(threadedMatMulState().active, false, "the worker was given up");
        assert.ok(same(product(c, 7), want), "and the stock kernels serve the next call");
      } finally {
        stopThreadedMatMul();
      }
    },
  );
}

Deno.test("a matMul worker that cannot start leaves the stock kernels", opts, async () => {
  await initBackend("wasm");
  assert.equal(await startThreadedMatMul(fixture("matmul_worker_broken.ts")), false);
  assert.equal(await startThreadedMatMul(fixture("no_such_worker.ts")), false);
  assert.equal(threadedMatMulState().active, false);
  assert.ok(same(product(CASES[0], 2), product(CASES[0], 2)));
});
