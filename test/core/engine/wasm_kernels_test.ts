import assert from "node:assert/strict";
import {
  initBackend,
  installWasmKernels,
  restoreStockWasmKernels,
  stockWasmKernels,
  tf,
} from "../../../src/core/engine/mod.ts";
import { Rng } from "../../../src/core/random.ts";

// Shards run test files in one process after others that switch backends:
// every test makes wasm the active backend first.
/** Run a stock kernel directly and return its output as tensors. */
function stock(
  kernel: tf.KernelFunc | null,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
) {
  assert.ok(kernel !== null, "the stock kernel is kept");
  const out = kernel({ inputs, attrs, backend: tf.findBackend("wasm") });
  return (Array.isArray(out) ? out : [out]).map((t) => tf.engine().makeTensorFromTensorInfo(t));
}

function same(a: tf.Tensor, b: tf.Tensor, what: string): void {
  assert.deepEqual(a.shape, b.shape, `${what}: shape`);
  assert.equal(a.dtype, b.dtype, `${what}: dtype`);
  assert.deepEqual(a.dataSync(), b.dataSync(), `${what}: values`);
}

function randomTensor(shape: number[], dtype: "float32" | "int32" | "bool", rng: Rng): tf.Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const v = Array.from({ length: n }, () => rng.normal());
  if (dtype === "float32") return tf.tensor(Float32Array.from(v), shape, "float32");
  if (dtype === "int32") {
    return tf.tensor(Int32Array.from(v, (x) => Math.round(x * 1e6)), shape, "int32");
  }
  return tf.tensor(Uint8Array.from(v, (x) => (x > 0 ? 1 : 0)), shape, "bool");
}

Deno.test("wasm Slice returns the stock kernel's values over ranks 1-5, dtypes and strides", async () => {
  await initBackend("wasm");
  const rng = new Rng(7, "slice");
  let strided = 0;
  for (let trial = 0; trial < 300; trial++) {
    const rank = 1 + (trial % 5);
    const shape = Array.from(
      { length: rank },
      () => 1 + Math.floor(rng.uniform() * (rank > 3 ? 6 : 24)),
    );
    const dtype = (["float32", "int32", "bool"] as const)[trial % 3];
    tf.tidy(() => {
      const x = randomTensor(shape, dtype, rng);
      const begin = shape.map((s) => Math.floor(rng.uniform() * s));
      const size = shape.map((
        s,
        a,
      ) => (rng.uniform() < 0.15 ? -1 : Math.floor(rng.uniform() * (s - begin[a] + 1))));
      if (
        !tf.slice_util.isSliceContinous(
          shape,
          begin,
          size.map((s, a) => (s < 0 ? shape[a] - begin[a] : s)),
        )
      ) {
        strided++;
      }
      const [want] = stock(stockWasmKernels().slice, { x }, { begin, size });
      same(tf.slice(x, begin, size), want, `slice ${shape} ${dtype} at ${begin} size ${size}`);
    });
  }
  assert.ok(strided > 100, `most trials exercise strided slices (${strided})`);
});

Deno.test("wasm SplitV pieces equal stock slices, and a split is undone by concat", async () => {
  await initBackend("wasm");
  tf.tidy(() => {
    const rng = new Rng(8, "split");
    for (
      const [shape, sizes, axis] of [
        [[1048576], [262144, 262144, 262144, 262144], 0],
        [[512, 1024], [512, 512], 1],
        [[3, 10, 17], [2, 0, 15], 2],
        [[6, 9], [1, 5], 0],
      ] as [number[], number[], number][]
    ) {
      const x = randomTensor(shape, "float32", rng);
      const pieces = tf.split(x, sizes.length === 2 && sizes[0] === sizes[1] ? 2 : sizes, axis);
      const begin = shape.map(() => 0);
      pieces.forEach((p, i) => {
        const size = [...shape];
        size[axis] = sizes[i];
        const [want] = stock(stockWasmKernels().slice, { x }, { begin: [...begin], size });
        same(p, want, `piece ${i} of ${shape} on axis ${axis}`);
        begin[axis] += sizes[i];
      });
      same(tf.concat(pieces, axis), x, `concat of the split of ${shape}`);
    }
  });
});

Deno.test("wasm Transpose equals the stock kernel for matrices and leaves other permutations to it", async () => {
  await initBackend("wasm");
  tf.tidy(() => {
    const rng = new Rng(9, "transpose");
    for (const shape of [[512, 512], [512, 256], [256, 512], [1, 7], [17, 33], [0, 4], [3, 1]]) {
      for (const dtype of ["float32", "int32"] as const) {
        const x = randomTensor(shape, dtype, rng);
        const [want] = stock(stockWasmKernels().transpose, { x }, { perm: [1, 0] });
        same(tf.transpose(x), want, `transpose ${shape} ${dtype}`);
      }
    }
    const x = randomTensor([4, 5, 6], "float32", rng);
    const [want] = stock(stockWasmKernels().transpose, { x }, { perm: [2, 0, 1] });
    same(tf.transpose(x, [2, 0, 1]), want, "rank-3 permutation via the stock kernel");
    const b = randomTensor([5, 6], "bool", rng);
    same(tf.transpose(tf.transpose(b)), b, "bool matrix round trip via the stock kernel");
  });
});

Deno.test("installWasmKernels is idempotent, and restoring puts the stock kernels back", async () => {
  await initBackend("wasm");
  const before = stockWasmKernels();
  installWasmKernels();
  assert.equal(stockWasmKernels().slice, before.slice);
  assert.notEqual(tf.getKernel("Slice", "wasm")?.kernelFunc, before.slice);
  restoreStockWasmKernels();
  assert.equal(tf.getKernel("Slice", "wasm")?.kernelFunc, before.slice);
  assert.equal(tf.getKernel("Transpose", "wasm")?.kernelFunc, before.transpose);
  tf.tidy(() => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    assert.deepEqual(Array.from(tf.transpose(x).dataSync()), [1, 4, 2, 5, 3, 6]);
    assert.deepEqual(Array.from(tf.slice(x, [0, 1], [2, 2]).dataSync()), [2, 3, 5, 6]);
  });
  installWasmKernels();
  assert.notEqual(tf.getKernel("Transpose", "wasm")?.kernelFunc, before.transpose);
});
