/**
 * Claims the generalization suite tests (SPEC §3, this project's
 * operationalisation of Cui, Zhang, Wen & Wang 2026): regret below the
 * value-aware bound everywhere, and regret U-shaped in k with its minimum
 * near the planted rank.
 *
 * @module
 */
import { defineClaim, type SuiteRef } from "./claim.ts";

/** The suite version whose case ids and metrics these claims name. */
export const GENERALIZATION_SUITE: SuiteRef = { id: "generalization", version: 2 };

const CUI = "Cui, Zhang, Wen & Wang 2026, arXiv 2606.27014 (SPEC §3, this project's " +
  "operationalisation)";

/** How far (in k) the regret-minimising k may lie from the planted rank. */
export const PLANTED_RANK_TOLERANCE = 2;

/**
 * Claim 5: regret ≤ the value-aware simulation-lemma bound in every (k, n,
 * rep) cell of every case (bound_holds_fraction = 1 on every seed).
 *
 * @example
 * ```ts
 * import { REGRET_BELOW_BOUND } from "./generalization.ts";
 * console.assert(REGRET_BELOW_BOUND.minSeeds === 1);
 * ```
 */
export const REGRET_BELOW_BOUND = defineClaim({
  id: "generalization.regret-below-bound",
  version: 1,
  title: "Planning regret ≤ the value-aware bound in every (k, n) cell of every environment",
  source: `${CUI}: pretraining error bounds planning regret, checked against the value-aware ` +
    "simulation-lemma bound (bound_holds_fraction: the fraction of (k, n, rep) cells where it holds).",
  suites: [GENERALIZATION_SUITE],
  profiles: ["smoke", "ci", "standard", "gpu"],
  // Each seed is a whole (k, n, rep) grid and the test is per seed: one seed can decide.
  minSeeds: 1,
  checks: [
    {
      kind: "every-seed",
      label: "bound holds",
      select: {},
      test: { left: { metric: "bound_holds_fraction" }, op: ">=", right: { value: 1 } },
    },
  ],
});

/**
 * Claim 6: on the planted-rank MDP, regret is U-shaped in k at n = 10⁴ (the
 * suite's uShapeN) with its minimum within {@link PLANTED_RANK_TOLERANCE} of
 * the planted rank.
 *
 * @example
 * ```ts
 * import { REGRET_U_SHAPED } from "./generalization.ts";
 * console.assert(REGRET_U_SHAPED.checks.length === 2);
 * ```
 */
export const REGRET_U_SHAPED = defineClaim({
  id: "generalization.regret-u-shaped",
  version: 1,
  title: "Regret is U-shaped in k at large n, smallest within " +
    `${PLANTED_RANK_TOLERANCE} of the planted rank`,
  source: `${CUI}: the bound trades approximation error against sample error in k; the suite ` +
    "flags regret_u_shaped (both ends ≥ 1.5 × the minimum) and records u_shape_argmin_k at n = 10⁴.",
  suites: [GENERALIZATION_SUITE],
  profiles: ["smoke", "standard"],
  minSeeds: 1,
  checks: [
    {
      kind: "every-seed",
      label: "U-shaped",
      select: { caseIds: ["planted-rank-64-r6"] },
      test: { flag: "regret_u_shaped", is: true },
    },
    {
      kind: "every-seed",
      label: "minimum near planted rank",
      select: { caseIds: ["planted-rank-64-r6"] },
      test: {
        left: { metric: "u_shape_argmin_k" },
        op: "within",
        right: { param: "rank" },
        tolerance: PLANTED_RANK_TOLERANCE,
      },
    },
  ],
});
