/**
 * `claims`: the papers' claims judged by the analysis layer
 * (src/core/analysis/claims/) on the verified runs of a store or of run
 * documents: per claim its id@version, verdict, one-line reason and evidence
 * rows. This file only gathers the input and formats.
 *
 * @module
 */
import {
  type Claim,
  claimById,
  type ClaimInput,
  claimInputFromDocuments,
  claimInputFromStore,
  type ClaimReport,
  CLAIMS,
  claimSuites,
  evaluateClaims,
  formatEstimate,
  recordCountsText,
  suiteRefText,
} from "../core/analysis/mod.ts";
import { readRunDocuments } from "../core/store/io.ts";
import { CORPUS_INDEX_FILE } from "../core/corpus/corpus_index.ts";
import { loadCorpus } from "../core/corpus/read.ts";
import { join } from "node:path";
import { asUsage, type CliIo, openStoreFlag, STORE_FLAG } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
import { printableTable } from "../core/printable_table.ts";

/**
 * The flags of `claims`.
 *
 * @example
 * ```ts
 * import { CLAIMS_FLAGS } from "./claims.ts";
 * console.log(CLAIMS_FLAGS.from.multiple); // true
 * ```
 */
export const CLAIMS_FLAGS = defineFlags({
  claim: {
    type: "string",
    value: "<id>",
    help: `only this claim, one of:\n${CLAIMS.map((c) => `  ${c.id}`).join("\n")}`,
  },
  from: {
    type: "string",
    multiple: true,
    value: "<path>",
    help: "run documents: an export file or a folder of them (e.g. baselines); the store is " +
      "then read only when --store is given too",
  },
  json: {
    type: "boolean",
    help: "the claims with their checks, verdicts and evidence as JSON",
  },
  store: STORE_FLAG,
});

/** Help text of `claims`. */
export const CLAIMS_HELP = formatHelp("claims", {
  usage: ["[flags]"],
  about:
    `Judge the claims of the papers behind the suites (README "Claims") on verified results: records
of runs whose header names their git commit and a clean tree. Other records are ignored and
counted. Each claim prints id@version, its verdict (holds | fails | inconclusive), a one-line
reason, then its evidence: per cohort (a profile on a backend, never pooled) and case, the
metric's mean over seeds with its 95 % t-interval, the seeds behind it, the test and its verdict.
Thresholds are part of each claim's version (--json shows them).`,
  after: `exit codes: 0 reported (whatever the verdicts), 1 the store or a file cannot be read,
2 usage error`,
}, CLAIMS_FLAGS);

/**
 * The claims as plain text: per claim a header line, its reason, the record
 * counts and an aligned table of evidence rows.
 *
 * @example
 * ```ts
 * import { formatClaims } from "./claims.ts";
 * import { evaluateClaims } from "../core/analysis/mod.ts";
 * console.log(formatClaims(evaluateClaims({ headers: [], records: [] }), "no input"));
 * ```
 */
export function formatClaims(reports: readonly ClaimReport[], source: string): string {
  const count = (v: string) => reports.filter((r) => r.verdict === v).length;
  const out = [
    `claims on ${source}: ${reports.length} claim${reports.length === 1 ? "" : "s"}; ` +
    `${count("holds")} hold, ${count("fails")} fail, ${count("inconclusive")} inconclusive`,
    "verified = a run whose header names its git commit and a clean tree; value [95 % CI] = " +
    "the mean over seeds and its Student-t interval",
  ];
  for (const r of reports) {
    const suites = r.suites.map(suiteRefText).join(", ");
    const profiles = r.profiles ? `; profiles ${r.profiles.join(", ")}` : "";
    out.push(
      "",
      `${r.id}@${r.version}: ${r.verdict}`,
      `  ${r.title}`,
      `  reason: ${r.reason}`,
      `  reads ${suites}${profiles}; ${recordCountsText(r.records)}`,
      `  source: ${r.source}`,
    );
    if (r.evidence.length === 0) continue;
    const rows: string[][] = [];
    for (const e of r.evidence) {
      rows.push([
        e.cohort,
        e.check,
        e.case,
        e.metric,
        formatEstimate(e.value, e.ciLow, e.ciHigh),
        String(e.seeds),
        e.test,
        e.verdict ?? "-",
      ]);
    }
    const columns = ["cohort", "check", "case", "metric", "value [95% CI]", "n", "test", "verdict"];
    out.push(...printableTable(columns, rows).split("\n").map((l) => `  ${l}`));
  }
  return out.join("\n");
}

function merge(inputs: ClaimInput[]): ClaimInput {
  return {
    headers: inputs.flatMap((i) => i.headers),
    records: inputs.flatMap((i) => i.records),
  };
}

/**
 * The `claims` command; resolves with the exit code (0 whatever the verdicts).
 *
 * @example
 * ```ts
 * import { claimsCommand } from "./claims.ts";
 * import { processIo } from "./common.ts";
 * const code = await claimsCommand(["--from", "baselines"], processIo());
 * ```
 */
export async function claimsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("claims", args, CLAIMS_FLAGS);
  if (values.help) {
    io.out(CLAIMS_HELP + "\n");
    return 0;
  }
  const id = values.claim;
  const claims: readonly Claim[] = id === undefined
    ? CLAIMS
    : [asUsage(() => claimById(id.trim()))];
  const from = values.from ?? [];
  const storePath = values.store;
  const inputs: ClaimInput[] = [];
  const sources: string[] = [];
  for (const path of from) {
    // A results corpus (a folder with an index) is read through its index, which checks every
    // document's digest; any other folder or file as run documents.
    const isCorpus = await Deno.stat(join(path, CORPUS_INDEX_FILE)).then(
      (i) => i.isFile,
      () => false,
    );
    const docs = isCorpus ? await loadCorpus(path) : await readRunDocuments(path);
    inputs.push(claimInputFromDocuments(docs));
    sources.push(`"${path}"`);
  }
  if (from.length === 0 || storePath !== undefined) {
    const store = openStoreFlag(storePath, { readOnly: true });
    try {
      inputs.push(claimInputFromStore(store, claimSuites(claims)));
      sources.unshift(`store "${store.path}"`);
    } finally {
      store.close();
    }
  }
  const reports = evaluateClaims(merge(inputs), claims);
  const source = sources.join(" and ");
  io.out(
    (values.json
      ? JSON.stringify({ source, claims: reports }, null, 2)
      : formatClaims(reports, source)) + "\n",
  );
  return 0;
}
