/**
 * Statistics of SPEC section 6: descriptive aggregates (mean, IQM), the
 * Student-t intervals of every per-case table (one sample, paired on seeds,
 * Welch, pooled, stratified over tasks) with the t quantile behind them,
 * captions that name them, their coverage by simulation, seeded bootstrap CIs
 * (plain, stratified as in rliable, difference), probability of improvement,
 * performance profiles, the baseline verdict rule, change-point detection and
 * the log-log fit of a scaling exponent.
 *
 * @example
 * ```ts
 * import { seedDifferenceInterval, verdict } from "./mod.ts";
 * const base = new Map([[1, 0.99], [2, 0.98], [3, 0.99]]);
 * const run = new Map([[1, 0.90], [2, 0.91], [3, 0.89]]);
 * const d = seedDifferenceInterval(base, run); // paired on seeds 1-3
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
export * from "./holm.ts";
export * from "./p_value.ts";
export * from "./loglog.ts";
