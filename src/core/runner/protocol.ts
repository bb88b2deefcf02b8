/**
 * The JSON-lines protocol between the runner (parent) and its worker
 * processes: one JSON object per line on the worker's stdin and stdout.
 * Worker console output goes to stderr, never stdout.
 *
 * @module
 */
import type { CaseSpec } from "../suite.ts";
import type { CaseTiming, Curve, FailureInfo } from "../store/record.ts";
import type { BackendFacts } from "./environment.ts";

/** Parent to worker. */
export type ToWorker =
  | {
    type: "init";
    /**
     * The suite's module (absolute URL) and the id and version the parent
     * read from it; null to only initialise the backend.
     */
    suite: { module: string; id: string; version: number } | null;
    backend: string;
    /** Initialise the tfjs backend (only for suites with usesTensors). */
    tensors: boolean;
    /** The run leaves a core free beside this worker (jobs < cores); see CaseContext.spareCore. */
    spareCore?: boolean;
  }
  | { type: "task"; index: number; spec: CaseSpec; seed: number }
  | {
    /** Load and check a user regulariser module (after an init with tensors). */
    type: "check-regulariser";
    path: string;
  };

/** What the parent learns about a checked user regulariser module. */
export interface RegulariserFacts {
  /** Registered name, `user:<name>@<hash>`. */
  name: string;
  /** The name the module gave it. */
  moduleName: string;
  description: string;
  defaultLambda: number;
  /** Absolute path of the module file. */
  path: string;
  /** First 12 hex digits of the sha-256 of the file's bytes. */
  hash: string;
}

/** What one task produced, as the worker reports it (metrics may hold null for non-finite). */
export interface TaskOutcome {
  status: "completed" | "failed";
  startedAt: string;
  finishedAt: string;
  timing: CaseTiming;
  metrics: Record<string, number | null>;
  curves: Record<string, Curve>;
  flags: Record<string, boolean>;
  error: FailureInfo | null;
}

/** Worker to parent. */
export type FromWorker =
  | { type: "ready"; backend: BackendFacts | null }
  | {
    type: "init-error";
    /** What failed: importing the suite module (or it gave another suite), or the backend. */
    stage: "suite" | "backend";
    message: string;
  }
  | {
    type: "progress";
    index: number;
    step: number;
    totalSteps: number;
    values?: Record<string, number>;
  }
  | { type: "result"; index: number; outcome: TaskOutcome }
  | { type: "regulariser"; facts: RegulariserFacts }
  | { type: "check-error"; message: string }
  /** Sent every 250 ms while a regulariser check runs: the worker's event loop is not blocked. */
  | { type: "alive" };

/**
 * Parse one line from a worker; null when the line is not a protocol message
 * (stray output is then treated as a log line).
 *
 * @example
 * ```ts
 * import { parseWorkerLine } from "./protocol.ts";
 * console.log(parseWorkerLine('{"type":"ready","backend":null}')); // { type: "ready", backend: null }
 * console.log(parseWorkerLine("hello")); // null
 * ```
 */
export function parseWorkerLine(line: string): FromWorker | null {
  if (!line.startsWith("{")) return null;
  try {
    const msg = JSON.parse(line);
    const types = [
      "ready",
      "init-error",
      "progress",
      "result",
      "regulariser",
      "check-error",
      "alive",
    ];
    return typeof msg === "object" && msg !== null && types.includes(msg.type) ? msg : null;
  } catch {
    return null;
  }
}
