/**
 * Sharding a run over machines: `run --shard i/n` runs the tasks whose
 * position in the full (case, seed) expansion is `i - 1` modulo `n`; with
 * `--shard auto` the index comes from the scheduler's environment.
 *
 * Environment variables read by {@link shardFromEnv}, first match wins:
 *
 * | scheduler                | index (as set)                  | count                                  |
 * | ------------------------ | ------------------------------- | -------------------------------------- |
 * | any (e.g. a GitHub matrix) | `JEPA_SHARD_INDEX` (1-based)  | `JEPA_SHARD_COUNT` or `--shards`       |
 * | Slurm job array          | `SLURM_ARRAY_TASK_ID`           | `SLURM_ARRAY_TASK_COUNT` or `--shards` |
 * | Kubernetes indexed Job   | `JOB_COMPLETION_INDEX` (0-based) | `--shards` (the Job's `completions`)  |
 *
 * Slurm task ids are taken relative to `SLURM_ARRAY_TASK_MIN` (default 0), so
 * `--array=0-3` and `--array=1-4` both give shards 1/4 ... 4/4. GitHub Actions
 * exposes no matrix index in the environment: set `JEPA_SHARD_INDEX: ${{ matrix.shard }}`
 * and `JEPA_SHARD_COUNT` in the job (see `.github/workflows/bench.yml`).
 *
 * @module
 */

/**
 * One shard of a run: `index` in 1..count.
 *
 * @example
 * ```ts
 * import type { Shard } from "./shard.ts";
 * const second: Shard = { index: 2, count: 3 };
 * ```
 */
export interface Shard {
  index: number;
  count: number;
}

function positiveInt(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim())) throw new RangeError(`${what} must be an integer, got "${text}"`);
  return Number(text.trim());
}

function checked(index: number, count: number, source: string): Shard {
  if (count < 1) throw new RangeError(`${source}: the shard count must be >= 1, got ${count}`);
  if (index < 1 || index > count) {
    throw new RangeError(`${source}: shard index ${index} is outside 1..${count}`);
  }
  return { index, count };
}

/**
 * Parse `"i/n"` (1-based, `1 <= i <= n`). Throws a RangeError otherwise.
 *
 * @example
 * ```ts
 * import { parseShard } from "./shard.ts";
 * console.log(parseShard("2/3")); // { index: 2, count: 3 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new RangeError(`malformed shard "${text}": expected i/n, e.g. 2/3`);
  return checked(Number(m[1]), Number(m[2]), `shard "${text}"`);
}

/**
 * The shard from a scheduler's environment (see the module docs for the
 * variables). `count` (from `--shards`) is used when the environment does
 * not give one, and must agree with it when it does. Throws a RangeError
 * naming the variables when none is set or a value is bad.
 *
 * @example
 * ```ts
 * import { shardFromEnv } from "./shard.ts";
 * const env = { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "4" };
 * console.log(shardFromEnv((k) => env[k as keyof typeof env])); // { index: 3, count: 4 }
 * ```
 */
export function shardFromEnv(
  get: (name: string) => string | undefined = (name) => Deno.env.get(name),
  count?: number,
): Shard {
  const countFrom = (envName: string | null): number => {
    const envValue = envName === null ? undefined : get(envName);
    const fromEnv = envValue === undefined || envValue === ""
      ? undefined
      : positiveInt(envValue, envName!);
    if (fromEnv !== undefined && count !== undefined && fromEnv !== count) {
      throw new RangeError(`--shards ${count} disagrees with ${envName}=${fromEnv}`);
    }
    const n = fromEnv ?? count;
    if (n === undefined) {
      throw new RangeError(
        `the shard count is unknown: give --shards <n>${envName ? ` or set ${envName}` : ""}`,
      );
    }
    return n;
  };
  const own = get("JEPA_SHARD_INDEX");
  if (own !== undefined && own !== "") {
    const index = positiveInt(own, "JEPA_SHARD_INDEX");
    return checked(index, countFrom("JEPA_SHARD_COUNT"), "JEPA_SHARD_INDEX");
  }
  const slurm = get("SLURM_ARRAY_TASK_ID");
  if (slurm !== undefined && slurm !== "") {
    const id = positiveInt(slurm, "SLURM_ARRAY_TASK_ID");
    const minText = get("SLURM_ARRAY_TASK_MIN");
    const min = minText === undefined || minText === ""
      ? 0
      : positiveInt(minText, "SLURM_ARRAY_TASK_MIN");
    return checked(id - min + 1, countFrom("SLURM_ARRAY_TASK_COUNT"), "SLURM_ARRAY_TASK_ID");
  }
  const k8s = get("JOB_COMPLETION_INDEX");
  if (k8s !== undefined && k8s !== "") {
    const index = positiveInt(k8s, "JOB_COMPLETION_INDEX") + 1;
    return checked(index, countFrom(null), "JOB_COMPLETION_INDEX");
  }
  throw new RangeError(
    "--shard auto found no shard index: set JEPA_SHARD_INDEX (1-based, with JEPA_SHARD_COUNT), " +
      "or run as a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes indexed Job " +
      "(JOB_COMPLETION_INDEX, with --shards)",
  );
}

/**
 * Whether the task at `position` of the full expansion belongs to `shard`.
 *
 * @example
 * ```ts
 * import { inShard } from "./shard.ts";
 * console.log([0, 1, 2, 3, 4].filter((p) => inShard(p, { index: 2, count: 3 }))); // [1, 4]
 * ```
 */
export function inShard(position: number, shard: Shard): boolean {
  return position % shard.count === shard.index - 1;
}
