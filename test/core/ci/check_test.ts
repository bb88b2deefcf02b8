import assert from "node:assert/strict";
import { makeBaseline, noiseFloors } from "../../../src/core/ci/baseline.ts";
import {
  assertComparable,
  calibrateFloors,
  checkAgainstBaseline,
} from "../../../src/core/ci/check.ts";
import { formatCheck, formatCheckMarkdown } from "../../../src/core/ci/check_format.ts";
import type { CaseResult, RunDocument } from "../../../src/core/store/record.ts";
import type { MetricDef } from "../../../src/core/suite.ts";
import { makeCompleted, makeFailed, makeHeader } from "../../fixtures/records.ts";

const DEFS: MetricDef[] = [
  { name: "score", description: "", direction: "higher", margin: 0.05, primary: true },
  { name: "loss", description: "", direction: "lower", margin: 0.01, primary: false },
];

function run(runId: string, values: Record<string, number[]>, seeds = [0, 1, 2]): RunDocument {
  const records: CaseResult[] = [];
  for (const [c, xs] of Object.entries(values)) {
    xs.forEach((x, i) =>
      records.push(makeCompleted(runId, c, seeds[i], { score: x, loss: 1 - x }))
    );
  }
  return {
    schemaVersion: 1,
    header: makeHeader({ runId, seeds, finishedAt: "2026-01-01T01:00:00.000Z" }),
    records,
  };
}

const BASE = makeBaseline(run("r0", { a: [0.90, 0.91, 0.92], b: [0.50, 0.52, 0.51] }));

Deno.test("checkAgainstBaseline() passes an identical rerun and flags a drop beyond the margin", () => {
  const same = checkAgainstBaseline(
    BASE,
    run("r1", { a: [0.90, 0.91, 0.92], b: [0.50, 0.52, 0.51] }),
    DEFS,
  );
  assert.equal(same.regressions, 0);
  assert.equal(same.rows.length, 2); // primary metric only, per case
  assert.ok(same.rows.every((r) => r.verdict === "no detectable change" && r.diff === 0));
  const worse = checkAgainstBaseline(
    BASE,
    run("r2", { a: [0.70, 0.71, 0.72], b: [0.50, 0.52, 0.51] }),
    DEFS,
  );
  assert.equal(worse.regressions, 1);
  const row = worse.rows.find((r) => r.case === "a")!;
  assert.equal(row.verdict, "worse");
  assert.ok(Math.abs(row.diff + 0.2) < 1e-12);
  assert.match(formatCheck([worse]), /FAIL: 1 regression\(s\) in score/);
  assert.match(formatCheckMarkdown([worse]), /\*\*REGRESSION \(worse\)\*\*/);
});

Deno.test("checkAgainstBaseline() does not flag a drop inside the margin, and flags failed cases", () => {
  const small = checkAgainstBaseline(
    BASE,
    run("r3", { a: [0.87, 0.88, 0.89], b: [0.5, 0.52, 0.51] }),
    DEFS,
  );
  assert.equal(small.regressions, 0); // -0.03 is inside the 0.05 margin
  const failed = run("r4", { b: [0.50, 0.52, 0.51] });
  failed.records.push(makeFailed("r4", "a", 0));
  const rep = checkAgainstBaseline(BASE, failed, DEFS);
  assert.equal(rep.rows.find((r) => r.case === "a")!.verdict, "failed");
  const gone = checkAgainstBaseline(BASE, run("r5", { b: [0.50, 0.52, 0.51] }), DEFS);
  assert.equal(gone.rows.find((r) => r.case === "a")!.verdict, "missing");
  assert.equal(gone.regressions, 1);
});

Deno.test("calibrated noise floors raise the margin and are kept in the baseline tags", () => {
  const fresh = run("r6", { a: [0.80, 0.95, 0.86], b: [0.45, 0.55, 0.50] }, [10, 11, 12]);
  const floors = calibrateFloors(BASE, fresh, DEFS);
  assert.deepEqual(Object.keys(floors), ["score"]);
  // Case a: Welch interval of [0.80, 0.95, 0.86] - [0.90, 0.91, 0.92] is -0.04 -+ 0.185 (df 2.1),
  // so its largest |end| rounds up to 0.23; case b's is smaller.
  assert.equal(floors.score, 0.23);
  const calibrated = makeBaseline(BASE, { floors, seeds: [10, 11, 12], runId: "r6" });
  assert.deepEqual(noiseFloors(calibrated), { floors, seeds: [10, 11, 12], runId: "r6" });
  assert.equal(calibrated.header.runId, BASE.header.runId);
  // A drop of 0.08 is beyond the metric's margin but within the floor: not flagged.
  const drop = run("r7", { a: [0.82, 0.83, 0.84], b: [0.50, 0.52, 0.51] });
  assert.equal(checkAgainstBaseline(BASE, drop, DEFS).regressions, 1);
  const rep = checkAgainstBaseline(calibrated, drop, DEFS);
  assert.equal(rep.regressions, 0);
  assert.equal(rep.rows[0].marginFrom, "noise floor");
});

