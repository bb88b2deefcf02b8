/**
 * Which way a metric is better, from the suite's declared metrics only: higher,
 * lower, a target it should equal (ranked by the distance to it), or unknown
 * (an undeclared metric: shown, never ranked, never given a verdict).
 *
 * @module
 */

/** Which way a metric is better. */
export type MetricGoal =
  | { kind: "higher" }
  | { kind: "lower" }
  | { kind: "target"; target: "dim" | number }
  | { kind: "unknown" };

/** What {@link metricGoal} reads of a metric declaration. */
export interface DeclaredMetric {
  name: string;
  direction: string;
  target?: "dim" | number;
  margin?: number;
}

/** Case parameters read as the dimension for a `"dim"` target, first match wins. */
export const TARGET_DIM_PARAMS = ["dim", "N"] as const;

/**
 * The goal of metric `name` among the `declared` metrics of a suite; a metric
 * not declared (or declared with no usable direction) is `unknown`.
 *
 * @example
 * ```ts
 * import { metricGoal } from "./goal.ts";
 * const defs = [{ name: "regret", direction: "lower" }, { name: "rank", direction: "higher", target: "dim" as const }];
 * console.assert(metricGoal(defs, "regret").kind === "lower");
 * console.assert(metricGoal(defs, "rank").kind === "target");
 * console.assert(metricGoal(defs, "fit_ms").kind === "unknown");
 * ```
 */
export function metricGoal(declared: readonly DeclaredMetric[], name: string): MetricGoal {
  const def = declared.find((m) => m.name === name);
  if (def === undefined) return { kind: "unknown" };
  if (def.target !== undefined) return { kind: "target", target: def.target };
  if (def.direction === "higher" || def.direction === "lower") return { kind: def.direction };
  return { kind: "unknown" };
}

/**
 * The direction the analysed value improves in: a target metric is analysed as
 * its distance to the target, lower is better; null when unknown.
 *
 * @example
 * ```ts
 * import { goalDirection } from "./goal.ts";
 * console.assert(goalDirection({ kind: "target", target: 4 }) === "lower");
 * console.assert(goalDirection({ kind: "unknown" }) === null);
 * ```
 */
export function goalDirection(goal: MetricGoal): "higher" | "lower" | null {
  if (goal.kind === "unknown") return null;
  return goal.kind === "target" ? "lower" : goal.kind;
}

/**
 * The value analysed for one result: the metric itself, or for a target metric
 * `|value - target|` (a `"dim"` target is the case's `dim` or `N` parameter;
 * NaN when the case has neither).
 *
 * @example
 * ```ts
 * import { scoreValue } from "./goal.ts";
 * console.assert(scoreValue({ kind: "target", target: "dim" }, 6, { dim: 8 }) === 2);
 * console.assert(scoreValue({ kind: "higher" }, 0.9, {}) === 0.9);
 * ```
 */
export function scoreValue(
  goal: MetricGoal,
  value: number,
  params: Record<string, unknown>,
): number {
  if (goal.kind !== "target") return value;
  let t: number = NaN;
  if (typeof goal.target === "number") t = goal.target;
  else {
    for (const k of TARGET_DIM_PARAMS) {
      if (typeof params[k] === "number") {
        t = params[k] as number;
        break;
      }
    }
  }
  return Math.abs(value - t);
}

/**
 * The goal in words, for table titles: "higher is better", "|x - N| (lower is
 * better)", "direction unknown".
 *
 * @example
 * ```ts
 * import { goalPhrase } from "./goal.ts";
 * console.assert(goalPhrase({ kind: "lower" }, "regret") === "lower is better");
 * console.assert(goalPhrase({ kind: "target", target: "dim" }, "trace_cov") ===
 *   "should equal N: |trace_cov - N|, lower is better");
 * ```
 */
export function goalPhrase(goal: MetricGoal, metric: string): string {
  if (goal.kind === "unknown") return "direction unknown: not declared by the suite, not ranked";
  if (goal.kind !== "target") return `${goal.kind} is better`;
  const t = goal.target === "dim" ? "N" : String(goal.target);
  return `should equal ${t}: |${metric} - ${t}|, lower is better`;
}
