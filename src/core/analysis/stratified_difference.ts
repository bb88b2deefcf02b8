/**
 * The interval of a difference averaged over tasks: the mean over tasks of
 * each task's `mean(B) - mean(A)`, each task weighing the same, with a
 * stratified Student-t interval (variance `Σ w² · var_k`, Satterthwaite
 * degrees of freedom). A task whose sides share their seeds contributes its
 * paired variance `s_d² / n`; otherwise Welch's `s_A² / n_A + s_B² / n_B`.
 * With every task paired this is `stratifiedTInterval(differences, "equal")`;
 * with one task it is that task's paired or Welch interval.
 *
 * @module
 */
import { mean, std } from "../stats/descriptive.ts";
import { studentTQuantile } from "../stats/student_t.ts";
import type { TInterval } from "../stats/t_interval.ts";

function sameSeeds(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  return a.size === b.size && [...a.keys()].every((s) => b.has(s));
}

/**
 * Stratified t-interval of the mean over tasks of `mean(B) - mean(A)`;
 * `tasks` holds per task the A and B values keyed by seed. NaN bounds when
 * some task has too few values for a variance (or there are no tasks).
 *
 * @example
 * ```ts
 * import { stratifiedDifference } from "./stratified_difference.ts";
 * const ci = stratifiedDifference([{
 *   a: new Map([[0, 1], [1, 2], [2, 3]]),
 *   b: new Map([[0, 2], [1, 3.1], [2, 3.9]]),
 * }]);
 * console.assert(ci.ciLow < ci.estimate && ci.estimate < ci.ciHigh);
 * ```
 */
export function stratifiedDifference(
  tasks: readonly { a: ReadonlyMap<number, number>; b: ReadonlyMap<number, number> }[],
  level = 0.95,
): TInterval & { paired: boolean } {
  const k = tasks.length;
  const paired = k > 0 && tasks.every((t) => sameSeeds(t.a, t.b));
  if (k === 0) return { estimate: NaN, ciLow: NaN, ciHigh: NaN, df: NaN, paired };
  const w = 1 / k;
  const estimate = tasks.reduce(
    (s, t) => s + w * (mean([...t.b.values()]) - mean([...t.a.values()])),
    0,
  );
  // Variance components with their degrees of freedom.
  const parts: { v: number; df: number }[] = [];
  for (const t of tasks) {
    if (sameSeeds(t.a, t.b)) {
      const d = [...t.a].map(([s, x]) => t.b.get(s)! - x);
      if (d.length < 2) return { estimate, ciLow: NaN, ciHigh: NaN, df: NaN, paired };
      parts.push({ v: (w * w * std(d) ** 2) / d.length, df: d.length - 1 });
    } else {
      const xa = [...t.a.values()];
      const xb = [...t.b.values()];
      if (xa.length < 2 || xb.length < 2) {
        return { estimate, ciLow: NaN, ciHigh: NaN, df: NaN, paired };
      }
      parts.push({ v: (w * w * std(xa) ** 2) / xa.length, df: xa.length - 1 });
      parts.push({ v: (w * w * std(xb) ** 2) / xb.length, df: xb.length - 1 });
    }
  }
  const v = parts.reduce((s, p) => s + p.v, 0);
  const df0 = parts.reduce((s, p) => s + p.df, 0);
  if (v === 0) return { estimate, ciLow: estimate, ciHigh: estimate, df: df0, paired };
  const df = (v * v) / parts.reduce((s, p) => s + (p.v * p.v) / p.df, 0);
  const half = studentTQuantile((1 + level) / 2, df) * Math.sqrt(v);
  return { estimate, ciLow: estimate - half, ciHigh: estimate + half, df, paired };
}
