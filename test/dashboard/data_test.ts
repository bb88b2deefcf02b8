import assert from "node:assert/strict";
import { FIXTURE_SUITES, makeFixtureStore } from "../fixtures/dashboard_fixtures.ts";
import { MemoryStore } from "../fixtures/memory_store.ts";
import { makeCompleted, makeHeader } from "../fixtures/records.ts";
import type { Suite } from "../../src/core/suite.ts";
import {
  compareQuery,
  computeCompare,
  computeHistory,
  computeLeaderboard,
  computeRunView,
  DashboardData,
  historyQuery,
  leaderboardQuery,
  parseCompareState,
  parseHistoryState,
  parseLeaderboardState,
  runIdFromSlug,
  runSlug,
} from "../../dashboard/data/mod.ts";

const data = new DashboardData(makeFixtureStore(), { suites: FIXTURE_SUITES });
const ident = data.dataset("identifiability")!;
const gen = data.dataset("generalization")!;

function board(ds = ident, query = "") {
  return computeLeaderboard(ds, parseLeaderboardState(new URLSearchParams(query), ds));
}

Deno.test("leaderboard ranks higher-is-better metrics from high to low", () => {
  const view = board();
  assert.equal(view.metric.name, "r2");
  const means = view.rows.map((r) => r.mean);
  for (let i = 1; i < means.length; i++) {
    assert.ok(means[i - 1] >= means[i], `row ${i} out of order`);
  }
  const names = view.rows.map((r) => r.entry.name);
  assert.ok(names.indexOf("sigreg") < names.indexOf("vicreg"));
  assert.equal(names.at(-1), "none"); // alignment only collapses
  for (const r of view.rows) {
    assert.ok(r.ciLow <= r.mean && r.mean <= r.ciHigh, `${r.entry.name}: mean outside its CI`);
    assert.equal(r.seeds, 3);
  }
  // Ranked on the tasks every entry ran: the submissions ran gaussian and laplace at N 2, 8, 32.
  assert.deepEqual(view.tasks, [
    "coupling/gaussian/N2",
    "coupling/gaussian/N32",
    "coupling/gaussian/N8",
    "coupling/laplace/N2",
    "coupling/laplace/N32",
    "coupling/laplace/N8",
  ]);
  assert.match(view.interval, /^mean over 6 common tasks of the per-task seed means; 95 % /);
});

Deno.test("a leaderboard row over one case and seeds is that case's t-interval", () => {
  const one = board(ident, "law=gaussian&dim=8&backend=wasm");
  const sig = one.rows.find((r) => r.entry.name === "sigreg")!;
  assert.equal(sig.cases, 1);
  // Stratified t over one stratum reduces to mean ± t_{0.975,n-1} sd / sqrt(n): wider with
  // fewer seeds, and never zero-width unless the values are equal.
  assert.ok(sig.ciLow < sig.mean && sig.mean < sig.ciHigh);
  assert.match(one.interval, /over 1 task × \d seeds a task/);
});

Deno.test("leaderboard ranks lower-is-better metrics from low to high", () => {
  const view = board(gen, "metric=regret");
  assert.equal(view.metric.direction, "lower");
  assert.deepEqual(view.rows.map((r) => r.entry.name), ["spectral", "spectral-sgd"]);
  assert.ok(view.rows[0].mean < view.rows[1].mean);
});

Deno.test("leaderboard filters by law and dimension and keeps them in the URL", () => {
  const gaussian = board(ident, "law=gaussian");
  const laplace = board(ident, "law=laplace");
  const sig = (v: typeof gaussian) => v.rows.find((r) => r.entry.name === "sigreg")!;
  assert.ok(sig(laplace).mean < sig(gaussian).mean - 0.03, "laplace latents identify worse");
  // One law: five dimensions, but the submissions ran three, so all are ranked on those three.
  assert.equal(sig(laplace).cases, 3);
  const n8 = board(ident, "dim=8&backend=wasm");
  assert.equal(sig(n8).cases, 2); // one dimension: the two laws every entry ran
  assert.deepEqual(sig(n8).backends, ["wasm"]);
  const q = leaderboardQuery(n8.state, ident);
  assert.equal(q, "suite=identifiability&metric=r2&backend=wasm&dim=8");
  assert.deepEqual(parseLeaderboardState(new URLSearchParams(q), ident), n8.state);
});

