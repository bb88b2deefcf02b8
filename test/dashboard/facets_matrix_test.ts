/**
 * The dashboard's facet filters (made from the suites' declarations), the
 * leaderboard's per-case matrix, entry colours shared by every view, and
 * stored baselines on the run page's and the history's charts.
 */
import assert from "node:assert/strict";
import { FIXTURE_SUITES, makeFixtureRuns } from "../fixtures/dashboard_fixtures.ts";
import { MemoryStore } from "../fixtures/memory_store.ts";
import type { Suite } from "../../src/core/suite.ts";
import type { RunDocument } from "../../src/core/store/record.ts";
import { historyValue } from "../../src/core/analysis/mod.ts";
import {
  computeCompare,
  computeHistory,
  computeLeaderboard,
  computeRunView,
  DashboardData,
  leaderboardQuery,
  parseCompareState,
  parseHistoryState,
  parseLeaderboardState,
} from "../../dashboard/data/mod.ts";
import { RESERVED_PARAMS } from "../../dashboard/data/filters.ts";
import { entryColor, PALETTE } from "../../dashboard/components/palette.ts";
import { registeredSuites } from "../../dashboard/setup.ts";

const docs = makeFixtureRuns({ commits: 4 });
const store = new MemoryStore();
for (const d of docs) store.importDocument(d);
const data = new DashboardData(store, { suites: FIXTURE_SUITES });
const ident = data.dataset("identifiability")!;
const board = (query: string) =>
  computeLeaderboard(ident, parseLeaderboardState(new URLSearchParams(query), ident));

Deno.test("the filters are the suite's declared facets, with the values its results have", () => {
  assert.deepEqual(ident.facets.map((f) => f.name), ["mixing", "law", "dim", "case"]);
  assert.deepEqual(ident.facets[2].values, ["2", "8", "32", "128", "1024"]);
  assert.deepEqual(ident.facets[1].values, ["gaussian", "gennorm(0.5)", "laplace"]);
  const one = board("case=coupling/laplace/N8");
  assert.deepEqual(one.tasks, ["coupling/laplace/N8"]);
  assert.equal(
    leaderboardQuery(one.state, ident),
    "suite=identifiability&metric=r2&case=coupling%2Flaplace%2FN8",
  );
  // A value the results do not have is no filter.
  assert.deepEqual(board("law=cauchy").state.facets, {});
});

Deno.test("a new facet in a suite's declarations is a filter with no dashboard code", () => {
  const declared: Suite[] = FIXTURE_SUITES.map((s) =>
    s.id === "identifiability"
      ? {
        ...s,
        facets: [
          { name: "regulariser", label: "Regulariser", param: "regulariser" },
          { name: "metric", label: "Clashes with the page's own parameter", param: "law" },
        ],
      }
      : s
  );
  const ds = new DashboardData(store, { suites: declared }).dataset("identifiability")!;
  assert.deepEqual(ds.facets.map((f) => f.name), ["regulariser"], "reserved names are left out");
  const view = computeLeaderboard(
    ds,
    parseLeaderboardState(new URLSearchParams("regulariser=vicreg"), ds),
  );
  assert.deepEqual(view.rows.map((r) => r.entry.key), ["vicreg"]);
});

Deno.test("no registered suite declares a facet named like a page's URL parameter", async () => {
  for (const s of await registeredSuites()) {
    for (const f of s.facets ?? []) {
      assert.ok(!RESERVED_PARAMS.includes(f.name), `${s.id}: facet ${f.name} is reserved`);
    }
  }
});

Deno.test("the matrix view has a row per task and a column per entry, the best marked by direction", () => {
  const view = board("view=matrix&law=gaussian");
  assert.ok(view.matrix !== null);
  assert.equal(board("").matrix, null, "the ranking computes no matrix");
  const { table, columns } = view.matrix!;
  assert.deepEqual(columns.map((c) => c.entry.key), view.rows.map((r) => r.entry.key));
  assert.equal(table.tasks.length, 5, "gaussian at five N");
  for (const t of table.tasks) {
    const row = Object.entries(table.cells[t]);
    const top = Math.max(...row.map(([, c]) => c.mean));
    assert.deepEqual(table.best[t], row.filter(([, c]) => c.mean === top).map(([e]) => e));
    for (const [, c] of row) assert.ok(c.ciLow <= c.mean && c.mean <= c.ciHigh && c.n === 3);
  }
  assert.ok(!table.best["coupling/gaussian/N2"].includes("none"), "alignment only collapses");
  const lower = board("view=matrix&metric=procrustesMse").matrix!.table;
  const row = Object.entries(lower.cells["coupling/gaussian/N8"]);
  const min = Math.min(...row.map(([, c]) => c.mean));
  assert.deepEqual(
    lower.best["coupling/gaussian/N8"],
    row.filter(([, c]) => c.mean === min).map(([e]) => e),
  );
  assert.equal(
    leaderboardQuery(view.state, ident),
    "suite=identifiability&metric=r2&view=matrix&law=gaussian",
  );
});

