import assert from "node:assert/strict";
import { rankEntries, tabulate, tieGroups } from "../../../src/core/analysis/mod.ts";
import type { Observation } from "../../../src/core/analysis/mod.ts";
import { Rng } from "../../../src/core/random.ts";

function table(
  means: Record<string, number>,
  noise: number,
  seeds: number,
  tasks: number,
  rng: Rng,
) {
  const obs: Observation[] = [];
  for (const [entry, m] of Object.entries(means)) {
    for (let t = 0; t < tasks; t++) {
      for (let s = 0; s < seeds; s++) {
        obs.push({
          entry,
          task: `t${t}`,
          seed: s,
          value: m + t * 0.1 + noise * rng.normal(),
          order: 0,
        });
      }
    }
  }
  return tabulate(obs);
}

Deno.test("tie groups: entries within noise of the leader share group 1, a clearly worse one starts group 2", () => {
  const rng = new Rng(3, "ties");
  const t = table({ a: 0.9, b: 0.899, c: 0.5, d: 0.501 }, 0.01, 3, 2, rng);
  const r = rankEntries(t, "m", { kind: "higher" });
  const byEntry = Object.fromEntries(r.rows.map((x) => [x.entry, x]));
  assert.equal(byEntry.a.tieGroup, byEntry.b.tieGroup);
  assert.equal(byEntry[r.rows[0].entry].tieGroup, 1);
  assert.equal(byEntry.c.tieGroup, 2);
  assert.equal(byEntry.d.tieGroup, 2);
  assert.equal(r.tiePairs, 6);
  const worse = r.rows.find((x) => x.entry === "c")!;
  assert.ok(worse.pVsLeader < 0.05, `${worse.pVsLeader}`);
  const tied = r.rows.find((x) => x.entry === (r.rows[0].entry === "a" ? "b" : "a"))!;
  assert.ok(tied.pVsLeader >= 0.05, `${tied.pVsLeader}`);
});

Deno.test("tie groups: with one seed a task nothing can be tested and every entry is tied", () => {
  const t = table({ a: 1, b: 0.5 }, 0, 1, 3, new Rng(1));
  const g = tieGroups(t, ["a", "b"], ["t0", "t1", "t2"]);
  assert.equal(g.pairs, 0);
  assert.deepEqual([...g.group.values()], [1, 1]);
});

Deno.test("tie groups: among equal entries almost no ranking splits group 1 (Holm over the pairs)", () => {
  const rng = new Rng(11, "ties-null");
  const trials = 300;
  let split = 0;
  for (let i = 0; i < trials; i++) {
    const t = table({ a: 0, b: 0, c: 0, d: 0, e: 0 }, 1, 3, 3, rng);
    const r = rankEntries(t, "m", { kind: "higher" });
    if (r.rows.some((x) => x.tieGroup !== 1)) split++;
  }
  // A split needs a Holm-adjusted p below 0.05 for some pair: family-wise at most about 5 %.
  assert.ok(split / trials <= 0.08, `${split} of ${trials} null rankings split`);
});

Deno.test("holmOverMetrics() adjusts the overall p of the metrics with a direction, and leaves the others NaN", async () => {
  const { compareValues, holmOverMetrics } = await import("../../../src/core/analysis/mod.ts");
  const a = new Map([["t", new Map([[0, 1], [1, 1.1], [2, 0.9]])]]);
  const b = new Map([["t", new Map([[0, 2], [1, 2.1], [2, 1.95]])]]);
  const c = new Map([["t", new Map([[0, 1.05], [1, 1.0], [2, 1.0]])]]);
  const m = [
    compareValues(a, b, "x", { kind: "higher" }, 0.1),
    compareValues(a, c, "y", { kind: "lower" }, 0.1),
    compareValues(a, b, "z", { kind: "unknown" }, 0.1),
  ];
  assert.equal(holmOverMetrics(m), 2);
  const [px, py] = [m[0].overall!.p, m[1].overall!.p];
  assert.ok(px < py, `${px} ${py}`);
  assert.ok(Math.abs(m[0].pHolm - Math.min(1, 2 * px)) < 1e-12);
  assert.ok(Math.abs(m[1].pHolm - Math.max(Math.min(1, 2 * px), py)) < 1e-12);
  assert.ok(Number.isNaN(m[2].pHolm));
});
