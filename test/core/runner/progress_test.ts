import assert from "node:assert/strict";
import { caseLine, createProgress, formatDuration } from "../../../src/core/runner/progress.ts";
import type { RunEvent } from "../../../src/core/runner/runner.ts";
import { makeCompleted, makeFailed, makeHeader } from "../../fixtures/records.ts";

Deno.test("caseLine() describes completed and failed cases in one line", () => {
  const r = makeCompleted("r", "spiral/gaussian/N2/sigreg", 1337);
  r.timing.wallMs = 41_200;
  r.timing.stepsPerSec = 27.08;
  assert.equal(
    caseLine(r, 12, 54),
    "[12/54] spiral/gaussian/N2/sigreg seed 1337 completed in 41.2 s (27.1 steps/s)",
  );
  assert.equal(
    caseLine(makeFailed("r", "nan", 2), 3, 4),
    "[3/4] nan seed 2 FAILED (nan at step 7) after 1.0 s: loss is NaN",
  );
  assert.equal(formatDuration(185), "3m 05s");
  assert.equal(formatDuration(7260), "2h 01m");
});

function feed(tty: boolean, clock: { t: number }, n: number, stepMs: number): string {
  let text = "";
  const p = createProgress({
    tty,
    write: (s) => (text += s),
    now: () => clock.t,
    lineIntervalMs: 1000,
  });
  p.onEvent({ type: "start", header: makeHeader(), total: n, done: 0, jobs: 2, resumed: false });
  for (let i = 0; i < n; i++) {
    const task = { index: i, caseId: "c", seed: i };
    p.onEvent({ type: "case-start", task, worker: 0 });
    clock.t += stepMs / 2;
    p.onEvent({ type: "case-progress", task, step: 5, totalSteps: 10 } as RunEvent);
    clock.t += stepMs / 2;
    const result = i === 3 ? makeFailed("r", "c", i) : makeCompleted("r", "c", i);
    p.onEvent({ type: "case-end", task, result, done: i + 1, total: n });
  }
  p.finish();
  return text;
}

Deno.test("without a terminal, lines are throttled to one a second but failures always show", () => {
  const text = feed(false, { t: 0 }, 40, 100); // 40 cases in 4 s
  const lines = text.trim().split("\n");
  assert.match(
    lines[0],
    /^run 20260101T000000Z-aaaaaa \(suite toy@1 profile smoke backend wasm: 40 tasks, 2 workers\)$/,
  );
  const caseLines = lines.slice(1);
  assert.ok(caseLines.length <= 8, `${caseLines.length} lines for 40 cases`);
  assert.ok(caseLines.some((l) => l.includes("[4/40] c seed 3 FAILED (nan at step 7)")));
  assert.match(caseLines[caseLines.length - 1], /^\[40\/40\] /);
  const counted = caseLines.reduce((n, l) => n + 1 + Number(/\(\+(\d+) more/.exec(l)?.[1] ?? 0), 0);
  assert.equal(counted, 40);
  assert.ok(!text.includes("\x1b"));
});

Deno.test("on a terminal, one bar is redrawn with done/total, running steps and an ETA", () => {
  const text = feed(true, { t: 0 }, 4, 2000);
  assert.ok(text.includes("\r\x1b[2K"));
  // ETA: 3 cases left x 1.0 s mean case wall time / 2 workers.
  assert.match(text, /\[#####---------------\] 1\/4 elapsed 2\.0 s ETA 1\.5 s/);
  assert.match(text, /0\/4 elapsed 1\.0 s ETA -- \| c s0 5\/10/);
  assert.match(text, /c seed 3 FAILED/);
  assert.ok(text.endsWith("\n"));
});

Deno.test("without a terminal, a long case shows a running line with its step about once a minute", () => {
  let text = "";
  const clock = { t: 0 };
  const p = createProgress({ tty: false, write: (s) => (text += s), now: () => clock.t });
  p.onEvent({ type: "start", header: makeHeader(), total: 2, done: 0, jobs: 1, resumed: false });
  const task = { index: 0, caseId: "big", seed: 7 };
  p.onEvent({ type: "case-start", task, worker: 0 });
  for (let step = 10; step <= 300; step += 10) {
    clock.t += 10_000; // a progress event every 10 s for 5 minutes
    p.onEvent({ type: "case-progress", task, step, totalSteps: 300 } as RunEvent);
  }
  const running = text.split("\n").filter((l) => l.includes("running:"));
  assert.equal(running.length, 5, text);
  assert.match(running[0], /^\[0\/2\] running: big s7 60\/300; elapsed 1m 00s ETA --$/);
  assert.match(running[4], /^\[0\/2\] running: big s7 300\/300; elapsed 5m 00s /);
  p.onEvent({ type: "case-end", task, result: makeCompleted("r", "big", 7), done: 1, total: 2 });
  p.finish();
  assert.ok(!text.includes("\x1b"));
});
