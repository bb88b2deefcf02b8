import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import type { Comparison } from "../../src/cli/compare.ts";
import type { CommitHistory, Ranking } from "../../src/core/analysis/mod.ts";
import { openStore } from "../../src/core/store/sqlite.ts";
import type { Suite } from "../../src/core/suite.ts";
import { loadSuite } from "../../src/suites/registry.ts";
import {
  computeCompare,
  computeHistory,
  computeLeaderboard,
  DashboardData,
  parseCompareState,
  parseHistoryState,
  parseLeaderboardState,
} from "../../dashboard/data/mod.ts";
import { planningRecord, writePlanningStore } from "../fixtures/planning_store.ts";
import { makeHeader } from "../fixtures/records.ts";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  const code = await main(args, io);
  return { code, out, err };
}

const dir = await Deno.makeTempDir({ prefix: "jepa-bench-analysis-" });
const path = writePlanningStore(`${dir}/results.db`);
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const planning = await loadSuite("planning");

function dashboard(suite: Suite = planning) {
  const store = openStore(path, { readOnly: true });
  const ds = new DashboardData(store, { suites: [suite] }).dataset("planning")!;
  return { ds, close: () => store.close() };
}

function board(ds: ReturnType<typeof dashboard>["ds"], metric: string) {
  return computeLeaderboard(ds, parseLeaderboardState(new URLSearchParams({ metric }), ds));
}

async function rankCli(metric: string): Promise<Ranking> {
  const r = await cli([
    "rank",
    "--suite",
    "planning",
    "--metric",
    metric,
    "--store",
    path,
    "--json",
  ]);
  assert.equal(r.code, 0, r.err);
  return (JSON.parse(r.out) as Ranking[])[0];
}

const METRICS = [
  "regret_median",
  "success_rate",
  "achieved_cost",
  "effective_rank",
  "fit_svd_ms_mean",
];
const close = (x: number, y: number) =>
  (Number.isNaN(x) && Number.isNaN(y)) || Math.abs(x - y) < 1e-9;

Deno.test("the CLI and the dashboard give the same entries, tasks, values, order and verdicts", async () => {
  const { ds, close: done } = dashboard();
  try {
    for (const metric of METRICS) {
      const fromCli = await rankCli(metric);
      const view = board(ds, metric);
      assert.deepEqual(view.tasks, fromCli.tasks, `${metric}: tasks`);
      assert.equal(view.ranked, fromCli.ranked, `${metric}: ranked or not`);
      assert.deepEqual(
        view.rows.map((r) => [r.entry.key, r.rank]),
        fromCli.rows.map((r) => [r.entry, r.rank]),
        `${metric}: order and ranks`,
      );
      view.rows.forEach((r, i) => {
        const c = fromCli.rows[i];
        assert.ok(close(r.mean, c.mean) && close(r.ciLow, c.ciLow) && close(r.ciHigh, c.ciHigh));
        assert.equal(r.values, c.n);
      });
      const cmp = await cli([
        "compare",
        "sigreg",
        "none",
        "--suite",
        "planning",
        "--metric",
        metric,
        "--store",
        path,
        "--json",
      ]);
      assert.equal(cmp.code, 0, cmp.err);
      const all = (JSON.parse(cmp.out) as Comparison).metrics[0].overall!;
      const h2h = computeCompare(ds, parseCompareState(new URLSearchParams("a=sigreg&b=none"), ds))
        .metrics.find((m) => m.metric.name === metric)!;
      assert.ok(close(h2h.diff, all.diff) && close(h2h.ciLow, all.ciLow), `${metric}: B - A`);
      assert.ok(close(h2h.aMean, all.meanA) && close(h2h.bMean, all.meanB));
      const expected = all.verdict === null
        ? "unknown"
        : all.verdict === "better"
        ? "b"
        : all.verdict === "worse"
        ? "a"
        : "none";
      assert.equal(h2h.verdict, expected, `${metric}: verdict`);
    }
  } finally {
    done();
  }
});

Deno.test("achieved_cost is declared lower-is-better: sigreg ranks first and the collapsed none last", async () => {
  const { ds, close: done } = dashboard();
  try {
    const view = board(ds, "achieved_cost");
    assert.equal(view.metric.direction, "lower");
    assert.deepEqual(view.rows.map((r) => r.entry.key), ["sigreg", "whitening", "none"]);
    assert.deepEqual((await rankCli("achieved_cost")).rows.map((r) => r.entry), [
      "sigreg",
      "whitening",
      "none",
    ]);
  } finally {
    done();
  }
  // Before, a suite that did not declare it got a direction guessed from the name ("higher"),
  // which ranked none first. Undeclared now means: values shown, never ranked.
  const undeclared = {
    ...planning,
    metrics: planning.metrics.filter((m) => m.name !== "achieved_cost"),
  };
  const old = dashboard(undeclared);
  try {
    const view = board(old.ds, "achieved_cost");
    assert.equal(view.metric.direction, "unknown");
    assert.equal(view.ranked, false);
    assert.ok(view.rows.every((r) => r.rank === null));
    assert.ok(view.rows.every((r) => Number.isFinite(r.mean)), "values are still shown");
    const h2h = computeCompare(
      old.ds,
      parseCompareState(new URLSearchParams("a=sigreg&b=none"), old.ds),
    );
    assert.equal(h2h.metrics.find((m) => m.metric.name === "achieved_cost")!.verdict, "unknown");
  } finally {
    old.close();
  }
});

