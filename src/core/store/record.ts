/**
 * The run record: the contract between everything that writes results
 * (suites, runner) and everything that reads them (store, check, dashboard).
 *
 * A run is one invocation of `run` over a suite profile. It has one
 * {@link RunHeader} (the reproducibility header) and one {@link CaseResult}
 * per (case, seed). A result is a discriminated union on `status`, as in
 * tinybench: `completed | failed | skipped`.
 *
 * The JSON Schema for {@link RunDocument} lives beside this file in
 * `record.schema.json`; `validate.ts` checks documents against the same rules.
 *
 * @module
 */

/** Version of the record format. Bump on any incompatible change. */
export const RECORD_SCHEMA_VERSION = 1 as const;

/** A case parameter value: plain JSON scalars only. */
export type ParamValue = string | number | boolean;

/** Environment a run executed in. */
export interface RunEnvironment {
  /** Deno version, e.g. "2.9.6". */
  deno: string;
  v8: string;
  typescript: string;
  /** tfjs version, e.g. "4.22.0". */
  tfjs: string;
  /** Backend name actually in use (after setBackend succeeded). */
  backend: string;
  os: string;
  arch: string;
  /** CPU model string, e.g. from /proc/cpuinfo. */
  cpu: string;
  cpuCount: number;
  /** GPU adapter description, or null when none was used. */
  gpu: string | null;
}

/** Reproducibility header shared by every record of one run. */
export interface RunHeader {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  /** Unique id of this run (time-sortable). */
  runId: string;
  suite: { id: string; version: number };
  profile: string;
  /** sha-256 (hex) of the canonical JSON of the expanded case grid and settings. */
  configHash: string;
  seeds: number[];
  git: { commit: string | null; dirty: boolean | null; branch: string | null };
  env: RunEnvironment;
  /** ISO-8601 timestamps. */
  startedAt: string;
  finishedAt: string | null;
  /** Free-form tags, e.g. { regulariser module hash, submitter }. */
  tags: Record<string, string>;
}

/** Timing and resource figures for one case. */
export interface CaseTiming {
  wallMs: number;
  /** Optimisation steps actually taken (0 for non-training cases). */
  steps: number;
  /** steps / (training wall seconds); null when no steps. */
  stepsPerSec: number | null;
  /** Peak resident set size of the worker process, bytes. */
  peakRssBytes: number | null;
  /** Peak bytes held by tfjs tensors during the case, when known. */
  peakTensorBytes: number | null;
}

/** A metric curve sampled over training: [step, value] pairs. */
export type Curve = Array<[number, number]>;

interface CaseResultBase {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  runId: string;
  suite: string;
  suiteVersion: number;
  profile: string;
  backend: string;
  /** Stable id of the case within the suite version, e.g. "spiral/gaussian/N2/sigreg". */
  caseId: string;
  params: Record<string, ParamValue>;
  seed: number;
  startedAt: string;
  finishedAt: string;
  timing: CaseTiming;
}

/** A case that ran to the end. */
export interface CompletedResult extends CaseResultBase {
  status: "completed";
  metrics: Record<string, number>;
  curves: Record<string, Curve>;
  /** Named boolean findings, e.g. { procrustesWithinBound: true, collapsed: false }. */
  flags: Record<string, boolean>;
}

/** Why a case failed. */
export interface FailureInfo {
  kind: "nan" | "diverged" | "exception" | "timeout" | "interrupted" | "worker-crash";
  message: string;
  /** Training step at which it failed, when it failed inside training. */
  step: number | null;
}

/** A case that did not complete; what it measured before failing is kept. */
export interface FailedResult extends CaseResultBase {
  status: "failed";
  error: FailureInfo;
  metrics: Record<string, number>;
  curves: Record<string, Curve>;
}

/** A case that was not run (for example a backend without support). */
export interface SkippedResult extends CaseResultBase {
  status: "skipped";
  reason: string;
}

/** One record per (case, seed). */
export type CaseResult = CompletedResult | FailedResult | SkippedResult;

/** The exported form of a run: its header and its records. */
export interface RunDocument {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  header: RunHeader;
  records: CaseResult[];
}
