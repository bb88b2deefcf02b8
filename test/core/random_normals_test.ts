import assert from "node:assert/strict";
import { Rng } from "../../src/core/random.ts";

Deno.test("Rng.normals gives the same values as as many normal() calls, and the same state", () => {
  for (const n of [0, 1, 2, 3, 8, 1001]) {
    for (const pending of [false, true]) {
      const bulk = new Rng(42, "normals", n);
      const single = new Rng(42, "normals", n);
      if (pending) assert.equal(bulk.normal(), single.normal()); // leaves a Box–Muller spare
      const got = bulk.normals(n);
      const want = Float64Array.from({ length: n }, () => single.normal());
      assert.deepEqual(got, want, `n = ${n}, spare pending ${pending}`);
      assert.equal(bulk.normal(), single.normal(), "next normal after the bulk draw");
      assert.equal(bulk.uniform(), single.uniform(), "next uniform after the bulk draw");
    }
  }
});

Deno.test("Rng.normals fills a given array and looks standard normal", () => {
  const out = new Float64Array(20000);
  assert.equal(new Rng(7).normals(out.length, out), out);
  let mean = 0;
  for (const x of out) mean += x / out.length;
  let variance = 0;
  for (const x of out) variance += (x - mean) ** 2 / out.length;
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
});
