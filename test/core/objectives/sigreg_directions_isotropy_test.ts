// SIGReg's slice directions (SPEC section 1: a_k ~ N(0, I_N) normalised to unit length, fresh
// every step from new Rng(seed, "sigreg", step), as the sigreg regulariser draws them) are
// uniform on the sphere: E a = 0, E a a^T = I / N, and the sphere's fourth moment
// E a_i^4 = 3 / (N (N + 2)) (a normalised uniform-cube draw has the first two but not this one).
// Tolerances: 5 standard errors from the sphere's moments, E a_i^2 a_j^2 = 1 / (N (N + 2)) and
// E a_i^(2p) = (2p - 1)!! / (N (N + 2) ... (N + 2p - 2)).
import assert from "node:assert/strict";
import { sigregDirections } from "../../../src/core/objectives/sigreg.ts";
import { Rng } from "../../../src/core/random.ts";

const Z = 5;

/** Sphere moment E a_i^(2p) in dimension n. */
function evenMoment(n: number, p: number): number {
  let num = 1;
  let den = 1;
  for (let j = 0; j < p; j++) {
    num *= 2 * j + 1;
    den *= n + 2 * j;
  }
  return num / den;
}

for (const n of [2, 3, 8]) {
  Deno.test(`SIGReg directions in ${n}D have mean 0, second moment I/N and the sphere's 4th moment`, () => {
    const k = 256;
    const steps = 200;
    const count = k * steps;
    const mean = new Float64Array(n);
    const second = new Float64Array(n * n);
    const fourth = new Float64Array(n);
    for (let step = 0; step < steps; step++) {
      const a = sigregDirections(n, k, new Rng(1337, "sigreg", step));
      for (let s = 0; s < k; s++) {
        for (let i = 0; i < n; i++) {
          const ai = a[i * k + s];
          mean[i] += ai / count;
          fourth[i] += ai ** 4 / count;
          for (let j = 0; j < n; j++) second[i * n + j] += (ai * a[j * k + s]) / count;
        }
      }
    }
    const m2 = evenMoment(n, 1); // 1 / N
    const m4 = evenMoment(n, 2); // 3 / (N (N + 2))
    const m8 = evenMoment(n, 4);
    const cross = 1 / (n * (n + 2)); // E a_i^2 a_j^2, i != j
    for (let i = 0; i < n; i++) {
      const seMean = Math.sqrt(m2 / count);
      assert.ok(Math.abs(mean[i]) < Z * seMean, `E a_${i} = ${mean[i]} (se ${seMean})`);
      for (let j = 0; j < n; j++) {
        const want = i === j ? m2 : 0;
        const se = Math.sqrt((i === j ? m4 - m2 * m2 : cross) / count);
        const got = second[i * n + j];
        assert.ok(
          Math.abs(got - want) < Z * se,
          `E a_${i} a_${j} = ${got}, want ${want} (se ${se})`,
        );
      }
      const se4 = Math.sqrt((m8 - m4 * m4) / count);
      assert.ok(
        Math.abs(fourth[i] - m4) < Z * se4,
        `E a_${i}^4 = ${fourth[i]}, sphere ${m4} (se ${se4})`,
      );
    }
  });
}
