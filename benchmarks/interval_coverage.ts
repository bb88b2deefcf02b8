/**
 * Coverage of the per-case 95 % intervals of a mean over few seeds, by
 * simulation (seeded): the percentile bootstrap (1000 resamples) against the
 * Student-t interval, on normal values and on a skewed law (lognormal,
 * exp(N(0, 1))). Prints a Markdown table for the README.
 *
 * ```sh
 * npx -y deno@2.9.6 run -A benchmarks/interval_coverage.ts [--trials 4000]
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  type CoverageLaw,
  simulateCoverage,
  simulateStratifiedCoverage,
} from "../src/core/stats/mod.ts";

const { values } = parseArgs({ args: Deno.args, options: { trials: { type: "string" } } });
const trials = Number(values.trials ?? 4000);
if (!Number.isInteger(trials) || trials < 1) {
  console.error(`error: --trials must be a positive integer, got ${values.trials}`);
  Deno.exit(2);
}
const ns = [2, 3, 5, 10];
const laws: CoverageLaw[] = ["normal", "lognormal"];
const se = Math.sqrt(0.95 * 0.05 / trials);
console.log(
  `Coverage of the 95 % interval of the mean over n seeds, ${trials} simulated experiments each ` +
    `(binomial se ≈ ${se.toFixed(4)} at 95 %); bootstrap: percentile, 1000 resamples.\n`,
);
console.log(`| law | interval | ${ns.map((n) => `n = ${n}`).join(" | ")} |`);
console.log(`|---|---|${ns.map(() => "---:").join("|")}|`);
const t0 = performance.now();
for (const law of laws) {
  for (const method of ["bootstrap", "t"] as const) {
    const cells = ns.map((n) =>
      simulateCoverage({ n, trials, law, method, resamples: 1000, seed: 7 }).rate.toFixed(3)
    );
    const name = method === "t" ? "Student t" : "percentile bootstrap";
    console.log(`| ${law} | ${name} | ${cells.join(" | ")} |`);
  }
}
const strata = [2, 5, 10, 20];
const sTrials = Math.max(1, Math.round(trials / 4));
console.log(
  `\nAggregates: the pooled mean over K tasks of 3 seeds (task k ~ N(k, 1)), ${sTrials} ` +
    "experiments each; stratified bootstrap (rliable), 500 resamples, against the stratified t.\n",
);
console.log(`| interval | ${strata.map((k) => `K = ${k}`).join(" | ")} |`);
console.log(`|---|${strata.map(() => "---:").join("|")}|`);
for (const method of ["bootstrap", "t"] as const) {
  const cells = strata.map((tasks) =>
    simulateStratifiedCoverage({ tasks, n: 3, trials: sTrials, method, seed: 7 }).rate.toFixed(3)
  );
  const name = method === "t" ? "stratified t" : "stratified bootstrap";
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
console.error(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
