/**
 * The results store: the run record and its validators, the SQLite store and
 * JSON import/export.
 *
 * @example
 * ```ts
 * import { exportRuns, openStore } from "./mod.ts";
 * const store = openStore(":memory:");
 * console.log(exportRuns(store).length); // 0
 * store.close();
 * ```
 *
 * @module
 */
export * from "./record.ts";
export * from "./store.ts";
export * from "./validate.ts";
export * from "./sqlite.ts";
export * from "./io.ts";
export * from "./document_rules.ts";
