import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import {
  couplingFromWeights,
  invertCoupling,
  makeMixing,
  type MixingName,
} from "../../../src/core/world/mixings.ts";
import { sampleLatents } from "../../../src/core/world/laws.ts";

interface MixingVectors {
  z2: number[];
  spiral: number[];
  banana: number[];
  sinusoid: number[];
  coupling: { z: number[]; W: number[][]; x: number[] };
}

const vectors: MixingVectors = JSON.parse(
  await Deno.readTextFile(new URL("../../fixtures/vectors/mixings.json", import.meta.url)),
);

/**
 * The vectors are printed to 12 decimals, so entries near zero carry ~5e-13
 * absolute rounding: compare to 1e-9 relative with an absolute floor of 1e-9.
 */
function assertClose(got: Float64Array, want: number[], what: string): void {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    const tol = 1e-9 * Math.max(1, Math.abs(want[i]));
    assert.ok(Math.abs(got[i] - want[i]) <= tol, `${what}[${i}]: ${got[i]} vs ${want[i]}`);
  }
}

Deno.test("2D mixings match the paper's code on the reference points", () => {
  const z = Float64Array.from(vectors.z2);
  const n = z.length / 2;
  for (const name of ["spiral", "banana", "sinusoid"] as const) {
    assertClose(makeMixing(name, 2, new Rng(0)).apply(z, n), vectors[name], name);
  }
});

Deno.test("coupling with the reference W matches the paper's code", () => {
  const { z, W, x } = vectors.coupling;
  const g = couplingFromWeights(W.map((w) => Float64Array.from(w)), 6);
  assertClose(g.apply(Float64Array.from(z), z.length / 6), x, "coupling");
  // And the inverse maps the reference outputs back to the inputs.
  assertClose(invertCoupling(g).apply(Float64Array.from(x), x.length / 6), z, "coupling^-1");
});

Deno.test("coupling is exactly invertible in 2 and 8 dimensions", () => {
  for (const dim of [2, 8]) {
    const g = makeMixing("coupling", dim, new Rng(11, "mix", dim));
    const n = 500;
    const z = sampleLatents({ kind: "gaussian" }, n, dim, new Rng(11, "z"));
    const x = g.apply(z, n);
    const back = invertCoupling(g).apply(x, n);
    let maxErr = 0;
    let moved = 0;
    for (let i = 0; i < z.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(back[i] - z[i]));
      moved = Math.max(moved, Math.abs(x[i] - z[i]));
    }
    assert.ok(maxErr < 1e-10, `dim ${dim}: inverse error ${maxErr}`);
    assert.ok(moved > 0.5, `dim ${dim}: the mixing is not the identity`);
  }
});

Deno.test("makeMixing() draws W = 2 x orthogonal with the documented layer counts", () => {
  const g2 = makeMixing("coupling", 2, new Rng(1));
  assert.equal(g2.weights?.length, 8);
  const g8 = makeMixing("coupling", 8, new Rng(1));
  assert.equal(g8.weights?.length, 4);
  assert.equal(makeMixing("coupling", 8, new Rng(1), { layers: 6 }).weights?.length, 6);
  const h = 4;
  for (const w of g8.weights!) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < h; j++) {
        let s = 0;
        for (let k = 0; k < h; k++) s += w[k * h + i] * w[k * h + j];
        assert.ok(Math.abs(s - (i === j ? 4 : 0)) < 1e-12, `W^T W = 4 I at ${i},${j}`);
      }
    }
  }
  assert.deepEqual(makeMixing("coupling", 8, new Rng(1)).weights, g8.weights);
  assert.notDeepEqual(makeMixing("coupling", 8, new Rng(2)).weights, g8.weights);
  // Haar: the first entry of W/2 in dim 2 (a 1x1 orthogonal) is +-1 with even odds.
  let plus = 0;
  for (let s = 0; s < 400; s++) {
    if (makeMixing("coupling", 2, new Rng(s)).weights![0][0] > 0) plus++;
  }
  assert.ok(plus > 150 && plus < 250, `sign balance ${plus}/400`);
});

Deno.test("makeMixing() rejects wrong dimensions and names", () => {
  for (const name of ["spiral", "banana", "sinusoid"] as const) {
    assert.throws(() => makeMixing(name, 4, new Rng(0)), RangeError);
  }
  assert.throws(() => makeMixing("coupling", 3, new Rng(0)), RangeError);
  assert.throws(() => makeMixing("coupling", 4, new Rng(0), { layers: 0 }), RangeError);
  assert.throws(() => makeMixing("pixels" as MixingName, 2, new Rng(0)), RangeError);
  assert.throws(() => invertCoupling(makeMixing("spiral", 2, new Rng(0))), TypeError);
});
