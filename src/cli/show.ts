/**
 * `show <runId|latest>`: a run's header and summary table, or its RunDocument as JSON.
 *
 * @module
 */
import type { MetricDef } from "../core/suite.ts";
import type { RunDocument, RunHeader } from "../core/store/record.ts";
import { formatSummary, summarizeRun } from "../core/runner/summary.ts";
import { printableDeep, printableJson } from "../core/printable.ts";
import { loadDefinition, suiteIds } from "../suites/registry.ts";
import { type CliIo, openStoreFlag, STORE_FLAG, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";

/**
 * The flags of `show`.
 *
 * @example
 * ```ts
 * import { SHOW_FLAGS } from "./show.ts";
 * console.log(SHOW_FLAGS.json.type); // "boolean"
 * ```
 */
export const SHOW_FLAGS = defineFlags({
  suite: { type: "string", value: "<id>", help: 'with "latest": the latest run of this suite' },
  store: STORE_FLAG,
  json: {
    type: "boolean",
    help: "print the run document (header and every record) as JSON",
  },
});

/** Help text of `show`. */
export const SHOW_HELP = formatHelp("show", {
  usage: ["<runId|latest> [flags]"],
  about: `Print a run's reproducibility header and its summary table (primary metrics: mean and 95 %
Student-t interval over the case's seeds, none with one seed), then its failed cases. Control
characters in stored text (terminal escapes in an imported run) are printed as \\uXXXX escapes.`,
}, SHOW_FLAGS);

/**
 * The header as readable lines.
 *
 * @example
 * ```ts
 * import { formatHeader } from "./show.ts";
 * import type { RunHeader } from "../core/store/record.ts";
 * declare const h: RunHeader;
 * console.log(formatHeader(h));
 * ```
 */
export function formatHeader(h: RunHeader): string {
  const git = h.git.commit === null
    ? "not a git checkout"
    : `${h.git.commit.slice(0, 12)}${h.git.dirty ? " (dirty)" : ""}${
      h.git.branch ? ` on ${h.git.branch}` : ""
    }`;
  const e = h.env;
  const tags = Object.entries(h.tags).map(([k, v]) => `${k}=${v}`).join(", ");
  return [
    `run       ${h.runId}`,
    `suite     ${h.suite.id}@${h.suite.version}  profile ${h.profile}  seeds ${h.seeds.join(",")}`,
    `config    ${h.configHash}`,
    `started   ${h.startedAt}`,
    `finished  ${h.finishedAt ?? "(unfinished)"}`,
    `git       ${git}`,
    `runtime   deno ${e.deno}, v8 ${e.v8}, typescript ${e.typescript}, tfjs ${e.tfjs}`,
    `machine   ${e.os}/${e.arch}, ${e.cpu} (${e.cpuCount} CPUs), backend ${e.backend}, ` +
    `gpu ${e.gpu ?? "none"}`,
    ...(tags !== "" ? [`tags      ${tags}`] : []),
  ].join("\n");
}

/** The registered suite's metric definitions and case order, when it has the run's version. */
async function suiteFacts(
  h: RunHeader,
): Promise<{ metrics?: MetricDef[]; caseOrder?: string[] }> {
  if (!suiteIds().includes(h.suite.id)) return {};
  try {
    const suite = await loadDefinition(h.suite.id);
    if (suite.version !== h.suite.version) return {};
    const profile = Object.hasOwn(suite.profiles, h.profile)
      ? suite.profiles[h.profile]
      : undefined;
    return { metrics: suite.metrics, caseOrder: profile?.cases.map((c) => c.id) };
  } catch {
    return {};
  }
}

/**
 * The `show` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { showCommand } from "./show.ts";
 * import { processIo } from "./common.ts";
 * const code = await showCommand(["latest"], processIo());
 * ```
 */
export async function showCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags("show", args, SHOW_FLAGS, 1);
  if (values.help) {
    io.out(SHOW_HELP + "\n");
    return 0;
  }
  if (positionals.length === 0) {
    throw new UsageError("show: missing <runId|latest> (see: show --help)");
  }
  const store = openStoreFlag(values.store, { readOnly: true });
  try {
    let doc: RunDocument | null;
    if (positionals[0] === "latest") {
      const suite = values.suite;
      const latest = store.listRuns(suite !== undefined ? { suite } : {})[0];
      if (latest === undefined) {
        throw new Error(`no runs${suite ? ` of suite "${suite}"` : ""} in store "${store.path}"`);
      }
      doc = store.getRun(latest.header.runId);
    } else {
      doc = store.getRun(positionals[0]);
      if (doc === null) throw new Error(`no run "${positionals[0]}" in store "${store.path}"`);
    }
    if (values.json) {
      // JSON escapes C0 controls itself; DEL and C1 (e.g. U+009B, CSI) get \u escapes too.
      io.out(printableJson(JSON.stringify(doc, null, 2)) + "\n");
      return 0;
    }
    const facts = await suiteFacts(doc!.header);
    // Imported text may hold terminal escapes: print every string with its controls escaped.
    doc = printableDeep(doc!);
    io.out(formatHeader(doc!.header) + "\n\n");
    io.out(formatSummary(summarizeRun(doc!, facts.metrics, { caseOrder: facts.caseOrder })) + "\n");
    const failed = doc!.records.filter((r) => r.status === "failed");
    if (failed.length > 0) {
      io.out("\nfailed cases:\n");
      for (const r of failed.slice(0, 50)) {
        if (r.status !== "failed") continue;
        const at = r.error.step !== null ? ` at step ${r.error.step}` : "";
        io.out(`  ${r.caseId} seed ${r.seed}: ${r.error.kind}${at}: ${r.error.message}\n`);
      }
      if (failed.length > 50) io.out(`  … and ${failed.length - 50} more (see --json)\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
