import assert from "node:assert/strict";
import {
  ALIGNMENT_COLLAPSES,
  BOUND_SIGREG,
  BOUND_WHITENING,
  type Claim,
  claimById,
  claimInputFromDocuments,
  CLAIMS,
  type ClaimVerdict,
  evaluateClaims,
  GAUSSIAN_IDENTIFIED,
  PLANNING_NEAR_OPTIMAL,
  REGRET_BELOW_BOUND,
  REGRET_U_SHAPED,
  SCALING_DIMS,
  SCALING_R2_HIGH,
  SIGREG_LINEAR_IN_BATCH,
} from "../../src/core/analysis/mod.ts";
import type { RunDocument } from "../../src/core/store/record.ts";
import {
  identifiabilityCase as ident,
  perfBatchSeries,
  planningCase,
  seeds,
  type SyntheticCase,
  syntheticRun,
  type SyntheticRunOptions,
} from "../fixtures/claim_records.ts";

const evaluate = (claim: Claim, ...docs: RunDocument[]) =>
  claim.evaluate(claimInputFromDocuments(docs));

function assertVerdict(claim: Claim, docs: RunDocument[], want: ClaimVerdict, reason?: RegExp) {
  const r = evaluate(claim, ...docs);
  assert.equal(r.verdict, want, `${claim.id}: ${r.reason}`);
  if (reason) assert.match(r.reason, reason);
  return r;
}

const MIXINGS = ["spiral", "banana", "sinusoid"];
const identRun = (cases: SyntheticCase[], options: SyntheticRunOptions = {}) =>
  syntheticRun("identifiability", 3, cases, options);

/** The 2D grid: a Gaussian and a gennorm(0.25) case per mixing, with per-mixing overrides. */
function grid2d(
  gaussian: Record<string, number[]> = {},
  gennorm: Record<string, number[]> = {},
): SyntheticCase[] {
  return MIXINGS.flatMap((m) => [
    ident(m, "gaussian", "sigreg", seeds({ grid_r2_hz: gaussian[m] ?? [0.95, 0.96, 0.97] })),
    ident(m, "gennorm(0.25)", "sigreg", seeds({ grid_r2_hz: gennorm[m] ?? [0.5, 0.55, 0.6] })),
  ]);
}

