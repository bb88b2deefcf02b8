/**
 * Continuous benchmarking: baseline files, the baseline check with calibrated
 * noise floors, metric history over commits with change points, sharded runs
 * and their merge, and interchange formats (Bencher Metric Format, CSV).
 *
 * @example
 * ```ts
 * import { parseShard, toCsv } from "./mod.ts";
 * console.log(parseShard("1/3"), toCsv([]));
 * ```
 *
 * @module
 */
export * from "./baseline.ts";
export * from "./check.ts";
export * from "./check_format.ts";
export * from "./history.ts";
export * from "./shard.ts";
export * from "./merge.ts";
export * from "./interchange.ts";
export * from "./gate_simulation.ts";
