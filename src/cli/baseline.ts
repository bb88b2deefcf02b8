/**
 * `baseline update | show`: write a baseline file from a run, or print one.
 *
 * @module
 */
import { DEFAULT_BACKEND, parseBackend } from "../core/engine/backends.ts";
import { getProfile, parseSeeds } from "../core/runner/expand.ts";
import { createProgress } from "../core/runner/progress.ts";
import { runSuite } from "../core/runner/runner.ts";
import { formatNumber } from "../core/runner/summary.ts";
import type { RunDocument } from "../core/store/record.ts";
import type { SqliteStore } from "../core/store/sqlite.ts";
import { mean } from "../core/stats/mod.ts";
import {
  baselinePath,
  DEFAULT_BASELINES_DIR,
  listBaselines,
  makeBaseline,
  noiseFloors,
  readBaseline,
  writeBaseline,
} from "../core/ci/baseline.ts";
import type { ResolvedSuite } from "../core/suite_module.ts";
import { isSuiteModulePath, loadSuite, resolveSuite, suiteIds } from "../suites/registry.ts";
import {
  asUsage,
  asUsageAsync,
  BACKEND_FLAG,
  type CliIo,
  openStoreFlag,
  STORE_FLAG,
  UsageError,
} from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
import { printableTable } from "../core/printable_table.ts";

/**
 * The flags of `baseline`.
 *
 * @example
 * ```ts
 * import { BASELINE_FLAGS } from "./baseline.ts";
 * console.log(BASELINE_FLAGS.profile.default); // "ci"
 * ```
 */
export const BASELINE_FLAGS = defineFlags({
  suite: { type: "string", value: "<id>", help: "suite id or module path" },
  profile: { type: "string", value: "<name>", default: "ci", help: "profile" },
  backend: BACKEND_FLAG,
  run: {
    type: "string",
    value: "<runId>",
    help: 'update from this stored run ("latest": the newest finished one)',
  },
  seeds: {
    type: "string",
    value: "<list>",
    default: "the profile's",
    help: "seeds of a fresh run",
  },
  jobs: { type: "string", value: "<n>", help: "parallel worker processes of a fresh run" },
  baselines: {
    type: "string",
    value: "<dir>",
    default: DEFAULT_BASELINES_DIR,
    help: "baseline folder",
  },
  all: { type: "boolean", help: "show: every metric, not only the primary ones" },
  json: { type: "boolean", help: "show: the baseline document as JSON" },
  store: STORE_FLAG,
  verbose: { type: "boolean", help: "update: show the workers' console output of a fresh run" },
});

/**
 * Help text of `baseline`.
 *
 * @example
 * ```ts
 * import { BASELINE_HELP } from "./baseline.ts";
 * console.log(BASELINE_HELP);
 * ```
 */
export const BASELINE_HELP = formatHelp("baseline", {
  usage: ["update [flags]", "show [<file.json>] [flags]"],
  about:
    `Baselines live in <dir>/<suite>@<version>/<profile>-<backend>.json: the per-seed records of one
run with its reproducibility header (a run document; \`check\` compares runs with it).

update: write the baseline of --suite/--profile/--backend from a run: the one given with --run
        (a run id, or "latest": the newest finished run of that configuration in the store), or,
        without --run, a fresh run of the profile. Noise floors of the old baseline are kept
        when the configuration (configHash) is unchanged; otherwise run \`check --calibrate\`.
show:   print a baseline (a file, or the one of --suite/--profile/--backend); with no
        --suite, list the baseline files.`,
}, BASELINE_FLAGS);

/**
 * Parse `--jobs`; undefined when absent.
 *
 * @example
 * ```ts
 * import { parseJobs } from "./baseline.ts";
 * console.log(parseJobs("check", "2")); // 2
 * ```
 */
export function parseJobs(command: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`${command}: --jobs must be a positive integer, got "${text}"`);
  }
  return Number(text);
}

/**
 * Run a profile into the store with progress on stderr and return its
 * document; null when interrupted.
 *
 * @example
 * ```ts
 * import { runProfile } from "./baseline.ts";
 * import { processIo } from "./common.ts";
 * import { openStore } from "../core/store/sqlite.ts";
 * import { resolveSuite } from "../suites/registry.ts";
 * const suite = await resolveSuite("identifiability");
 * const doc = await runProfile(processIo(), openStore(), { suite, profile: "ci", backend: "wasm" });
 * ```
 */
