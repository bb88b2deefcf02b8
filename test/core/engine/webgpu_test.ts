/**
 * The webgpu backend (Deno's built-in WebGPU over Vulkan) against wasm for the
 * same seed. On a machine without a GPU it runs on software Vulkan (Mesa's
 * lavapipe: `apt-get install -y mesa-vulkan-drivers libvulkan1`); without any
 * Vulkan driver these tests FAIL with that hint, they never skip.
 *
 * Tolerances: webgpu computes in float32 on the device and SIGReg with tensor
 * ops (no synchronous read-back there), wasm with float32 kernels and SIGReg's
 * float64 plain-JS kernel, so values agree to float32 rounding, not bit for bit.
 *
 * Shapes: every matmul's inner and output widths are at most 16, so that
 * tfjs-webgpu uses its 4 x 8 matmul shader; its 8 x 8 tiled one (any width
 * above 16) costs Mesa's llvmpipe about 20 s of LLVM compilation per variant
 * the first time (test/suites/identifiability_webgpu_test.ts says more).
 */
import assert from "node:assert/strict";
import { initBackend, readsSync, tf } from "../../../src/core/engine/mod.ts";
import { createMlp } from "../../../src/core/models/mlp.ts";
import { sigreg, sigregDirections, sigregReference } from "../../../src/core/objectives/sigreg.ts";
import { Rng } from "../../../src/core/random.ts";
import { trainLeJepa, type TrainSpec } from "../../../src/core/train/lejepa.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** Relative tolerance of SIGReg's value and the MLP's outputs. */
const VALUE_RTOL = 1e-5;
/** Relative tolerance of the loss over the first training steps. */
const LOSS_RTOL = 1e-5;

async function useWebGpu(): Promise<void> {
  try {
    await initBackend("webgpu");
  } catch (e) {
    throw new Error(
      `the webgpu backend must initialise here (on a machine without a GPU, install software ` +
        `Vulkan: apt-get install -y mesa-vulkan-drivers libvulkan1): ${(e as Error).message}`,
    );
  }
}

function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  what: string,
) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    assert.ok(
      err <= rtol * Math.max(scale, 1e-12),
      `${what}[${i}]: ${actual[i]} vs ${expected[i]} (|diff| ${err} > ${rtol} x ${scale})`,
    );
  }
}

Deno.test(
  "webgpu initialises and reports its adapter (lavapipe on a CPU-only machine)",
  opts,
  async () => {
    await useWebGpu();
    const info = await initBackend("webgpu");
    assert.equal(info.name, "webgpu");
    assert.equal(tf.getBackend(), "webgpu");
    assert.ok(info.gpu !== null && info.gpu.length > 0, "adapter description");
    assert.equal(readsSync(), false, "webgpu reads asynchronously in Deno");
    const v = await tf.tidy(() => tf.matMul(tf.ones([3, 4]), tf.ones([4, 2])).sum()).data();
    assert.equal(v[0], 24);
  },
);

Deno.test(
  "sigreg() on webgpu matches the float64 reference and wasm, value and gradient",
  opts,
  async () => {
    const m = 256;
    const n = 8;
    const k = 16;
    const x = Float32Array.from(
      new Rng(5, "x").normals(m * n).map((v, i) => v * (1 + (i % n) / 4)),
    );
    const dirs = sigregDirections(n, k, new Rng(5, "dirs"));
    const ref = sigregReference(x, m, n, dirs, k);
    const run = async () => {
      const h = tf.tensor2d(x, [m, n]);
      const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => sigreg(t as tf.Tensor2D, dirs, k))(
        h,
      );
      const out = { value: (await value.data())[0], grad: await grad.data() };
      tf.dispose([h, value, grad]);
      return out;
    };
    await initBackend("wasm");
    const wasm = await run();
    await useWebGpu();
    const gpu = await run();
    assert.ok(
      ref.value > 0.5,
      `a non-Gaussian sample has a clearly positive SIGReg (${ref.value})`,
    );
    assertClose([gpu.value], [ref.value], VALUE_RTOL, "webgpu value vs float64");
    assertClose([gpu.value], [wasm.value], VALUE_RTOL, "webgpu value vs wasm");
    assertClose(gpu.grad, ref.grad, 1e-4, "webgpu gradient vs float64");
    assertClose(gpu.grad, wasm.grad, 1e-4, "webgpu gradient vs wasm");
  },
);

Deno.test("MLP forward on webgpu equals wasm for the same seed", opts, async () => {
  const input = Float32Array.from(new Rng(9, "in").normals(64 * 2));
  const forward = async () => {
    const enc = createMlp(2, 2, { width: 16, depth: 3 }, new Rng(1337, "init"));
    const y = tf.tidy(() => enc.apply(tf.tensor2d(input, [64, 2])));
    const out = await y.data();
    y.dispose();
    enc.dispose();
    return out;
  };
  await initBackend("wasm");
  const wasm = await forward();
  await useWebGpu();
  const gpu = await forward();
  assertClose(gpu, wasm, VALUE_RTOL, "MLP output");
});

Deno.test("LeJEPA training on webgpu follows wasm's losses for the same seed", opts, async () => {
  const spec: TrainSpec = {
    inputDim: 2,
    latentDim: 2,
    encoder: { kind: "mlp", width: 16, depth: 2 },
    regulariser: "sigreg",
    lambda: 0.05,
    steps: 6,
    batch: 64,
    views: 2,
    lr: 3e-3,
    weightDecay: 0.01,
    slices: 16,
    seed: 7,
  };
  const sample = (step: number) =>
    [0, 1].map((v) => Float32Array.from(new Rng(7, "data", step, v).normals(spec.batch * 2)));
  const losses = async () => {
    const res = await trainLeJepa(spec, sample, { curveEvery: 1 });
    res.encoder.dispose();
    return { loss: res.curves.loss.map(([, v]) => v), reg: res.curves.reg.map(([, v]) => v) };
  };
  await initBackend("wasm");
  const wasm = await losses();
  await useWebGpu();
  const gpu = await losses();
  assert.equal(gpu.loss.length, spec.steps);
  assert.ok(wasm.loss[spec.steps - 1] < wasm.loss[0], "the loss goes down");
  assertClose(gpu.loss, wasm.loss, LOSS_RTOL, "loss per step");
  assertClose(gpu.reg, wasm.reg, LOSS_RTOL, "SIGReg per step");
});
