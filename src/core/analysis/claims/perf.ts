/**
 * Claims the perf suite tests: SIGReg's cost is linear in the batch.
 *
 * @module
 */
import { defineClaim, type SuiteRef } from "./claim.ts";

/** The suite version whose case ids and metrics these claims name. */
export const PERF_SUITE: SuiteRef = { id: "perf", version: 1 };

/** Batch sizes of the perf suite's `scaling` batch series. */
export const BATCH_SERIES = [64, 128, 256, 512, 1024];
/** The range a linear cost's log-log slope may take. */
export const LINEAR_SLOPE_RANGE = { min: 0.8, max: 1.2 };

/**
 * Claim 4: the log-log slope of ms per LeJEPA step against the batch size is
 * within {@link LINEAR_SLOPE_RANGE} on each backend.
 *
 * @example
 * ```ts
 * import { SIGREG_LINEAR_IN_BATCH } from "./perf.ts";
 * console.assert(SIGREG_LINEAR_IN_BATCH.checks[0].kind === "slope");
 * ```
 */
export const SIGREG_LINEAR_IN_BATCH = defineClaim({
  id: "perf.sigreg-linear-in-batch",
  version: 1,
  title: `SIGReg's cost is linear in the batch: log-log slope of ms/step against B in ` +
    `[${LINEAR_SLOPE_RANGE.min}, ${LINEAR_SLOPE_RANGE.max}]`,
  source: "Balestriero & LeCun 2025, arXiv 2511.08544 (SPEC §1): SIGReg is one projection and " +
    "17 knots per slice, linear in the M = V·B embeddings. Measured on the whole LeJEPA step " +
    "(spiral MLP 4 × 256, K = 256) of the perf suite's batch series B = 64 … 1024, one seed " +
    "per point, fitted as `perf` fits its slopes.",
  suites: [PERF_SUITE],
  profiles: ["scaling"],
  minSeeds: 1,
  checks: [
    {
      kind: "slope",
      label: "linear in batch",
      select: { where: { series: "batch" }, each: { batch: BATCH_SERIES } },
      x: "batch",
      metric: "ms_step",
      ...LINEAR_SLOPE_RANGE,
    },
  ],
});
