/**
 * The parameter constraints of the suites ({@link ParamSpec}): which values
 * each case parameter may take. `run` checks a profile's cases and any
 * `--config` overrides against them before running anything, so that
 * `"overrides": { "steps": -5 }` is one clear error, not a run of failed
 * cases. Ranges are wide (every profile must lie well inside them) and only
 * exclude values a case cannot run with, or that would run for ever.
 *
 * @module
 */
import { regulariserNames } from "../core/objectives/registry.ts";
import type { ParamSpec } from "../core/suite.ts";
import { MIXING_NAMES } from "../core/world/mixings.ts";
import { parseLaw } from "../core/world/laws.ts";

type Specs = Record<string, ParamSpec>;

const int = (min: number, max: number): ParamSpec => ({ type: "integer", min, max });
const num = (min: number, max: number): ParamSpec => ({ type: "number", min, max });
/** A number above `min` (exclusive) and at most `max`. */
const pos = (max: number, min = 0): ParamSpec => ({
  type: "number",
  min,
  max,
  minExclusive: true,
});
const oneOf = (...values: string[]): ParamSpec => ({ type: "string", oneOf: values });

/** A latent law the world can sample: parsed with the world's own parser. */
const LAW: ParamSpec = { type: "string", check: (v) => void parseLaw(v) };

/** A registered regulariser, or a user one (`user:<name>@<hash>`, registered in the worker). */
const OBJECTIVE: ParamSpec = {
  type: "string",
  check: (v) => {
    if (v.startsWith("user:") || regulariserNames().includes(v)) return;
    throw new RangeError(
      `expected a regulariser (${regulariserNames().join(", ")}), got ${JSON.stringify(v)}`,
    );
  },
};

/** A comma list of integers of at least `min`, and "full" when `full`. */
function intList(min: number, full: boolean): ParamSpec {
  return {
    type: "string",
    check: (v) => {
      const items = v.split(",").map((x) => x.trim());
      for (const x of items) {
        const n = Number(x);
        const ok = (full && x === "full") ||
          (/^\d+$/.test(x) && Number.isSafeInteger(n) && n >= min);
        if (!ok) {
          throw new RangeError(
            `expected a comma list of integers of at least ${min}${full ? ' or "full"' : ""}, ` +
              `got ${JSON.stringify(v)}`,
          );
        }
      }
    },
  };
}

/** What the LeJEPA training of the identifiability and planning cases takes. */
const TRAINING: Specs = {
  law: LAW,
  dim: int(1, 4096),
  objective: OBJECTIVE,
  lambda: num(0, 1),
  width: int(1, 65_536),
  depth: int(1, 64),
  layers: int(1, 256),
  steps: int(1, 10_000_000),
  batch: int(2, 1_000_000),
  slices: int(1, 1_000_000),
  lr: pos(1e6), // a diverging rate (1e3) is a legitimate stress test: recorded, not refused
  weightDecay: num(0, 100),
  noise: oneOf("same", "gaussian"),
  evalSize: int(10, 10_000_000),
};

/**
 * Constraints of the identifiability suite's case parameters.
 *
 * @example
 * ```ts
 * import { IDENTIFIABILITY_PARAMS } from "./params.ts";
 * console.log(IDENTIFIABILITY_PARAMS.steps); // { type: "integer", min: 1, max: 10000000 }
 * ```
 */
export const IDENTIFIABILITY_PARAMS: Specs = {
  ...TRAINING,
  mixing: oneOf(...MIXING_NAMES),
  encoder: oneOf("mlp", "coupling"),
  rho: num(0, 1),
};

/**
 * Constraints of the planning suite's case parameters.
 *
 * @example
 * ```ts
 * import { PLANNING_PARAMS } from "./params.ts";
 * console.log(PLANNING_PARAMS.planner); // { type: "string", oneOf: ["lqr", "cem"] }
 * ```
 */
export const PLANNING_PARAMS: Specs = {
  ...TRAINING,
  mixing: oneOf(...MIXING_NAMES, "reacher"),
  planner: oneOf("lqr", "cem"),
  mode: oneOf("two-stage", "end-to-end"),
  size: int(4, 1024),
  viewRho: num(0, 1),
  rho: num(-1, 1),
  bScale: num(0, 1e6),
  sigma: num(0, 1e6),
  actionStd: num(0, 1e6),
  fitSamples: int(1, 10_000_000),
  episodes: int(1, 1_000_000),
  horizon: int(1, 100_000),
  alpha: num(0, 1e6),
  box: pos(1e6),
  successRadius: pos(1e6),
  cemSamples: int(1, 1_000_000),
  cemElites: int(1, 1_000_000),
  cemHorizon: int(1, 10_000),
  cemIterations: int(1, 10_000),
  cemStd: pos(1e6),
};

/**
 * Constraints of the regularisers suite (its cases are identifiability or
 * planning cases; the two share the training parameters).
 *
 * @example
 * ```ts
 * import { REGULARISERS_PARAMS } from "./params.ts";
 * console.log(REGULARISERS_PARAMS.lambda); // { type: "number", min: 0, max: 1 }
 * ```
 */
export const REGULARISERS_PARAMS: Specs = {
  ...PLANNING_PARAMS,
  encoder: IDENTIFIABILITY_PARAMS.encoder,
  // An identifiability case's rho is the OU view correlation, a planning case's the world decay.
  rho: num(-1, 1),
};

/**
 * Constraints of the generalization suite's case parameters.
 *
 * @example
 * ```ts
 * import { GENERALIZATION_PARAMS } from "./params.ts";
 * console.log(GENERALIZATION_PARAMS.gamma); // { type: "number", min: 0, max: 0.999999 }
 * ```
 */
export const GENERALIZATION_PARAMS: Specs = {
  env: oneOf("planted-rank", "gridworld", "four-rooms", "chain"),
  size: int(2, 65_536),
  nA: int(1, 4096),
  rank: int(0, 65_536),
  noise: num(0, 1e6),
  gamma: num(0, 0.999999),
  ks: intList(1, true),
  ns: intList(1, false),
  reps: int(1, 10_000),
  uShapeN: int(0, 1e12),
  gdSteps: int(0, 10_000_000),
  gdK: int(0, 65_536),
  gdLr: pos(1e6),
  svd: oneOf("auto", "exact", "randomized", "randomized-tf"),
};

/**
 * Constraints of the perf suite's case parameters.
 *
 * @example
 * ```ts
 * import { PERF_PARAMS } from "./params.ts";
 * console.log(PERF_PARAMS.kind); // { type: "string", oneOf: ["train", "sigreg"] }
 * ```
 */
export const PERF_PARAMS: Specs = {
  kind: oneOf("train", "sigreg"),
  encoder: oneOf("mlp", "coupling"),
  dim: int(1, 65_536),
  batch: int(1, 10_000_000),
  slices: int(1, 1_000_000),
  lambda: num(0, 1),
  width: int(1, 65_536),
  depth: int(1, 64),
  layers: int(1, 256),
  warmup: int(0, 100_000),
  windowMs: pos(1e7),
  maxSteps: int(1, 10_000_000),
};
