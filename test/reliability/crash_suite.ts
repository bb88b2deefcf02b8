/**
 * A fixture suite for crash, resume and concurrency tests: deterministic
 * cases that each take 0.2-1 s of wall time (sleeping in small slices while
 * reporting progress) and whose metrics and curves are a pure function of
 * (case, seed). No tensors, so workers start fast.
 *
 * @module
 */
import { Rng } from "../../src/core/random.ts";
import type { CaseOutput, CaseSpec, Suite } from "../../src/core/suite.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runCase(
  spec: CaseSpec,
  ctx: { seed: number; progress(p: { step: number; totalSteps: number }): void },
): Promise<CaseOutput> {
  const ms = Number(spec.params.ms);
  const steps = Number(spec.params.steps);
  const rng = new Rng(ctx.seed, "crash-suite", spec.id);
  const curve: Array<[number, number]> = [];
  let x = 1;
  for (let step = 1; step <= steps; step++) {
    await sleep(ms / steps);
    x = x * (0.8 + 0.3 * rng.uniform()) + 0.01 * rng.normal();
    curve.push([step, x]);
    ctx.progress({ step, totalSteps: steps });
  }
  return {
    metrics: { score: x, draw: rng.normal() },
    curves: { x: curve },
    flags: { small: Math.abs(x) < 0.5 },
    steps,
  };
}

function grid(durations: number[]): CaseSpec[] {
  return durations.map((ms, i) => ({ id: `work/${i}`, params: { ms, steps: 10 } }));
}

/**
 * The crash fixture suite: profile "trials" (8 cases x 2 seeds, 0.2-1 s each)
 * for the kill -9 script, "quick" (4 x 2, 0.2-0.4 s) for the test.
 *
 * @example
 * ```ts
 * import { suite } from "./crash_suite.ts";
 * console.log(suite.profiles.trials.cases.length); // 8
 * ```
 */
export const suite: Suite = {
  id: "crash-fixture",
  version: 1,
  title: "Crash fixture",
  description: "Deterministic sleeping cases for crash-safety and concurrency tests.",
  metrics: [
    { name: "score", description: "seeded walk", direction: "higher", margin: 0, primary: true },
    { name: "draw", description: "seeded normal", direction: "higher", margin: 0, primary: false },
  ],
  profiles: {
    trials: {
      name: "trials",
      description: "8 cases x 2 seeds, 0.2-1 s each",
      seeds: [0, 1],
      intendedFor: "cpu",
      cases: grid([200, 1000, 400, 800, 600, 300, 900, 500]),
    },
    quick: {
      name: "quick",
      description: "4 cases x 2 seeds, 0.2-0.4 s each",
      seeds: [0, 1],
      intendedFor: "cpu",
      cases: grid([200, 400, 300, 250]),
    },
    tiny: {
      name: "tiny",
      description: "3 instant cases x 2 seeds (concurrency tests)",
      seeds: [0, 1],
      intendedFor: "cpu",
      cases: grid([1, 1, 1]),
    },
  },
  runCase,
};
