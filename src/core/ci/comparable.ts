/**
 * Whether a run may be compared with a baseline at all: same suite, version,
 * profile, backend and parameter overrides, and the same parameters for
 * every shared case. A run that may not is refused, never compared.
 *
 * @module
 */
import type { RunDocument } from "../store/record.ts";
import { canonicalJson } from "../canonical.ts";

/**
 * Throw an Error (one line) unless `run` may be compared with `baseline`:
 * same suite, suite version, profile and backend, the same parameter
 * overrides (`tags.overrides`, from `run --config`), and every shared case
 * has the same parameters. Different seeds are allowed.
 *
 * @example
 * ```ts
 * import { assertComparable } from "./comparable.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const base: RunDocument, run: RunDocument;
 * assertComparable(base, run); // throws on a version or backend mismatch
 * ```
 */
export function assertComparable(
  baseline: RunDocument,
  run: RunDocument,
  path = "the baseline",
): void {
  const b = baseline.header;
  const r = run.header;
  const refuse = (why: string) => {
    throw new Error(`refusing to compare run ${r.runId} with ${path}: ${why}`);
  };
  if (b.suite.id !== r.suite.id) {
    refuse(`it is suite "${r.suite.id}", the baseline is "${b.suite.id}"`);
  }
  if (b.suite.version !== r.suite.version) {
    refuse(
      `it is suite version ${r.suite.version}, the baseline is version ${b.suite.version} ` +
        `(make a baseline for version ${r.suite.version} with: baseline update)`,
    );
  }
  if (b.profile !== r.profile) {
    refuse(`it is profile "${r.profile}", the baseline is "${b.profile}"`);
  }
  if (b.env.backend !== r.env.backend) {
    refuse(`it ran on backend "${r.env.backend}", the baseline on "${b.env.backend}"`);
  }
  if ((r.tags.overrides ?? "") !== (b.tags.overrides ?? "")) {
    refuse(
      r.tags.overrides === undefined
        ? `the baseline was made with overrides ${b.tags.overrides}; this run used the plain ` +
          `profile`
        : `the run used overrides ${r.tags.overrides} (run --config), so it cannot be compared ` +
          `with a baseline of the ${
            b.tags.overrides === undefined
              ? "plain profile"
              : `profile with overrides ${b.tags.overrides}`
          }`,
    );
  }
  const params = new Map(baseline.records.map((x) => [x.caseId, canonicalJson(x.params)]));
  for (const x of run.records) {
    const p = params.get(x.caseId);
    if (p !== undefined && p !== canonicalJson(x.params)) {
      refuse(
        `case ${x.caseId} has other parameters than in the baseline (the suite changed ` +
          `without a version bump?)`,
      );
    }
  }
}
