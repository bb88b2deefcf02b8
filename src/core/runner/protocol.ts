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
    /** Registry id or absolute module URL of the suite; null to only initialise the backend. */
    suite: string | null;
    backend: string;
    /** Initialise the tfjs backend (only for suites with usesTensors). */
    tensors: boolean;
  }
  | { type: "task"; index: number; spec: CaseSpec; seed: number };

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
  | { type: "init-error"; message: string }
  | {
    type: "progress";
    index: number;
    step: number;
    totalSteps: number;
    values?: Record<string, number>;
  }
  | { type: "result"; index: number; outcome: TaskOutcome };

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
    const types = ["ready", "init-error", "progress", "result"];
    return typeof msg === "object" && msg !== null && types.includes(msg.type) ? msg : null;
  } catch {
    return null;
  }
}
