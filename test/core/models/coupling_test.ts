import assert from "node:assert/strict";
import { initBackend, tensorMemory } from "../../../src/core/engine/mod.ts";
import { createCoupling } from "../../../src/core/models/mod.ts";
import { Rng } from "../../../src/core/random.ts";
import { couplingFromWeights, makeMixing } from "../../../src/core/world/mixings.ts";

await initBackend("wasm");

Deno.test("coupling encoder with the mixing's weights inverts the mixing exactly", async () => {
  for (const dim of [2, 6]) {
    const layers = dim === 2 ? 8 : 4;
    const g = makeMixing("coupling", dim, new Rng(11, "mixing"), { layers });
    const enc = createCoupling(dim, { layers }, new Rng(11, "init"));
    const n = 200;
    const z = new Rng(11, "z").normals(n * dim);
    const x = g.apply(z, n);
    // Random init does not invert it...
    let before = 0;
    const h0 = await enc.encode(x, n);
    for (let i = 0; i < z.length; i++) before = Math.max(before, Math.abs(h0[i] - z[i]));
    assert.ok(before > 0.1, `random init already inverts (${before})`);
    // ...the mixing's own weights do (up to float32 rounding).
    enc.setWeights(g.weights!);
    const h = await enc.encode(x, n);
    for (let i = 0; i < z.length; i++) assert.ok(Math.abs(h[i] - z[i]) < 1e-4, `dim ${dim} i ${i}`);
    enc.dispose();
  }
});

Deno.test("coupling encoder inverts the reference vectors' 6D coupling mixing", async () => {
  const v = JSON.parse(
    Deno.readTextFileSync(new URL("../../fixtures/vectors/mixings.json", import.meta.url)),
  );
  const c = v.coupling;
  const ws = (c.W as number[][]).map((w) => Float64Array.from(w));
  const n = c.z.length / 6;
  // The layer convention matches the vectors (the world's mixing reproduces x).
  const x = couplingFromWeights(ws, 6).apply(Float64Array.from(c.z), n);
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs(x[i] - c.x[i]) < 1e-9);
  const enc = createCoupling(6, { layers: ws.length }, new Rng(0));
  enc.setWeights(ws);
  const h = await enc.encode(Float64Array.from(c.x), n);
  for (let i = 0; i < h.length; i++) assert.ok(Math.abs(h[i] - c.z[i]) < 1e-4, `i ${i}`);
  enc.dispose();
});

Deno.test("coupling encoder init is randn / sqrt(N/2) and disposes cleanly", () => {
  const before = tensorMemory().numTensors;
  const enc = createCoupling(64, { layers: 3 }, new Rng(4, "init"));
  assert.equal(enc.params.length, 3);
  const w = enc.weights[0].dataSync();
  let ss = 0;
  for (const v of w) ss += v * v;
  // Entries have variance 1/32.
  assert.ok(Math.abs(ss / w.length - 1 / 32) < 0.004, `variance ${ss / w.length}`);
  assert.throws(() => createCoupling(3, { layers: 2 }, new Rng(0)), RangeError);
  enc.dispose();
  assert.equal(tensorMemory().numTensors, before);
});
