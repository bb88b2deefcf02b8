/**
 * The dashboard's data layer: from a results store to view models.
 *
 * @module
 */
export * from "./types.ts";
export * from "./entries.ts";
export * from "./dataset.ts";
export * from "./filters.ts";
export * from "./leaderboard.ts";
export * from "./compare.ts";
export * from "./history.ts";
export * from "./run.ts";
export * from "./suites.ts";
export * from "./source.ts";
export * from "./links.ts";
export * from "./slices.ts";
