/**
 * Claims: what the papers behind the suites say, as named, versioned checks
 * over verified run records, each with a computed verdict (`holds | fails |
 * inconclusive`), a one-line reason and its evidence (cases, values, 95 %
 * t-intervals over seeds). The CLI's `claims` command and the dashboard's
 * claims page both call {@link evaluateClaims} and only format its answer.
 *
 * @example
 * ```ts
 * import { claimInputFromDocuments, evaluateClaims } from "./mod.ts";
 * const reports = evaluateClaims(claimInputFromDocuments([]));
 * console.assert(reports.length > 0 && reports[0].records.used === 0);
 * ```
 *
 * @module
 */
export * from "./claim.ts";
export * from "./checks.ts";
export * from "./input.ts";
export * from "./identifiability.ts";
export * from "./generalization.ts";
export * from "./planning.ts";
export * from "./perf.ts";
export * from "./registry.ts";
