import assert from "node:assert/strict";
import { readBaseline } from "../../../src/core/ci/baseline.ts";
import { simulateGate } from "../../../src/core/ci/gate_simulation.ts";
import { makeBaseline } from "../../../src/core/ci/baseline.ts";
import type { CaseResult } from "../../../src/core/store/record.ts";
import type { MetricDef } from "../../../src/core/suite.ts";
import { makeCompleted, makeHeader } from "../../fixtures/records.ts";

// The identifiability suite's primary metrics (src/suites/identifiability.ts), without loading
// the suite module (tfjs) into this fast test.
const ID_METRICS: MetricDef[] = [
  { name: "grid_r2_hz", description: "", direction: "higher", margin: 0.02, primary: true },
  { name: "r2_hz", description: "", direction: "higher", margin: 0.02, primary: true },
];
const BASELINE = new URL("../../../baselines/identifiability@3/ci-wasm.json", import.meta.url);

Deno.test("the identifiability gate: no false alarms, flags 2 margins, not half of one", async () => {
  const base = (await readBaseline(BASELINE.pathname))!;
  const sim = simulateGate(base, ID_METRICS, { shifts: [0, 0.5, 2], trials: 2000, seed: 3 });
  assert.equal(sim.rows.length, 4); // 2 cases x 2 primary metrics
  assert.ok(sim.rows.every((r) => r.margin === 0.02 && r.sd > 0));
  const [none, half, twice] = sim.rates;
  console.log(sim.rates);
  assert.ok(none.gateRate < 0.05, `false alarms per gate run ${none.gateRate}`);
  assert.ok(half.gateRate < 0.01, `half a margin flagged ${half.gateRate}`);
  assert.ok(twice.rowRate >= 0.9, `power per row at 2 margins ${twice.rowRate}`);
});

function doc(sd: number) {
  // One case, three seeds at 0.5 -+ sd (sample sd = sd exactly).
  const records: CaseResult[] = [0.5 - sd, 0.5, 0.5 + sd].map((x, i) =>
    makeCompleted("g", "c", i, { score: x })
  );
  const header = makeHeader({ runId: "g", seeds: [0, 1, 2], finishedAt: "2026-01-01T01:00:00Z" });
  return makeBaseline({ schemaVersion: 1, header, records });
}

Deno.test("gate power falls when the seed noise nears the margin, false alarms stay rare", () => {
  const defs: MetricDef[] = [
    { name: "score", description: "", direction: "higher", margin: 0.1, primary: true },
  ];
  const quiet = simulateGate(doc(0.01), defs, { shifts: [0, 2], trials: 2000, seed: 1 });
  const noisy = simulateGate(doc(0.1), defs, { shifts: [0, 2], trials: 2000, seed: 1 });
  assert.ok(quiet.rates[1].rowRate > 0.99, `quiet power ${quiet.rates[1].rowRate}`);
  // sd = margin: with 3 seeds a side the Welch interval is about +-0.23 wide, so a 0.2 drop is
  // seldom wholly beyond the 0.1 margin; more seeds raise it.
  assert.ok(noisy.rates[1].rowRate < 0.5, `noisy power ${noisy.rates[1].rowRate}`);
  // More seeds on both sides raise the power: 0.9 at 2 margins needs about
  // margin / sd >= (t_{0.975,df} + 1.28) * sqrt(2 / n), i.e. n near 22 when sd = margin.
  const more = simulateGate(doc(0.1), defs, {
    shifts: [2],
    trials: 2000,
    seed: 1,
    baseline: "redrawn",
    baselineSeeds: 10,
    runSeeds: 10,
  });
  console.log({ quiet: quiet.rates, noisy: noisy.rates, tenSeeds: more.rates });
  assert.ok(more.rates[0].rowRate > 0.4, `10 seeds a side: power ${more.rates[0].rowRate}`);
  assert.ok(more.rates[0].rowRate > noisy.rates[1].rowRate + 0.3);
  for (const s of [quiet, noisy]) assert.ok(s.rates[0].rowRate < 0.05);
});

Deno.test("the gate simulation refuses a baseline without spread to fit", () => {
  const header = makeHeader({ runId: "g", seeds: [0], finishedAt: "2026-01-01T01:00:00Z" });
  const one = makeBaseline({
    schemaVersion: 1,
    header,
    records: [makeCompleted("g", "c", 0, { score: 1 })],
  });
  const defs: MetricDef[] = [
    { name: "score", description: "", direction: "higher", margin: 0.1, primary: true },
  ];
  assert.throws(
    () => simulateGate(one, defs, { shifts: [0], trials: 10 }),
    /no case with two or more seeds/,
  );
});
