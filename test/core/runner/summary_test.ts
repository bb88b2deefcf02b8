import assert from "node:assert/strict";
import { formatNumber, formatSummary, summarizeRun } from "../../../src/core/runner/summary.ts";
import type { RunDocument } from "../../../src/core/store/record.ts";
import { makeCompleted, makeFailed, makeHeader } from "../../fixtures/records.ts";
import { suite } from "../../fixtures/toy_suite.ts";

function doc(): RunDocument {
  const records = [
    makeCompleted("r", "b", 0, { score: 1, loss: 9 }),
    makeCompleted("r", "b", 1, { score: 2, loss: 9 }),
    makeCompleted("r", "b", 2, { score: 3, loss: 9 }),
    makeCompleted("r", "a", 0, { score: 10, loss: 1 }),
    makeFailed("r", "a", 1),
  ];
  return { schemaVersion: 1, header: makeHeader({ runId: "r" }), records };
}

Deno.test("summarizeRun() aggregates primary metrics over seeds with a t-interval", () => {
  const t = summarizeRun(doc(), suite.metrics, { caseOrder: ["b", "a"] });
  assert.deepEqual(t.metrics, ["score"]);
  assert.deepEqual(t.cases.map((c) => c.caseId), ["b", "a"]);
  const b = t.cases[0];
  assert.equal(b.completed, 3);
  assert.equal(b.failed, 0);
  assert.equal(b.metrics[0].n, 3);
  assert.equal(b.metrics[0].mean, 2);
  // Scores 1, 2, 3: sd 1, t_{0.975,2} = 4.3027: 2 -+ 4.3027 / sqrt(3), wider than the range.
  const half = 4.302652729911275 / Math.sqrt(3);
  assert.ok(Math.abs(b.metrics[0].ciLow! - (2 - half)) < 1e-9);
  assert.ok(Math.abs(b.metrics[0].ciHigh! - (2 + half)) < 1e-9);
  const a = t.cases[1];
  assert.equal(a.completed, 1);
  assert.equal(a.failed, 1);
  assert.equal(a.metrics[0].mean, 10);
  assert.equal(a.metrics[0].ciLow, null); // one seed: no interval
  assert.equal(t.interval, "95 % t-interval of the mean over 1–3 seeds (none with 1 seed)");
  assert.deepEqual(t.counts, { completed: 4, failed: 1, skipped: 0 });
  assert.deepEqual(summarizeRun(doc(), suite.metrics), summarizeRun(doc(), suite.metrics));
});

Deno.test("summarizeRun() without definitions shows every metric seen", () => {
  assert.deepEqual(summarizeRun(doc()).metrics, ["loss", "score"]);
});

Deno.test("formatSummary() prints an aligned table with mean [CI], n and failures", () => {
  const text = formatSummary(summarizeRun(doc(), suite.metrics, { caseOrder: ["b", "a"] }));
  const lines = text.split("\n");
  assert.equal(lines[0], "run r: toy@1 profile smoke backend wasm (unfinished)");
  assert.match(lines[1], /^case\s+score mean \[95% CI\]\s+n\s+failed\s+steps\/s\s+wall$/);
  assert.match(lines[3], /^b\s+2 \[-0\.4841, 4\.484\]\s+3\s+0\s+20\s+1\.00 s$/);
  assert.match(lines[4], /^a\s+10\s+1\s+1\s+20\s+1\.00 s$/);
  assert.equal(
    lines[5],
    "4 completed, 1 failed, 0 skipped; CI = 95 % t-interval of the mean over 1–3 seeds " +
      "(none with 1 seed)",
  );
  assert.equal(new Set(lines.slice(1, 5).map((l) => l.length)).size <= 2, true);
  assert.equal(formatNumber(0.000012345), "1.23e-5");
  assert.equal(formatNumber(null), "-");
});
