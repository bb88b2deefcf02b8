/**
 * The checks of `run`'s flag values (`--shard`/`--shards`, `--jobs`, the
 * time limits, a bare `--resume`); a bad value is a UsageError naming `run`.
 *
 * @module
 */
import { parseShard, type Shard, shardFromEnv } from "../core/ci/shard.ts";
import { asUsage, UsageError } from "./common.ts";

/**
 * `--shard i/n|auto` and `--shards n`; a problem is a usage error.
 *
 * @example
 * ```ts
 * import { parseShardFlags } from "./run_flag_values.ts";
 * console.log(parseShardFlags("2/3", undefined)); // { index: 2, count: 3 }
 * ```
 */
export function parseShardFlags(
  text: string | undefined,
  countText: string | undefined,
): Shard | undefined {
  let count: number | undefined;
  if (countText !== undefined) {
    if (!/^\d+$/.test(countText) || Number(countText) < 1) {
      throw new UsageError(`run: --shards must be a positive integer, got "${countText}"`);
    }
    count = Number(countText);
  }
  if (text === undefined) {
    if (count !== undefined) throw new UsageError("run: --shards needs --shard auto");
    return undefined;
  }
  if (text === "auto") return asUsage(() => shardFromEnv(undefined, count));
  if (count !== undefined) throw new UsageError("run: --shards goes with --shard auto only");
  return asUsage(() => parseShard(text));
}

/**
 * The most worker processes `run` starts: 4 per CPU, at most 64 (more only
 * slow a run down and can exhaust memory).
 *
 * @example
 * ```ts
 * import { MAX_JOBS } from "./run_flag_values.ts";
 * console.log(MAX_JOBS <= 64); // true
 * ```
 */
export const MAX_JOBS = Math.min(64, 4 * Math.max(1, navigator.hardwareConcurrency ?? 1));

/**
 * Refuse more than {@link MAX_JOBS} worker processes; `what` names the source.
 *
 * @example
 * ```ts
 * import { checkJobs } from "./run_flag_values.ts";
 * checkJobs("--jobs", 2);
 * ```
 */
export function checkJobs(what: string, jobs: number): void {
  if (jobs > MAX_JOBS) {
    throw new UsageError(
      `run: ${what} must be at most ${MAX_JOBS} (4 per CPU, ${navigator.hardwareConcurrency} ` +
        `here, and never more than 64), got ${jobs}`,
    );
  }
}

/**
 * `--jobs <n>`: a positive integer up to {@link MAX_JOBS}; undefined when absent.
 *
 * @example
 * ```ts
 * import { jobsFlag } from "./run_flag_values.ts";
 * console.log(jobsFlag("2")); // 2
 * ```
 */
export function jobsFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!/^\d+$/.test(text) || jobs < 1) {
    throw new UsageError(`run: --jobs must be a positive integer, got "${text}"`);
  }
  checkJobs("--jobs", jobs);
  return jobs;
}

/**
 * A `--<flag> <seconds>` value: a positive number up to `max`; a problem is a usage error.
 *
 * @example
 * ```ts
 * import { secondsFlag } from "./run_flag_values.ts";
 * console.log(secondsFlag("case-timeout", "90", 1e6)); // 90
 * ```
 */
export function secondsFlag(
  flag: string,
  text: string | undefined,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!/^\s*[0-9.e+]+\s*$/i.test(text) || !(v > 0 && v <= max)) {
    throw new UsageError(
      `run: --${flag} must be a number of seconds in (0, ${max}], got "${text}"`,
    );
  }
  return v;
}

/**
 * `--resume` takes an optional value: a bare `--resume` becomes `--resume=`.
 *
 * @example
 * ```ts
 * import { normaliseResume } from "./run_flag_values.ts";
 * console.log(normaliseResume(["--resume", "--json"])); // ["--resume=", "--json"]
 * ```
 */
export function normaliseResume(args: string[]): string[] {
  return args.map((a, i) =>
    a === "--resume" && (i + 1 >= args.length || args[i + 1].startsWith("-")) ? "--resume=" : a
  );
}
