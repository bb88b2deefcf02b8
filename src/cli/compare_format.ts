/**
 * `compare`'s tables as plain text and Markdown, with a caption that says
 * what the intervals are (from src/core/analysis).
 *
 * @module
 */
import { formatPValue } from "../core/stats/mod.ts";
import { formatNumber } from "../core/runner/summary.ts";
import {
  differenceCaption,
  goalPhrase,
  type MetricDifference,
  type TaskDifference,
} from "../core/analysis/mod.ts";
import type { Comparison } from "./compare.ts";
import { printableTable } from "../core/printable_table.ts";

function fmtCI(r: TaskDifference): string {
  return Number.isNaN(r.ciLow) ? "-" : `[${formatNumber(r.ciLow)}, ${formatNumber(r.ciHigh)}]`;
}

function cells(r: TaskDifference): string[] {
  return [
    r.task,
    `${formatNumber(r.meanA)} (${r.nA})`,
    `${formatNumber(r.meanB)} (${r.nB})`,
    formatNumber(r.diff),
    fmtCI(r),
    Number.isNaN(r.pBetter) ? "-" : r.pBetter.toFixed(2),
    r.verdict ?? "direction unknown",
  ];
}

/** The rows a metric's table shows: each common task, then "all" when there are several. */
function tableRows(m: MetricDifference): TaskDifference[] {
  return m.rows.length > 1 && m.overall ? [...m.rows, m.overall] : m.rows;
}

const COLUMNS = ["task", "A (n)", "B (n)", "B - A", "95% CI", "P(B better)", "verdict"];

function title(m: MetricDifference, family: number): string {
  const p = Number.isNaN(m.pHolm)
    ? ""
    : `; p = ${formatPValue(m.pHolm)} (no difference, Holm over ${family} metrics)`;
  return `${m.metric} (${goalPhrase(m.goal, m.metric)}, margin ${m.margin})${p}`;
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
  return differenceCaption(c.metrics);
}

function header(c: Comparison): string[] {
  const out = [
    `A = ${c.a.label} (${c.a.kind}, ${c.a.results} results)  B = ${c.b.label} (${c.b.kind}, ${c.b.results} results)`,
    `suite ${c.suite.id}@${c.suite.version}; paired by ${c.pairing}`,
  ];
  if (c.unpaired.a.length + c.unpaired.b.length > 0) {
    out.push(
      `unpaired tasks (not compared): ${c.unpaired.a.length} only in A, ${c.unpaired.b.length} ` +
        "only in B",
    );
  }
  return out;
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
  const out = header(c);
  if (c.metrics.length === 0) out.push("", "no task has results on both sides");
  else out.push(comparisonCaption(c));
  for (const m of c.metrics) {
    out.push("", title(m, c.holmFamily), printableTable(COLUMNS, tableRows(m).map(cells)));
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
      `### ${esc(title(m, c.holmFamily))}`,
      "",
      `| ${COLUMNS.join(" | ")} |`,
      `|${COLUMNS.map(() => "---").join("|")}|`,
    );
    for (const r of tableRows(m)) out.push(`| ${cells(r).map(esc).join(" | ")} |`);
  }
  return out.join("\n");
}
