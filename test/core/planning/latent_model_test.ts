import assert from "node:assert/strict";
import {
  fitLatentModel,
  latentStep,
  latentSystem,
} from "../../../src/core/planning/latent_model.ts";
import { Rng } from "../../../src/core/random.ts";

Deno.test("fitLatentModel() recovers a known W, M and c exactly from noise-free transitions", () => {
  const dim = 3;
  const actionDim = 2;
  const n = 50;
  const rng = new Rng(11);
  const w = rng.normals(dim * dim);
  const m = rng.normals(dim * actionDim);
  const c = rng.normals(dim);
  const model = { dim, actionDim, w, m, c };
  const h = rng.normals(n * dim);
  const a = rng.normals(n * actionDim);
  const hNext = new Float64Array(n * dim);
  const out = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    latentStep(
      model,
      h.subarray(i * dim, (i + 1) * dim),
      a.subarray(i * actionDim, (i + 1) * actionDim),
      out,
    );
    hNext.set(out, i * dim);
  }
  const fit = fitLatentModel(h, a, hNext, n, dim, actionDim);
  for (const [name, got, want] of [["w", fit.w, w], ["m", fit.m, m], ["c", fit.c, c]] as const) {
    want.forEach((v, i) =>
      assert.ok(Math.abs(got[i] - v) < 1e-10, `${name}[${i}] ${got[i]} vs ${v}`)
    );
  }
  assert.ok(Math.abs(fit.r2 - 1) < 1e-12);
  assert.equal(fit.rank, dim + actionDim);
  const sys = latentSystem(fit);
  assert.equal(sys.n, dim);
  assert.equal(sys.m, actionDim);
});

Deno.test("fitLatentModel() rejects mismatched shapes", () => {
  assert.throws(
    () => fitLatentModel(new Float64Array(4), new Float64Array(2), new Float64Array(3), 2, 2, 1),
    RangeError,
  );
});
