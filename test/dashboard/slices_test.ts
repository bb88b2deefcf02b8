import assert from "node:assert/strict";
import { FIXTURE_SUITES, makeFixtureStore } from "../fixtures/dashboard_fixtures.ts";
import {
  cellsOnly,
  computeCompare,
  computeHistory,
  computeLeaderboard,
  DashboardData,
  historySlice,
  parseCompareState,
  parseHistoryState,
  parseLeaderboardState,
  type SuiteDataset,
  withHistorySlice,
} from "../../dashboard/data/mod.ts";
import { createHandler } from "../../dashboard/server.ts";

const data = new DashboardData(makeFixtureStore(), { suites: FIXTURE_SUITES });
const suites = ["identifiability", "generalization"].map((id) => data.dataset(id)!);
/** What a browser gets: the JSON text parsed again. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x));

Deno.test("the cells and one metric's history give the history view of the whole dataset, for every metric and grouping", () => {
  let compared = 0;
  for (const ds of suites) {
    const cells = wire(cellsOnly(ds));
    for (const m of ds.suite.metrics) {
      const joined = withHistorySlice(cells, wire(historySlice(ds, m.name)!));
      for (const query of ["", "group=entry-law", "group=entry-dim", "q=sig"]) {
        const params = new URLSearchParams(`metric=${m.name}&${query}`);
        const state = parseHistoryState(params, ds);
        assert.equal(state.metric, m.name);
        assert.deepEqual(
          computeHistory(joined, parseHistoryState(params, joined)),
          computeHistory(ds, state),
          `${ds.suite.id} ${m.name} ${query}`,
        );
        compared++;
      }
    }
  }
  const metrics = suites.reduce((n, ds) => n + ds.suite.metrics.length, 0);
  assert.ok(metrics >= 5 && compared === 4 * metrics, `compared ${compared} views`);
  // A metric that only some runs have: the slice names fewer runs, the view is the same.
  const ident0 = suites[0];
  const mi = ident0.suite.metrics.findIndex((m) => m.name === "r2");
  const gappy: SuiteDataset = {
    ...ident0,
    history: ident0.history.map((p) =>
      p.r % 3 === 0 ? { ...p, m: p.m.map((v, j) => j === mi ? null : v) } : p
    ),
  };
  const part = wire(historySlice(gappy, "r2")!);
  assert.ok(part.runs.length < gappy.runs.length);
  for (const query of ["", "group=entry-law"]) {
    const params = new URLSearchParams(`metric=r2&${query}`);
    const joined = withHistorySlice(wire(cellsOnly(gappy)), part);
    assert.deepEqual(
      computeHistory(joined, parseHistoryState(params, joined)),
      computeHistory(gappy, parseHistoryState(params, gappy)),
    );
  }
  // Not vacuous: the fixture's history has change points that the joined view must find too.
  const ident = suites[0];
  const joined = withHistorySlice(cellsOnly(ident), historySlice(ident, "r2")!);
  const view = computeHistory(joined, parseHistoryState(new URLSearchParams("metric=r2"), joined));
  assert.deepEqual(view.series.find((s) => s.label === "vicreg")!.changePoints, [4]);
});

Deno.test("the cells give the leaderboard and head-to-head of the whole dataset", () => {
  for (const ds of suites) {
    const cells = wire(cellsOnly(ds));
    assert.equal(cells.history.length, 0);
    // Only the runs the cells name, each cell still naming its own run.
    assert.ok(cells.runs.length < ds.runs.length, `${cells.runs.length} of ${ds.runs.length} runs`);
    assert.deepEqual(cells.cells.map((c) => cells.runs[c.r]), ds.cells.map((c) => ds.runs[c.r]));
    for (const m of ds.suite.metrics) {
      const q = new URLSearchParams(`metric=${m.name}`);
      assert.deepEqual(
        computeLeaderboard(cells, parseLeaderboardState(q, cells)),
        computeLeaderboard(ds, parseLeaderboardState(q, ds)),
        `${ds.suite.id} ${m.name}`,
      );
    }
    const all = suites.map((s) => wire(cellsOnly(s)));
    assert.deepEqual(
      computeCompare(cells, parseCompareState(new URLSearchParams(), cells), all),
      computeCompare(ds, parseCompareState(new URLSearchParams(), ds), suites),
    );
  }
});

Deno.test("a history slice holds only the metric's points, exactly, and is a fraction of the dataset", () => {
  const ds = suites[0];
  const mi = ds.suite.metrics.findIndex((m) => m.name === "r2");
  const slice = historySlice(ds, "r2")!;
  const points = ds.history.filter((p) => p.m[mi] !== null);
  assert.ok(points.length > 0 && points.length <= ds.history.length);
  assert.deepEqual(slice.v, points.map((p) => p.m[mi]));
  assert.deepEqual(slice.r.map((r) => slice.runs[r]), points.map((p) => ds.runs[p.r]));
  assert.deepEqual(slice.x, ds.facets.map((_, f) => points.map((p) => p.x[f])));
  const size = (x: unknown) => JSON.stringify(x).length;
  assert.ok(
    size(slice) + size(cellsOnly(ds)) < size(ds),
    `${size(slice)} + ${size(cellsOnly(ds))} >= ${size(ds)}`,
  );
  assert.equal(historySlice(ds, "no-such-metric"), null);
});

Deno.test("a history slice of another suite, or a damaged one, is refused with a TypeError", () => {
  const [ident, gen] = suites;
  const slice = historySlice(ident, "r2")!;
  assert.throws(() => withHistorySlice(cellsOnly(gen), slice), TypeError);
  const damaged = (change: (s: typeof slice) => void) => {
    const s = wire(slice);
    change(s);
    return () => withHistorySlice(cellsOnly(ident), s);
  };
  assert.throws(damaged((s) => s.v.pop()), /damaged/);
  assert.throws(damaged((s) => s.x.pop()), /damaged/);
  assert.throws(damaged((s) => (s.r[0] = s.runs.length)), /damaged/);
  assert.throws(damaged((s) => s.runs.pop()), /damaged/);
  assert.throws(damaged((s) => (s.metric = "nope")), TypeError);
});

Deno.test("the server answers the cells and each metric's history, and 404 for an unknown one", async () => {
  const handler = createHandler({ data, bundle: "" });
  const get = (path: string) => handler(new Request(`http://dash.test${path}`));
  const cells = await get("/data/suites/identifiability/cells.json");
  assert.equal(cells.status, 200);
  assert.match(cells.headers.get("content-type")!, /application\/json/);
  const ds: SuiteDataset = await cells.json();
  assert.deepEqual(ds, wire(cellsOnly(suites[0])));
  const r2 = await get("/data/suites/identifiability/history/r2.json");
  assert.equal(r2.status, 200);
  assert.deepEqual(await r2.json(), wire(historySlice(suites[0], "r2")));
  for (
    const path of [
      "/data/suites/identifiability/history/no-such-metric.json",
      "/data/suites/no-such-suite/cells.json",
      "/data/suites/identifiability/history/..%2fcells.json",
      "/data/suites/identifiability/history/r-zz.json",
      "/data/suites/identifiability/other.json",
    ]
  ) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    await res.body?.cancel();
  }
});
