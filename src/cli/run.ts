/**
 * `run`: run (or resume) suite profiles and print each run's summary.
 *
 * @module
 */
import { DEFAULT_BACKEND, parseBackend } from "../core/engine/backends.ts";
import type { CaseSpec } from "../core/suite.ts";
import type { ResolvedSuite } from "../core/suite_module.ts";
import { getProfile, parseSeeds } from "../core/runner/expand.ts";
import { applyOverrides, loadRunConfig, type RunConfig } from "../core/runner/config.ts";
import { createProgress } from "../core/runner/progress.ts";
import { parseShard } from "../core/ci/shard.ts";
import { MAX_CASE_TIMEOUT_S, type RunOutcome, runSuite } from "../core/runner/runner.ts";
import {
  checkUserRegulariser,
  DEFAULT_REGULARISER_TIMEOUT_S,
} from "../core/runner/regulariser_check.ts";
import { formatSummary, summarizeRun } from "../core/runner/summary.ts";
import { DEFAULT_STORE_PATH } from "../core/store/store.ts";
import { isSuiteModulePath, resolveSuite, suiteIds } from "../suites/registry.ts";
import {
  asUsage,
  asUsageAsync,
  BACKEND_FLAG,
  type CliIo,
  commaList,
  openStoreFlag,
  STORE_FLAG,
  UsageError,
} from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
import {
  checkJobs,
  jobsFlag,
  normaliseResume,
  parseShardFlags,
  secondsFlag,
} from "./run_flag_values.ts";

/**
 * The flags of `run`.
 *
 * @example
 * ```ts
 * import { RUN_FLAGS } from "./run.ts";
 * console.log(RUN_FLAGS.profile.default); // "smoke"
 * ```
 */
export const RUN_FLAGS = defineFlags({
  suite: {
    type: "string",
    value: "<ids>",
    default: `every registered suite (${suiteIds().join(", ") || "none yet"})`,
    help: "comma list of suite ids or module paths (./my_suite.ts exporting `suite`)",
  },
  profile: { type: "string", value: "<name>", default: "smoke", help: "profile" },
  backend: BACKEND_FLAG,
  seeds: {
    type: "string",
    value: "<list>",
    help: "override the profile's seeds, e.g. 0,1,2 or 0-4",
  },
  jobs: {
    type: "string",
    value: "<n>",
    default: `CPU count, ${navigator.hardwareConcurrency}; at most 4 per CPU and 64`,
    help:
      "parallel worker processes; fewer than the CPU count leaves a core spare for the cases' " +
      "helper threads (identifiability: views drawn ahead, SIGReg's pass and wide matMuls on " +
      "two threads; same numbers)",
  },
  regulariser: {
    type: "string",
    value: "<path>",
    help: "run with a user regulariser module (exporting `regulariser` or a default Regulariser) " +
      "in place of every case's regulariser, in the suites that take one; recorded as " +
      "user:<name>@<sha-256 prefix of the file>",
  },
  config: {
    type: "string",
    value: "<file>",
    help: "a JSON run configuration { suite, profile, backend?, seeds?, jobs?, overrides?: " +
      "{ <case param>: value } }; overrides apply to every case of the profile (and change the " +
      "configHash); flags given on the command line win",
  },
  shard: {
    type: "string",
    value: "<i/n|auto>",
    help:
      "run only shard i of n (1-based) of the (case, seed) tasks: task k when k % n == i - 1; " +
      '"auto" reads JEPA_SHARD_INDEX/JEPA_SHARD_COUNT (1-based, e.g. from a GitHub matrix), ' +
      "SLURM_ARRAY_TASK_ID (+ SLURM_ARRAY_TASK_COUNT) or JOB_COMPLETION_INDEX (Kubernetes " +
      "indexed Job, 0-based); join shards with `merge`",
  },
  shards: {
    type: "string",
    value: "<n>",
    help: "the shard count for --shard auto when the environment does not give it",
  },
  "case-timeout": {
    type: "string",
    value: "<seconds>",
    default: "the profile's, else 6 h",
    help: "per-case time limit; a case over it is recorded as failed (timeout), its worker " +
      "process is killed and the run goes on",
  },
  "regulariser-timeout": {
    type: "string",
    value: "<seconds>",
    default: String(DEFAULT_REGULARISER_TIMEOUT_S),
    help: "time limit for loading and checking the --regulariser module",
  },
  resume: {
    type: "string",
    value: "[runId]",
    help: "continue a run: the given one, or the latest unfinished one with the same " +
      "configuration; only cases without a completed record run again",
  },
  store: STORE_FLAG,
  json: { type: "boolean", help: "print the summaries as JSON on stdout" },
  verbose: { type: "boolean", help: "show the workers' console output" },
});

