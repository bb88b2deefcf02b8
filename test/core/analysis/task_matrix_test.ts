import assert from "node:assert/strict";
import { taskMatrix } from "../../../src/core/analysis/task_matrix.ts";
import { type Observation, tabulate } from "../../../src/core/analysis/observations.ts";
import { tInterval } from "../../../src/core/stats/mod.ts";

function obs(entry: string, task: string, values: number[]): Observation[] {
  return values.map((value, seed) => ({ entry, task, seed, value, order: 0 }));
}

const table = tabulate([
  ...obs("a", "x", [0.9, 0.92, 0.94]),
  ...obs("b", "x", [0.5, 0.6, 0.7]),
  ...obs("a", "y", [0.1, 0.2]),
  ...obs("b", "y", [0.3, 0.4]),
  ...obs("c", "y", [0.2, 0.3]),
  ...obs("c", "z", [1]),
]);

Deno.test("each cell is the seed mean with its 95 % t-interval", () => {
  const m = taskMatrix(table, "r2", { kind: "higher" });
  assert.deepEqual(m.tasks, ["x", "y", "z"]);
  const ci = tInterval([0.5, 0.6, 0.7]);
  assert.deepEqual(m.cells.x.b, { mean: ci.estimate, ciLow: ci.ciLow, ciHigh: ci.ciHigh, n: 3 });
  assert.equal(m.cells.x.c, undefined, "c did not run x");
  assert.ok(Number.isNaN(m.cells.z.c.ciLow), "one seed: no interval");
});

Deno.test("the best entry of a row follows the declared direction", () => {
  const higher = taskMatrix(table, "r2", { kind: "higher" });
  assert.deepEqual(higher.best.x, ["a"]);
  assert.deepEqual(higher.best.y, ["b"]);
  const lower = taskMatrix(table, "mse", { kind: "lower" });
  assert.deepEqual(lower.best.x, ["b"]);
  assert.deepEqual(lower.best.y, ["a"]);
  // A target metric is analysed as the distance to it: lower is better.
  assert.deepEqual(taskMatrix(table, "t", { kind: "target", target: 1 }).best.x, ["b"]);
});

Deno.test("no row is marked for an undeclared direction or a lone entry", () => {
  const unknown = taskMatrix(table, "fit_ms", { kind: "unknown" });
  assert.deepEqual(unknown.best, { x: [], y: [], z: [] });
  assert.ok(unknown.cells.x.a.mean > 0.9, "values are still shown");
  assert.deepEqual(taskMatrix(table, "r2", { kind: "higher" }).best.z, []);
});

Deno.test("tasks are listed in natural order, numbers by value", () => {
  const t = tabulate(["a/N32", "a/N2", "a/N128", "a/N8"].flatMap((task) => obs("e", task, [1])));
  assert.deepEqual(taskMatrix(t, "m", { kind: "higher" }).tasks, [
    "a/N2",
    "a/N8",
    "a/N32",
    "a/N128",
  ]);
});

Deno.test("entries with equal best means are all marked, and only listed entries count", () => {
  const tied = tabulate([
    ...obs("a", "t", [1, 2]),
    ...obs("b", "t", [2, 1]),
    ...obs("c", "t", [0]),
  ]);
  assert.deepEqual(taskMatrix(tied, "m", { kind: "higher" }).best.t, ["a", "b"]);
  const two = taskMatrix(table, "r2", { kind: "higher" }, ["b", "c"]);
  assert.deepEqual(two.entries, ["b", "c"]);
  assert.deepEqual(two.best.x, [], "only b ran x among the listed entries");
});
