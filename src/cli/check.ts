/**
 * `check`: run a profile (or take finished runs) and compare every primary
 * metric with the committed baseline of the same suite version, profile and
 * backend (SPEC section 6); exit 1 on a regression. `--calibrate` measures
 * the noise floors on fresh seeds and records them in the baseline.
 *
 * @module
 */
import { DEFAULT_BACKEND, parseBackend } from "../core/engine/backends.ts";
import { getProfile, parseSeeds } from "../core/runner/expand.ts";
import type { RunDocument } from "../core/store/record.ts";
import { parseExport } from "../core/store/io.ts";
import { openStore } from "../core/store/sqlite.ts";
import type { Suite } from "../core/suite.ts";
import type { ResolvedSuite } from "../core/suite_module.ts";
import {
  baselinePath,
  DEFAULT_BASELINES_DIR,
  listBaselines,
  makeBaseline,
  readBaseline,
  writeBaseline,
} from "../core/ci/baseline.ts";
import {
  assertComparable,
  calibrateFloors,
  checkAgainstBaseline,
  type CheckReport,
} from "../core/ci/check.ts";
import { formatCheck, formatCheckMarkdown } from "../core/ci/check_format.ts";
import { loadSuite, resolveSuite, suiteIds } from "../suites/registry.ts";
import { parseJobs, runProfile } from "./baseline.ts";
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

/**
 * The flags of `check`.
 *
 * @example
 * ```ts
 * import { CHECK_FLAGS } from "./check.ts";
 * console.log(CHECK_FLAGS.run.multiple); // true
 * ```
 */
export const CHECK_FLAGS = defineFlags({
  suite: {
    type: "string",
    value: "<ids>",
    default: "every registered suite with a baseline file for the profile and backend",
    help: "comma list of suite ids or module paths",
  },
  profile: { type: "string", value: "<name>", default: "ci", help: "profile" },
  backend: BACKEND_FLAG,
  run: {
    type: "string",
    multiple: true,
    value: "<runId>",
    help: "check this finished run from the store instead of running",
  },
  from: {
    type: "string",
    multiple: true,
    value: "<file>",
    help: "check the run(s) in this exported JSON file, e.g. a merged sharded run",
  },
  seeds: { type: "string", value: "<list>", default: "the baseline's", help: "seeds of the run" },
  jobs: { type: "string", value: "<n>", help: "parallel worker processes" },
  calibrate: {
    type: "boolean",
    help: "measure the noise floors: run the baseline configuration on fresh seeds (default: " +
      "each baseline seed + 1000), take per metric the largest |end| of the Welch t-interval of " +
      "the difference over cases, and record it in the baseline file",
  },
  markdown: { type: "boolean", help: "print the report as Markdown (for a pull-request comment)" },
  "summary-file": {
    type: "string",
    value: "<path>",
    help: 'also append the Markdown report to this file (e.g. "$GITHUB_STEP_SUMMARY")',
  },
  json: { type: "boolean", help: "print the reports as JSON" },
  baselines: {
    type: "string",
    value: "<dir>",
    default: DEFAULT_BASELINES_DIR,
    help: "baseline folder",
  },
  store: STORE_FLAG,
  verbose: { type: "boolean", help: "show the workers' console output" },
});

/**
 * Help text of `check`.
 *
 * @example
 * ```ts
 * import { CHECK_HELP } from "./check.ts";
 * console.log(CHECK_HELP);
 * ```
 */
export const CHECK_HELP = formatHelp("check", {
  usage: ["[flags]"],
  about:
    `Compare runs with the committed baselines (<dir>/<suite>@<version>/<profile>-<backend>.json):
per case and primary metric, run - baseline with its 95 % Student-t interval (paired on seeds when
the run used the baseline's seeds, as by default; Welch otherwise); a REGRESSION only when the
interval lies wholly beyond the margin on the worse side, the margin being the larger of the
metric's own and the baseline's calibrated noise floor. A baseline of another suite version or
backend is refused, never compared. Without --run/--from, runs the profile (with the baseline's
seeds) first.`,
  after: "exit codes: 0 no regression, 1 a regression (or no usable baseline), 2 usage error, " +
    "130 interrupted",
}, CHECK_FLAGS);

