import assert from "node:assert/strict";
import { initBackend } from "../../../src/core/engine/mod.ts";
import { Rng } from "../../../src/core/random.ts";
import {
  makeMixing,
  prefetchApplies,
  prefetchingSampler,
  viewSampler,
} from "../../../src/core/world/mod.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

function options(dim: number, seed: number) {
  const mixing = makeMixing("coupling", dim, new Rng(seed, "mixing"), { layers: 4 });
  return {
    law: { kind: "gennorm", alpha: 1 } as const,
    mixing,
    batch: 32,
    dim,
    rho: 0.95,
    noise: "same" as const,
    seed,
  };
}

Deno.test(
  "views drawn in the prefetch worker are bit-identical to the in-thread sampler's, step by step",
  opts,
  async () => {
    await initBackend("wasm");
    const o = options(128, 7);
    const local = viewSampler(o);
    const s = prefetchingSampler(o, "wasm");
    try {
      assert.equal(s.inWorker, true);
      // In order (each step prefetched during the previous), then out of order (drawn on request).
      for (const step of [0, 1, 2, 3, 9, 4]) {
        const got = await s.sample(step);
        const want = local(step);
        assert.equal(got.length, 2);
        for (let v = 0; v < 2; v++) {
          assert.equal(got[v].length, 32 * 128);
          assert.deepEqual(got[v], want[v], `step ${step} view ${v}`);
        }
      }
    } finally {
      s.close();
    }
    await assert.rejects(() => s.sample(5), /after close/);
  },
);

Deno.test("small or non-coupling mixings and backends without the engine mixing sample in-thread", () => {
  const spiral = { ...options(128, 1), mixing: makeMixing("spiral", 2, new Rng(1)), dim: 2 };
  assert.equal(prefetchApplies(spiral, "wasm"), false);
  assert.equal(prefetchApplies(options(32, 1), "wasm"), false);
  assert.equal(prefetchApplies(options(64, 1), "webgpu"), false);
  assert.equal(prefetchApplies({ ...options(64, 1), engine: "never" }, "wasm"), false);
  assert.equal(prefetchApplies(options(64, 1), "cpu"), true);
  const s = prefetchingSampler(spiral, "wasm");
  assert.equal(s.inWorker, false);
  s.close();
});

Deno.test(
  "a prefetch worker that fails to start falls back to in-thread sampling with the same views",
  opts,
  async () => {
    await initBackend("wasm");
    const o = options(64, 2);
    const broken = new URL("../../fixtures/prefetch_worker_broken.ts", import.meta.url);
    const s = prefetchingSampler(o, "wasm", broken);
    try {
      const got = await s.sample(0);
      assert.equal(s.inWorker, false);
      assert.deepEqual(got, viewSampler(o)(0));
      assert.deepEqual(await s.sample(1), viewSampler(o)(1));
    } finally {
      s.close();
    }
  },
);
