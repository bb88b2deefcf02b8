/**
 * Statistics of SPEC section 6: descriptive aggregates (mean, IQM), seeded
 * bootstrap CIs (plain, stratified, difference), probability of improvement,
 * performance profiles, the baseline verdict rule and change-point detection.
 *
 * @example
 * ```ts
 * import { differenceCI, verdict } from "./mod.ts";
 * const d = differenceCI([0.99, 0.98, 0.99], [0.90, 0.91, 0.89], { seed: 1 });
 * console.assert(verdict(d, 0.01, "higher") === "worse");
 * ```
 *
 * @module
 */

export * from "./descriptive.ts";
export * from "./bootstrap.ts";
export * from "./improvement.ts";
export * from "./profile.ts";
export * from "./verdict.ts";
export * from "./changepoints.ts";
export * from "./student_t.ts";
export * from "./t_interval.ts";
export * from "./interval_caption.ts";
export * from "./coverage.ts";
export * from "./summarize.ts";
export * from "./stratified_t.ts";
