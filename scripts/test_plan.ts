/**
 * How `deno task test` groups the test files into test modules (shards).
 *
 * `deno test` starts a fresh isolate for every test file, and on a 2-core
 * machine that costs about 0.4 s of CPU per file, mostly serial: with ~150
 * files, a third of the test command's time. So the unit-test files of one
 * folder run together in one module that imports them (one isolate, shared
 * module loading), while the folders whose tests spawn processes, patch
 * globals in-process (the planted-bug fixtures of the gate tests), install
 * hooks or time things run one file per module, as before.
 *
 * @example
 * ```ts
 * import { planShards } from "./test_plan.ts";
 * const shards = planShards(["test/core/stats/a_test.ts", "test/e2e/b_test.ts"]);
 * // [{ name: "e2e--b", files: ["test/e2e/b_test.ts"], alone: true },
 * //  { name: "small--core", files: ["test/core/stats/a_test.ts"], alone: false }]
 * ```
 *
 * @module
 */

/** Folders whose test files each run alone, in their own isolate. */
export const ALONE_DIRS: readonly string[] = ["test/e2e", "test/reliability", "test/cli"];

/**
 * Test files named `*_webgpu_test.ts` also run alone: whole suite cases on
 * webgpu, dominated by the software GPU's cold shader compiles, which would
 * otherwise hold up the rest of their folder's shard.
 */
export const ALONE_SUFFIX = "_webgpu_test.ts";

/** Folders with fewer test files than this join their top-level folder's shard of small folders. */
export const MIN_GROUP = 4;

/**
 * Seconds a test file took (junit report of `npx -y deno@2.9.6 task test` on a
 * fresh clone, 2-core machine, cold caches: the webgpu file compiles its
 * shaders; files not listed count 1 s). Only the order of the shards depends on
 * it: the heaviest start first, so that no long shard is left running alone at
 * the end. A stale figure slows the run a little and changes no result.
 */
export const SECONDS: Readonly<Record<string, number>> = {
  "test/suites/identifiability_webgpu_test.ts": 49,
  "test/suites/paths_webgpu_test.ts": 26,
  "test/e2e/cli_test.ts": 28,
  "test/cli/check_gates_test.ts": 26,
  "test/e2e/dashboard_browser_test.ts": 25,
  "test/reliability/crash_test.ts": 18,
  "test/core/runner/regulariser_check_test.ts": 15,
  "test/cli/check_identifiability_test.ts": 14,
  "test/e2e/dashboard_matrix_test.ts": 13,
  "test/reliability/fuzz_import_test.ts": 12,
  "test/suites/planning_test.ts": 11,
  "test/e2e/pack_test.ts": 10,
  "test/suites/generalization_test.ts": 9,
  "test/core/runner/runner_test.ts": 8,
  "test/reliability/determinism_test.ts": 8,
  "test/reliability/faults_test.ts": 8,
  "test/reliability/dashboard_security_test.ts": 7,
  "test/core/train/memory_test.ts": 6,
  "test/reliability/concurrency_test.ts": 6,
  "test/e2e/dashboard_phone_test.ts": 5,
  "test/core/objectives/vicreg_test.ts": 5,
  "test/core/objectives/epps_pulley_helper_test.ts": 1,
  "test/core/engine/matmul_threads_test.ts": 3,
  "test/core/runner/case_timeout_test.ts": 5,
  "test/cli/check_test.ts": 5,
  "test/suites/identifiability_bound_test.ts": 5,
  "test/core/stats/interval_coverage_test.ts": 4,
  "test/suites/identifiability_test.ts": 4,
  "test/reliability/config_run_test.ts": 4,
  "test/dashboard/corpus_build_test.ts": 3,
  "test/core/engine/webgpu_test.ts": 3,
};

/** The expected seconds of a shard: the sum of {@link SECONDS} over its files (1 s if unlisted). *
 * @example
 * ```ts
 * import { shardSeconds } from "./test_plan.ts";
 * shardSeconds({ name: "x", files: ["test/new_test.ts"], alone: false }); // 1
 * ```
 */
export function shardSeconds(shard: Shard): number {
  return shard.files.reduce((s, f) => s + (Object.hasOwn(SECONDS, f) ? SECONDS[f] : 1), 0);
}

/** One test module: a name (the file name of its generated module) and the files it imports. */
export interface Shard {
  name: string;
  files: string[];
  /** A file of {@link ALONE_DIRS}: run as itself, no generated module. */
  alone: boolean;
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/"));
}

function slug(path: string): string {
  return path.replace(/^test\/?/, "").replace(/_test\.ts$/, "").replaceAll("/", "--") || "root";
}

/**
 * Group test files (paths relative to the repository root, `test/...`) into
 * shards: each file under {@link ALONE_DIRS} alone, the others one shard per
 * folder, folders with fewer than {@link MIN_GROUP} files merged per
 * top-level folder. Every file is in exactly one shard. Ordered by
 * {@link shardSeconds}, heaviest first (then by name).
 *
 * @example
 * ```ts
 * import { planShards } from "./test_plan.ts";
 * const names = planShards(["test/vectors_test.ts"]).map((s) => s.name); // ["small--root"]
 * ```
 */
export function planShards(files: readonly string[]): Shard[] {
  const sorted = [...new Set(files)].sort();
  for (const f of sorted) {
    if (!f.startsWith("test/") || !f.endsWith("_test.ts")) {
      throw new RangeError(`not a test file under test/: "${f}"`);
    }
  }
  const alone = sorted.filter((f) =>
    ALONE_DIRS.some((d) => f.startsWith(`${d}/`)) || f.endsWith(ALONE_SUFFIX)
  );
  const byDir = new Map<string, string[]>();
  for (const f of sorted) {
    if (alone.includes(f)) continue;
    const d = dirOf(f);
    byDir.set(d, [...(byDir.get(d) ?? []), f]);
  }
  const groups = new Map<string, string[]>();
  for (const [d, fs] of byDir) {
    // A small folder joins its parent's shard of small folders: test/core/x -> "small--core",
    // test/x and test/ itself -> "small--root".
    const parts = d.split("/");
    const top = parts.length >= 3 ? parts.slice(0, 2).join("/") : "test";
    const key = fs.length >= MIN_GROUP ? d : `small:${top}`;
    groups.set(key, [...(groups.get(key) ?? []), ...fs]);
  }
  const grouped = [...groups].map(([key, fs]) => ({
    name: key.startsWith("small:") ? `small--${slug(key.slice(6))}` : slug(key),
    files: fs.sort(),
    alone: false,
  })).sort((a, b) => a.name.localeCompare(b.name));
  const all = [...alone.map((f) => ({ name: slug(f), files: [f], alone: true })), ...grouped];
  return all.sort((a, b) => shardSeconds(b) - shardSeconds(a) || a.name.localeCompare(b.name));
}
