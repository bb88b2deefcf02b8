/**
 * Finding the run that `--resume` continues and checking that it was made
 * with the same suite, profile, backend, configuration and shard.
 *
 * @module
 */
import type { Suite } from "../suite.ts";
import type { RunHeader } from "../store/record.ts";
import type { ResultsStore } from "../store/store.ts";
import { RunnerError } from "./errors.ts";

/**
 * The header of the run to resume: `resume` is a run id, or true for the
 * latest unfinished run with this configuration. Throws a RunnerError naming
 * what differs.
 *
 * @example
 * ```ts
 * import { findResumeTarget } from "./resume.ts";
 * import { openStore } from "../store/sqlite.ts";
 * import type { Suite } from "../suite.ts";
 * declare const suite: Suite;
 * // const h = await findResumeTarget(openStore(), true, suite, "smoke", "wasm", "abc…");
 * ```
 */
export async function findResumeTarget(
  store: ResultsStore,
  resume: string | true,
  suite: Suite,
  profile: string,
  backend: string,
  hash: string,
  shardTag?: string,
): Promise<RunHeader> {
  if (resume === true) {
    const runs = store.listRuns({ suite: suite.id, suiteVersion: suite.version, profile, backend })
      .filter((r) =>
        r.header.finishedAt === null && r.header.configHash === hash &&
        r.header.tags.shard === shardTag
      );
    if (runs.length === 0) {
      throw new RunnerError(
        `no unfinished run of suite "${suite.id}" v${suite.version} profile "${profile}" backend ` +
          `"${backend}" with this configuration in store "${store.path}" to resume`,
      );
    }
    return runs[0].header;
  }
  const doc = store.getRun(resume);
  if (doc === null) throw new RunnerError(`no run "${resume}" in store "${store.path}" to resume`);
  const h = doc.header;
  const want = { suite: `${suite.id}@${suite.version}`, profile, backend };
  const have = {
    suite: `${h.suite.id}@${h.suite.version}`,
    profile: h.profile,
    backend: h.env.backend,
  };
  for (const k of ["suite", "profile", "backend"] as const) {
    if (want[k] !== have[k]) {
      throw new RunnerError(
        `cannot resume run "${resume}": it was made with ${k} ${have[k]}, not ${want[k]}`,
      );
    }
  }
  if (h.configHash !== hash) {
    throw new RunnerError(
      `cannot resume run "${resume}": its configuration differs (configHash ${
        h.configHash.slice(0, 12)
      }, now ${hash.slice(0, 12)}; the suite's cases or the seeds changed)`,
    );
  }
  if (h.tags.shard !== shardTag) {
    const fix = h.tags.shard === undefined
      ? "resume without --shard"
      : `give --shard ${h.tags.shard}`;
    throw new RunnerError(
      `cannot resume run "${resume}": it ran ${
        h.tags.shard === undefined ? "the whole profile" : `shard ${h.tags.shard}`
      }, not ${shardTag === undefined ? "the whole profile" : `shard ${shardTag}`} (${fix})`,
    );
  }
  await Promise.resolve();
  return h;
}
