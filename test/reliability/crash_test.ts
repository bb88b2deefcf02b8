/**
 * Crash safety, fast form: four `kill -9` trials against a real `run` of the
 * crash fixture suite (the 20+ trial version is
 * benchmarks/reliability/crash_trials.ts).
 */
import assert from "node:assert/strict";
import { crashTrial, referenceRun } from "../../benchmarks/reliability/crash.ts";

Deno.test("kill -9 mid-run loses no reported case and --resume completes it to the uninterrupted result", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-crash-test-" });
  try {
    const ref = await referenceRun("quick", `${dir}/ref.db`);
    assert.equal(ref.contents.size, 8);
    const killed: number[] = [];
    // One kill timed from the spawn (while the workers start), three timed from a stored case,
    // so that a slow machine still interrupts runs part-way (20+ trials: crash_trials.ts).
    const trials: [number, number][] = [[0, 0.1], [1, 0], [3, 0.02], [6, 0]];
    for (const [i, [completed, frac]] of trials.entries()) {
      const t = await crashTrial({
        profile: "quick",
        storePath: `${dir}/t${i}.db`,
        killAfterCompleted: completed,
        killAfterMs: Math.round(ref.wallMs * frac),
        reference: ref.contents,
      });
      assert.deepEqual(t.problems, [], `trial ${i} killed at ${t.killAfterMs} ms`);
      assert.ok(t.intact && t.resumeOnlyMissing && t.equal);
      assert.equal(t.resumeWrote, ref.contents.size - t.completedAtKill);
      if (!t.finishedBeforeKill) killed.push(t.completedAtKill);
    }
    // The trials must actually interrupt runs part-way.
    assert.ok(killed.length >= 3, `only ${killed.length} trials interrupted a run`);
    assert.ok(killed.some((n) => n > 0 && n < 8), `completed at kill: ${killed.join(", ")}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
