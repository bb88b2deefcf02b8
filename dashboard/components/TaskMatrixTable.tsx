/**
 * The per-task matrix of a leaderboard: one row per task, one column per
 * entry, each cell the seed mean with its 95 % t-interval; the best entries
 * of a row (in the metric's declared direction, from src/core/analysis)
 * marked ★. Formatting only.
 *
 * @module
 */
import type { MatrixView } from "../data/leaderboard.ts";
import { fmt } from "./format.ts";

/** Props of {@link TaskMatrixTable}. */
export interface TaskMatrixTableProps {
  matrix: MatrixView;
}

/**
 * The matrix table.
 *
 * @example
 * ```tsx
 * import { TaskMatrixTable } from "./TaskMatrixTable.tsx";
 * // <TaskMatrixTable matrix={view.matrix} />
 * ```
 */
export function TaskMatrixTable({ matrix }: TaskMatrixTableProps) {
  const { table, columns } = matrix;
  if (table.tasks.length === 0) return <p class="empty">No results match these filters.</p>;
  return (
    <div class="table-wrap">
      <table class="matrix" data-testid="matrix">
        <thead>
          <tr>
            <th>Task</th>
            {columns.map(({ entry, color }) => (
              <th key={entry.key} data-entry={entry.key} class="entry-col">
                <span
                  class="swatch"
                  data-entry-color={color}
                  style={{ borderColor: color, background: color }}
                />{" "}
                {entry.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.tasks.map((t) => {
            const best = new Set(table.best[t]);
            return (
              <tr key={t} data-task={t}>
                <td class="id">{t}</td>
                {columns.map(({ entry }) => {
                  const c = table.cells[t]?.[entry.key];
                  if (!c) return <td key={entry.key} class="num missing">—</td>;
                  const isBest = best.has(entry.key);
                  return (
                    <td
                      key={entry.key}
                      class={isBest ? "num best" : "num"}
                      data-entry={entry.key}
                      data-best={isBest ? "1" : undefined}
                      title={`${c.n} seed${c.n === 1 ? "" : "s"}`}
                    >
                      {isBest && <span aria-label="best">★</span>}
                      <span class="mean">{fmt(c.mean)}</span>
                      <div class="ci small muted">
                        {Number.isFinite(c.ciLow) ? `[${fmt(c.ciLow)}, ${fmt(c.ciHigh)}]` : "no CI"}
                      </div>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
