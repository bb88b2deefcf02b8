/**
 * The error class of command-line mistakes (exit code 2).
 *
 * @module
 */

/**
 * A command-line mistake (unknown flag, suite, profile or backend, malformed
 * value): printed as one `error: ...` line, exit code 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "./usage_error.ts";
 * throw new UsageError('unknown flag "--sed"');
 * ```
 */
export class UsageError extends Error {
  /** Create a usage error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
