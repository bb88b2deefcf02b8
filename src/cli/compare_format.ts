/**
 * `compare`'s tables as plain text and Markdown, with a caption that says
 * what the intervals are.
 *
 * @module
 */
import { formatNumber } from "../core/runner/summary.ts";
import { differenceIntervalCaption } from "../core/stats/mod.ts";
import type { Comparison, ComparisonRow, MetricComparison } from "./compare.ts";

function fmtCI(r: ComparisonRow): string {
  return Number.isNaN(r.ciLow) ? "-" : `[${formatNumber(r.ciLow)}, ${formatNumber(r.ciHigh)}]`;
}

function cells(r: ComparisonRow): string[] {
  return [
    r.case,
    `${formatNumber(r.meanA)} (${r.nA})`,
    `${formatNumber(r.meanB)} (${r.nB})`,
    formatNumber(r.diff),
    fmtCI(r),
    Number.isNaN(r.pBetter) ? "-" : r.pBetter.toFixed(2),
    r.verdict,
  ];
}

const COLUMNS = ["case", "A (n)", "B (n)", "B - A", "95% CI", "P(B better)", "verdict"];

function title(m: MetricComparison): string {
  return `${m.metric} (${m.direction} is better, margin ${m.margin})`;
}

/**
 * What the intervals of a comparison are, in words (one line).
 *
 * @example
 * ```ts
 * import { comparisonCaption } from "./compare_format.ts";
 * import type { Comparison } from "./compare.ts";
 * declare const cmp: Comparison;
 * console.log(comparisonCaption(cmp));
 * ```
 */
export function comparisonCaption(c: Comparison): string {
  const rows = c.metrics.flatMap((m) => m.rows.filter((r) => r.method !== "stratified"));
  if (rows.length === 0) return "";
  const methods = {
    paired: rows.filter((r) => r.method === "paired").length,
    welch: rows.filter((r) => r.method === "welch").length,
    pooled: rows.filter((r) => r.method === "pooled").length,
  };
  const caption = `95% CI = ${
    differenceIntervalCaption(methods, rows.flatMap((r) => [r.nA, r.nB]))
  }`;
  const all = c.metrics.some((m) => m.rows.some((r) => r.method === "stratified"));
  return all
    ? `${caption}; "all" row: stratified t-interval of the mean over cases of the per-seed ` +
      "differences"
    : caption;
}

/**
 * The comparison as plain aligned text, one table per metric.
 *
 * @example
 * ```ts
 * import { formatComparison } from "./compare.ts";
 * import type { Comparison } from "./compare.ts";
 * declare const cmp: Comparison;
 * console.log(formatComparison(cmp));
 * ```
 */
export function formatComparison(c: Comparison): string {
  const out = [
    `A = ${c.a.label} (${c.a.kind}, ${c.a.results} results)  B = ${c.b.label} (${c.b.kind}, ${c.b.results} results)`,
    `suite ${c.suite.id}@${c.suite.version}; paired by ${c.pairing}`,
  ];
  if (c.unpaired.a.length + c.unpaired.b.length > 0) {
    out.push(`unpaired cases: ${c.unpaired.a.length} only in A, ${c.unpaired.b.length} only in B`);
  }
  if (c.metrics.length === 0) out.push("", "no case has results on both sides");
  else out.push(comparisonCaption(c));
  for (const m of c.metrics) {
    const rows = [COLUMNS, ...m.rows.map(cells)];
    const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    out.push("", title(m));
    for (const r of rows) out.push(r.map((v, i) => v.padEnd(widths[i])).join("  ").trimEnd());
  }
  return out.join("\n");
}

/**
 * The comparison as Markdown: a heading and a table per metric.
 *
 * @example
 * ```ts
 * import { formatComparisonMarkdown } from "./compare.ts";
 * import type { Comparison } from "./compare.ts";
 * declare const cmp: Comparison;
 * console.log(formatComparisonMarkdown(cmp));
 * ```
 */
export function formatComparisonMarkdown(c: Comparison): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  const out = [
    `**A** = \`${c.a.label}\` (${c.a.kind}, ${c.a.results} results), **B** = \`${c.b.label}\` ` +
    `(${c.b.kind}, ${c.b.results} results); suite \`${c.suite.id}@${c.suite.version}\`, paired by ${c.pairing}.`,
  ];
  if (c.metrics.length > 0) out.push("", esc(comparisonCaption(c)));
  for (const m of c.metrics) {
    out.push(
      "",
      `### ${esc(title(m))}`,
      "",
      `| ${COLUMNS.join(" | ")} |`,
      `|${COLUMNS.map(() => "---").join("|")}|`,
    );
    for (const r of m.rows) out.push(`| ${cells(r).map(esc).join(" | ")} |`);
  }
  return out.join("\n");
}
