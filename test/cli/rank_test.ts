import assert from "node:assert/strict";
import { formatRanking, MIN_BOOTSTRAP_TASKS, rankRegularisers } from "../../src/cli/rank.ts";
import type { CompletedResult } from "../../src/core/store/record.ts";
import { makeCompleted } from "../fixtures/records.ts";

function results(tasks: number, seeds: number): CompletedResult[] {
  const out: CompletedResult[] = [];
  for (const reg of ["sigreg", "none"]) {
    for (let t = 0; t < tasks; t++) {
      for (let s = 0; s < seeds; s++) {
        const r = makeCompleted("20260101T000000Z-aaaaaa", `${reg}/task${t}`, s, {
          score: (reg === "sigreg" ? 0.9 : 0.1) + 0.01 * ((s * 3 + t) % 4),
        });
        out.push({ ...r, params: { objective: reg } });
      }
    }
  }
  return out;
}

const METRICS = [{ name: "score", direction: "higher" as const }];

Deno.test("rank shows the stratified bootstrap with its tasks × seeds from 5 tasks on", () => {
  const [r] = rankRegularisers(results(MIN_BOOTSTRAP_TASKS, 3), METRICS);
  assert.equal(r.tasks.length, 5);
  assert.ok(r.entries.every((e) => e.ciLow <= e.iqm && e.iqm <= e.ciHigh));
  assert.match(r.interval, /stratified bootstrap of the IQM \(rliable\) over 5 tasks × 3 seeds/);
  assert.match(r.interval, /about 86 % at 3/);
  assert.match(formatRanking([r]), /95% CI = 95 % stratified bootstrap/);
});

Deno.test("rank shows no interval with fewer than 5 tasks and says why", () => {
  const [r] = rankRegularisers(results(3, 3), METRICS);
  assert.ok(r.entries.every((e) => Number.isNaN(e.ciLow) && Number.isFinite(e.iqm)));
  const text = formatRanking([r]);
  assert.match(text, /^1\s+sigreg\s+[\d.]+\s+–/m);
  assert.match(text, /no interval: 3 task\(s\) × 3 seeds is too few/);
});