Deno.test("leaderboard sorts by a column without changing ranks", () => {
  const byName = board(ident, "sort=name&dir=desc");
  const names = byName.rows.map((r) => r.entry.name);
  assert.deepEqual(names, [...names].sort((a, b) => b.localeCompare(a)));
  const ranks = new Map(board().rows.map((r) => [r.entry.key, r.rank]));
  for (const r of byName.rows) assert.equal(r.rank, ranks.get(r.entry.key));
});

Deno.test("leaderboard marks CI-verified entries and submissions", () => {
  const status = new Map(board().rows.map((r) => [r.entry.name, r.status]));
  assert.equal(status.get("sigreg"), "verified");
  assert.equal(status.get("moment-match-k4"), "submitted");
  // With three commits the newest run is a local (unverified) one.
  const local = new DashboardData(makeFixtureStore({ commits: 3 }), { suites: FIXTURE_SUITES });
  const ds = local.dataset("identifiability")!;
  const st = new Map(board(ds).rows.map((r) => [r.entry.name, r.status]));
  assert.equal(st.get("sigreg"), "local");
});

Deno.test("head-to-head finds the better regulariser and draws R2 against N per law", () => {
  const state = parseCompareState(new URLSearchParams("a=sigreg&b=vicreg"), ident);
  const view = computeCompare(ident, state, [ident, gen]);
  const r2 = view.metrics.find((m) => m.metric.name === "r2")!;
  // B - A with A = sigreg the reference: vicreg is lower.
  assert.ok(r2.diff < -0.03 && r2.ciHigh < 0, `diff ${r2.diff} [${r2.ciLow}, ${r2.ciHigh}]`);
  assert.equal(r2.verdict, "a");
  assert.equal(r2.pBetter, 0);
  assert.equal(r2.method, "stratified"); // over the common tasks, each paired on seeds 0-2
  assert.match(
    view.interval,
    /^B - A; 95% CI = 95 % paired t-interval of the difference over 3 shared seeds; "all": /,
  );
  const mse = view.metrics.find((m) => m.metric.name === "procrustesMse")!;
  assert.equal(mse.verdict, "a"); // lower MSE is better for sigreg
  const chart = view.charts.find((c) => c.suite === "identifiability")!;
  assert.equal(chart.xKey, "N");
  assert.equal(chart.series.length, 6); // 2 entries × 3 laws
  assert.deepEqual(chart.series[0].points.map((p) => p.x), [2, 8, 32, 128, 1024]);
  assert.equal(compareQuery(state, ident), "suite=identifiability&a=sigreg&b=vicreg");
  const same = computeCompare(
    ident,
    parseCompareState(new URLSearchParams("a=sigreg&b=sigreg"), ident),
  );
  for (const m of same.metrics) assert.equal(m.verdict, "none");
});

Deno.test("head-to-head of objectives draws regret against k", () => {
  const view = computeCompare(gen, parseCompareState(new URLSearchParams(), gen), [ident, gen]);
  const chart = view.charts.find((c) => c.suite === "generalization")!;
  assert.equal(chart.xKey, "k");
  const spectral = chart.series.find((s) => s.label === "spectral")!;
  const best = spectral.points.reduce((a, b) => (b.y < a.y ? b : a));
  assert.equal(best.x, 6); // U-shape with its minimum at the planted rank
  const curves = view.charts.find((c) => c.suite === "generalization-k")!;
  assert.equal(curves.title, "Generalization and planning regret: regret against k");
  const n4 = curves.series.find((s) =>
    s.label === "spectral · random-rank6/k6/spectral · regret@n=10000"
  )!;
  assert.deepEqual(n4.points.map((p) => p.x), [2, 4, 6, 8, 16, 32]);
  assert.equal(n4.points.reduce((a, b) => (b.y < a.y ? b : a)).x, 6);
});

