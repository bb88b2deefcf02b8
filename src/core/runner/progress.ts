/**
 * Progress display for a run, on stderr. On a terminal: one bar redrawn in
 * place (cases done/total, the step of each running case, elapsed time and an
 * ETA from the durations of finished cases), at most 10 redraws a second.
 * Elsewhere (CI logs): one line per finished case, throttled to one line a
 * second (lines in between are counted, not printed); failures are always
 * printed; while cases run for long, a "running:" line with each running
 * case's step, the elapsed time and the ETA at most once a minute.
 *
 * @module
 */
import type { CaseResult } from "../store/record.ts";
import type { RunEvent } from "./runner.ts";

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Where text goes (default: stderr). */
  write?: (text: string) => void;
  /** Draw a redrawn bar (default: whether stderr is a terminal). */
  tty?: boolean;
  /** Minimum milliseconds between two plain lines (default 1000). */
  lineIntervalMs?: number;
  /**
   * Without a terminal: the least milliseconds without a line before a "running:" line
   * (default 60 000).
   */
  heartbeatMs?: number;
  /** Print worker log lines (default false). */
  verbose?: boolean;
  /** Clock in milliseconds (for tests). */
  now?: () => number;
}

/** A progress renderer: feed it the runner's events, call finish() at the end. */
export interface Progress {
  onEvent(event: RunEvent): void;
  finish(): void;
}

/**
 * Seconds as a short human duration: "41.2 s", "3m 05s", "1h 02m".
 *
 * @example
 * ```ts
 * import { formatDuration } from "./progress.ts";
 * console.log(formatDuration(185)); // "3m 05s"
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * One line describing a finished case, e.g.
 * `[12/54] spiral/gaussian/N2/sigreg seed 1337 completed in 41.2 s (27.1 steps/s)`.
 *
 * @example
 * ```ts
 * import { caseLine } from "./progress.ts";
 * import type { CaseResult } from "../store/record.ts";
 * declare const r: CaseResult;
 * console.log(caseLine(r, 12, 54));
 * ```
 */
export function caseLine(r: CaseResult, done: number, total: number): string {
  const head = `[${done}/${total}] ${r.caseId} seed ${r.seed}`;
  const took = formatDuration(r.timing.wallMs / 1000);
  if (r.status === "completed") {
    const rate = r.timing.stepsPerSec !== null
      ? ` (${r.timing.stepsPerSec.toFixed(1)} steps/s)`
      : "";
    return `${head} completed in ${took}${rate}`;
  }
  if (r.status === "failed") {
    const at = r.error.step !== null ? ` at step ${r.error.step}` : "";
    return `${head} FAILED (${r.error.kind}${at}) after ${took}: ${r.error.message}`;
  }
  return `${head} skipped: ${r.reason}`;
}

/**
 * Create a progress renderer.
 *
 * @example
 * ```ts
 * import { createProgress } from "./progress.ts";
 * const progress = createProgress({ tty: false });
 * // await runSuite({ ..., onEvent: progress.onEvent });
 * progress.finish();
 * ```
 */
