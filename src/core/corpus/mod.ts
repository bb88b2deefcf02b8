/**
 * The results corpus: a committed folder of verified run documents
 * (`corpus/<suite>@<version>/<profile>-<backend>-<runId>.json` and `corpus/index.json`), what
 * `corpus add` writes, `corpus verify` checks and the dashboard publishes.
 *
 * @example
 * ```ts
 * import { verifyCorpus } from "./mod.ts";
 * const report = await verifyCorpus("corpus");
 * console.log(report.ok);
 * ```
 *
 * @module
 */
export * from "./coarsen.ts";
export * from "./document.ts";
export * from "./git.ts";
export * from "./corpus_index.ts";
export * from "./read.ts";
export * from "./verify.ts";
export * from "./add.ts";
