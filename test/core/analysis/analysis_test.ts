import assert from "node:assert/strict";
import {
  changeKind,
  compareValues,
  entryOf,
  historyChanges,
  metricGoal,
  rankEntries,
  scoreValue,
  stratifiedDifference,
  tabulate,
  taskOf,
} from "../../../src/core/analysis/mod.ts";
import { stratifiedTInterval, welchInterval } from "../../../src/core/stats/mod.ts";

const seeds = (xs: number[]) => new Map(xs.map((x, i) => [i, x]));

Deno.test("a task is the case without the entry's segment; the planner stays", () => {
  assert.equal(
    taskOf("state/gaussian/N2/sigreg/lqr/full", { objective: "sigreg" }),
    "state/gaussian/N2/lqr/full",
  );
  assert.notEqual(
    taskOf("state/gaussian/N2/sigreg/lqr/full", { objective: "sigreg" }),
    taskOf("state/gaussian/N2/sigreg/cem/full", { objective: "sigreg" }),
  );
  assert.equal(
    entryOf({ entry: "mine" }, { suite: "s", params: { regulariser: "custom" } }).key,
    "sub:mine",
  );
  assert.equal(
    taskOf("coupling/gaussian/N2/custom", { regulariser: "custom" }),
    "coupling/gaussian/N2",
  );
});

Deno.test("only declared metrics have a direction; a target ranks by the distance to it", () => {
  const defs = [{ name: "r", direction: "higher", target: "dim" as const }, {
    name: "c",
    direction: "lower",
  }];
  assert.deepEqual(metricGoal(defs, "c"), { kind: "lower" });
  assert.deepEqual(metricGoal(defs, "fit_ms"), { kind: "unknown" });
  assert.equal(scoreValue(metricGoal(defs, "r"), 7.5, { N: 8 }), 0.5);
});

Deno.test("the overall difference is the stratified t over tasks: paired and Welch agree with core stats", () => {
  const a1 = seeds([1, 2, 3]), b1 = seeds([2, 3.5, 3.9]);
  const a2 = seeds([5, 5.5, 6]), b2 = seeds([5.1, 5.2, 6.6]);
  const paired = stratifiedDifference([{ a: a1, b: b1 }, { a: a2, b: b2 }]);
  const d = (a: Map<number, number>, b: Map<number, number>) =>
    [...a].map(([s, x]) => b.get(s)! - x);
  const ref = stratifiedTInterval([d(a1, b1), d(a2, b2)], "equal");
  assert.ok(
    Math.abs(paired.ciLow - ref.ciLow) < 1e-12 && Math.abs(paired.ciHigh - ref.ciHigh) < 1e-12,
  );
  const welch = stratifiedDifference([{ a: a1, b: new Map([[7, 2], [8, 3.5], [9, 3.9]]) }]);
  const w = welchInterval([1, 2, 3], [2, 3.5, 3.9]);
  assert.ok(Math.abs(welch.ciLow - w.ciLow) < 1e-12 && Math.abs(welch.ciHigh - w.ciHigh) < 1e-12);
});

Deno.test("compare is B - A on the common tasks only, and names the others", () => {
  const a = new Map([["x", seeds([1, 1.1, 0.9])], ["onlyA", seeds([5, 5, 5])]]);
  const b = new Map([["x", seeds([2, 2.1, 1.9])]]);
  const d = compareValues(a, b, "m", { kind: "lower" }, 0.1);
  assert.deepEqual(d.tasks, ["x"]);
  assert.deepEqual(d.onlyA, ["onlyA"]);
  assert.ok(Math.abs(d.overall!.diff - 1) < 1e-12);
  assert.equal(d.overall!.verdict, "worse"); // B is higher, lower is better
  assert.equal(compareValues(a, b, "m", { kind: "unknown" }, 0.1).overall!.verdict, null);
});

Deno.test("rank uses the tasks every entry ran, or exactly the tasks asked for", () => {
  const obs = [
    ...[0, 1].map((seed) => ({ entry: "a", task: "t1", seed, value: 0.9, order: 0 })),
    ...[0, 1].map((seed) => ({ entry: "a", task: "t2", seed, value: 0.1, order: 0 })),
    ...[0, 1].map((seed) => ({ entry: "b", task: "t1", seed, value: 0.8, order: 0 })),
  ];
  const common = rankEntries(tabulate(obs), "m", { kind: "higher" });
  assert.deepEqual(common.tasks, ["t1"]);
  assert.deepEqual(common.rows.map((r) => [r.entry, r.rank, r.mean, r.extraTasks]), [[
    "a",
    1,
    0.9,
    1,
  ], ["b", 2, 0.8, 0]]);
  assert.deepEqual(common.matrix, { t1: { a: 0.9, b: 0.8 }, t2: { a: 0.1 } });
  const explicit = rankEntries(tabulate(obs), "m", { kind: "higher" }, { tasks: ["t1", "t2"] });
  assert.equal(explicit.rows.find((r) => r.entry === "b")!.rank, null); // b has no t2: no aggregate
});

Deno.test("the latest observation of an (entry, task, seed) wins", () => {
  const t = tabulate([
    { entry: "a", task: "t", seed: 0, value: 2, order: 1 },
    { entry: "a", task: "t", seed: 0, value: 1, order: 0 },
  ]);
  assert.equal(t.get("a")!.get("t")!.get(0), 2);
});

Deno.test("history labels steps from the declared goal, and none for an unknown one", () => {
  const series = [1, 1, 1, 1, 3, 3, 3, 3];
  assert.equal(historyChanges(series, { kind: "higher" })[0].kind, "improvement");
  assert.equal(historyChanges(series, { kind: "lower" })[0].kind, "regression");
  assert.equal(historyChanges(series, { kind: "unknown" })[0].kind, "change");
  assert.equal(changeKind(1, 3, { kind: "target", target: 2 }), "change");
});
