/**
 * Error rates of the baseline gate by simulation: from a baseline's per-seed
 * values, fit per case and primary metric a normal law (the mean and standard
 * deviation over its seeds), draw runs on fresh seeds from it, shifted toward
 * the worse side by a multiple of the effective margin (max of the metric's
 * margin and the calibrated noise floor), and apply the gate's rule
 * ({@link seedDifferenceInterval} + {@link verdict}). A shift of 0 measures the
 * false-alarm rate, a shift of 2 (margins) the power, 0.5 how often a change
 * inside the margin is flagged.
 *
 * @module
 */
import { Rng } from "../random.ts";
import type { RunDocument } from "../store/record.ts";
import type { MetricDef } from "../suite.ts";
import { mean, seedDifferenceInterval, std, verdict } from "../stats/mod.ts";
import { noiseFloors } from "./baseline.ts";
import { seedValuesByCase } from "./check.ts";

/** Options of {@link simulateGate}. */
export interface GateSimulationOptions {
  /** Shifts toward the worse side, in effective margins (e.g. [0, 0.5, 2]). */
  shifts: number[];
  /** Simulated gate runs per shift. */
  trials: number;
  /** Seeds per case of a simulated run (default: the baseline's count per case). */
  runSeeds?: number;
  /**
   * "stored": every simulated run is compared with the stored baseline values
   * (the gate as deployed); "redrawn": the baseline is redrawn each trial too
   * (the rate over baselines one might have recorded). Default "stored".
   */
  baseline?: "stored" | "redrawn";
  /** Seeds of a redrawn baseline (default: the stored count per case). */
  baselineSeeds?: number;
  /** Multiply each fitted standard deviation (a stress test; default 1). */
  noiseScale?: number;
  /** Seed of the simulation. Default 0. */
  seed?: number;
}

/** Rates at one shift. */
export interface GateRate {
  /** Shift toward the worse side, in effective margins. */
  shift: number;
  /** Fraction of (case, metric) rows flagged as a regression. */
  rowRate: number;
  /** Fraction of simulated gate runs with at least one regression. */
  gateRate: number;
}

/** One simulated (case, metric) row and the law it was drawn from. */
export interface GateRowLaw {
  case: string;
  metric: string;
  mean: number;
  sd: number;
  margin: number;
}

/** Result of {@link simulateGate}. */
export interface GateSimulation {
  rows: GateRowLaw[];
  rates: GateRate[];
}

/**
 * Simulate the gate against `baseline` on its primary metrics.
 *
 * @example
 * ```ts
 * import { simulateGate } from "./gate_simulation.ts";
 * import type { RunDocument } from "../store/record.ts";
 * import type { MetricDef } from "../suite.ts";
 * declare const base: RunDocument, defs: MetricDef[];
 * const sim = simulateGate(base, defs, { shifts: [0, 2], trials: 1000 });
 * console.log(sim.rates[0].gateRate); // false-alarm rate of one gate run
 * ```
 */
export function simulateGate(
  baseline: RunDocument,
  metrics: MetricDef[],
  opts: GateSimulationOptions,
): GateSimulation {
  const { shifts, trials } = opts;
  if (!Number.isInteger(trials) || trials < 1) {
    throw new RangeError(`trials must be a positive integer, got ${trials}`);
  }
  for (const k of ["runSeeds", "baselineSeeds"] as const) {
    const n = opts[k];
    if (n !== undefined && (!Number.isInteger(n) || n < 1)) {
      throw new RangeError(`${k} must be a positive integer, got ${n}`);
    }
  }
  const scale = opts.noiseScale ?? 1;
  const floors = noiseFloors(baseline)?.floors ?? {};
  const laws: (GateRowLaw & { stored: number[]; direction: "higher" | "lower" })[] = [];
  for (const def of metrics.filter((m) => m.primary)) {
    for (const [caseId, bySeed] of seedValuesByCase(baseline, def.name)) {
      const stored = [...bySeed.values()];
      if (stored.length < 2) continue; // no spread to fit
      laws.push({
        case: caseId,
        metric: def.name,
        mean: mean(stored),
        sd: std(stored) * scale,
        margin: Math.max(def.margin, floors[def.name] ?? 0),
        stored,
        direction: def.direction,
      });
    }
  }
  if (laws.length === 0) throw new RangeError("the baseline has no case with two or more seeds");
  const rates: GateRate[] = [];
  for (const shift of shifts) {
    const anyFlag = new Uint8Array(trials);
    let flagged = 0;
    for (const law of laws) {
      const rng = new Rng(opts.seed ?? 0, "gate", law.metric, law.case, shift);
      const worse = law.direction === "higher" ? -1 : 1;
      const mu = law.mean + worse * shift * law.margin;
      const nRun = opts.runSeeds ?? law.stored.length;
      for (let t = 0; t < trials; t++) {
        const base = opts.baseline === "redrawn"
          ? Array.from(
            { length: opts.baselineSeeds ?? law.stored.length },
            () => law.mean + law.sd * rng.normal(),
          )
          : law.stored;
        // Fresh seeds: keys that never collide with the baseline's, so the interval is Welch.
        const a = new Map(base.map((x, i) => [i, x]));
        const b = new Map<number, number>();
        for (let i = 0; i < nRun; i++) b.set(-1 - i, mu + law.sd * rng.normal());
        const d = seedDifferenceInterval(a, b);
        if (verdict(d, law.margin, law.direction) === "worse") {
          flagged++;
          anyFlag[t] = 1;
        }
      }
    }
    const gateRate = anyFlag.reduce((s, x) => s + x, 0) / trials;
    rates.push({ shift, rowRate: flagged / (trials * laws.length), gateRate });
  }
  return { rows: laws.map(({ stored: _s, direction: _d, ...law }) => law), rates };
}
