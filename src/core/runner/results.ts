/**
 * Turning what a worker reported into the record the store keeps: a
 * validated result, or a failed record the parent writes itself (worker
 * crash, time limit, no worker).
 *
 * @module
 */
import type { CaseResult, FailureInfo } from "../store/record.ts";
import { validateCaseResult } from "../store/validate.ts";
import type { TaskOutcome } from "./protocol.ts";

/** The fields of a record that the parent knows before the task ran. */
export type ResultBase = Omit<CaseResult, "status" | "startedAt" | "finishedAt" | "timing">;

/**
 * The record of a worker's outcome, encoded as stored (non-finite -> null),
 * validated and decoded; throws when the outcome is not a valid record.
 *
 * @example
 * ```ts
 * import { toResult } from "./results.ts";
 * import type { ResultBase } from "./results.ts";
 * import type { TaskOutcome } from "./protocol.ts";
 * declare const base: ResultBase, outcome: TaskOutcome;
 * const r = toResult(base, outcome);
 * ```
 */
export function toResult(base: ResultBase, outcome: TaskOutcome): CaseResult {
  const common = {
    ...base,
    startedAt: outcome.startedAt,
    finishedAt: outcome.finishedAt,
    timing: outcome.timing,
    metrics: outcome.metrics,
    curves: outcome.curves,
  };
  const raw = outcome.status === "completed"
    ? { ...common, status: "completed", flags: outcome.flags }
    : { ...common, status: "failed", error: outcome.error };
  // Encode as stored (non-finite -> null), then validate and decode (null -> NaN).
  return validateCaseResult(JSON.parse(JSON.stringify(raw)), `result of ${base.caseId}`);
}

/**
 * A failed record written by the parent (no metrics, no curves).
 *
 * @example
 * ```ts
 * import { failedResult } from "./results.ts";
 * import type { ResultBase } from "./results.ts";
 * declare const base: ResultBase;
 * const r = failedResult(base, { kind: "timeout", message: "too slow", step: 3 }, new Date().toISOString(), 1000);
 * console.assert(r.status === "failed");
 * ```
 */
export function failedResult(
  base: ResultBase,
  error: FailureInfo,
  startedAt: string,
  wallMs: number,
): CaseResult {
  return {
    ...base,
    status: "failed",
    startedAt,
    finishedAt: new Date().toISOString(),
    timing: { wallMs, steps: 0, stepsPerSec: null, peakRssBytes: null, peakTensorBytes: null },
    error,
    metrics: {},
    curves: {},
  };
}