export async function runProfile(
  io: CliIo,
  store: SqliteStore,
  opts: {
    suite: ResolvedSuite;
    profile: string;
    backend: string;
    seeds?: number[];
    jobs?: number;
    verbose?: boolean;
    tags?: Record<string, string>;
  },
): Promise<RunDocument | null> {
  const progress = createProgress({
    write: io.err,
    tty: io.errIsTty,
    verbose: opts.verbose === true,
  });
  try {
    const out = await runSuite({
      suite: opts.suite,
      profile: opts.profile,
      backend: opts.backend,
      seeds: opts.seeds,
      jobs: opts.jobs,
      store,
      onEvent: progress.onEvent,
      tags: opts.tags,
    });
    if (out.interrupted) {
      io.err(`interrupted: run ${out.runId} is unfinished\n`);
      return null;
    }
    return store.getRun(out.runId);
  } finally {
    progress.finish();
  }
}

function latestFinished(
  store: SqliteStore,
  suite: { id: string; version: number },
  profile: string,
  backend: string,
): RunDocument {
  const runs = store.listRuns({ suite: suite.id, suiteVersion: suite.version, profile, backend })
    .filter((r) => r.header.finishedAt !== null && r.header.tags.shard === undefined);
  if (runs.length === 0) {
    throw new Error(
      `no finished run of ${suite.id}@${suite.version} profile "${profile}" backend "${backend}" ` +
        `in store "${store.path}"`,
    );
  }
  return store.getRun(runs[0].header.runId)!;
}

/**
 * A baseline as readable text: header, noise floors, and per case and metric
 * the per-seed values and their mean.
 *
 * @example
 * ```ts
 * import { formatBaseline } from "./baseline.ts";
 * import type { RunDocument } from "../core/store/record.ts";
 * declare const base: RunDocument;
 * console.log(formatBaseline(base, ["r2_hz"]));
 * ```
 */
export function formatBaseline(doc: RunDocument, metrics: string[], path?: string): string {
  const h = doc.header;
  const floors = noiseFloors(doc);
  const out = [
    `baseline ${h.suite.id}@${h.suite.version} profile ${h.profile} backend ${h.env.backend}` +
    (path ? ` (${path})` : ""),
    `from run ${h.tags.baseline_source_run ?? h.runId} at commit ${h.git.commit ?? "unknown"}` +
    `${h.git.dirty ? " (dirty)" : ""}, started ${h.startedAt}`,
    `seeds ${h.seeds.join(",")}; configHash ${
      h.configHash.slice(0, 12)
    }; deno ${h.env.deno}, tfjs ` +
    `${h.env.tfjs}, ${h.env.cpu} x${h.env.cpuCount}`,
    floors === null
      ? "noise floors: not calibrated (check --calibrate)"
      : `noise floors (fresh seeds ${floors.seeds.join(",")}): ` +
        Object.entries(floors.floors).map(([m, v]) => `${m} ${v}`).join(", "),
    "",
  ];
  const rows: string[][] = [];
  const cases = [...new Set(doc.records.map((r) => r.caseId))];
  for (const c of cases) {
    const recs = doc.records.filter((r) => r.caseId === c);
    for (const m of metrics) {
      const vals = recs.map((r) => {
        if (r.status !== "completed") {
          return { seed: r.seed, v: null as number | null, s: r.status };
        }
        const v = r.metrics[m];
        return { seed: r.seed, v: typeof v === "number" ? v : null, s: r.status };
      });
      if (vals.every((x) => x.v === null && x.s === "completed")) continue;
      const finite = vals.flatMap((x) => x.v !== null && Number.isFinite(x.v) ? [x.v] : []);
      rows.push([
        c,
        m,
        finite.length > 0 ? formatNumber(mean(finite)) : "-",
        vals.map((x) => `${x.seed}=${x.v === null ? x.s : formatNumber(x.v)}`).join(" "),
      ]);
    }
  }
  out.push(printableTable(["case", "metric", "mean", "per-seed values (seed=value)"], rows));
  return out.join("\n");
}

