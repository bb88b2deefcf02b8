/**
 * Every claim the suites test, in the order the papers' statements are
 * listed (README "Claims"), and their evaluation over one input.
 *
 * @module
 */
import type { Claim, ClaimReport } from "./claim.ts";
import type { ClaimInput } from "./input.ts";
import {
  ALIGNMENT_COLLAPSES,
  BOUND_SIGREG,
  BOUND_WHITENING,
  GAUSSIAN_IDENTIFIED,
  SCALING_R2_HIGH,
} from "./identifiability.ts";
import { REGRET_BELOW_BOUND, REGRET_U_SHAPED } from "./generalization.ts";
import { PLANNING_NEAR_OPTIMAL } from "./planning.ts";
import { SIGREG_LINEAR_IN_BATCH } from "./perf.ts";

/**
 * The claims, by number: 1 identified, 2 bound (SIGReg, whitening), 3
 * collapse, 4 linear cost, 5 regret ≤ bound, 6 U-shape, 7 planning, 8 scaling.
 *
 * @example
 * ```ts
 * import { CLAIMS } from "./registry.ts";
 * console.assert(new Set(CLAIMS.map((c) => c.id)).size === CLAIMS.length);
 * ```
 */
export const CLAIMS: readonly Claim[] = [
  GAUSSIAN_IDENTIFIED,
  BOUND_SIGREG,
  BOUND_WHITENING,
  ALIGNMENT_COLLAPSES,
  SIGREG_LINEAR_IN_BATCH,
  REGRET_BELOW_BOUND,
  REGRET_U_SHAPED,
  PLANNING_NEAR_OPTIMAL,
  SCALING_R2_HIGH,
];

/**
 * The claim with this id; a RangeError naming the known ids otherwise.
 *
 * @example
 * ```ts
 * import { claimById } from "./registry.ts";
 * console.assert(claimById("planning.identified-near-optimal").version >= 1);
 * ```
 */
export function claimById(id: string, claims: readonly Claim[] = CLAIMS): Claim {
  const found = claims.find((c) => c.id === id);
  if (found === undefined) {
    throw new RangeError(
      `unknown claim "${id}"; expected one of: ${claims.map((c) => c.id).join(", ")}`,
    );
  }
  return found;
}

/**
 * The suite ids the claims read.
 *
 * @example
 * ```ts
 * import { claimSuites } from "./registry.ts";
 * console.assert(claimSuites().includes("perf"));
 * ```
 */
export function claimSuites(claims: readonly Claim[] = CLAIMS): string[] {
  return [...new Set(claims.flatMap((c) => c.suites.map((s) => s.id)))];
}

/**
 * Evaluate each claim on the input: its data (id, version, checks, …) with
 * its verdict, reason, evidence and record counts.
 *
 * @example
 * ```ts
 * import { evaluateClaims } from "./registry.ts";
 * const reports = evaluateClaims({ headers: [], records: [] });
 * console.assert(reports.every((r) => r.verdict === "inconclusive"));
 * ```
 */
export function evaluateClaims(
  input: ClaimInput,
  claims: readonly Claim[] = CLAIMS,
): ClaimReport[] {
  return claims.map(({ evaluate, ...spec }) => ({ ...spec, ...evaluate(input) }));
}
