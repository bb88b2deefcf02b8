import assert from "node:assert/strict";
import { initBackend, tensorMemory } from "../../../src/core/engine/mod.ts";
import { createMlp } from "../../../src/core/models/mod.ts";
import { Rng } from "../../../src/core/random.ts";

await initBackend("wasm");

function erf(x: number): number {
  // float64 series / continued fraction, for the host reference only
  const ax = Math.abs(x);
  let r: number;
  if (ax < 3) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= -ax * ax / n;
      sum += term / (2 * n + 1);
    }
    r = 2 / Math.sqrt(Math.PI) * sum;
  } else {
    let f = 0;
    for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
    r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  }
  return x >= 0 ? r : -r;
}

Deno.test("createMlp builds in -> width x depth -> out with GELU between layers", async () => {
  const enc = createMlp(3, 2, { width: 16, depth: 2 }, new Rng(5, "init"));
  assert.deepEqual(enc.params.map((p) => p.shape), [[3, 16], [16], [16, 16], [16], [16, 2], [2]]);
  const ps = enc.params.map((p) => Array.from(p.dataSync()));
  const x = new Float64Array([0.3, -1.2, 2.0, 1.5, 0.1, -0.7]);
  const h = await enc.encode(x, 2);
  // Host float64 forward pass with the same parameters.
  const layer = (
    v: number[],
    w: number[],
    b: number[],
    nIn: number,
    nOut: number,
    act: boolean,
  ) => {
    const out: number[] = [];
    for (let j = 0; j < nOut; j++) {
      let a = b[j];
      for (let i = 0; i < nIn; i++) a += v[i] * w[i * nOut + j];
      out.push(act ? a * 0.5 * (1 + erf(a / Math.SQRT2)) : a);
    }
    return out;
  };
  for (let r = 0; r < 2; r++) {
    let v = Array.from(x.subarray(3 * r, 3 * r + 3));
    v = layer(v, ps[0], ps[1], 3, 16, true);
    v = layer(v, ps[2], ps[3], 16, 16, true);
    v = layer(v, ps[4], ps[5], 16, 2, false);
    for (let j = 0; j < 2; j++) {
      assert.ok(Math.abs(h[2 * r + j] - v[j]) < 1e-5, `row ${r} col ${j}`);
    }
  }
  enc.dispose();
});

Deno.test("createMlp is reproducible from its Rng and frees its tensors", async () => {
  const before = tensorMemory().numTensors;
  const a = createMlp(2, 2, { width: 8, depth: 3 }, new Rng(1, "init"));
  const b = createMlp(2, 2, { width: 8, depth: 3 }, new Rng(1, "init"));
  const c = createMlp(2, 2, { width: 8, depth: 3 }, new Rng(2, "init"));
  const x = new Float64Array([0.5, -0.5]);
  assert.deepEqual(Array.from(await a.encode(x, 1)), Array.from(await b.encode(x, 1)));
  assert.notDeepEqual(Array.from(await a.encode(x, 1)), Array.from(await c.encode(x, 1)));
  for (const e of [a, b, c]) e.dispose();
  assert.equal(tensorMemory().numTensors, before);
});

Deno.test("createMlp rejects bad shapes and encode rejects a wrong length", async () => {
  assert.throws(() => createMlp(0, 2, { width: 8, depth: 1 }, new Rng(0)), RangeError);
  assert.throws(() => createMlp(2, 2, { width: 8, depth: -1 }, new Rng(0)), RangeError);
  const enc = createMlp(2, 2, { width: 4, depth: 1 }, new Rng(0));
  await assert.rejects(() => enc.encode(new Float64Array(3), 2), /expected n \* inputDim = 4/);
  enc.dispose();
});
