/**
 * What a suite is: data (id, version, metrics, profiles of cases and seeds)
 * plus one `runCase` function that composes core pieces.
 *
 * Adding a suite touches only `src/suites/`: its module, one entry of the
 * registry, and its fingerprints (`deno task fingerprints`).
 *
 * @module
 */
import type { Curve, ParamValue } from "./store/record.ts";

/** How a metric is read and gated. */
export interface MetricDef {
  /** Key in `CompletedResult.metrics`. */
  name: string;
  /** One line for readers (dashboard, README). */
  description: string;
  /**
   * Which way is better. With a {@link MetricDef.target} the analysis ranks by
   * the distance to the target instead (lower is better); `direction` is then
   * only what gates that read it see.
   */
  direction: "higher" | "lower";
  /**
   * What the metric should equal, when it has a target rather than a
   * direction: a number, or "dim" for the case's dimension (its `dim` or `N`
   * parameter). Ranked and compared by `|value - target|`, lower is better.
   */
  target?: "dim" | number;
  /**
   * Practical margin (absolute, in the metric's units): differences smaller
   * than this are never called a regression. At least the noise floor.
   */
  margin: number;
  /** Primary metrics gate CI and appear in the summary table. */
  primary: boolean;
}

/** One cell of a profile's grid (seeds are applied by the runner). */
export interface CaseSpec {
  /** Stable id, unique within the suite version. */
  id: string;
  params: Record<string, ParamValue>;
}

/**
 * What values one case parameter may take, declared by its suite and checked
 * before a run starts (its profiles' cases and any `run --config` overrides).
 * Data, except `check` for what a range or a list cannot say (e.g. a law
 * string): it throws an Error whose message says what is wrong.
 *
 * @example
 * ```ts
 * import type { ParamSpec } from "./suite.ts";
 * const steps: ParamSpec = { type: "integer", min: 1, max: 1e7 };
 * const lr: ParamSpec = { type: "number", min: 0, minExclusive: true, max: 10 };
 * const encoder: ParamSpec = { type: "string", oneOf: ["mlp", "coupling"] };
 * ```
 */
export type ParamSpec =
  | { type: "integer"; min?: number; max?: number }
  | { type: "number"; min?: number; max?: number; minExclusive?: boolean }
  | { type: "string"; oneOf?: readonly string[]; check?: (value: string) => void }
  | { type: "boolean" };

/**
 * A facet readers filter and group results by (the dashboard makes one filter
 * of each): one case parameter, or with `param: null` the task itself (the
 * case id without its entry's segment, see `src/core/analysis/entries.ts`).
 * Data only; changing facets changes no case, so it needs no new version.
 *
 * @example
 * ```ts
 * import type { FacetDef } from "./suite.ts";
 * const law: FacetDef = { name: "law", label: "Latent law", param: "law" };
 * const task: FacetDef = { name: "case", label: "Case", param: null };
 * ```
 */
export interface FacetDef {
  /** Key in URLs and tables: a plain lower-case name ("law", "dim", "case"). */
  name: string;
  /** How readers see it ("Latent law", "N"). */
  label: string;
  /** The case parameter whose value the facet is; null for the task. */
  param: string | null;
}

/** A named, versioned grid of cases and seeds. */
export interface Profile {
  name: string;
  description: string;
  seeds: number[];
  cases: CaseSpec[];
  /** Hint for users: the backend the profile is sized for. */
  intendedFor: "cpu" | "gpu";
  /**
   * Per-case time limit in seconds (default: the runner's, 6 hours); a case
   * over it is recorded as failed with kind "timeout". `run --case-timeout` wins.
   */
  caseTimeoutS?: number;
}

/** Progress report from inside a case. */
export interface CaseProgress {
  step: number;
  totalSteps: number;
  /** Optional latest scalar values (loss, …) for display. */
  values?: Record<string, number>;
}

