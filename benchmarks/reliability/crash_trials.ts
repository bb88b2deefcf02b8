/**
 * `deno run -A benchmarks/reliability/crash_trials.ts [--trials 20] [--profile trials] [--seed 1]`
 *
 * kill -9 a real `run` of the crash fixture suite at seeded random moments
 * (uniform over 3-97 % of an uninterrupted run's wall time), then check the
 * store and `--resume` (see crash.ts). Prints one row per trial and a
 * summary; exits 1 when any trial found a problem.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Rng } from "../../src/core/random.ts";
import { type CrashTrial, crashTrial, referenceRun } from "./crash.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    trials: { type: "string", default: "20" },
    profile: { type: "string", default: "trials" },
    seed: { type: "string", default: "1" },
  },
});
const trials = Number(values.trials);
if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`--trials: got ${values.trials}`);
const dir = await Deno.makeTempDir({ prefix: "jepa-crash-" });
try {
  const ref = await referenceRun(values.profile, `${dir}/reference.db`);
  console.log(
    `reference: ${ref.contents.size} cases, uninterrupted run ${
      (ref.wallMs / 1000).toFixed(2)
    } s ` +
      `(CLI start to exit, 2 workers)`,
  );
  const rng = new Rng(Number(values.seed), "crash-trials");
  const rows: CrashTrial[] = [];
  console.log(
    "trial | kill at (ms) | run started | reported | completed at kill | intact | resume wrote | only missing | equal",
  );
  console.log(
    "----- | ------------ | ----------- | -------- | ----------------- | ------ | ------------ | ------------ | -----",
  );
  for (let i = 0; i < trials; i++) {
    const killAfterMs = Math.round(ref.wallMs * (0.03 + 0.94 * rng.uniform()));
    const t = await crashTrial({
      profile: values.profile,
      storePath: `${dir}/trial-${i}.db`,
      killAfterMs,
      reference: ref.contents,
    });
    rows.push(t);
    const yn = (b: boolean) => (b ? "yes" : "NO");
    console.log(
      `${i + 1} | ${killAfterMs}${t.finishedBeforeKill ? " (finished first)" : ""} | ` +
        `${
          t.runStarted ? "yes" : "no"
        } | ${t.reportedComplete} | ${t.completedAtKill}/${ref.contents.size} | ` +
        `${yn(t.intact)} | ${t.resumeWrote} | ${yn(t.resumeOnlyMissing)} | ${yn(t.equal)}`,
    );
    for (const p of t.problems) console.log(`      problem: ${p}`);
  }
  const killed = rows.filter((r) => !r.finishedBeforeKill);
  const ok = rows.filter((r) => r.intact && r.resumeOnlyMissing && r.equal);
  const counts = killed.map((r) => r.completedAtKill).sort((a, b) => a - b);
  console.log(
    `\nsummary: ${rows.length} trials, ${killed.length} killed mid-run ` +
      `(${killed.filter((r) => !r.runStarted).length} before the run header was written); ` +
      `completed at kill: min ${counts[0] ?? "-"}, median ${
        counts[Math.floor(counts.length / 2)] ?? "-"
      }, ` +
      `max ${counts[counts.length - 1] ?? "-"} of ${ref.contents.size}; ` +
      `${ok.length}/${rows.length} intact, resumed only the missing cases, and equal to the uninterrupted run`,
  );
  if (ok.length !== rows.length) Deno.exitCode = 1;
} finally {
  await Deno.remove(dir, { recursive: true });
}
