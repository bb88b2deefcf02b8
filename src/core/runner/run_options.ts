/**
 * What `runSuite` (runner.ts) takes, reports and returns: its options (with the
 * per-case time limits), progress events and outcome.
 *
 * @module
 */
import type { CaseSpec } from "../suite.ts";
import type { ResolvedSuite } from "../suite_module.ts";
import type { CaseResult, RunHeader } from "../store/record.ts";
import type { ResultsStore } from "../store/store.ts";

/**
 * The per-case time limit when neither the run nor the profile sets one
 * (6 hours: generous, so that only a hung case meets it).
 *
 * @example
 * ```ts
 * import { DEFAULT_CASE_TIMEOUT_S } from "./run_options.ts";
 * console.log(DEFAULT_CASE_TIMEOUT_S / 3600); // 6
 * ```
 */
export const DEFAULT_CASE_TIMEOUT_S = 6 * 3600;

/**
 * The largest per-case time limit accepted (10^6 s, about 11.6 days).
 *
 * @example
 * ```ts
 * import { MAX_CASE_TIMEOUT_S } from "./run_options.ts";
 * console.log(MAX_CASE_TIMEOUT_S); // 1000000
 * ```
 */
export const MAX_CASE_TIMEOUT_S = 1e6;

/** Options of `runSuite` (runner.ts). *
 * @example
 * ```ts
 * import type { RunOptions } from "./run_options.ts";
 * import { importSuite } from "../suite_module.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const suite = await importSuite(new URL("file:///work/my_suite.ts"));
 * const opts: RunOptions = { suite, profile: "smoke", seeds: "0-4", jobs: 2, store: openStore() };
 * ```
 */
export interface RunOptions {
  /**
   * The suite, resolved by the caller (the CLI resolves `--suite`): the
   * runner reads its definition, and its workers import its module (by URL)
   * for the case body.
   */
  suite: ResolvedSuite;
  /** Profile name (default "smoke"). */
  profile?: string;
  /** Backend name (default "wasm"). */
  backend?: string;
  /** Seed override: a list or text like "0,1,2" / "0-4". */
  seeds?: number[] | string;
  /** Parallel worker processes (default navigator.hardwareConcurrency). */
  jobs?: number;
  store: ResultsStore;
  /** Continue a run: its id, or true for the latest unfinished run with the same config. */
  resume?: string | true;
  onEvent?: (event: RunEvent) => void;
  /** Aborting it interrupts the run like SIGINT. */
  signal?: AbortSignal;
  /** Listen for SIGINT/SIGTERM while running (default true). */
  handleSignals?: boolean;
  /** Tags stored in a new run's header. */
  tags?: Record<string, string>;
  /**
   * Rewrite the profile's cases before expansion (e.g. re-target them at a
   * user regulariser); the config hash and the records use the result.
   */
  mapCases?: (cases: CaseSpec[]) => CaseSpec[];
  /**
   * Run only shard `index` of `count` (1-based): the tasks whose position in
   * the full expansion satisfies `position % count === index - 1`. The
   * config hash stays that of the full profile; the header gets
   * `tags.shard = "index/count"` (see `ci/shard.ts` and `merge`).
   */
  shard?: { index: number; count: number };
  /**
   * Per-case time limit in seconds (default: the profile's `caseTimeoutS`,
   * else {@link DEFAULT_CASE_TIMEOUT_S}). A case over it is recorded as failed
   * with kind "timeout", its worker process is killed and replaced, and the
   * run goes on.
   */
  caseTimeoutS?: number;
}

/** A task as events name it. */
export interface TaskRef {
  index: number;
  caseId: string;
  seed: number;
}

/** Progress events; see `progress.ts` for a renderer. *
 * @example
 * ```ts
 * import type { RunEvent } from "./run_options.ts";
 * const onEvent = (e: RunEvent) => {
 *   if (e.type === "case-end") console.log(`${e.done}/${e.total} ${e.result.caseId}`);
 * };
 * ```
 */
export type RunEvent =
  | {
    type: "start";
    header: RunHeader;
    /** Tasks in the whole run. */
    total: number;
    /** Tasks already completed before this invocation (resume). */
    done: number;
    jobs: number;
    resumed: boolean;
  }
  | { type: "case-start"; task: TaskRef; worker: number }
  | {
    type: "case-progress";
    task: TaskRef;
    step: number;
    totalSteps: number;
    values?: Record<string, number>;
  }
  | { type: "case-end"; task: TaskRef; result: CaseResult; done: number; total: number }
  | { type: "worker-log"; worker: number; line: string }
  | {
    type: "worker-crash";
    worker: number;
    message: string;
    /** The task that was in flight (recorded as failed), or null when the worker failed to start. */
    task: TaskRef | null;
  }
  | { type: "interrupted"; runId: string; done: number; total: number };

/** What `runSuite` (runner.ts) returns. *
 * @example
 * ```ts
 * import { runSuite } from "./runner.ts";
 * import { importSuite } from "../suite_module.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const suite = await importSuite(new URL("file:///work/my_suite.ts"));
 * const out = await runSuite({ suite, store: openStore() });
 * if (out.interrupted) console.log(`resume with --resume ${out.runId}`);
 * ```
 */
export interface RunOutcome {
  runId: string;
  header: RunHeader;
  /** True when stopped by a signal or abort; the run is then unfinished. */
  interrupted: boolean;
  total: number;
  /** Tasks that were already completed when this invocation started. */
  alreadyDone: number;
  /** Results recorded by this invocation, in arrival order. */
  results: CaseResult[];
  /** Counts over the whole run as stored. */
  counts: { completed: number; failed: number; skipped: number };
}
