/**
 * The baseline check's reports as text and Markdown: a headline, the
 * comparison table, and a caption that says what the interval is and how the
 * verdict follows from it.
 *
 * @module
 */
import { differenceIntervalCaption } from "../stats/mod.ts";
import { formatNumber } from "../runner/summary.ts";
import { printableTable } from "../printable_table.ts";
import { type CheckReport, type CheckRow, isRegression } from "./check.ts";

const COLUMNS = [
  "case",
  "metric",
  "baseline (n)",
  "run (n)",
  "run - base",
  "95% CI",
  "margin",
  "verdict",
];

function cells(r: CheckRow): string[] {
  const ci = Number.isNaN(r.ciLow) ? "-" : `[${formatNumber(r.ciLow)}, ${formatNumber(r.ciHigh)}]`;
  return [
    r.case,
    `${r.metric} (${r.direction === "higher" ? "↑" : "↓"})`,
    `${formatNumber(r.meanBase)} (${r.nBase})`,
    Number.isNaN(r.meanRun) ? `- (${r.nRun})` : `${formatNumber(r.meanRun)} (${r.nRun})`,
    Number.isNaN(r.diff) ? "-" : formatNumber(r.diff),
    ci,
    `${formatNumber(r.margin)}${r.marginFrom === "noise floor" ? "*" : ""}`,
    isRegression(r.verdict) ? `REGRESSION (${r.verdict})` : r.verdict,
  ];
}

function headline(rep: CheckReport): string {
  const status = rep.regressions > 0
    ? `FAIL: ${rep.regressions} regression(s) in ${
      [...new Set(rep.rows.filter((r) => isRegression(r.verdict)).map((r) => r.metric))].join(", ")
    }`
    : `ok: no regression${rep.improvements > 0 ? ` (${rep.improvements} improved)` : ""}`;
  return `${rep.suite.id}@${rep.suite.version} profile ${rep.profile} backend ${rep.backend}: ${status}`;
}

function details(rep: CheckReport): string[] {
  const short = (c: string | null) => c === null ? "unknown commit" : c.slice(0, 12);
  const out = [
    `run ${rep.run.runId} (${short(rep.run.commit)}, seeds ${
      rep.run.seeds.join(",")
    }) vs baseline ` +
    `${rep.baseline.runId} (${short(rep.baseline.commit)}, seeds ${rep.baseline.seeds.join(",")})`,
  ];
  const compared = rep.rows.filter((r) => r.method !== null);
  if (compared.length > 0) {
    const methods = {
      paired: compared.filter((r) => r.method === "paired").length,
      welch: compared.filter((r) => r.method === "welch").length,
      pooled: compared.filter((r) => r.method === "pooled").length,
    };
    const counts = compared.flatMap((r) => [r.nBase, r.nRun]);
    out.push(`95% CI = ${differenceIntervalCaption(methods, counts)} (run − baseline)`);
  }
  if (!rep.calibrated) {
    out.push(
      "note: the baseline has no calibrated noise floor; margins are the metrics' own (run check --calibrate)",
    );
  }
  if (rep.newCases.length > 0) {
    out.push(`not in the baseline (not compared): ${rep.newCases.join(", ")}`);
  }
  return out;
}

/**
 * Check reports as plain aligned text: a headline and a table per report;
 * `*` marks a margin raised to the noise floor.
 *
 * @example
 * ```ts
 * import { formatCheck } from "./check_format.ts";
 * import type { CheckReport } from "./check.ts";
 * declare const reports: CheckReport[];
 * console.log(formatCheck(reports));
 * ```
 */
export function formatCheck(reports: CheckReport[]): string {
  const out: string[] = [];
  for (const rep of reports) {
    if (out.length > 0) out.push("");
    out.push(headline(rep), ...details(rep), "", printableTable(COLUMNS, rep.rows.map(cells)));
  }
  if (reports.some((rep) => rep.rows.some((r) => r.marginFrom === "noise floor"))) {
    out.push("", "* margin raised to the calibrated noise floor");
  }
  return out.join("\n");
}

/**
 * Check reports as Markdown (for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`).
 *
 * @example
 * ```ts
 * import { formatCheckMarkdown } from "./check_format.ts";
 * import type { CheckReport } from "./check.ts";
 * declare const reports: CheckReport[];
 * console.log(formatCheckMarkdown(reports));
 * ```
 */
export function formatCheckMarkdown(reports: CheckReport[]): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  const failed = reports.reduce((n, r) => n + r.regressions, 0);
  const out = [
    `## jepa-bench check: ${failed > 0 ? `❌ ${failed} regression(s)` : "✅ no regression"}`,
  ];
  for (const rep of reports) {
    out.push("", `### ${esc(headline(rep))}`, "");
    for (const d of details(rep)) out.push(`${esc(d)}  `);
    out.push("", `| ${COLUMNS.join(" | ")} |`, `|${COLUMNS.map(() => "---").join("|")}|`);
    for (const r of rep.rows) {
      const c = cells(r).map(esc);
      if (isRegression(r.verdict)) c[7] = `**${c[7]}**`;
      out.push(`| ${c.join(" | ")} |`);
    }
  }
  out.push(
    "",
    "Rule (SPEC section 6): a regression only when the 95 % t-interval of run − baseline " +
      "(paired on seeds when the run used the baseline's seeds, Welch otherwise, pooled with a " +
      "single seed) lies wholly beyond the margin on the worse side; * = margin raised to the " +
      "calibrated noise floor.",
  );
  return out.join("\n") + "\n";
}