/** The baseline of a suite, or an Error that says why there is none usable. */
async function baselineFor(
  dir: string,
  suite: { id: string; version: number },
  profile: string,
  backend: string,
): Promise<{ doc: RunDocument; path: string }> {
  const path = baselinePath(dir, suite.id, suite.version, profile, backend);
  const doc = await readBaseline(path);
  if (doc !== null) {
    const h = doc.header;
    if (
      h.suite.id !== suite.id || h.suite.version !== suite.version || h.profile !== profile ||
      h.env.backend !== backend
    ) {
      throw new Error(
        `baseline "${path}" holds ${h.suite.id}@${h.suite.version} ${h.profile}-${h.env.backend}, ` +
          `not what its path says: refusing to compare`,
      );
    }
    return { doc, path };
  }
  const others = listBaselines(dir, suite.id);
  const near = others.filter((b) => b.name === `${profile}-${backend}`).map((b) =>
    `version ${b.version}`
  );
  const backends = others.filter((b) =>
    b.version === suite.version && b.name.startsWith(`${profile}-`)
  )
    .map((b) => `backend ${b.name.slice(profile.length + 1)}`);
  const found = [...near, ...backends];
  throw new Error(
    `no baseline ${path} for ${suite.id}@${suite.version} profile "${profile}" backend "${backend}"` +
      (found.length > 0 ? `; there is one for ${found.join(", ")}, which is not compared` : "") +
      ` (make one with: deno task cli baseline update --suite ${suite.id} --profile ${profile} --backend ${backend})`,
  );
}

function defaultSuites(dir: string, profile: string, backend: string): string[] {
  const ids = suiteIds().filter((id) =>
    listBaselines(dir, id).some((b) => b.name === `${profile}-${backend}`)
  );
  if (ids.length === 0) {
    throw new Error(
      `no baselines for profile "${profile}" backend "${backend}" in ${dir}/ ` +
        `(make one with: deno task cli baseline update --suite <id> --profile ${profile})`,
    );
  }
  return ids;
}