Deno.test("the matrix marks nothing for a metric whose direction is not declared", () => {
  const undeclared = FIXTURE_SUITES.map((s) =>
    s.id === "identifiability"
      ? { ...s, metrics: s.metrics.filter((m) => m.name !== "orthError") }
      : s
  );
  const ds = new DashboardData(store, { suites: undeclared }).dataset("identifiability")!;
  const view = computeLeaderboard(
    ds,
    parseLeaderboardState(new URLSearchParams("view=matrix&metric=orthError"), ds),
  );
  assert.equal(view.metric.direction, "unknown");
  assert.ok(view.matrix!.table.tasks.length > 0);
  assert.ok(Object.values(view.matrix!.table.best).every((b) => b.length === 0));
});

Deno.test("an entry has the same colour in every view, from the declared entries' order", () => {
  const order = data.entryOrder();
  assert.deepEqual(order.slice(0, 3), ["sigreg", "whitening", "vicreg"]);
  const want = (key: string) => entryColor(key, order);
  assert.equal(want("whitening"), PALETTE[1]);
  for (const r of board("").rows) assert.equal(r.color, want(r.entry.key), r.entry.key);
  for (const c of board("view=matrix").matrix!.columns) assert.equal(c.color, want(c.entry.key));
  const history = computeHistory(ident, parseHistoryState(new URLSearchParams(), ident));
  for (const s of history.series) assert.equal(s.color, want(s.entry), s.label);
  const cmp = computeCompare(
    ident,
    parseCompareState(new URLSearchParams("a=vicreg&b=sigreg"), ident),
  );
  assert.deepEqual(cmp.colors, { a: want("vicreg"), b: want("sigreg") });
  const run = data.run(data.runIds().find((id) => id.includes("-id"))!)!;
  const curves = computeRunView(run, ident.suite.metrics, { entryOrder: order }).curves.loss;
  for (const c of curves) assert.equal(c.color, want(c.label.split(" ")[0].split("/").at(-1)!));
  // Another suite's dataset uses the same order, so the colours do not depend on the page.
  assert.equal(data.dataset("generalization")!.colors.length, 2);
  assert.notEqual(want("sub:moment-match-k4"), undefined);
});

function baselineOf(doc: RunDocument, runId: string, profile = doc.header.profile): RunDocument {
  return {
    ...doc,
    header: { ...doc.header, runId, profile, tags: { baseline: "ci-wasm" } },
    records: doc.records.map((r) => ({ ...r, runId, profile })),
  };
}

Deno.test("the run page's curves get the stored baseline of their suite version and profile", () => {
  const v2 = docs.filter((d) =>
    d.header.suite.id === "identifiability" && d.header.suite.version === 2 &&
    d.header.tags.baseline === undefined && d.header.tags.entry === undefined
  );
  const [older, newer] = [v2[0], v2.at(-1)!];
  const base = baselineOf(older, "stored-baseline");
  const withBase = new DashboardData(store, { suites: FIXTURE_SUITES, baselines: [base] });
  const found = withBase.baseline("identifiability", 2, "smoke")!;
  assert.ok(found !== null);
  assert.equal(withBase.baseline("identifiability", 2, "standard"), null);
  const view = computeRunView(newer, ident.suite.metrics, { baseline: found });
  assert.deepEqual(Object.keys(view.baselines), ["r2"], "only the curve named like a metric");
  const byCase = new Map<string, number[]>();
  for (const r of found.records) {
    if (r.status === "completed") {
      byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r.metrics.r2]);
    }
  }
  assert.equal(view.baselines.r2.value, historyValue(byCase.values()));
  assert.equal(view.baselines.r2.runId, found.header.runId);
  assert.deepEqual(computeRunView(found, ident.suite.metrics, { baseline: found }).baselines, {});
});

Deno.test("history draws a baseline only over series of its profile", () => {
  const v2 = docs.find((d) =>
    d.header.suite.id === "identifiability" && d.header.suite.version === 2
  )!;
  const line = (baselines: RunDocument[]) => {
    const s2 = new MemoryStore();
    for (const d of docs) if (d.header.tags.baseline === undefined) s2.importDocument(d);
    const ds = new DashboardData(s2, { suites: FIXTURE_SUITES, baselines }).dataset(
      "identifiability",
    )!;
    return computeHistory(ds, parseHistoryState(new URLSearchParams(), ds)).series
      .find((s) => s.entry === "sigreg")!.baseline;
  };
  assert.equal(line([]), null);
  assert.ok(line([baselineOf(v2, "b-smoke")]) !== null);
  assert.equal(
    line([baselineOf(v2, "b-ci", "ci")]),
    null,
    "a ci baseline is not drawn over smoke runs",
  );
});
