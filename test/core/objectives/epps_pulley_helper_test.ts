import assert from "node:assert/strict";
import { initBackend } from "../../../src/core/engine/mod.ts";
import {
  type EppsPulleyHelper,
  openEppsPulleyHelper,
} from "../../../src/core/objectives/epps_pulley_helper.ts";
import {
  eppsPulleyForward,
  eppsPulleyGradY,
} from "../../../src/core/objectives/epps_pulley_pass.ts";
import { Rng } from "../../../src/core/random.ts";
import { trainLeJepa } from "../../../src/core/train/mod.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

function projections(m: number, k: number, seed: number): Float32Array {
  return Float32Array.from(new Rng(seed, "ep").normals(m * k), (v) => 1.3 * v);
}

/** The helper's forward and gradient equal the one-thread pass's, bit for bit. */
function assertSameAsOneThread(helper: EppsPulleyHelper, m: number, k: number, seed: number) {
  const y = projections(m, k, seed);
  const want = eppsPulleyForward(y, m, k);
  const got = helper.forward(y, m, k);
  for (const key of ["perSlice", "cosMean", "sinMean", "cos1", "sin1"] as const) {
    assert.deepEqual(Array.from(got[key]), Array.from(want[key]), `${key} at M=${m}, K=${k}`);
  }
  assert.deepEqual(Array.from(helper.gradY(got)), Array.from(eppsPulleyGradY(want)));
}

Deno.test(
  "the two-thread Epps–Pulley pass gives the one-thread pass's numbers exactly",
  opts,
  () => {
    const helper = openEppsPulleyHelper();
    try {
      assert.equal(helper.threaded, true);
      // K a multiple of the chunk, K with a short last chunk, K below one chunk, K = 1 (one thread).
      for (const [m, k] of [[512, 256], [37, 33], [5, 3], [9, 1]]) {
        for (let seed = 0; seed < 3; seed++) assertSameAsOneThread(helper, m, k, seed);
      }
    } finally {
      helper.close();
    }
  },
);

Deno.test(
  "passes alive together keep their own tables (the pool reuses a pass's only after its gradient)",
  opts,
  () => {
    const helper = openEppsPulleyHelper();
    try {
      const [m, k] = [64, 48];
      const ys = [1, 2, 3].map((s) => projections(m, k, s));
      const passes = ys.map((y) => helper.forward(y, m, k));
      // Gradients in the reverse order, as a backward pass takes them.
      for (let i = 2; i >= 0; i--) {
        assert.deepEqual(
          Array.from(helper.gradY(passes[i])),
          Array.from(eppsPulleyGradY(eppsPulleyForward(ys[i], m, k))),
        );
      }
      for (let s = 4; s < 8; s++) assertSameAsOneThread(helper, m, k, s); // reused tables
    } finally {
      helper.close();
    }
  },
);

Deno.test(
  "a missing worker module leaves the pass on one thread with the same numbers",
  opts,
  () => {
    const helper = openEppsPulleyHelper(new URL("./no_such_worker.ts", import.meta.url));
    assert.equal(helper.threaded, false);
    assertSameAsOneThread(helper, 40, 32, 1);
    helper.close();
  },
);

for (
  const [what, file] of [
    ["fails on a chunk", "epps_pulley_worker_fails.ts"],
    ["hangs on a chunk", "epps_pulley_worker_hangs.ts"],
  ]
) {
  Deno.test(
    `a worker that ${what} is stopped and its chunks are written here, same numbers`,
    opts,
    async () => {
      const url = new URL(`../../fixtures/${file}`, import.meta.url);
      const helper = openEppsPulleyHelper(url, 200);
      try {
        // The worker claims a chunk once its module has loaded: within a few passes (a
        // generous deadline for a loaded machine).
        const deadline = performance.now() + 20_000;
        for (let i = 0; performance.now() < deadline && helper.threaded; i++) {
          assertSameAsOneThread(helper, 128, 256, i);
          await new Promise((r) => setTimeout(r, 2));
        }
        assert.equal(helper.threaded, false, "the broken worker was never given up");
        assertSameAsOneThread(helper, 128, 256, 999);
      } finally {
        helper.close();
      }
    },
  );
}

Deno.test(
  "training with the two-thread pass gives the same parameters as on one thread",
  opts,
  async () => {
    await initBackend("wasm");
    const spec = {
      inputDim: 2,
      latentDim: 2,
      encoder: { kind: "mlp" as const, width: 32, depth: 2 },
      regulariser: "sigreg",
      lambda: 0.1,
      steps: 6,
      batch: 48,
      views: 2,
      lr: 3e-3,
      weightDecay: 0.01,
      slices: 40,
      seed: 3,
    };
    const sample = (step: number) =>
      [0, 1].map((v) => Float32Array.from(new Rng(5, step, v).normals(spec.batch * 2)));
    const params = async (eppsPulley?: EppsPulleyHelper) => {
      const res = await trainLeJepa(spec, sample, { eppsPulley, curveEvery: 1 });
      const out = res.encoder.params.map((p) => Array.from(p.dataSync()));
      res.encoder.dispose();
      return { out, loss: res.curves.loss };
    };
    const helper = openEppsPulleyHelper();
    try {
      const one = await params();
      const two = await params(helper);
      assert.equal(helper.threaded, true);
      assert.deepEqual(two.loss, one.loss);
      assert.deepEqual(two.out, one.out);
    } finally {
      helper.close();
    }
  },
);