Deno.test("history finds the injected regression as a change point", () => {
  const view = computeHistory(ident, parseHistoryState(new URLSearchParams("metric=r2"), ident));
  const vicreg = view.series.find((s) => s.label === "vicreg")!;
  assert.deepEqual(vicreg.changePoints, [4]);
  assert.ok(vicreg.values[4]! < vicreg.values[3]! - 0.02);
  const sigreg = view.series.find((s) => s.label === "sigreg")!;
  assert.deepEqual(sigreg.changePoints, []);
  assert.ok(sigreg.baseline !== null && Math.abs(sigreg.baseline - sigreg.values[2]!) < 0.01);
  assert.equal(view.runs.length, 8); // commits only: no baseline, no submission
  assert.ok(view.series.every((s) => !s.label.includes("moment-match")));
  const grouped = computeHistory(
    ident,
    parseHistoryState(new URLSearchParams("group=entry-law&q=laplace"), ident),
  );
  assert.ok(
    grouped.series.length === 7 && grouped.series.every((s) => s.label.endsWith("· laplace")),
  );
  assert.equal(
    historyQuery(grouped.state),
    "suite=identifiability&metric=r2&group=entry-law&q=laplace",
  );
});

Deno.test("run view lists every record with its failure and curves", () => {
  const id = data.runIds().find((r) => r.endsWith("-id7"))!;
  const view = computeRunView(data.run(id)!, ident.suite.metrics);
  assert.equal(view.rows.length, 315);
  assert.deepEqual(view.counts, { completed: 314, failed: 1, skipped: 0 });
  const failed = view.rows.find((r) => r.status === "failed")!;
  assert.equal(failed.note, "nan at step 812: loss is NaN");
  assert.deepEqual(view.metricNames, ["r2", "procrustesMse", "orthError"]);
  assert.equal(view.curves.loss.length, 315);
  assert.equal(view.curves.sigreg.length, 314);
});

Deno.test("run slugs round-trip and never contain path separators", () => {
  for (const id of ["2026-01-05T09-00-00-id0", "../../etc/passwd", "a/b", "r-2e", "ü ✓", ".."]) {
    const slug = runSlug(id);
    assert.match(slug, /^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    assert.ok(!slug.includes(".."));
    assert.equal(runIdFromSlug(slug), id);
  }
  assert.equal(runIdFromSlug("r-zz"), null);
  assert.equal(runIdFromSlug(".."), null);
});

Deno.test("head-to-head compares two entries on the tasks both ran, not on everything each ran", () => {
  const store = new MemoryStore();
  const header = makeHeader({ runId: "pair-run", suite: { id: "pairs", version: 1 } });
  store.beginRun(header);
  const put = (caseId: string, entry: string, seed: number, score: number) => {
    const r = makeCompleted("pair-run", caseId, seed, { score });
    store.putResult({ ...r, suite: "pairs", suiteVersion: 1, params: { regulariser: entry } });
  };
  for (const seed of [0, 1, 2]) {
    put("a/easy", "a", seed, 0.9 + seed * 0.001);
    put("b/easy", "b", seed, 0.8 + seed * 0.001);
    put("a/hard", "a", seed, 0.1 + seed * 0.001); // only A ran the hard task
  }
  const suite: Suite = {
    id: "pairs",
    version: 1,
    title: "pairs",
    description: "",
    metrics: [{ name: "score", description: "", direction: "higher", margin: 0.01, primary: true }],
    profiles: {},
    runCase: () => Promise.resolve({ metrics: {} }),
  };
  const ds = new DashboardData(store, { suites: [suite] }).dataset("pairs")!;
  const view = computeCompare(ds, parseCompareState(new URLSearchParams("a=a&b=b"), ds));
  const score = view.metrics.find((m) => m.metric.name === "score")!;
  assert.ok(
    Math.abs(score.aMean - 0.901) < 1e-9,
    `A's mean is over the common task: ${score.aMean}`,
  );
  assert.equal(score.verdict, "a");
});
