import assert from "node:assert/strict";
import { initBackend } from "../../src/core/engine/mod.ts";
import type { CaseContext, CaseOutput } from "../../src/core/suite.ts";
import { loadSuite } from "../../src/suites/registry.ts";
import {
  evaluatePlanning,
  planningCase,
  type PlanningParams,
  planningWorld,
  suite,
} from "../../src/suites/planning.ts";
import type { Encoder } from "../../src/core/models/encoder.ts";
import { invertCoupling } from "../../src/core/world/mixings.ts";
import { Rng } from "../../src/core/random.ts";

await initBackend("wasm");

function ctx(seed: number): CaseContext {
  return { seed, backend: "wasm", signal: new AbortController().signal, progress: () => {} };
}

async function run(p: Partial<PlanningParams>, seed: number): Promise<CaseOutput> {
  return await suite.runCase(planningCase(p), ctx(seed));
}

Deno.test("the planning suite is registered, versioned, and its profiles are well formed", async () => {
  const loaded = await loadSuite("planning");
  assert.equal(loaded.id, "planning");
  assert.equal(loaded.version, 3);
  assert.equal(loaded.usesTensors, true);
  for (const profile of Object.values(suite.profiles)) {
    const ids = profile.cases.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate case ids in ${profile.name}`);
    assert.ok(profile.seeds.length >= 2);
  }
  const smoke = suite.profiles.smoke.cases.map((c) => c.params);
  assert.ok(
    smoke.some((p) => p.law === "gaussian" && p.objective === "sigreg" && p.planner === "lqr"),
  );
  assert.ok(smoke.some((p) => p.law === "gennorm(0.25)" && p.objective === "sigreg"));
  assert.ok(smoke.some((p) => p.objective === "none"));
  assert.ok(smoke.some((p) => p.planner === "cem"));
  const standard = suite.profiles.standard.cases.map((c) => c.params);
  assert.ok(standard.some((p) => p.mixing === "reacher" && p.size === 32));
  assert.ok(standard.some((p) => p.mode === "end-to-end"));
  assert.ok(
    suite.profiles.gpu.cases.some((c) => c.params.mixing === "reacher" && c.params.size === 64),
  );
  const primary = suite.metrics.filter((m) => m.primary).map((m) => m.name);
  assert.deepEqual(primary.sort(), ["cost_ratio", "regret_median", "success_rate"]);
  assert.equal(planningCase({ planner: "cem" }).id, "spiral/gaussian/N2/sigreg/cem/two-stage");
  await assert.rejects(() => run({ planner: "mpc" as "lqr", steps: 1 }, 0), RangeError);
});

Deno.test("the reacher (CNN) and end-to-end modes run and report every planning metric", async () => {
  const tiny = {
    steps: 10,
    batch: 32,
    episodes: 2,
    horizon: 5,
    evalSize: 200,
    fitSamples: 300,
    slices: 16,
  };
  const variants: [string, Partial<PlanningParams>][] = [
    ["reacher", { mixing: "reacher", size: 16, planner: "cem", cemIterations: 1, ...tiny }],
    ["end-to-end", { mode: "end-to-end", width: 16, depth: 1, lambda: 0.1, ...tiny }],
  ];
  for (const [label, p] of variants) {
    const out = await run(p, 3);
    for (
      const k of [
        "regret_median",
        "cost_ratio",
        "success_rate",
        "plan_ms_per_step",
        "model_r2",
        "r2_hz",
      ]
    ) {
      assert.ok(Number.isFinite(out.metrics[k]), `${label}: ${k} = ${out.metrics[k]}`);
    }
    assert.ok(
      out.metrics.optimal_success_rate === 1,
      "LQR on the true dynamics must reach the goal",
    );
    assert.equal(out.steps, 10);
  }
});

/**
 * An encoder computed on the host from a fixed map of observations (no training): planning
 * depends on the encoder only through `encode`.
 */
function hostEncoder(dim: number, f: (x: Float64Array, n: number) => Float64Array): Encoder {
  return {
    inputDim: dim,
    outputDim: dim,
    params: [],
    apply: () => {
      throw new Error("host encoder: encode only");
    },
    encode: (x, n) => Promise.resolve(f(Float64Array.from(x), n)),
    dispose: () => {},
  };
}

/** A random rotation (orthogonal, det +1 or -1) of R^dim from the seed. */
function rotation(dim: number, seed: number): Float64Array {
  const r = new Rng(seed, "test-rotation");
  const q = r.normals(dim * dim);
  // Gram-Schmidt on the rows.
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += q[i * dim + k] * q[j * dim + k];
      for (let k = 0; k < dim; k++) q[i * dim + k] -= dot * q[j * dim + k];
    }
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += q[i * dim + k] ** 2;
    for (let k = 0; k < dim; k++) q[i * dim + k] /= Math.sqrt(norm);
  }
  return q;
}

function rotate(q: Float64Array, z: Float64Array, n: number, dim: number): Float64Array {
  const h = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < dim; r++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += q[r * dim + k] * z[i * dim + k];
      h[i * dim + r] = s;
    }
  }
  return h;
}

const FIXED = { episodes: 20, evalSize: 2000, fitSamples: 2000, layers: 4 };

/**
 * The suite's claim without training in the loop (training is what the smoke bench measures):
 * an identified encoder h = Q g^-1(x) (Q a rotation) plans as well as LQR on the true latent,
 * for LQR and CEM, in 2 and 4 dimensions; an encoder that keeps one latent direction only, and
 * a constant one, cannot plan. Bugs this catches: a planner that ignores the goal or the model,
 * a latent model fitted on the wrong pairs, a regret measured against the wrong optimum.
 */
Deno.test("an identified encoder h = Qz plans near-optimally; collapsed and constant encoders fail", async () => {
  for (const [dim, planner] of [[2, "lqr"], [2, "cem"], [4, "lqr"]] as const) {
    const seed = 1337;
    const w = planningWorld(planningCase({ mixing: "coupling", dim, planner, ...FIXED }), seed);
    const inverse = invertCoupling(w.mixing!);
    const q = rotation(dim, seed);
    const ident = await evaluatePlanning(
      w,
      hostEncoder(dim, (x, n) => rotate(q, inverse.apply(x, n), n, dim)),
      seed,
    );
    const label = `N${dim}/${planner}`;
    const m = ident.metrics;
    assert.ok(m.r2_hz > 0.999, `${label}: r2_hz ${m.r2_hz}`);
    assert.ok(m.model_r2 > 0.9, `${label}: model_r2 ${m.model_r2}`);
    assert.ok(
      m.cost_ratio > 0.95 && m.cost_ratio < (planner === "lqr" ? 1.01 : 1.1),
      `${label}: cost ratio ${m.cost_ratio}`,
    );
    assert.ok(
      m.success_rate >= 0.9 * m.optimal_success_rate,
      `${label}: success ${m.success_rate}`,
    );
    assert.ok(ident.flags.procrustes_within_bound, `${label}: procrustes within bound`);

    // Only the first latent direction survives: the goal is unreachable in the other.
    const oneAxis = await evaluatePlanning(
      w,
      hostEncoder(dim, (x, n) => {
        const z = inverse.apply(x, n);
        for (let i = 0; i < n; i++) for (let k = 1; k < dim; k++) z[i * dim + k] = 0;
        return z;
      }),
      seed,
    );
    assert.ok(
      oneAxis.metrics.cost_ratio > 3 * m.cost_ratio,
      `${label}: one-axis cost ratio ${oneAxis.metrics.cost_ratio} vs ${m.cost_ratio}`,
    );
    assert.ok(oneAxis.metrics.success_rate < 0.5 * m.success_rate, `${label}: one-axis success`);

    const constant = await evaluatePlanning(
      w,
      hostEncoder(dim, (_x, n) => new Float64Array(n * dim).fill(0.5)),
      seed,
    );
    assert.ok(constant.flags.collapsed, `${label}: a constant encoder is flagged collapsed`);
    assert.ok(
      !(constant.metrics.success_rate >= 0.5 * m.success_rate),
      `${label}: constant encoder success ${constant.metrics.success_rate}`,
    );
    assert.ok(
      !(constant.metrics.cost_ratio <= 3 * m.cost_ratio),
      `${label}: constant encoder cost ratio ${constant.metrics.cost_ratio}`,
    );
  }
});
