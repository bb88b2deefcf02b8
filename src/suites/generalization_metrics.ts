/**
 * Metrics of the generalization suite (src/suites/generalization.ts).
 *
 * @module
 */
import type { MetricDef } from "../core/suite.ts";

/**
 * Metric definitions of the generalization suite (direction, margin, primary or not).
 *
 * @example
 * ```ts
 * import { GENERALIZATION_METRICS } from "./generalization_metrics.ts";
 * console.log(GENERALIZATION_METRICS.filter((m) => m.primary).map((m) => m.name));
 * ```
 */
export const GENERALIZATION_METRICS: MetricDef[] = [
  {
    name: "bound_holds_fraction",
    description:
      "Fraction of (k, n, rep) cells where regret <= value-aware simulation-lemma bound (must be 1).",
    direction: "higher",
    margin: 0,
    primary: true,
  },
  {
    name: "regret_at_best_k",
    description:
      "Regret in the true MDP at the best k, largest n (mean over reps and start states).",
    direction: "lower",
    margin: 0.05,
    primary: true,
  },
  {
    name: "regret_at_planted_rank",
    description: "Regret at k = planted rank, largest n (planted-rank MDPs only).",
    direction: "lower",
    margin: 0.02,
    primary: true,
  },
  {
    name: "gd_gap_to_optimum",
    description: "Gradient-descent loss minus the Eckart-Young optimum L*, relative to |L*|.",
    direction: "lower",
    margin: 1e-3,
    primary: true,
  },
  {
    name: "min_bound_large_n",
    description: "Smallest value-aware bound over k at the largest n.",
    direction: "lower",
    margin: 0.2,
    primary: false,
  },
  {
    name: "max_regret_to_bound_ratio",
    description: "Largest regret / bound over the grid (<= 1 when the bound holds).",
    direction: "lower",
    margin: 0.05,
    primary: false,
  },
  {
    name: "min_regret_k",
    description: "k minimising regret at the largest n.",
    direction: "lower",
    margin: 4,
    primary: false,
  },
  {
    name: "min_bound_k",
    description: "k minimising the bound at the largest n.",
    direction: "lower",
    margin: 4,
    primary: false,
  },
  {
    name: "eps_sample_exp_k",
    description: "Fitted exponent a in eps_sample ~ k^a n^b.",
    direction: "lower",
    margin: 0.2,
    primary: false,
  },
  {
    name: "eps_sample_exp_n",
    description: "Fitted exponent b in eps_sample ~ k^a n^b.",
    direction: "lower",
    margin: 0.1,
    primary: false,
  },
  {
    name: "spearman_regret_vs_error",
    description:
      "Spearman correlation over the (k, n) grid of regret with eps_approx + eps_sample.",
    direction: "higher",
    margin: 0.1,
    primary: false,
  },
  {
    name: "spearman_regret_vs_bound",
    description: "Spearman correlation over the (k, n) grid of regret with the bound.",
    direction: "higher",
    margin: 0.1,
    primary: false,
  },
  {
    name: "svd_ms",
    description: "Wall time of the population top-k SVD, milliseconds.",
    direction: "lower",
    margin: 50,
    primary: false,
  },
  {
    name: "case_wall_ms",
    description: "Wall time of the whole case, milliseconds.",
    direction: "lower",
    margin: 2000,
    primary: false,
  },
];
