/**
 * The one plain-text table of the project (run summaries, check, compare,
 * rank, history, list, baseline, perf): columns two spaces apart, each as
 * wide as its widest cell, left- or right-aligned, a header line and an
 * optional line of dashes under it; trailing spaces trimmed. Every cell goes
 * through {@link printable}, so text from outside (imported runs) cannot
 * drive the terminal.
 *
 * @module
 */
import { printable } from "./printable.ts";

/**
 * One column: its header and how its cells align (default left).
 *
 * @example
 * ```ts
 * import type { TableColumn } from "./printable_table.ts";
 * const steps: TableColumn = { header: "steps/s", align: "right" };
 * ```
 */
export interface TableColumn {
  header: string;
  align?: "left" | "right";
}

/**
 * What {@link printableTable} takes besides columns and rows.
 *
 * @example
 * ```ts
 * import type { TableOptions } from "./printable_table.ts";
 * const withRule: TableOptions = { separator: true };
 * ```
 */
export interface TableOptions {
  /** A line of dashes under the header, as wide as each column (default false). */
  separator?: boolean;
}

/** Width of a cell in characters (code points, not UTF-16 units). */
function width(text: string): number {
  return [...text].length;
}

/**
 * Rows of cells as an aligned plain-text table (lines joined by "\n", no
 * final newline). A column given as a string is its left-aligned header; a
 * row shorter than the columns gets empty cells. Throws a RangeError for a
 * row with more cells than there are columns.
 *
 * @example
 * ```ts
 * import { printableTable } from "./printable_table.ts";
 * console.log(printableTable(["case", { header: "R2", align: "right" }], [["a", "0.9"], ["bb", "1"]]));
 * // case   R2
 * // a     0.9
 * // bb      1
 * ```
 */
export function printableTable(
  columns: readonly (string | TableColumn)[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const cols = columns.map((c) => typeof c === "string" ? { header: c } : c);
  const grid = [cols.map((c) => c.header), ...rows].map((row, r) => {
    if (row.length > cols.length) {
      throw new RangeError(
        `table row ${r} has ${row.length} cells, more than its ${cols.length} columns`,
      );
    }
    return cols.map((_, i) => printable(row[i] ?? ""));
  });
  const widths = cols.map((_, i) => Math.max(...grid.map((row) => width(row[i]))));
  const line = (row: string[]) =>
    row.map((cell, i) => {
      const pad = " ".repeat(widths[i] - width(cell));
      return cols[i].align === "right" ? pad + cell : cell + pad;
    }).join("  ").trimEnd();
  const [head, ...body] = grid.map(line);
  const rule = options.separator ? [widths.map((w) => "-".repeat(w)).join("  ").trimEnd()] : [];
  return [head, ...rule, ...body].join("\n");
}
