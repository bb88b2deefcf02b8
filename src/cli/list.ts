/**
 * `list`: the registered suites (versions, profiles with case and seed
 * counts, metrics), or with `--runs` the runs in the store.
 *
 * @module
 */
import type { SuiteDefinition } from "../core/suite.ts";
import { goalPhrase, metricGoal } from "../core/analysis/mod.ts";
import { loadDefinition, suiteIds } from "../suites/registry.ts";
import {
  asUsageAsync,
  type CliIo,
  commaList,
  openStoreFlag,
  STORE_FLAG,
  UsageError,
} from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
import { printableTable } from "../core/printable_table.ts";

/**
 * The flags of `list`.
 *
 * @example
 * ```ts
 * import { LIST_FLAGS } from "./list.ts";
 * console.log(LIST_FLAGS.runs.type); // "boolean"
 * ```
 */
export const LIST_FLAGS = defineFlags({
  suite: {
    type: "string",
    value: "<ids>",
    help: "only these suites (ids or module paths); with --runs, a suite id filter",
  },
  profile: {
    type: "string",
    value: "<name>",
    help: "with --suite: the profile's seeds and cases with their parameters",
  },
  runs: { type: "boolean", help: "list the runs in the store, newest first" },
  store: STORE_FLAG,
  json: { type: "boolean", help: "print JSON" },
});

/** Help text of `list`. */
export const LIST_HELP = formatHelp("list", {
  usage: ["[flags]"],
  about: `List the suites (version, profiles with cases x seeds, metrics), or the runs in the store.
With --suite and --profile: what that profile will run (seeds, then one line per case: its id
and its parameters), before running it.`,
}, LIST_FLAGS);

function describeSuite(s: SuiteDefinition) {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    usesTensors: s.usesTensors === true,
    profiles: Object.values(s.profiles).map((p) => ({
      name: p.name,
      description: p.description,
      cases: p.cases.length,
      seeds: p.seeds.length,
      tasks: p.cases.length * p.seeds.length,
      intendedFor: p.intendedFor,
    })),
    metrics: s.metrics.map((m) => ({
      name: m.name,
      direction: m.direction,
      ...(m.target !== undefined ? { target: m.target } : {}),
      margin: m.margin,
      primary: m.primary,
    })),
  };
}

/**
 * The `list` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { listCommand } from "./list.ts";
 * import { processIo } from "./common.ts";
 * const code = await listCommand(["--runs"], processIo());
 * ```
 */
export async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("list", args, LIST_FLAGS);
  if (values.help) {
    io.out(LIST_HELP + "\n");
    return 0;
  }
  const suiteFilter = values.suite !== undefined ? commaList(values.suite) : undefined;
  if (values.runs) {
    const store = openStoreFlag(values.store, { readOnly: true });
    try {
      const runs = (suiteFilter ?? [undefined]).flatMap((suite) => store.listRuns({ suite }));
      runs.sort((a, b) => b.header.startedAt.localeCompare(a.header.startedAt));
      if (values.json) {
        io.out(JSON.stringify(runs, null, 2) + "\n");
        return 0;
      }
      if (runs.length === 0) {
        io.out(`no runs in store "${store.path}"\n`);
        return 0;
      }
      const rows: string[][] = [];
      for (const { header: h, counts } of runs) {
        rows.push([
          h.runId,
          `${h.suite.id}@${h.suite.version}`,
          h.profile,
          h.env.backend,
          h.finishedAt === null ? "unfinished" : "finished",
          `${counts.completed}/${counts.failed}`,
          h.git.commit === null ? "-" : h.git.commit.slice(0, 10) + (h.git.dirty ? "+" : ""),
          h.startedAt,
        ]);
      }
      const columns = [
        "run",
        "suite",
        "profile",
        "backend",
        "state",
        "done/failed",
        "commit",
        "started",
      ];
      io.out(printableTable(columns, rows) + "\n");
      return 0;
    } finally {
      store.close();
    }
  }
  if (values.profile !== undefined) {
    if (suiteFilter === undefined || suiteFilter.length !== 1 || values.runs) {
      throw new UsageError("list --profile needs exactly one --suite (and no --runs)");
    }
    return listProfile(await asUsageAsync(() => loadDefinition(suiteFilter[0])), values, io);
  }
  const ids = suiteFilter ?? suiteIds();
  const suites = [];
  for (const id of ids) suites.push(describeSuite(await asUsageAsync(() => loadDefinition(id))));
  if (values.json) {
    io.out(JSON.stringify(suites, null, 2) + "\n");
    return 0;
  }
  if (suites.length === 0) {
    io.out("no suites registered\n");
    return 0;
  }
  const blocks = suites.map((s) => {
    const profiles = s.profiles.map((p) =>
      `    ${p.name}: ${p.cases} cases x ${p.seeds} seeds = ${p.tasks} tasks (${p.intendedFor})` +
      (p.description ? ` - ${p.description}` : "")
    );
    const metrics = s.metrics.map((m) =>
      `    ${m.name} (${goalPhrase(metricGoal(s.metrics, m.name), m.name)}, margin ${m.margin}${
        m.primary ? ", primary" : ""
      })`
    );
    return [
      `${s.id}@${s.version}  ${s.title}${s.usesTensors ? "  [tensors]" : ""}`,
      "  profiles:",
      ...profiles,
      "  metrics:",
      ...metrics,
    ].join("\n");
  });
  io.out(blocks.join("\n\n") + "\n");
  return 0;
}

function listProfile(
  suite: SuiteDefinition,
  values: { profile?: string; json?: boolean },
  io: CliIo,
): number {
  const profile = suite.profiles[values.profile!];
  if (profile === undefined) {
    throw new UsageError(
      `suite ${suite.id} has no profile "${values.profile}" (profiles: ${
        Object.keys(suite.profiles).join(", ")
      })`,
    );
  }
  const cases = profile.cases.map((c) => ({ id: c.id, params: c.params }));
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          suite: suite.id,
          version: suite.version,
          profile: profile.name,
          intendedFor: profile.intendedFor,
          seeds: profile.seeds,
          tasks: cases.length * profile.seeds.length,
          cases,
        },
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  const head = `${suite.id}@${suite.version} profile ${profile.name} (${profile.intendedFor}): ` +
    `${cases.length} cases x ${profile.seeds.length} seeds = ` +
    `${cases.length * profile.seeds.length} tasks; seeds ${profile.seeds.join(", ")}`;
  const rows: string[][] = [];
  for (const c of cases) {
    const params = Object.entries(c.params).sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
    rows.push([c.id, params]);
  }
  io.out(
    `${head}\n${profile.description ? profile.description + "\n" : ""}\n${
      printableTable(["case", "parameters"], rows)
    }\n`,
  );
  return 0;
}