export function createProgress(opts: ProgressOptions = {}): Progress {
  const encoder = new TextEncoder();
  const write = opts.write ?? ((t: string) => {
    Deno.stderr.writeSync(encoder.encode(t));
  });
  const tty = opts.tty ?? Deno.stderr.isTerminal();
  const lineInterval = opts.lineIntervalMs ?? 1000;
  const heartbeat = opts.heartbeatMs ?? 60_000;
  const now = opts.now ?? (() => performance.now());

  let total = 0;
  let done = 0;
  let jobs = 1;
  let started = now();
  let lastDraw = -Infinity;
  let lastLine = -Infinity;
  let lastOutput = -Infinity; // any line, for the "running:" pulse
  let quiet = 0;
  let barShown = false;
  const durations: number[] = [];
  const running = new Map<number, { label: string; step: number; totalSteps: number }>();
  let timer: ReturnType<typeof setInterval> | null = null;

  const columns = () => {
    try {
      const c = Deno.consoleSize().columns;
      return c >= 40 ? c : 100;
    } catch {
      return 100;
    }
  };

  /** "elapsed 3m 05s ETA 10m 12s" (ETA from the mean duration of finished cases). */
  const timeStatus = (): string => {
    const elapsed = (now() - started) / 1000;
    const mean = durations.length > 0
      ? durations.reduce((a, b) => a + b, 0) / durations.length
      : NaN;
    const eta = (total - done) * mean / 1000 / Math.max(1, Math.min(jobs, total - done));
    return `elapsed ${formatDuration(elapsed)} ETA ${
      done >= total ? "0.0 s" : formatDuration(eta)
    }`;
  };
  const runningCases = (): string =>
    [...running.values()].map((r) =>
      r.totalSteps > 0 ? `${r.label} ${r.step}/${r.totalSteps}` : r.label
    ).join(", ");

  /** Without a terminal: a "running:" line when none was written for `heartbeat` ms. */
  const pulse = () => {
    const t = now();
    if (tty || running.size === 0 || t - lastOutput < heartbeat) return;
    write(`[${done}/${total}] running: ${runningCases()}; ${timeStatus()}\n`);
    lastOutput = t;
  };

  const bar = (): string => {
    const width = 20;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    const cases = runningCases();
    const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ` +
      timeStatus() + (cases !== "" ? ` | ${cases}` : "");
    const max = Math.max(20, columns() - 1);
    return line.length > max ? line.slice(0, max - 1) + "…" : line;
  };

  const draw = (force = false) => {
    if (!tty) return;
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    write(`\r\x1b[2K${bar()}`);
    barShown = true;
  };

  const printAbove = (text: string) => {
    if (tty) {
      write(`\r\x1b[2K${text}\n`);
      barShown = false;
      draw(true);
    } else {
      write(`${text}\n`);
    }
  };

  const onEvent = (e: RunEvent) => {
    switch (e.type) {
      case "start": {
        total = e.total;
        done = e.done;
        jobs = e.jobs;
        started = now();
        lastOutput = started;
        const h = e.header;
        const what = `suite ${h.suite.id}@${h.suite.version} profile ${h.profile} backend ` +
          `${h.env.backend}: ${e.total} tasks, ${e.jobs} worker${e.jobs === 1 ? "" : "s"}`;
        printAbove(
          e.resumed
            ? `resuming run ${h.runId} (${what}; ${e.done} already completed)`
            : `run ${h.runId} (${what})`,
        );
        if (tty && timer === null) {
          const t = setInterval(() => draw(), 1000);
          Deno.unrefTimer(t);
          timer = t;
        }
        break;
      }
      case "case-start": {
        running.set(e.task.index, {
          label: `${e.task.caseId} s${e.task.seed}`,
          step: 0,
          totalSteps: 0,
        });
        draw();
        break;
      }
      case "case-progress": {
        const r = running.get(e.task.index);
        if (r) {
          r.step = e.step;
          r.totalSteps = e.totalSteps;
        }
        draw();
        pulse();
        break;
      }
      case "case-end": {
        running.delete(e.task.index);
        done = e.done;
        durations.push(e.result.timing.wallMs);
        const failed = e.result.status !== "completed";
        if (tty) {
          if (failed) printAbove(caseLine(e.result, e.done, e.total));
          else draw(true);
        } else {
          const t = now();
          if (failed || t - lastLine >= lineInterval || e.done === e.total) {
            const more = quiet > 0 ? ` (+${quiet} more finished since the last line)` : "";
            write(`${caseLine(e.result, e.done, e.total)}${more}\n`);
            lastLine = t;
            lastOutput = t;
            quiet = 0;
          } else {
            quiet++;
          }
        }
        break;
      }
      case "worker-log":
        if (opts.verbose) printAbove(`[worker ${e.worker}] ${e.line}`);
        break;
      case "worker-crash":
        // A crash during a task is reported by that task's FAILED line.
        if (e.task === null) printAbove(`worker ${e.worker}: ${e.message}`);
        break;
      case "interrupted":
        running.clear();
        break;
    }
  };

  const finish = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    if (tty && barShown) {
      draw(true);
      write("\n");
      barShown = false;
    } else if (!tty && quiet > 0) {
      write(`[${done}/${total}] (+${quiet} more finished since the last line)\n`);
      quiet = 0;
    }
  };

  return { onEvent, finish };
}
