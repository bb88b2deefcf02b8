import assert from "node:assert/strict";
import { formatRanking, rankRecords } from "../../src/cli/rank.ts";
import type { CompletedResult } from "../../src/core/store/record.ts";
import type { MetricDef } from "../../src/core/suite.ts";
import { makeCompleted } from "../fixtures/records.ts";

function results(tasks: number, seeds: number): CompletedResult[] {
  const out: CompletedResult[] = [];
  for (const reg of ["sigreg", "none"]) {
    for (let t = 0; t < tasks; t++) {
      for (let s = 0; s < seeds; s++) {
        const r = makeCompleted("20260101T000000Z-aaaaaa", `${reg}/task${t}`, s, {
          score: (reg === "sigreg" ? 0.9 : 0.1) + 0.01 * ((s * 3 + t) % 4),
          undeclared: reg === "sigreg" ? 1 : 2,
        });
        out.push({ ...r, params: { objective: reg } });
      }
    }
  }
  return out;
}

const METRICS: MetricDef[] = [
  { name: "score", description: "", direction: "higher", margin: 0, primary: true },
];

Deno.test("rank gives the mean over tasks of seed means with its stratified t-interval", () => {
  const [r] = rankRecords(results(3, 3), METRICS, ["score"]);
  assert.deepEqual(r.tasks, ["task0", "task1", "task2"]);
  assert.deepEqual(r.rows.map((e) => [e.rank, e.entry]), [[1, "sigreg"], [2, "none"]]);
  for (const e of r.rows) {
    assert.ok(e.ciLow < e.mean && e.mean < e.ciHigh, `${e.entry}: mean inside its interval`);
    assert.equal(e.n, 9);
  }
  const text = formatRanking([r]);
  assert.match(text, /^1\s+sigreg\s+0\.9\d*\s+\[/m);
  assert.match(text, /stratified t-interval over 3 tasks × 3 seeds a task/);
});

Deno.test("rank lists an undeclared metric with its values but never ranks it", () => {
  const [r] = rankRecords(results(2, 2), METRICS, ["undeclared"]);
  assert.equal(r.ranked, false);
  assert.deepEqual(r.rows.map((e) => e.rank), [null, null]);
  assert.deepEqual(r.rows.map((e) => [e.entry, e.mean]), [["none", 2], ["sigreg", 1]]);
  assert.match(formatRanking([r]), /direction unknown/);
});
