/**
 * The CLI commands, one file each; `src/cli.ts` dispatches to them.
 *
 * @example
 * ```ts
 * import { listCommand, processIo } from "./mod.ts";
 * await listCommand([], processIo());
 * ```
 *
 * @module
 */
export * from "./common.ts";
export * from "./flags.ts";
export * from "./run.ts";
export * from "./list.ts";
export * from "./show.ts";
export * from "./export.ts";
export * from "./import.ts";
export * from "./env.ts";
export * from "./compare.ts";
export * from "./rank.ts";
export * from "./baseline.ts";
export * from "./check.ts";
export * from "./history.ts";
export * from "./merge.ts";
export * from "./corpus.ts";
export * from "./claims.ts";