Deno.test("claim 1 holds when every Gaussian case is identified and every gennorm case lower", () => {
  const r = assertVerdict(
    GAUSSIAN_IDENTIFIED,
    [identRun(grid2d())],
    "holds",
    /holds in smoke on wasm/,
  );
  const rows = r.evidence.filter((e) => e.check === "non-gaussian lower");
  assert.equal(rows.length, 3);
  assert.ok(rows.every((e) => e.verdict === "holds" && e.seeds === 3));
  // The evidence carries the t-interval of the case's mean (t_{0.975,2} = 4.303, sd 0.05).
  const half = 4.302652729911275 * 0.05 / Math.sqrt(3);
  const spiral = rows.find((e) => e.case.startsWith("spiral/"))!;
  assert.ok(Math.abs(spiral.ciLow - (0.55 - half)) < 1e-9 && Math.abs(spiral.value - 0.55) < 1e-12);
  assert.match(spiral.test, /^below spiral\/gaussian\/N2\/sigreg\/mlp 0\.96 \[/);
});

Deno.test("claim 1 fails when a gennorm interval reaches the Gaussian one, or a Gaussian case is not identified", () => {
  assertVerdict(
    GAUSSIAN_IDENTIFIED,
    [identRun(grid2d({}, { banana: [0.9, 0.94, 0.97] }))],
    "fails",
    /non-gaussian lower: banana\/gennorm\(0\.25\).*not disjoint/,
  );
  assertVerdict(
    GAUSSIAN_IDENTIFIED,
    [identRun(grid2d({ sinusoid: [0.5, 0.52, 0.55] }))],
    "fails",
    /gaussian identified: sinusoid\/gaussian/,
  );
});

Deno.test("claim 1 is inconclusive with too few seeds, a straddling interval or a mixing missing", () => {
  const twoSeeds = grid2d(
    Object.fromEntries(MIXINGS.map((m) => [m, [0.95, 0.96]])),
    Object.fromEntries(MIXINGS.map((m) => [m, [0.5, 0.6]])),
  );
  assertVerdict(GAUSSIAN_IDENTIFIED, [identRun(twoSeeds)], "inconclusive", /2 seeds, needs 3/);
  assertVerdict(
    GAUSSIAN_IDENTIFIED,
    [identRun(grid2d({ spiral: [0.85, 0.9, 0.95] }))],
    "inconclusive",
    /straddles/,
  );
  const noSinusoid = grid2d().filter((c) => !c.caseId.startsWith("sinusoid/"));
  assertVerdict(GAUSSIAN_IDENTIFIED, [identRun(noSinusoid)], "inconclusive", /mixing=sinusoid/);
  assertVerdict(GAUSSIAN_IDENTIFIED, [], "inconclusive", /no verified completed records/);
});

Deno.test("claims ignore unverified runs and say how many records they ignored", () => {
  // The unverified runs are the later ones: were they read, their values would win.
  const verified = identRun(grid2d());
  const failing = grid2d({ spiral: [0.1, 0.1, 0.1] });
  const dirty = identRun(failing, { git: { commit: "abc1234", dirty: true, branch: "x" } });
  const noCommit = identRun(failing, { git: { commit: null, dirty: false, branch: null } });
  const r = assertVerdict(GAUSSIAN_IDENTIFIED, [verified, dirty, noCommit], "holds");
  assert.equal(r.records.unverified, 36);
  assert.equal(r.records.used, 18);
  assert.equal(r.records.read, 54);
  // Only unverified runs: nothing to judge.
  const alone = assertVerdict(GAUSSIAN_IDENTIFIED, [dirty], "inconclusive");
  assert.equal(alone.records.unverified, 18);
  assert.equal(alone.evidence.length, 0);
});

Deno.test("claims ignore other suite versions, other profiles and submissions", () => {
  const verified = identRun(grid2d());
  const failing = grid2d({ spiral: [0.1, 0.1, 0.1] });
  const v1 = syntheticRun("identifiability", 1, failing);
  const ci = identRun(failing, { profile: "ci" });
  const sub = identRun(failing, { tags: { entry: "mine", submitter: "ada" } });
  const r = assertVerdict(GAUSSIAN_IDENTIFIED, [verified, v1, ci, sub], "holds");
  assert.deepEqual(
    [r.records.otherVersion, r.records.otherProfile, r.records.submission, r.records.used],
    [18, 18, 18, 18],
  );
});

Deno.test("records of an earlier suite version the claim names count, in cohorts of their own", () => {
  // identifiability@2 differs from @3 only in the smoke budget: its records count, never pooled.
  const v2 = syntheticRun("identifiability", 2, grid2d({ spiral: [0.1, 0.1, 0.1] }));
  const v3 = identRun(grid2d());
  const r = assertVerdict(
    GAUSSIAN_IDENTIFIED,
    [v3, v2],
    "fails",
    /smoke on wasm \(identifiability@2\)/,
  );
  assert.deepEqual(r.cohorts.map((c) => [c.cohort, c.verdict]), [
    ["smoke on wasm", "holds"],
    ["smoke on wasm (identifiability@2)", "fails"],
  ]);
  assert.equal(r.records.used, 36);
  assert.equal(r.records.otherVersion, 0);
  // Alone, the earlier version's records decide; a version the claim does not name never does.
  assertVerdict(GAUSSIAN_IDENTIFIED, [syntheticRun("identifiability", 2, grid2d())], "holds");
  const v1 = assertVerdict(
    GAUSSIAN_IDENTIFIED,
    [syntheticRun("identifiability", 1, grid2d())],
    "inconclusive",
    /no verified completed records of identifiability@3 \(and @2\)/,
  );
  assert.equal(v1.records.otherVersion, 18);
});

Deno.test("the latest verified run of a (case, seed) wins, and cohorts are never pooled", () => {
  const bad = identRun(grid2d({ banana: [0.3, 0.3, 0.3] }));
  const good = identRun(grid2d());
  assertVerdict(GAUSSIAN_IDENTIFIED, [bad, good], "holds");
  assertVerdict(
    GAUSSIAN_IDENTIFIED,
    [good, identRun(grid2d({ banana: [0.3, 0.3, 0.3] }))],
    "fails",
  );
  // The same cases on another backend are another cohort, judged on their own.
  const webgpu = identRun(grid2d({ banana: [0.3, 0.3, 0.3] }), { backend: "webgpu" });
  const r = assertVerdict(GAUSSIAN_IDENTIFIED, [good, webgpu], "fails", /fails in smoke on webgpu/);
  assert.deepEqual(r.cohorts, [
    { cohort: "smoke on wasm", verdict: "holds" },
    { cohort: "smoke on webgpu", verdict: "fails" },
  ]);
});

function boundCases(objective: string, mse: number[], bound: number[]): SyntheticCase[] {
  return MIXINGS.map((m) =>
    ident(m, "gaussian", objective, seeds({ procrustes_mse: mse, approx_bound: bound }))
  );
}

Deno.test("claim 2 (SIGReg bound) holds on every seed, fails on one seed over, needs 3 seeds", () => {
  assertVerdict(
    BOUND_SIGREG,
    [identRun(boundCases("sigreg", [0.01, 0.02, 0.03], [0.5, 0.5, 0.5]))],
    "holds",
  );
  const r = assertVerdict(
    BOUND_SIGREG,
    [identRun(boundCases("sigreg", [0.01, 0.6, 0.03], [0.5, 0.5, 0.5]))],
    "fails",
    /every seed: procrustes_mse <= approx_bound \(2\/3\)/,
  );
  assert.equal(r.evidence.filter((e) => e.verdict === "fails").length, 3);
  assertVerdict(
    BOUND_SIGREG,
    [identRun(boundCases("sigreg", [0.01, 0.02], [0.5, 0.5]))],
    "inconclusive",
  );
});

Deno.test("claim 2 for whitening reads only whitening cases", () => {
  const docs = [identRun([
    ...boundCases("sigreg", [0.9, 0.9, 0.9], [0.1, 0.1, 0.1]),
    ...boundCases("whitening", [0.01, 0.02, 0.03], [0.5, 0.5, 0.5]),
  ], { profile: "standard" })];
  assertVerdict(BOUND_WHITENING, docs, "holds");
  assertVerdict(BOUND_SIGREG, docs, "fails");
  const over = identRun(boundCases("whitening", [0.7, 0.8, 0.9], [0.5, 0.5, 0.5]), {
    profile: "paper",
  });
  assertVerdict(BOUND_WHITENING, [over], "fails", /fails in paper on wasm/);
  assertVerdict(
    BOUND_WHITENING,
    [identRun(boundCases("whitening", [0.1, 0.1, 0.1], [1, 1, 1]))],
    "inconclusive",
  );
});

function noneCase(collapsed: boolean[], trace: number[], r2: number[]): SyntheticCase {
  return ident(
    "spiral",
    "gaussian",
    "none",
    // A point mass: its effective rank is that of the noise (about 2), which must not matter.
    seeds({ trace_cov: trace, effective_rank: [1.9, 1.95, 1.97], r2_hz: r2 }),
    { steps: 100 },
    collapsed.map((c) => ({ collapsed: c, procrustes_within_bound: false })),
  );
}

Deno.test("claim 3 (alignment collapses) holds, fails on a seed that did not collapse, needs records", () => {
  const r = assertVerdict(
    ALIGNMENT_COLLAPSES,
    [identRun([noneCase([true, true, true], [1e-5, 2e-5, 1e-5], [0.01, 0.02, 0.0])])],
    "holds",
  );
  const flag = r.evidence.find((e) => e.check === "collapsed")!;
  assert.equal(flag.value, 1);
  assert.ok(Number.isNaN(flag.ciLow), "no t-interval of a 0/1 fraction");
  assertVerdict(
    ALIGNMENT_COLLAPSES,
    [identRun([noneCase([true, false, true], [1e-5, 2e-5, 1e-5], [0.01, 0.02, 0.0])])],
    "fails",
    /collapsed is true \(2\/3\)/,
  );
  assertVerdict(
    ALIGNMENT_COLLAPSES,
    [identRun([noneCase([true, true, true], [0.3, 0.5, 0.4], [0.01, 0.02, 0.0])])],
    "fails",
    /shrunk to a point/,
  );
  assertVerdict(ALIGNMENT_COLLAPSES, [identRun(grid2d())], "inconclusive", /no case matches/);
});

const perf = (exponent: number, options: SyntheticRunOptions = {}, batches?: number[]) =>
  syntheticRun("perf", 1, perfBatchSeries(exponent, batches), {
    profile: "scaling",
    firstSeed: 0,
    ...options,
  });

Deno.test("claim 4 (linear in batch) fits the log-log slope per backend", () => {
  const r = assertVerdict(SIGREG_LINEAR_IN_BATCH, [perf(1.05)], "holds");
  const fit = r.evidence.find((e) => e.metric === "slope(ms_step ~ batch)")!;
  assert.ok(Math.abs(fit.value - 1.05) < 1e-9, `slope ${fit.value}`);
  assert.equal(fit.seeds, 5);
  assert.equal(r.evidence.filter((e) => e.verdict === null).length, 5, "one row per point");
  assertVerdict(SIGREG_LINEAR_IN_BATCH, [perf(0.5)], "fails", /log-log slope in \[0\.8, 1\.2\]/);
  assertVerdict(SIGREG_LINEAR_IN_BATCH, [perf(1.5)], "fails");
  assertVerdict(
    SIGREG_LINEAR_IN_BATCH,
    [perf(1, {}, [64, 128, 256, 1024])],
    "inconclusive",
    /batch=512/,
  );
  assertVerdict(
    SIGREG_LINEAR_IN_BATCH,
    [perf(1), perf(0.3, { backend: "webgpu" })],
    "fails",
    /fails in scaling on webgpu/,
  );
});

const gen = (cases: SyntheticCase[], profile = "smoke") =>
  syntheticRun("generalization", 2, cases, { profile, firstSeed: 0 });

function genCase(
  id: string,
  values: Record<string, number[]>,
  flags?: Record<string, boolean>[],
): SyntheticCase {
  const planted = id.startsWith("planted-rank");
  const params: SyntheticCase["params"] = planted
    ? { env: "planted-rank", size: 64, rank: 6, uShapeN: 10000 }
    : { env: "chain", size: 16 };
  return {
    caseId: id,
    params,
    metrics: seeds(values),
    flags,
  };
}

Deno.test("claim 5 (regret ≤ bound) holds when every cell holds and fails on one seed below 1", () => {
  assertVerdict(REGRET_BELOW_BOUND, [gen([
    genCase("planted-rank-64-r6", { bound_holds_fraction: [1] }),
    genCase("chain-16", { bound_holds_fraction: [1] }),
  ])], "holds");
  assertVerdict(
    REGRET_BELOW_BOUND,
    [gen([
      genCase("planted-rank-64-r6", { bound_holds_fraction: [1] }),
      genCase("chain-16", { bound_holds_fraction: [0.98] }),
    ])],
    "fails",
    /chain-16/,
  );
  assertVerdict(REGRET_BELOW_BOUND, [
    gen([genCase("chain-16", { bound_holds_fraction: [1] })], "other"),
  ], "inconclusive");
});

Deno.test("claim 6 (U-shape) holds near the planted rank, fails far from it or without the U", () => {
  const u = (argmin: number[], shaped: boolean[]) =>
    gen([
      genCase(
        "planted-rank-64-r6",
        { u_shape_argmin_k: argmin },
        shaped.map((s) => ({ regret_u_shaped: s })),
      ),
    ]);
  assertVerdict(REGRET_U_SHAPED, [u([5], [true])], "holds");
  assertVerdict(
    REGRET_U_SHAPED,
    [u([12], [true])],
    "fails",
    /\|u_shape_argmin_k - param rank\| <= 2 \(0\/1\)/,
  );
  assertVerdict(REGRET_U_SHAPED, [u([6], [false])], "fails", /regret_u_shaped is true/);
  assertVerdict(
    REGRET_U_SHAPED,
    [gen([genCase("chain-16", { bound_holds_fraction: [1] })])],
    "inconclusive",
  );
});

const plan = (cases: SyntheticCase[], profile = "smoke") =>
  syntheticRun("planning", 3, cases, { profile });

Deno.test("claim 7 (planning) holds near optimal and far for gennorm(0.25), else fails or waits", () => {
  const gaussian = [
    planningCase("spiral", "gaussian", "lqr", [1.05, 1.07, 1.1]),
    planningCase("spiral", "gaussian", "cem", [1.1, 1.12, 1.15]),
  ];
  const far = planningCase("spiral", "gennorm(0.25)", "lqr", [20, 23, 26]);
  assertVerdict(PLANNING_NEAR_OPTIMAL, [plan([...gaussian, far])], "holds");
  assertVerdict(
    PLANNING_NEAR_OPTIMAL,
    [plan([...gaussian, planningCase("spiral", "gennorm(0.25)", "lqr", [1.2, 1.3, 1.25])])],
    "fails",
    /gennorm\(0\.25\) far/,
  );
  assertVerdict(PLANNING_NEAR_OPTIMAL, [plan(gaussian)], "inconclusive", /gennorm\(0\.25\) far/);
  // The pixel reacher is not a state mixing: its cost ratio is not read.
  const reacher = planningCase("reacher", "gaussian", "lqr", [9, 9.5, 10]);
  assertVerdict(PLANNING_NEAR_OPTIMAL, [plan([...gaussian, far, reacher])], "holds");
});

function scalingCases(r2: (objective: string, dim: number) => number[]): SyntheticCase[] {
  return ["sigreg", "whitening", "infonce"].flatMap((objective) =>
    SCALING_DIMS.map((dim) =>
      ident("coupling", "gaussian", objective, seeds({ r2_hz: r2(objective, dim) }), {
        dim,
        steps: dim >= 256 ? 1000 : 2000,
      })
    )
  );
}

Deno.test("claim 8 (R² up to N = 1024) reads only the scaling profile", () => {
  const paperLike = (o: string, n: number) =>
    o === "infonce" && n >= 256 ? [0.7, 0.72, 0.75] : [0.999, 0.9992, 0.9995];
  const scaling = (r2: typeof paperLike) =>
    identRun(scalingCases(r2), { profile: "scaling", firstSeed: 0 });
  assertVerdict(SCALING_R2_HIGH, [scaling(paperLike)], "holds");
  assertVerdict(
    SCALING_R2_HIGH,
    [scaling((o, n) => o === "whitening" && n === 512 ? [0.9, 0.91, 0.92] : paperLike(o, n))],
    "fails",
    /whitening/,
  );
  assertVerdict(
    SCALING_R2_HIGH,
    [scaling((o, n) => o === "infonce" ? [0.999, 0.9992, 0.9995] : paperLike(o, n))],
    "fails",
    /infonce degrades/,
  );
  const r = assertVerdict(
    SCALING_R2_HIGH,
    [identRun(scalingCases(paperLike), { profile: "paper-scaling", firstSeed: 0 })],
    "inconclusive",
    /no verified completed records of identifiability@3 \(and @2\) in profile\(s\) scaling/,
  );
  assert.equal(r.records.otherProfile, 90);
});

Deno.test("every claim has a unique id, a version, a source and suites at a version", () => {
  assert.equal(new Set(CLAIMS.map((c) => c.id)).size, CLAIMS.length);
  for (const c of CLAIMS) {
    assert.ok(c.version >= 1 && c.source.length > 20 && c.suites.length > 0, c.id);
    assert.ok(c.checks.length > 0 && c.minSeeds >= 1, c.id);
  }
  assert.throws(
    () => claimById("nope"),
    /unknown claim "nope"; expected one of: identifiability\./,
  );
  const reports = evaluateClaims(claimInputFromDocuments([identRun(grid2d())]));
  assert.equal(reports.length, CLAIMS.length);
  assert.equal(reports[0].verdict, "holds");
  assert.ok(!("evaluate" in reports[0]), "a report is plain data");
  assert.deepEqual(JSON.parse(JSON.stringify(reports[0])).checks, GAUSSIAN_IDENTIFIED.checks);
});
