/**
 * The runner's one error class that callers catch.
 *
 * @module
 */

/**
 * The run could not be started or resumed (bad resume target, a run that is
 * live in another process, a backend that does not initialise, …). Nothing
 * was recorded, or the run was left as it was.
 *
 * @example
 * ```ts
 * import { RunnerError } from "./errors.ts";
 * import { runSuite } from "./runner.ts";
 * import { importSuite } from "../suite_module.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const suite = await importSuite(new URL("file:///work/my_suite.ts"));
 * try {
 *   await runSuite({ suite, store: openStore(), resume: "no-such-run" });
 * } catch (e) {
 *   if (e instanceof RunnerError) console.error(e.message);
 * }
 * ```
 */
export class RunnerError extends Error {
  /** Create a runner error. */
  constructor(message: string) {
    super(message);
    this.name = "RunnerError";
  }
}
