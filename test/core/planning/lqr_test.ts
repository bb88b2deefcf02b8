import assert from "node:assert/strict";
import { lqr } from "../../../src/core/planning/lqr.ts";
import { rollout } from "../../../src/core/planning/rollout.ts";
import { controlledWorld } from "../../../src/core/world/controlled.ts";
import { Rng } from "../../../src/core/random.ts";

Deno.test("lqr() matches the closed form of a scalar one-step problem", () => {
  // x' = a x + b u, J = q x0^2 + r u^2 + qf x1^2  =>  u* = -(b qf a) / (r + b^2 qf) x0.
  const [a, b, q, r, qf] = [0.9, 0.3, 1, 0.05, 2];
  const pol = lqr(
    { n: 1, m: 1, a: new Float64Array([a]), b: new Float64Array([b]) },
    { q: new Float64Array([q]), r: new Float64Array([r]), qf: new Float64Array([qf]) },
    1,
  );
  const x0 = 1.7;
  const u = pol.action(0, new Float64Array([x0]))[0];
  assert.ok(Math.abs(u - (-(b * qf * a) / (r + b * b * qf)) * x0) < 1e-12);
  const x1 = a * x0 + b * u;
  const j = q * x0 * x0 + r * u * u + qf * x1 * x1;
  assert.ok(Math.abs(pol.costToGo(0, new Float64Array([x0])) - j) < 1e-12);
});

/** Cost of an open-loop action sequence on the noise-free affine system (standard form). */
function openLoopCost(
  A: number[][],
  B: number[][],
  c: number[],
  target: number[],
  alpha: number,
  x0: number[],
  u: number[],
  T: number,
): number {
  const n = x0.length;
  const m = B[0].length;
  let x = [...x0];
  let J = 0;
  for (let t = 0; t < T; t++) {
    const ut = u.slice(t * m, (t + 1) * m);
    J += x.reduce((s, v, i) => s + (v - target[i]) ** 2, 0) +
      alpha * ut.reduce((s, v) => s + v * v, 0);
    x = Array.from(
      { length: n },
      (_, i) =>
        A[i].reduce((s, v, j) => s + v * x[j], 0) + B[i].reduce((s, v, j) => s + v * ut[j], 0) +
        c[i],
    );
  }
  return J + x.reduce((s, v, i) => s + (v - target[i]) ** 2, 0);
}

Deno.test("lqr() equals brute-force minimisation of the open-loop quadratic (affine, with target)", () => {
  const A = [[0.9, 0.2], [-0.1, 1.05]];
  const B = [[0.3, 0], [0.1, 0.5]];
  const c = [0.05, -0.2];
  const target = [1, -0.5];
  const alpha = 0.1;
  const x0 = [-1.2, 0.7];
  const T = 4;
  const k = T * 2;
  // The open-loop cost is quadratic in u (k values): recover H and g exactly from evaluations.
  const J = (u: number[]) => openLoopCost(A, B, c, target, alpha, x0, u, T);
  const e = (i: number, s = 1) => Array.from({ length: k }, (_, j) => (j === i ? s : 0));
  const j0 = J(new Array(k).fill(0));
  const H: number[][] = [];
  const g: number[] = [];
  for (let i = 0; i < k; i++) {
    g.push((J(e(i)) - J(e(i, -1))) / 2);
    H.push([]);
    for (let j = 0; j < k; j++) {
      const eij = e(i).map((v, l) => v + e(j)[l]);
      H[i].push(J(eij) - J(e(i)) - J(e(j)) + j0);
    }
  }
  // Solve H u = -g by Gaussian elimination (H is the Hessian of J).
  const M = H.map((row, i) => [...row, -g[i]]);
  for (let col = 0; col < k; col++) {
    let p = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(M[r][col]) > Math.abs(M[p][col])) p = r;
    [M[col], M[p]] = [M[p], M[col]];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = M[r][col] / M[col][col];
      for (let j = col; j <= k; j++) M[r][j] -= f * M[col][j];
    }
  }
  const uStar = M.map((row, i) => row[k] / row[i]);
  const best = J(uStar);
  const pol = lqr(
    {
      n: 2,
      m: 2,
      a: new Float64Array(A.flat()),
      b: new Float64Array(B.flat()),
      c: new Float64Array(c),
    },
    {
      q: new Float64Array([1, 0, 0, 1]),
      r: new Float64Array([alpha, 0, 0, alpha]),
      target: new Float64Array(target),
    },
    T,
  );
  assert.ok(Math.abs(pol.costToGo(0, new Float64Array(x0)) - best) < 1e-9 * Math.max(1, best));
  // The closed-loop actions reproduce the open-loop optimum on the noise-free system.
  let x = [...x0];
  const uLqr: number[] = [];
  for (let t = 0; t < T; t++) {
    const u = Array.from(pol.action(t, new Float64Array(x)));
    uLqr.push(...u);
    x = [0, 1].map((i) => A[i][0] * x[0] + A[i][1] * x[1] + B[i][0] * u[0] + B[i][1] * u[1] + c[i]);
  }
  uLqr.forEach((v, i) => assert.ok(Math.abs(v - uStar[i]) < 1e-7, `u[${i}] ${v} vs ${uStar[i]}`));
});

Deno.test("LQR on the true dynamics beats every perturbed controller in the controlled world", async () => {
  const world = controlledWorld({ dim: 2, sigma: 0 });
  const alpha = 0.1;
  const ep = {
    z0: new Float64Array([1.5, -1]),
    zGoal: new Float64Array([-0.5, 1.2]),
    horizon: 15,
    alpha,
    successRadius: 0.25,
  };
  const pol = lqr(
    { n: 2, m: 2, a: new Float64Array([0.9, 0, 0, 0.9]), b: world.b },
    {
      q: new Float64Array([1, 0, 0, 1]),
      r: new Float64Array([alpha, 0, 0, alpha]),
      target: ep.zGoal,
    },
    ep.horizon,
  );
  const best = await rollout(world, ep, (z) => z, (t, z) => pol.action(t, z), new Rng(0));
  // Achieved cost = cost-to-go minus the (policy-independent) x0 stage term.
  const x0Term = (1.5 + 0.5) ** 2 + (-1 - 1.2) ** 2;
  assert.ok(Math.abs(best.cost - (pol.costToGo(0, ep.z0) - x0Term)) < 1e-9);
  assert.ok(best.success);
  const rng = new Rng(7, "perturb");
  for (let trial = 0; trial < 30; trial++) {
    const scale = 1 + 0.3 * (2 * rng.uniform() - 1);
    const bias = [0.2 * rng.normal(), 0.2 * rng.normal()];
    const other = await rollout(world, ep, (z) => z, (t, z) => {
      const u = pol.action(t, z);
      return new Float64Array([scale * u[0] + bias[0], scale * u[1] + bias[1]]);
    }, new Rng(0));
    assert.ok(other.cost > best.cost, `trial ${trial}: ${other.cost} <= ${best.cost}`);
  }
});

Deno.test("lqr() rejects bad shapes and horizons", () => {
  const sys = { n: 1, m: 1, a: new Float64Array([1]), b: new Float64Array([1]) };
  const cost = { q: new Float64Array([1]), r: new Float64Array([1]) };
  assert.throws(() => lqr(sys, cost, 0), RangeError);
  assert.throws(() => lqr({ ...sys, b: new Float64Array(2) }, cost, 3), RangeError);
  // r = 0 and b = 0: R + B'PB = 0 is singular.
  assert.throws(
    () => lqr({ ...sys, b: new Float64Array([0]) }, { ...cost, r: new Float64Array([0]) }, 3),
    RangeError,
  );
});
