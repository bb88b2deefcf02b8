/**
 * `history <suite> <metric>`: a metric over commits from the store, with the
 * change points of a step fit, by src/core/analysis (commitHistory), as the
 * dashboard's history. This file reads the store and formats.
 *
 * @module
 */
import type { CompletedResult } from "../core/store/record.ts";
import { formatNumber } from "../core/runner/summary.ts";
import { DEFAULT_MIN_SIZE } from "../core/stats/mod.ts";
import {
  commitHistory,
  entryOf,
  goalPhrase,
  type HistorySample,
  type MetricGoal,
  metricGoal,
  taskOf,
} from "../core/analysis/mod.ts";
import { isSuiteModulePath, loadDefinition, suiteIds } from "../suites/registry.ts";
import { asUsageAsync, type CliIo, openStoreFlag, STORE_FLAG, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
import { printableTable } from "../core/printable_table.ts";

/**
 * The flags of `history`.
 *
 * @example
 * ```ts
 * import { HISTORY_FLAGS } from "./history.ts";
 * console.log(HISTORY_FLAGS["min-size"].default); // "3"
 * ```
 */
export const HISTORY_FLAGS = defineFlags({
  case: {
    type: "string",
    value: "<id>",
    default: "all cases, pooled",
    help: "only this case",
  },
  entry: {
    type: "string",
    value: "<key>",
    help: "only this entry (e.g. sigreg), its tasks pooled, as the dashboard's series",
  },
  profile: {
    type: "string",
    value: "<name>",
    help: "only runs of this profile (recommended: keeps the case set fixed)",
  },
  backend: { type: "string", value: "<name>", help: "only runs on this backend" },
  version: {
    type: "string",
    value: "<v>",
    default: "the newest in the store",
    help: "suite version",
  },
  "min-size": {
    type: "string",
    value: "<k>",
    default: String(DEFAULT_MIN_SIZE),
    help: "fewest points per level of the step fit",
  },
  json: { type: "boolean", help: "the series as JSON (for the dashboard)" },
  store: STORE_FLAG,
});

/**
 * Help text of `history`.
 *
 * @example
 * ```ts
 * import { HISTORY_HELP } from "./history.ts";
 * console.log(HISTORY_HELP);
 * ```
 */
export const HISTORY_HELP = formatHelp("history", {
  usage: ["<suite> <metric> [flags]"],
  about:
    `The metric over commits: one point per commit (its runs pooled: per task the mean of its values,
then the mean over tasks, so each task weighs the same; a task is a case, or with --entry the case
without the entry's segment, as the dashboard), in the order of each commit's first run; runs
without a commit are points of their own; baseline runs are left out. Change points come from an
exact step fit (optimal partitioning, penalty 4 sigma^2 ln n, as airspeed velocity does) and are
labelled regression or improvement by the metric's declared direction (a metric of an unknown
suite, or one with a target N, gets unlabelled "change"s).`,
}, HISTORY_FLAGS);

function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`history: ${flag} must be a positive integer, got "${text}"`);
  }
  return Number(text);
}

/**
 * The `history` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { historyCommand } from "./history.ts";
 * import { processIo } from "./common.ts";
 * const code = await historyCommand(["identifiability", "r2_hz", "--profile", "ci"], processIo());
 * ```
 */
export async function historyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("history", args, HISTORY_FLAGS, 2);
  if (values.help) {
    io.out(HISTORY_HELP + "\n");
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError("history: needs a suite and a metric (see: history --help)");
  }
  const [suiteArg, metric] = positionals;
  let suiteId = suiteArg;
  let goal: MetricGoal = { kind: "unknown" };
  if (isSuiteModulePath(suiteArg) || suiteIds().includes(suiteArg)) {
    const suite = await asUsageAsync(() => loadDefinition(suiteArg));
    suiteId = suite.id;
    const def = suite.metrics.find((m) => m.name === metric);
    if (def === undefined) {
      throw new UsageError(
        `history: suite "${suite.id}" has no metric "${metric}"; metrics: ${
          suite.metrics.map((m) => m.name).join(", ")
        }`,
      );
    }
    goal = metricGoal(suite.metrics, metric);
  }
  const minSize = positiveInt("--min-size", values["min-size"]);
  const version = positiveInt("--version", values.version);
  const entry = values.entry;
  const caseId = values.case;
  const store = openStoreFlag(values.store, { readOnly: true });
  let h;
  try {
    const headers = store.listRuns({
      suite: suiteId,
      suiteVersion: version,
      profile: values.profile,
      backend: values.backend,
    }).map((r) => r.header).filter((x) => x.tags.baseline === undefined);
    const newest = version ??
      (headers.length > 0 ? Math.max(...headers.map((x) => x.suite.version)) : null);
    const kept = headers.filter((x) => x.suite.version === newest);
    const samples: HistorySample[] = [];
    for (const x of kept) {
      const records = store.results({ runId: x.runId, status: "completed", caseId });
      for (const r of records as CompletedResult[]) {
        const value = r.metrics[metric];
        if (typeof value !== "number" || !Number.isFinite(value)) continue;
        if (entry !== undefined && entryOf(x.tags, r).key !== entry) continue;
        // One entry: its tasks (case without the entry); all entries: every case is a task.
        const task = entry !== undefined ? taskOf(r.caseId, r.params) : r.caseId;
        samples.push({ runId: x.runId, task, sum: value, n: 1 });
      }
    }
    const runs = kept.map((x) => ({
      runId: x.runId,
      commit: x.git.commit,
      dirty: x.git.dirty,
      startedAt: x.startedAt,
    }));
    const history = commitHistory(runs, samples, goal, minSize ? { minSize } : undefined);
    h = {
      suite: suiteId,
      version: newest,
      metric,
      goal,
      entry: entry ?? null,
      caseId: caseId ?? null,
      profiles: [...new Set(kept.map((x) => x.profile))].sort(),
      ...history,
    };
  } finally {
    store.close();
  }
  const changes = h.changes;
  if (values.json) {
    io.out(JSON.stringify(h, null, 2) + "\n");
    return 0;
  }
  if (h.points.length === 0) {
    throw new Error(
      `no values of ${metric} for suite "${suiteId}" in the store with these filters`,
    );
  }
  const out = [
    `${h.suite}@${h.version} ${h.metric} (${goalPhrase(goal, metric)})${
      h.entry ? ` entry ${h.entry}` : ""
    }${h.caseId ? ` case ${h.caseId}` : ", mean over tasks"}` +
    `; profiles: ${h.profiles.join(", ")}`,
  ];
  if (h.profiles.length > 1) {
    out.push("note: several profiles are pooled; give --profile to keep the case set fixed");
  }
  const rows: string[][] = [];
  const at = new Map(changes.map((c) => [c.index, c]));
  h.points.forEach((p, i) => {
    const c = at.get(i);
    rows.push([
      String(i),
      p.label,
      p.startedAt.slice(0, 19).replace("T", " "),
      String(p.runs.length),
      String(p.tasks),
      String(p.n),
      formatNumber(p.value),
      c ? `<- ${c.kind.toUpperCase()}: ${formatNumber(c.before)} -> ${formatNumber(c.after)}` : "",
    ]);
  });
  out.push(printableTable(["#", "commit", "first run", "runs", "tasks", "n", "value", ""], rows));
  out.push(
    "",
    changes.length === 0
      ? "no change point"
      : `${changes.length} change point(s): ${
        changes.map((c) => `${c.kind} at ${c.label}`).join(", ")
      }`,
  );
  io.out(out.join("\n") + "\n");
  return 0;
}
