/**
 * The declared metrics of suite `planning`: regret, cost ratio and success
 * (primary), the model fit, and the identifiability metrics of the trained
 * encoder (not primary).
 *
 * @example
 * ```ts
 * import { METRICS } from "./planning_metrics.ts";
 * console.log(METRICS.filter((m) => m.primary).map((m) => m.name));
 * ```
 *
 * @module
 */
import type { MetricDef } from "../core/suite.ts";
import { METRICS as IDENTIFIABILITY_METRICS } from "./identifiability_metrics.ts";

/** The metrics every planning case records. */
export const METRICS: MetricDef[] = [
  {
    name: "regret_median",
    description:
      "median over episodes of achieved - optimal cost (true latent space; optimal = LQR on true dynamics)",
    direction: "lower",
    margin: 0.5,
    primary: true,
  },
  {
    name: "cost_ratio",
    description: "median over episodes of achieved / optimal cost (1 = optimal)",
    direction: "lower",
    margin: 0.1,
    primary: true,
  },
  {
    name: "success_rate",
    description:
      "fraction of episodes whose final true distance to the goal is below the success radius",
    direction: "higher",
    margin: 0.15,
    primary: true,
  },
  {
    name: "regret_mean",
    description: "mean regret (diverged episodes charged cap^2 per remaining step)",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "final_distance",
    description: "median final true distance ||z_T - z_goal|| (a diverged episode counts as 1e3)",
    direction: "lower",
    margin: 0.05,
    primary: false,
  },
  {
    name: "diverged_rate",
    description: "fraction of episodes whose state left |z_i| <= 1e3",
    direction: "lower",
    margin: 0.05,
    primary: false,
  },
  {
    name: "plan_ms_per_step",
    description:
      "mean milliseconds per control step inside the policy (encode the observation + plan)",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "achieved_cost",
    description: "mean cost the planner achieved in the true world (regret = this - optimal)",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "optimal_cost",
    description: "mean cost of LQR on the true dynamics (reference)",
    direction: "lower",
    margin: 1,
    primary: false,
  },
  {
    name: "optimal_success_rate",
    description: "success rate of LQR on the true dynamics (reference; should be 1)",
    direction: "higher",
    margin: 0.05,
    primary: false,
  },
  {
    name: "model_r2",
    description: "R2 of the linear latent model on held-out encoded transitions",
    direction: "higher",
    margin: 0.02,
    primary: false,
  },
  // The learned encoder's identifiability, defined once in the identifiability suite;
  // secondary here, so a reader sees how regret follows R2 and orthogonality.
  ...IDENTIFIABILITY_METRICS.map((m) => ({ ...m, primary: false })),
];