/** Help text of `run`. */
export const RUN_HELP = formatHelp("run", {
  usage: ["[flags]"],
  about: "Run suite profiles in parallel worker processes and record every case in the store.",
  after: "exit codes: 0 run finished (failed cases are recorded, not fatal), 1 the run could not " +
    "run,\n2 usage error, 130 interrupted (resume with --resume)",
}, RUN_FLAGS);

/** A loaded user regulariser, as `run` uses it. */
interface Byo {
  mapCases: (cases: CaseSpec[]) => CaseSpec[];
  takesRegulariser: (cases: readonly CaseSpec[]) => boolean;
  tags: Record<string, string>;
}

/**
 * Load and check `--regulariser` in a worker process within `timeoutS` (the
 * CLI never imports the module, nor tfjs); a problem is a usage error.
 */
async function loadByo(path: string | undefined, timeoutS: number): Promise<Byo | undefined> {
  if (path === undefined) return undefined;
  const user = await import("../core/objectives/user_module.ts");
  let facts;
  try {
    facts = await checkUserRegulariser(path, timeoutS);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const ref = {
    regulariser: { name: facts.name, defaultLambda: facts.defaultLambda },
    path: facts.path,
    hash: facts.hash,
  };
  return {
    mapCases: (cases) => user.userRegulariserCases(cases, ref),
    takesRegulariser: user.takesRegulariser,
    tags: {
      regulariser: facts.name,
      regulariser_module: facts.path,
      regulariser_hash: facts.hash,
    },
  };
}

/**
 * The `run` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { runCommand } from "./run.ts";
 * import { processIo } from "./common.ts";
 * const code = await runCommand(["--suite", "identifiability", "--profile", "smoke"], processIo());
 * ```
 */
export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("run", normaliseResume(args), RUN_FLAGS);
  if (values.help) {
    io.out(RUN_HELP + "\n");
    return 0;
  }
  const resumeFlag = values.resume;
  const resume: string | true | undefined = resumeFlag === undefined
    ? undefined
    : resumeFlag === ""
    ? true
    : resumeFlag;
  let backend = values.backend;
  if (backend !== undefined) asUsage(() => parseBackend(backend!));
  let seeds: number[] | undefined;
  if (values.seeds !== undefined) {
    try {
      seeds = parseSeeds(values.seeds);
    } catch (e) {
      throw new UsageError(`run: --seeds: ${(e as Error).message}`);
    }
  }
  let jobs = jobsFlag(values.jobs);
  let shard = parseShardFlags(values.shard, values.shards);
  const caseTimeoutS = secondsFlag("case-timeout", values["case-timeout"], MAX_CASE_TIMEOUT_S);
  const regulariserTimeoutS = secondsFlag(
    "regulariser-timeout",
    values["regulariser-timeout"],
    MAX_CASE_TIMEOUT_S,
  ) ?? DEFAULT_REGULARISER_TIMEOUT_S;
  let profile = values.profile;
  let suiteList = values.suite !== undefined ? commaList(values.suite) : undefined;
  if (suiteList !== undefined && suiteList.length === 0) {
    throw new UsageError("run: --suite is empty");
  }
  let config: RunConfig | undefined;
  const configPath = values.config;
  if (configPath !== undefined) {
    try {
      config = await loadRunConfig(configPath);
    } catch (e) {
      throw new UsageError(`run: --config ${(e as Error).message}`);
    }
    suiteList ??= [config.suite];
    profile ??= config.profile;
    backend ??= config.backend;
    seeds ??= config.seeds;
    if (jobs === undefined && config.jobs !== undefined) {
      checkJobs(`--config ${configPath}: jobs`, config.jobs);
      jobs = config.jobs;
    }
  }
  const overrides = config?.overrides;

  const storePath = values.store;
  const store = openStoreFlag(storePath);
  try {
    // `--resume <runId>` fills in what the run was made with, unless given.
    if (typeof resume === "string") {
      const doc = store.getRun(resume);
      if (doc === null) throw new Error(`no run "${resume}" in store "${store.path}" to resume`);
      const h = doc.header;
      suiteList ??= [h.suite.id];
      profile ??= h.profile;
      backend ??= h.env.backend;
      seeds ??= h.seeds;
      if (shard === undefined && h.tags.shard !== undefined) {
        shard = asUsage(() => parseShard(h.tags.shard));
      }
      if (suiteList.length !== 1) {
        throw new UsageError("run: --resume <runId> continues one run; give at most one --suite");
      }
    }
    profile ??= RUN_FLAGS.profile.default;
    backend ??= DEFAULT_BACKEND;
    suiteList ??= suiteIds();
    if (suiteList.length === 0) throw new UsageError("run: no suites are registered; use --suite");

    // Validate everything before starting anything.
    const byo = await loadByo(values.regulariser, regulariserTimeoutS);
    const explicitSuites = values.suite !== undefined;
    const suites: Array<{ spec: string; resolved: ResolvedSuite }> = [];
    for (const spec of suiteList) {
      const resolved = await asUsageAsync(() => resolveSuite(spec));
      const suite = resolved.suite;
      const p = asUsage(() => getProfile(suite, profile!));
      try {
        applyOverrides(p.cases, overrides, suite.params);
      } catch (e) {
        throw new UsageError(`run: --config ${configPath}: ${(e as Error).message}`);
      }
      if (byo !== undefined && !byo.takesRegulariser(p.cases)) {
        if (explicitSuites) {
          throw new UsageError(`run: suite "${suite.id}" takes no regulariser (--regulariser)`);
        }
        continue;
      }
      suites.push({ spec, resolved });
    }
    if (suites.length === 0) {
      throw new UsageError("run: no suite here takes a regulariser (--regulariser)");
    }

    const tables: ReturnType<typeof summarizeRun>[] = [];
    for (let i = 0; i < suites.length; i++) {
      const { spec, resolved } = suites[i];
      const suite = resolved.suite;
      let runResume = resume;
      if (resume === true) {
        // Bring the latest run of each suite to completion: resume it when
        // unfinished, skip the suite when it finished, start one when none.
        const latest = store.listRuns({
          suite: suite.id,
          suiteVersion: suite.version,
          profile,
          backend,
        })[0];
        if (latest?.header.finishedAt) {
          io.err(`suite ${suite.id}: latest run ${latest.header.runId} already finished\n`);
          continue;
        }
        if (latest === undefined) runResume = undefined;
      }
      const progress = createProgress({
        write: io.err,
        tty: io.errIsTty,
        verbose: values.verbose === true,
      });
      const mapCases = (cases: CaseSpec[]) =>
        applyOverrides(byo !== undefined ? byo.mapCases(cases) : cases, overrides, suite.params);
      const tags: Record<string, string> = { ...(byo?.tags ?? {}) };
      if (overrides !== undefined && Object.keys(overrides).length > 0) {
        tags.overrides = JSON.stringify(overrides);
      }
      let outcome: RunOutcome;
      try {
        outcome = await runSuite({
          suite: resolved,
          profile,
          backend,
          seeds,
          jobs,
          store,
          resume: runResume,
          onEvent: progress.onEvent,
          shard,
          mapCases,
          tags,
          caseTimeoutS,
        });
      } finally {
        progress.finish();
      }
      const doc = store.getRun(outcome.runId)!;
      const table = summarizeRun(doc, suite.metrics, {
        caseOrder: (byo?.mapCases ?? ((c) => c))(getProfile(suite, profile).cases).map((c) => c.id),
      });
      if (outcome.interrupted) {
        const storeArg = storePath !== undefined && storePath !== DEFAULT_STORE_PATH
          ? ` --store ${storePath}`
          : "";
        const suiteArg = isSuiteModulePath(spec) ? ` --suite ${spec}` : "";
        const recorded = outcome.counts.completed + outcome.counts.failed + outcome.counts.skipped;
        io.err(
          `interrupted: run ${outcome.runId} has ${recorded}/${outcome.total} cases recorded ` +
            `(unfinished)\nresume with: deno task cli run --resume ${outcome.runId}${suiteArg}` +
            `${storeArg}\n`,
        );
        const rest = suites.slice(i + 1).map((s) => s.spec);
        if (rest.length > 0) io.err(`not started: ${rest.join(", ")}\n`);
        return 130;
      }
      if (values.json) tables.push(table);
      else io.out(formatSummary(table) + "\n\n");
      const failed = outcome.counts.failed;
      io.err(
        `run ${outcome.runId} finished: ${outcome.counts.completed} completed, ${failed} ` +
          `failed${failed > 0 ? ` (see: deno task cli show ${outcome.runId})` : ""}\n`,
      );
    }
    if (values.json) io.out(JSON.stringify(tables, null, 2) + "\n");
    return 0;
  } finally {
    store.close();
  }
}