/**
 * The `check` command; resolves with the exit code (0 no regression, 1 a regression).
 *
 * @example
 * ```ts
 * import { checkCommand } from "./check.ts";
 * import { processIo } from "./common.ts";
 * const code = await checkCommand(["--profile", "ci"], processIo());
 * ```
 */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("check", args, CHECK_FLAGS);
  if (values.help) {
    io.out(CHECK_HELP + "\n");
    return 0;
  }
  const runIds = values.run ?? [];
  const fromFiles = values.from ?? [];
  if ([values.json, values.markdown].filter(Boolean).length > 1) {
    throw new UsageError("check: give at most one of --json and --markdown");
  }
  const dir = values.baselines ?? DEFAULT_BASELINES_DIR;
  const profile = values.profile ?? CHECK_FLAGS.profile.default;
  const backend = values.backend ?? DEFAULT_BACKEND;
  asUsage(() => parseBackend(backend));
  const seedsText = values.seeds;
  const seeds = seedsText === undefined ? undefined : asUsage(() => parseSeeds(seedsText));
  const jobs = parseJobs("check", values.jobs);
  const given = runIds.length + fromFiles.length > 0;
  if (given && values.calibrate) {
    throw new UsageError("check: --calibrate runs its own seeds; drop --run/--from");
  }
  if (given && seeds !== undefined) {
    throw new UsageError("check: --seeds is for a fresh run; drop --run/--from");
  }
  const specs = values.suite !== undefined ? commaList(values.suite) : undefined;
  if (specs !== undefined && specs.length === 0) throw new UsageError("check: --suite is empty");

  // Checking given runs only reads the store (and needs none for --from files alone).
  const store = !given
    ? openStoreFlag(values.store)
    : runIds.length > 0
    ? openStoreFlag(values.store, { readOnly: true })
    : openStore(":memory:");
  const reports: CheckReport[] = [];
  try {
    // Load the suites named (module paths included) so that runs can find their metric definitions.
    const loaded = new Map<string, ResolvedSuite>();
    for (const spec of specs ?? (given ? [] : defaultSuites(dir, profile, backend))) {
      const resolved = await asUsageAsync(() => resolveSuite(spec));
      loaded.set(resolved.suite.id, resolved);
    }
    const suiteOf = async (id: string): Promise<Suite> => {
      const s = loaded.get(id)?.suite;
      if (s !== undefined) return s;
      if (!suiteIds().includes(id)) {
        throw new Error(`suite "${id}" is not registered: give its module with --suite`);
      }
      return await loadSuite(id);
    };

    if (given) {
      const runs: RunDocument[] = [];
      for (const id of runIds) {
        const doc = store.getRun(id);
        if (doc === null) throw new Error(`no run "${id}" in store "${store.path}"`);
        runs.push(doc);
      }
      for (const file of fromFiles) {
        let text: string;
        try {
          text = await Deno.readTextFile(file);
        } catch (e) {
          throw new Error(`cannot read "${file}" (${(e as Error).message})`);
        }
        runs.push(...parseExport(text, `"${file}"`));
      }
      for (const run of runs) {
        if (run.header.finishedAt === null) {
          throw new Error(`run ${run.header.runId} is unfinished`);
        }
        const h = run.header;
        const suite = await suiteOf(h.suite.id);
        const base = await baselineFor(dir, h.suite, h.profile, h.env.backend);
        assertComparable(base.doc, run, base.path);
        reports.push(checkAgainstBaseline(base.doc, run, suite.metrics, { path: base.path }));
      }
    } else {
      for (const resolved of loaded.values()) {
        const suite = resolved.suite;
        asUsage(() => getProfile(suite, profile));
        const base = await baselineFor(dir, suite, profile, backend);
        const runSeeds = seeds ??
          (values.calibrate ? base.doc.header.seeds.map((s) => s + 1000) : base.doc.header.seeds);
        io.err(
          `check ${suite.id}@${suite.version} ${profile}-${backend}: running seeds ${
            runSeeds.join(",")
          }` +
            `${values.calibrate ? " (fresh, to calibrate the noise floors)" : ""}\n`,
        );
        const run = await runProfile(io, store, {
          suite: resolved,
          profile,
          backend,
          seeds: runSeeds,
          jobs,
          verbose: values.verbose === true,
          tags: values.calibrate ? { calibration: "1" } : { check: "1" },
        });
        if (run === null) return 130;
        assertComparable(base.doc, run, base.path);
        let baseDoc = base.doc;
        if (values.calibrate) {
          const floors = calibrateFloors(base.doc, run, suite.metrics);
          baseDoc = makeBaseline(base.doc, { floors, seeds: runSeeds, runId: run.header.runId });
          await writeBaseline(base.path, baseDoc);
          io.err(
            `recorded noise floors in ${base.path}: ${
              Object.entries(floors).map(([m, x]) => `${m} ${x}`).join(", ") || "(none: no values)"
            }\n`,
          );
        }
        reports.push(checkAgainstBaseline(baseDoc, run, suite.metrics, { path: base.path }));
      }
    }
  } finally {
    store.close();
  }
  const markdown = formatCheckMarkdown(reports);
  if (values.json) io.out(JSON.stringify(reports, null, 2) + "\n");
  else if (values.markdown) io.out(markdown);
  else io.out(formatCheck(reports) + "\n");
  const summary = values["summary-file"];
  if (summary !== undefined && summary !== "") {
    await Deno.writeTextFile(summary, markdown + "\n", { append: true, create: true });
  }
  const regressions = reports.reduce((n, r) => n + r.regressions, 0);
  // One verdict per suite on the last line, so a CI log says which gate failed at a glance.
  const verdicts = reports.map((r) =>
    `${r.suite.id}@${r.suite.version} ${
      r.regressions > 0 ? `FAIL (${r.regressions} regression(s))` : "ok"
    }`
  ).join(", ");
  io.err(
    regressions > 0
      ? `check: ${regressions} regression(s): ${verdicts}\n`
      : `check: no regression in ${reports.length} suite run(s): ${verdicts}\n`,
  );
  return regressions > 0 ? 1 : 0;
}