async function metricNames(doc: RunDocument, all: boolean, spec?: string): Promise<string[]> {
  const seen = [
    ...new Set(doc.records.flatMap((r) => r.status === "skipped" ? [] : Object.keys(r.metrics))),
  ];
  const id = spec ?? doc.header.suite.id;
  if (!isSuiteModulePath(id) && !suiteIds().includes(id)) return seen.sort();
  const suite = await asUsageAsync(() => loadSuite(id));
  const defs = all ? suite.metrics : suite.metrics.filter((m) => m.primary);
  return defs.map((m) => m.name).filter((m) => seen.includes(m));
}

/**
 * The `baseline` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { baselineCommand } from "./baseline.ts";
 * import { processIo } from "./common.ts";
 * const code = await baselineCommand(["show"], processIo());
 * ```
 */
export async function baselineCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("baseline", args, BASELINE_FLAGS, 2);
  if (values.help || positionals.length === 0) {
    io.out(BASELINE_HELP + "\n");
    return values.help ? 0 : 2;
  }
  const [sub, file] = positionals;
  const dir = values.baselines ?? DEFAULT_BASELINES_DIR;
  const profile = values.profile ?? BASELINE_FLAGS.profile.default;
  const backend = values.backend ?? DEFAULT_BACKEND;
  asUsage(() => parseBackend(backend));
  if (sub === "show") {
    let path = file;
    if (path === undefined) {
      const spec = values.suite;
      if (spec === undefined) {
        const all = listBaselines(dir);
        if (all.length === 0) io.out(`no baselines in ${dir}/\n`);
        for (const b of all) io.out(`${b.path}\n`);
        return 0;
      }
      const suite = await asUsageAsync(() => loadSuite(spec));
      path = baselinePath(dir, suite.id, suite.version, profile, backend);
    }
    const doc = await readBaseline(path);
    if (doc === null) {
      throw new Error(`no baseline file "${path}" (make one with: baseline update)`);
    }
    if (values.json) io.out(JSON.stringify(doc, null, 2) + "\n");
    else {io.out(
        formatBaseline(doc, await metricNames(doc, values.all === true, values.suite), path) + "\n",
      );}
    return 0;
  }
  if (sub !== "update") {
    throw new UsageError(`baseline: unknown subcommand "${sub}"; expected update or show`);
  }
  if (file !== undefined) throw new UsageError(`baseline update: unexpected argument "${file}"`);
  const spec = values.suite;
  if (spec === undefined) throw new UsageError("baseline update: --suite is required");
  const resolved = await asUsageAsync(() => resolveSuite(spec));
  const suite = resolved.suite;
  asUsage(() => getProfile(suite, profile));
  const seedsText = values.seeds;
  const seeds = seedsText === undefined ? undefined : asUsage(() => parseSeeds(seedsText));
  const jobs = parseJobs("baseline update", values.jobs);
  const store = openStoreFlag(values.store);
  try {
    let run: RunDocument | null;
    const runId = values.run;
    if (runId === "latest") run = latestFinished(store, suite, profile, backend);
    else if (runId !== undefined) {
      run = store.getRun(runId);
      if (run === null) throw new Error(`no run "${runId}" in store "${store.path}"`);
    } else {
      run = await runProfile(io, store, {
        suite: resolved,
        profile,
        backend,
        seeds,
        jobs,
        verbose: values.verbose === true,
      });
      if (run === null) return 130;
    }
    const h = run.header;
    const want = `${suite.id}@${suite.version} ${profile}-${backend}`;
    const have = `${h.suite.id}@${h.suite.version} ${h.profile}-${h.env.backend}`;
    if (want !== have) throw new Error(`run ${h.runId} is ${have}, not ${want}`);
    const path = baselinePath(dir, suite.id, suite.version, profile, backend);
    const old = await readBaseline(path);
    const oldFloors = old === null ? null : noiseFloors(old);
    const keep = oldFloors !== null && old!.header.configHash === h.configHash;
    const doc = makeBaseline(run, keep ? oldFloors! : undefined);
    await writeBaseline(path, doc);
    const counts = { completed: 0, failed: 0, skipped: 0 };
    for (const r of doc.records) counts[r.status]++;
    io.err(
      `wrote ${path}: run ${h.runId}, ${counts.completed} completed, ${counts.failed} failed` +
        (keep
          ? `; kept the noise floors (${
            Object.entries(oldFloors!.floors).map(([m, x]) => `${m} ${x}`).join(", ")
          })`
          : "; no noise floors (run: check --calibrate)") +
        "\n",
    );
    return 0;
  } finally {
    store.close();
  }
}
