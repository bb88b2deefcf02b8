/**
 * Error rates of the baseline gate (`check`), by simulation from a stored
 * baseline (default baselines/identifiability@3/ci-wasm.json): per case and
 * primary metric a normal law fitted to the baseline's per-seed values; runs
 * on fresh seeds drawn from it, shifted toward the worse side by 0, 0.5 and 2
 * effective margins (max of the metric's margin and the calibrated noise
 * floor); the gate's rule (95 % Welch t-interval of run − baseline wholly
 * beyond the margin). Prints false alarms (shift 0), flags inside the margin
 * (0.5) and power (2), per row and per gate run, for 2, 3 and 5 run seeds,
 * against the stored baseline and against redrawn baselines, and with the
 * fitted noise multiplied (to show where 3 seeds stop being enough).
 *
 * ```sh
 * npx -y deno@2.9.6 run -A benchmarks/gate_error_rates.ts [--baseline <file>] [--trials 4000]
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { readBaseline, simulateGate } from "../src/core/ci/mod.ts";
import { loadSuite } from "../src/suites/registry.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { baseline: { type: "string" }, trials: { type: "string" } },
});
const path = values.baseline ?? "baselines/identifiability@3/ci-wasm.json";
const trials = Number(values.trials ?? 4000);
if (!Number.isInteger(trials) || trials < 1) {
  console.error(`error: --trials must be a positive integer, got ${values.trials}`);
  Deno.exit(2);
}
let base;
try {
  base = await readBaseline(path);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  Deno.exit(2);
}
if (base === null) {
  console.error(`error: no baseline file "${path}"`);
  Deno.exit(2);
}
const suite = await loadSuite(base.header.suite.id);
const shifts = [0, 0.5, 2];
const head = simulateGate(base, suite.metrics, { shifts: [0], trials: 1 });
console.log(
  `baseline ${path}: ${head.rows.length} (case, metric) rows, ${trials} trials per shift`,
);
for (const r of head.rows) {
  console.log(
    `  ${r.case} ${r.metric}: mean ${r.mean.toFixed(4)}, sd ${r.sd.toExponential(2)}, ` +
      `effective margin ${r.margin} (${(r.margin / r.sd).toFixed(1)} sd)`,
  );
}
console.log(
  "\n| baseline | noise | run seeds | false alarm (row / gate) | flagged at 0.5 margin | " +
    "power at 2 margins |",
);
console.log("|---|---:|---:|---:|---:|---:|");
for (const mode of ["stored", "redrawn"] as const) {
  for (const noiseScale of [1, 10, 20]) {
    for (const runSeeds of [2, 3, 5]) {
      const sim = simulateGate(base, suite.metrics, {
        shifts,
        trials,
        baseline: mode,
        noiseScale,
        runSeeds,
        seed: 11,
      });
      const cell = (i: number) =>
        `${sim.rates[i].rowRate.toFixed(3)} / ${sim.rates[i].gateRate.toFixed(3)}`;
      console.log(
        `| ${mode} | ×${noiseScale} | ${runSeeds} | ${cell(0)} | ${cell(1)} | ${cell(2)} |`,
      );
    }
  }
}
console.log(
  "\nSeeds needed (baseline and run both redrawn with n seeds a side): power per row at 2 margins",
);
console.log("\n| noise | n = 3 | n = 5 | n = 10 | n = 20 |\n|---|---:|---:|---:|---:|");
for (const noiseScale of [10, 20]) {
  const cells = [3, 5, 10, 20].map((n) =>
    simulateGate(base, suite.metrics, {
      shifts: [2],
      trials,
      baseline: "redrawn",
      baselineSeeds: n,
      runSeeds: n,
      noiseScale,
      seed: 13,
    }).rates[0].rowRate.toFixed(3)
  );
  console.log(`| ×${noiseScale} | ${cells.join(" | ")} |`);
}
