/**
 * The declared metrics of suite `identifiability`: names, directions (or
 * targets), margins of the CI gate, and which are primary.
 *
 * @example
 * ```ts
 * import { METRICS } from "./identifiability_metrics.ts";
 * console.log(METRICS.filter((m) => m.primary).map((m) => m.name)); // [grid_r2_hz, r2_hz]
 * ```
 *
 * @module
 */
import type { FacetDef, MetricDef } from "../core/suite.ts";

/** The metrics every identifiability case records (grid_r2_hz in 2D only). */
export const METRICS: MetricDef[] = [
  {
    name: "grid_r2_hz",
    description:
      "2D only: R2 of z regressed on [h, 1] over the fixed 100x100 grid on [-3,3]^2 (ablation headline)",
    direction: "higher",
    margin: 0.02,
    primary: true,
  },
  {
    name: "r2_hz",
    description:
      "R2 of z regressed on [h, 1] on held-out latents, pooled over coordinates (headline)",
    direction: "higher",
    margin: 0.02,
    primary: true,
  },
  {
    name: "r2_zh",
    description: "R2 of h regressed on [z, 1]",
    direction: "higher",
    margin: 0.02,
    primary: false,
  },
  {
    name: "orth_err",
    description: "||A^T A - I||_F, A the linear part of h regressed on z",
    direction: "lower",
    margin: 0.05,
    primary: false,
  },
  {
    name: "orth_err_normalized",
    description: "||A^T A - I||_F / sqrt(N), A the linear part of h regressed on z",
    direction: "lower",
    margin: 0.05,
    primary: false,
  },
  {
    name: "procrustes_mse",
    description: "mean ||h - Q z||^2 with the best rotation Q",
    direction: "lower",
    margin: 0.05,
    primary: false,
  },
  {
    name: "epsilon",
    description: "||Cov(h) - I||_F",
    direction: "lower",
    margin: 0.05,
    primary: false,
  },
  {
    name: "L_h",
    description: "E||h' - h||^2 over one OU step",
    direction: "lower",
    margin: 0.02,
    primary: false,
  },
  {
    name: "delta",
    description: "max(L_h - 2(1-rho) tr Cov h, 0)",
    direction: "lower",
    margin: 0.02,
    primary: false,
  },
  {
    name: "D_bound",
    description: "delta / (2 rho (1 - rho))",
    direction: "lower",
    margin: 0.1,
    primary: false,
  },
  {
    name: "approx_bound",
    description: "D + (eps + D)^2: the theorem's bound on the Procrustes MSE (Gaussian latents)",
    direction: "lower",
    margin: 0.1,
    primary: false,
  },
  {
    name: "trace_cov",
    description: "tr Cov(h); N when the embedding is whitened (ranked by |trace_cov - N|)",
    direction: "higher",
    target: "dim",
    margin: 0.1,
    primary: false,
  },
  {
    name: "effective_rank",
    description:
      "exp(entropy of normalised covariance eigenvalues); N when isotropic, ~0-1 when collapsed " +
      "(ranked by |effective_rank - N|)",
    direction: "higher",
    target: "dim",
    margin: 0.1,
    primary: false,
  },
  {
    name: "final_loss",
    description: "training loss at the last step",
    direction: "lower",
    margin: 0.05,
    primary: false,
  },
];

/**
 * The case dimensions the dashboard filters identifiability results on.
 *
 * @example
 * ```ts
 * import { FACETS } from "./identifiability_metrics.ts";
 * console.log(FACETS.map((f) => f.name)); // ["mixing", "law", "dim", "encoder", "noise", "case"]
 * ```
 */
export const FACETS: FacetDef[] = [
  { name: "mixing", label: "Mixing", param: "mixing" },
  { name: "law", label: "Latent law", param: "law" },
  { name: "dim", label: "N", param: "dim" },
  { name: "encoder", label: "Encoder", param: "encoder" },
  { name: "noise", label: "View noise", param: "noise" },
  { name: "case", label: "Case", param: null },
];
