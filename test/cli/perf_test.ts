import assert from "node:assert/strict";
import { formatPerfTable, perfCommand, type PerfRow, scalingSlopes } from "../../src/cli/perf.ts";
import { openStore } from "../../src/core/store/sqlite.ts";

Deno.test("scalingSlopes fits each backend's series, with and without data time", () => {
  const row = (backend: string, x: number, ms: number, data: number): PerfRow => ({
    backend,
    profile: "scaling",
    caseId: `N${x}`,
    series: "N",
    x,
    status: "completed",
    metrics: { ms_step: ms, ms_data: data },
  });
  // compute = ms - data grows like x, data like x^2.
  const rows = [2, 4, 8, 16].map((x) => row("wasm", x, 5 * x + 0.5 * x * x, 0.5 * x * x));
  rows.push(row("cpu", 2, 10, 0), row("cpu", 8, 40, 0));
  rows.push({ ...row("cpu", 4, 1, 0), status: "failed" });
  rows.push({ ...row("wasm", 64, 1, 0), series: "" });
  const slopes = scalingSlopes(rows);
  assert.equal(slopes.length, 2);
  const wasm = slopes.find((s) => s.backend === "wasm")!;
  assert.ok(Math.abs(wasm.computeSlope - 1) < 1e-12);
  // Over x = 8, 16 the data part dominates more: the tail slope is steeper.
  assert.ok(wasm.tailSlope > wasm.slope, `${wasm.tailSlope} > ${wasm.slope}`);
  assert.ok(wasm.slope > 1 && wasm.slope < 2);
  assert.deepEqual(wasm.points.map((p) => p[0]), [2, 4, 8, 16]);
  const cpu = slopes.find((s) => s.backend === "cpu")!;
  assert.ok(Math.abs(cpu.slope - 1) < 1e-12, "the failed point is left out");
  const text = formatPerfTable(rows.slice(0, 1), slopes, "caption");
  assert.match(text, /^caption\ncase\s+backend\s+steps\/s/);
  assert.match(text, /wasm\s+N\s+slope 1\.\d\d/);
});

Deno.test("perf --backend wasm --profile smoke records a run in the store and prints the table", async () => {
  const dir = await Deno.makeTempDir();
  const storePath = `${dir}/results.db`;
  let out = "";
  let err = "";
  const io = { out: (t: string) => (out += t), err: (t: string) => (err += t), errIsTty: false };
  const code = await perfCommand(
    ["--backend", "wasm", "--profile", "smoke", "--store", storePath, "--json"],
    io,
  );
  assert.equal(code, 0, err);
  const report = JSON.parse(out);
  assert.equal(report.runs.length, 1);
  assert.deepEqual(
    report.rows.map((r: PerfRow) => r.caseId),
    ["spiral-mlp-tiny", "coupling-N8", "sigreg-M256-N8-K32"],
  );
  for (const r of report.rows) assert.ok(r.metrics.steps_per_sec > 0, r.caseId);
  const store = openStore(storePath);
  try {
    const doc = store.getRun(report.runs[0].runId)!;
    assert.equal(doc.header.suite.id, "perf");
    assert.equal(doc.header.env.backend, "wasm");
    assert.equal(doc.records.filter((r) => r.status === "completed").length, 3);
  } finally {
    store.close();
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("perf rejects an unknown backend as a usage error", async () => {
  const io = { out: () => {}, err: () => {}, errIsTty: false };
  await assert.rejects(() => perfCommand(["--backend", "tpu"], io), /unknown backend "tpu"/);
});