/** What a case body receives. */
export interface CaseContext {
  seed: number;
  /** Backend name actually initialised (wasm, cpu, webgpu, …). */
  backend: string;
  /** Aborted when the run is interrupted; long loops should check it. */
  signal: AbortSignal;
  /** Report training progress (cheap; throttled by the caller). */
  progress(p: CaseProgress): void;
  /**
   * True when the runner leaves a core free beside this case (fewer jobs than
   * cores): the case may draw its data in a helper thread. Absent or false:
   * one thread, as when every core runs a case.
   */
  spareCore?: boolean;
}

/** What a case body returns on success. */
export interface CaseOutput {
  metrics: Record<string, number>;
  curves?: Record<string, Curve>;
  flags?: Record<string, boolean>;
  /** Optimisation steps taken and the seconds they took (for steps/s). */
  steps?: number;
  trainSeconds?: number;
  peakTensorBytes?: number;
}

/**
 * A benchmark suite.
 *
 * @example
 * ```ts
 * import type { Suite } from "./suite.ts";
 * const tiny: Suite = {
 *   id: "tiny", version: 1, title: "Tiny", description: "An example.",
 *   metrics: [{ name: "x", description: "x", direction: "higher", margin: 0, primary: true }],
 *   profiles: { smoke: { name: "smoke", description: "", seeds: [0], cases: [{ id: "a", params: {} }], intendedFor: "cpu" } },
 *   runCase: (_spec, ctx) => Promise.resolve({ metrics: { x: ctx.seed } }),
 * };
 * ```
 */
export interface Suite {
  id: string;
  /** Integer version; bump when cases, seeds, settings or metric meaning change. */
  version: number;
  title: string;
  description: string;
  metrics: MetricDef[];
  profiles: Record<string, Profile>;
  /** Whether the suite trains with tfjs (and so needs a backend initialised). */
  usesTensors?: boolean;
  /** What readers filter its results by, in display order (see {@link FacetDef}). */
  facets?: readonly FacetDef[];
  /**
   * Constraints on case parameters, by name; a parameter not named here is
   * not checked. The runner refuses cases (a profile's, or overridden) that
   * break them before running anything.
   */
  params?: Record<string, ParamSpec>;
  /**
   * Run one (case, seed). Throw {@link CaseFailure} for a recorded failure
   * with a step (NaN loss, divergence); any other throw is recorded too.
   */
  runCase(spec: CaseSpec, ctx: CaseContext): Promise<CaseOutput>;
}

/**
 * A suite without its case body and parameter checks: id, version, text, declared metrics and
 * profiles. Plain data that loads without tfjs (what the dashboard and `list` read); the runner
 * and its workers load the whole {@link Suite}.
 *
 * @example
 * ```ts
 * import type { SuiteDefinition } from "./suite.ts";
 * const d: SuiteDefinition = { id: "toy", version: 1, title: "", description: "", metrics: [], profiles: {} };
 * ```
 */
export type SuiteDefinition = Omit<Suite, "runCase" | "params">;

/**
 * A failure a case reports on purpose: recorded with its kind and step,
 * and the run goes on with the next case.
 *
 * @example
 * ```ts
 * import { CaseFailure } from "./suite.ts";
 * const e = new CaseFailure("nan", "loss is NaN", 120);
 * console.assert(e.step === 120);
 * ```
 */
export class CaseFailure extends Error {
  /** The partial metrics and curves measured before the failure. */
  partial: { metrics: Record<string, number>; curves: Record<string, Curve> };
  constructor(
    readonly kind: "nan" | "diverged" | "exception",
    message: string,
    readonly step: number | null = null,
    partial?: { metrics?: Record<string, number>; curves?: Record<string, Curve> },
  ) {
    super(message);
    this.name = "CaseFailure";
    this.partial = { metrics: partial?.metrics ?? {}, curves: partial?.curves ?? {} };
  }
}
