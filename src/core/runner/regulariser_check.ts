/**
 * Checking a user regulariser module (`run --regulariser`) in a worker
 * process under a time limit, so that an endless loop at import or in
 * `apply()` (synchronous JS cannot be interrupted in-process), or a
 * top-level await that never resolves, gives a one-line error instead of a
 * hang or a stack trace. The parent never imports the module itself.
 *
 * @module
 */
import type { RegulariserFacts } from "./protocol.ts";
import { WorkerProcess } from "./worker_process.ts";

/** Starting the check process and tfjs in it (not part of the module's time limit). */
const INIT_TIMEOUT_MS = 300_000;

/**
 * The default time limit, in seconds, for loading and checking a user
 * regulariser module (after its worker process has started tfjs).
 *
 * @example
 * ```ts
 * import { DEFAULT_REGULARISER_TIMEOUT_S } from "./regulariser_check.ts";
 * console.log(DEFAULT_REGULARISER_TIMEOUT_S); // 120
 * ```
 */
export const DEFAULT_REGULARISER_TIMEOUT_S = 120;

/**
 * Load and check (the probe of `loadUserRegulariser`) the module at `path`
 * in a fresh worker process on the cpu backend, within `timeoutS` seconds;
 * resolves with what the run needs to know about it. Throws an Error with a
 * one-line message starting `regulariser module "<path>": ` when the module
 * is bad, runs past the limit (the process is killed), or never finishes
 * loading.
 *
 * @example
 * ```ts
 * import { checkUserRegulariser } from "./regulariser_check.ts";
 * // const facts = await checkUserRegulariser("./my_reg.ts", 60);
 * // facts.name === "user:my_reg@1a2b3c4d5e6f"
 * ```
 */
export async function checkUserRegulariser(
  path: string,
  timeoutS = DEFAULT_REGULARISER_TIMEOUT_S,
): Promise<RegulariserFacts> {
  if (!(timeoutS > 0)) throw new RangeError(`time limit must be positive, got ${timeoutS}`);
  const fail = (why: string): never => {
    throw new Error(`regulariser module "${path}": ${why}`);
  };
  const limitMs = timeoutS * 1000;
  const tooLong = () => {
    // A worker awaiting a promise still beats ("alive" every 250 ms); one in an endless loop does not.
    const awaiting = performance.now() - worker.lastMessageAt < Math.min(2000, limitMs / 2);
    return fail(
      `loading and checking it took longer than ${timeoutS} s (${
        awaiting
          ? "it was waiting, not computing: a top-level await or a promise in apply() that never resolves?"
          : "an endless loop at import or in apply()?"
      }); the check process was killed`,
    );
  };
  const stderr: string[] = [];
  const worker = new WorkerProcess(0, (line) => stderr.push(line));
  try {
    try {
      await worker.init(
        { type: "init", suite: null, backend: "cpu", tensors: true },
        INIT_TIMEOUT_MS,
      );
    } catch (e) {
      fail(`the check process could not start tfjs: ${(e as Error).message.split("\n")[0]}`);
    }
    const reply = await worker.checkRegulariser(path, limitMs);
    if (reply === "timeout") return tooLong();
    if (reply === null) {
      const text = stderr.join("\n");
      if (/top-level await promise never resolved/i.test(text)) {
        fail("its top-level await never resolves, so the module never finishes loading");
      }
      return fail(`the check process died (${(await worker.crashMessage()).split("\n")[0]})`);
    }
    if ("error" in reply) throw new Error(reply.error.split("\n")[0]);
    return reply;
  } finally {
    worker.kill();
    await worker.close();
  }
}