Deno.test("entries with different task sets are ranked on their common tasks, which are named", async () => {
  const lqr = ["state/gaussian/N2/lqr/full", "state/gaussian/N4/lqr/full"];
  const r = await rankCli("regret_median");
  assert.deepEqual(r.tasks, lqr); // whitening ran no CEM task
  assert.deepEqual(r.rows.map((x) => [x.entry, x.extraTasks]), [
    ["sigreg", 2],
    ["whitening", 0],
    ["none", 2],
  ]);
  const text = await cli(["rank", "--suite", "planning", "--store", path]);
  assert.match(
    text.out,
    /over 2 common task\(s\): state\/gaussian\/N2\/lqr\/full, state\/gaussian\/N4\/lqr\/full/,
  );
  const { ds, close: done } = dashboard();
  try {
    assert.deepEqual(board(ds, "regret_median").tasks, lqr);
  } finally {
    done();
  }
});

Deno.test("planners are never pooled: LQR and CEM are different tasks", async () => {
  const cmp = JSON.parse(
    (await cli([
      "compare",
      "sigreg",
      "none",
      "--suite",
      "planning",
      "--metric",
      "achieved_cost",
      "--store",
      path,
      "--json",
    ])).out,
  ) as Comparison;
  const m = cmp.metrics[0];
  assert.deepEqual(m.tasks, [
    "state/gaussian/N2/cem/full",
    "state/gaussian/N2/lqr/full",
    "state/gaussian/N4/cem/full",
    "state/gaussian/N4/lqr/full",
  ]);
  for (const row of m.rows) {
    const planner = row.task.includes("/lqr/") ? "lqr" : "cem";
    const want = { lqr: [10, 40], cem: [14, 30] }[planner];
    assert.ok(Math.abs(row.meanA - want[0]) < 0.21, `${row.task}: sigreg ${row.meanA}`);
    assert.ok(Math.abs(row.meanB - want[1]) < 0.21, `${row.task}: none ${row.meanB}`);
    assert.equal(row.verdict, "worse");
  }
  const { ds, close: done } = dashboard();
  try {
    const detail = computeCompare(
      ds,
      parseCompareState(new URLSearchParams("a=sigreg&b=none"), ds),
    ).metrics.find((x) => x.metric.name === "achieved_cost")!.detail;
    assert.deepEqual(detail.tasks, m.tasks);
    assert.deepEqual(detail.rows.map((r) => r.meanA), m.rows.map((r) => r.meanA));
  } finally {
    done();
  }
});

Deno.test("a metric with a target N ranks by the distance to N", async () => {
  const r = await rankCli("effective_rank");
  assert.deepEqual(r.goal, { kind: "target", target: "dim" });
  assert.deepEqual(r.rows.map((x) => x.entry), ["sigreg", "whitening", "none"]);
  assert.ok(r.rows[0].mean < 0.1, `sigreg is within 0.1 of N: ${r.rows[0].mean}`);
  const text = await cli([
    "rank",
    "--suite",
    "planning",
    "--metric",
    "effective_rank",
    "--store",
    path,
  ]);
  assert.match(text.out, /should equal N: \|effective_rank - N\|, lower is better/);
});

Deno.test("history over commits: the CLI's points and change points are the dashboard's series", async () => {
  const hpath = `${dir}/history.db`;
  const store = openStore(hpath);
  for (let c = 0; c < 8; c++) {
    const runId = `2026040${c}T000000Z-${String(c).repeat(6)}`;
    store.beginRun(makeHeader({
      runId,
      suite: { id: "planning", version: 3 },
      startedAt: `2026-04-0${c + 1}T00:00:00.000Z`,
      git: { commit: `${c}`.repeat(12) + "abcd", dirty: false, branch: "main" },
    }));
    for (const entry of ["sigreg", "none"]) {
      for (const planner of ["lqr", "cem"]) {
        for (const seed of [0, 1, 2]) {
          // sigreg regresses (its cost rises by 5) from the fifth commit on.
          const shift = entry === "sigreg" && c >= 4 ? 5 : 0;
          store.putResult({ ...planningRecord(runId, entry, planner, 2, seed, shift), runId });
        }
      }
    }
  }
  store.close();
  const out = await cli([
    "history",
    "planning",
    "achieved_cost",
    "--entry",
    "sigreg",
    "--store",
    hpath,
    "--json",
  ]);
  assert.equal(out.code, 0, out.err);
  const h = JSON.parse(out.out) as CommitHistory;
  assert.equal(h.points.length, 8);
  assert.deepEqual(h.changes.map((c) => [c.index, c.kind]), [[4, "regression"]]);
  const ro = openStore(hpath, { readOnly: true });
  try {
    const ds = new DashboardData(ro, { suites: [planning] }).dataset("planning")!;
    const view = computeHistory(
      ds,
      parseHistoryState(new URLSearchParams("metric=achieved_cost"), ds),
    );
    const sig = view.series.find((s) => s.entry === "sigreg")!;
    assert.deepEqual(view.runs.map((r) => r.commit), h.points.map((p) => p.commit));
    sig.values.forEach((v, i) => assert.ok(close(v!, h.points[i].value), `point ${i}`));
    assert.deepEqual(sig.changePoints, h.changes.map((c) => c.index));
    assert.deepEqual(sig.changeKinds, h.changes.map((c) => c.kind));
  } finally {
    ro.close();
  }
});
