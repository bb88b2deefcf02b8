/**
 * The runner: expanding profiles into tasks, the reproducibility header,
 * running tasks in worker processes with resume, progress and the summary.
 *
 * @example
 * ```ts
 * import { createProgress, runSuite } from "./mod.ts";
 * import { importSuite } from "../suite_module.ts";
 * import { openStore } from "../store/mod.ts";
 * const progress = createProgress();
 * const suite = await importSuite(new URL("file:///work/my_suite.ts"));
 * const out = await runSuite({ suite, store: openStore(), onEvent: progress.onEvent });
 * progress.finish();
 * ```
 *
 * @module
 */
export * from "./expand.ts";
export * from "./environment.ts";
export * from "./protocol.ts";
export * from "./runner.ts";
export * from "./progress.ts";
export * from "./summary.ts";
export * from "./config.ts";
export * from "./reproduce.ts";