Deno.test("the gate pairs on the baseline's seeds and uses Welch on other seeds", () => {
  // Every seed drops by exactly 0.06 (beyond the 0.05 margin): paired, the interval is that point.
  const shifted = run("p1", { a: [0.84, 0.85, 0.86], b: [0.50, 0.52, 0.51] });
  const paired = checkAgainstBaseline(BASE, shifted, DEFS);
  const a = paired.rows.find((r) => r.case === "a")!;
  assert.equal(a.method, "paired");
  assert.ok(Math.abs(a.ciLow + 0.06) < 1e-12 && Math.abs(a.ciHigh + 0.06) < 1e-12);
  assert.equal(a.verdict, "worse");
  // The same values on fresh seeds: Welch, t_{0.975,4} * sqrt(2 * 0.01^2 / 3) = 0.0227 a side,
  // so the interval [-0.083, -0.037] reaches inside the margin: not a regression.
  const fresh = run("p2", { a: [0.84, 0.85, 0.86], b: [0.50, 0.52, 0.51] }, [7, 8, 9]);
  const welch = checkAgainstBaseline(BASE, fresh, DEFS).rows.find((r) => r.case === "a")!;
  assert.equal(welch.method, "welch");
  const half = 2.7764451051977987 * Math.sqrt(2 * 0.0001 / 3);
  assert.ok(Math.abs(welch.ciHigh - (-0.06 + half)) < 1e-9, `${welch.ciHigh}`);
  assert.equal(welch.verdict, "no detectable change");
});

Deno.test("check reports say what the interval is, once", () => {
  const rep = checkAgainstBaseline(
    BASE,
    run("p3", { a: [0.90, 0.91, 0.92], b: [0.5, 0.52, 0.51] }),
    DEFS,
  );
  const text = formatCheck([rep]);
  assert.match(text, /95% CI = 95 % paired t-interval of the difference over 3 shared seeds/);
  const other = checkAgainstBaseline(BASE, run("p4", { a: [0.9, 0.91, 0.92] }, [4, 5, 6]), DEFS);
  const md = formatCheckMarkdown([other]);
  assert.match(md, /95 % Welch t-interval of the difference \(the seeds differ; 3 seeds a side\)/);
  assert.match(md, /Rule \(SPEC section 6\): a regression only when the 95 % t-interval/);
  assert.doesNotMatch(md, /bootstrap/);
});

Deno.test("assertComparable() refuses another suite version, backend or case parameters", () => {
  const other = run("r8", { a: [0.9, 0.91, 0.92] });
  other.header.suite = { id: "toy", version: 2 };
  assert.throws(() => assertComparable(BASE, other), /suite version 2, the baseline is version 1/);
  const gpu = run("r9", { a: [0.9, 0.91, 0.92] });
  gpu.header.env = { ...gpu.header.env, backend: "webgpu" };
  assert.throws(() => assertComparable(BASE, gpu), /backend "webgpu", the baseline on "wasm"/);
  const params = run("r10", { a: [0.9, 0.91, 0.92] });
  params.records = params.records.map((r) => ({ ...r, params: { kind: "fast", scale: 3 } }));
  assert.throws(() => assertComparable(BASE, params), /case a has other parameters/);
  assertComparable(BASE, run("r11", { a: [0.9, 0.91, 0.92] }, [5, 6, 7])); // other seeds are fine
});

Deno.test("makeBaseline() refuses unfinished and shard runs", () => {
  const unfinished = run("r12", { a: [0.9] }, [0]);
  unfinished.header.finishedAt = null;
  assert.throws(() => makeBaseline(unfinished), /unfinished/);
  const part = run("r13", { a: [0.9] }, [0]);
  part.header.tags = { shard: "1/2" };
  assert.throws(() => makeBaseline(part), /shard 1\/2: merge the shards first/);
});

Deno.test("assertComparable() names the overrides of a run made with run --config, not a missing version bump", () => {
  const over = run("r12", { a: [0.9, 0.91, 0.92] });
  over.header.tags = { ...over.header.tags, overrides: '{"steps":200}' };
  // Overrides change the case params too; the overrides are what must be named.
  over.records = over.records.map((r) => ({ ...r, params: { ...r.params, steps: 200 } }));
  assert.throws(() => assertComparable(BASE, over), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.match(
      e.message,
      /the run used overrides \{"steps":200\} \(run --config\), so it cannot be compared with a baseline of the plain profile/,
    );
    assert.doesNotMatch(e.message, /version bump/);
    return true;
  });
  const overBase = makeBaseline(over);
  assert.throws(
    () => assertComparable(overBase, run("r13", { a: [0.9, 0.91, 0.92] })),
    /the baseline was made with overrides \{"steps":200\}; this run used the plain profile/,
  );
});
