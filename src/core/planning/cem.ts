/**
 * Cross-entropy method (CEM) model-predictive control with a receding
 * horizon, as LeWorldModel plans (SPEC section 4): sample action sequences
 * from a diagonal Gaussian, keep the elites, refit, repeat; execute the first
 * action of the final mean, shift the mean one step for the next call.
 *
 * @module
 */
import type { Rng } from "../random.ts";

/** What CEM plans in: a (learned or true) model and a stage cost. */
export interface CemProblem {
  /** State dimension. */
  stateDim: number;
  /** Action dimension. */
  actionDim: number;
  /** Write the model's next state from `x` under `u` into `out` (must not alias `x`). */
  step(x: Float64Array, u: Float64Array, out: Float64Array): void;
  /** Stage cost of reaching `xNext` with action `u`. */
  cost(xNext: Float64Array, u: Float64Array): number;
}

/** CEM settings (defaults: LeWorldModel's 300 samples, top 30, horizon 5). */
export interface CemOptions {
  /** Candidate action sequences per iteration (default 300). */
  samples?: number;
  /** Elites kept per iteration (default 30). */
  elites?: number;
  /** Planning horizon in steps (default 5). */
  horizon?: number;
  /** Refits per planning call (default 3). */
  iterations?: number;
  /** Initial (and per-call reset) standard deviation of every action coordinate (default 1). */
  initStd?: number;
}

/** The resolved settings. */
export interface CemSettings {
  samples: number;
  elites: number;
  horizon: number;
  iterations: number;
  initStd: number;
}

/**
 * Resolve CEM options with their defaults, validating them.
 *
 * @throws {RangeError} on non-integer counts, elites > samples or a non-positive std.
 * @example
 * ```ts
 * import { cemSettings } from "./cem.ts";
 * console.assert(cemSettings({}).samples === 300 && cemSettings({}).elites === 30);
 * ```
 */
export function cemSettings(opts: CemOptions): CemSettings {
  const s: CemSettings = {
    samples: opts.samples ?? 300,
    elites: opts.elites ?? 30,
    horizon: opts.horizon ?? 5,
    iterations: opts.iterations ?? 3,
    initStd: opts.initStd ?? 1,
  };
  for (const k of ["samples", "elites", "horizon", "iterations"] as const) {
    if (!(Number.isInteger(s[k]) && s[k] > 0)) {
      throw new RangeError(`cem: ${k} must be a positive integer, got ${s[k]}`);
    }
  }
  if (s.elites > s.samples) {
    throw new RangeError(`cem: elites (${s.elites}) must not exceed samples (${s.samples})`);
  }
  if (!(s.initStd > 0 && Number.isFinite(s.initStd))) {
    throw new RangeError(`cem: initStd must be positive, got ${s.initStd}`);
  }
  return s;
}

/**
 * A receding-horizon CEM planner; every draw comes from its {@link Rng}.
 *
 * @example
 * ```ts
 * import { CemPlanner } from "./cem.ts";
 * import { Rng } from "../random.ts";
 * const goal = 1;
 * const cem = new CemPlanner({
 *   stateDim: 1, actionDim: 1,
 *   step: (x, u, out) => { out[0] = x[0] + u[0]; },
 *   cost: (x, u) => (x[0] - goal) ** 2 + 0.01 * u[0] ** 2,
 * }, {}, new Rng(0));
 * const u = cem.plan(new Float64Array([0])); // close to 1
 * ```
 */
export class CemPlanner {
  readonly settings: CemSettings;
  readonly problem: CemProblem;
  #rng: Rng;
  #mean: Float64Array;

  constructor(problem: CemProblem, opts: CemOptions, rng: Rng) {
    if (!(Number.isInteger(problem.stateDim) && problem.stateDim > 0)) {
      throw new RangeError(`cem: stateDim must be a positive integer, got ${problem.stateDim}`);
    }
    if (!(Number.isInteger(problem.actionDim) && problem.actionDim > 0)) {
      throw new RangeError(`cem: actionDim must be a positive integer, got ${problem.actionDim}`);
    }
    this.settings = cemSettings(opts);
    this.problem = problem;
    this.#rng = rng;
    this.#mean = new Float64Array(this.settings.horizon * problem.actionDim);
  }

  /** Forget the warm start (call between episodes). */
  reset(): void {
    this.#mean.fill(0);
  }

  /**
   * Plan from state `x` and return the first action of the final mean; the
   * mean is then shifted one step (last step zero) as the next call's start.
   */
  plan(x: Float64Array): Float64Array {
    const { samples, elites, horizon, iterations, initStd } = this.settings;
    const { stateDim, actionDim } = this.problem;
    if (x.length !== stateDim) {
      throw new RangeError(`cem: x has length ${x.length}, expected ${stateDim}`);
    }
    const len = horizon * actionDim;
    const mean = this.#mean;
    const std = new Float64Array(len).fill(initStd);
    const seqs = new Float64Array(samples * len);
    const costs = new Float64Array(samples);
    const order = new Int32Array(samples);
    const cur = new Float64Array(stateDim);
    const next = new Float64Array(stateDim);
    const u = new Float64Array(actionDim);
    for (let it = 0; it < iterations; it++) {
      for (let s = 0; s < samples; s++) {
        const o = s * len;
        for (let j = 0; j < len; j++) seqs[o + j] = mean[j] + std[j] * this.#rng.normal();
        cur.set(x);
        let c = 0;
        for (let h = 0; h < horizon; h++) {
          for (let j = 0; j < actionDim; j++) u[j] = seqs[o + h * actionDim + j];
          this.problem.step(cur, u, next);
          c += this.problem.cost(next, u);
          cur.set(next);
        }
        costs[s] = Number.isFinite(c) ? c : Infinity;
        order[s] = s;
      }
      order.sort((a, b) => costs[a] - costs[b] || a - b);
      for (let j = 0; j < len; j++) {
        let m = 0;
        for (let e = 0; e < elites; e++) m += seqs[order[e] * len + j];
        m /= elites;
        let v = 0;
        for (let e = 0; e < elites; e++) v += (seqs[order[e] * len + j] - m) ** 2;
        mean[j] = m;
        std[j] = Math.sqrt(v / elites);
      }
    }
    const first = mean.slice(0, actionDim);
    mean.copyWithin(0, actionDim);
    mean.fill(0, len - actionDim);
    return first;
  }
}
