/**
 * One runner worker process (`worker.ts`) and its JSON-lines channel: spawn,
 * initialise, run a task, each with an optional time limit after which the
 * process is killed, and the crash message (exit status plus stderr tail).
 *
 * @module
 */
import type { BackendFacts } from "./environment.ts";
import type { Task } from "./expand.ts";
import {
  type FromWorker,
  parseWorkerLine,
  type RegulariserFacts,
  type TaskOutcome,
  type ToWorker,
} from "./protocol.ts";

const WORKER_URL = new URL("./worker.ts", import.meta.url);
const STDERR_TAIL = 4000;
/** setTimeout's largest delay (about 24.8 days); longer limits are clamped to it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function workerArgs(): string[] {
  // A `deno compile`d binary has no `run`: it re-invokes itself with the hidden
  // `__worker` command (see src/cli.ts).
  if (Deno.build.standalone) return ["__worker"];
  const args = ["run", "-A", "--quiet"];
  if (WORKER_URL.protocol === "file:") {
    const config = new URL("../../../deno.json", WORKER_URL);
    try {
      Deno.statSync(config);
      args.push("--config", decodeURIComponent(config.pathname));
    } catch { /* no project config next to the sources */ }
  }
  args.push(WORKER_URL.href);
  return args;
}

/** How a task ended in a worker: its outcome, the process died, or it ran past its limit. *
 * @example
 * ```ts
 * import type { RunReply } from "./worker_process.ts";
 * const show = (r: RunReply) => r.kind === "result" ? r.outcome.status : r.message;
 * ```
 */
export type RunReply =
  | { kind: "result"; outcome: TaskOutcome }
  | { kind: "crash"; message: string }
  | {
    kind: "timeout";
    message: string;
    /** The last step the task reported before it was killed, or null. */
    step: number | null;
  };

/**
 * One worker process and its JSON-lines channel.
 *
 * @example
 * ```ts
 * import { WorkerProcess } from "./worker_process.ts";
 * const w = new WorkerProcess(0, (line) => console.error(line));
 * await w.init({ type: "init", suite: null, backend: "cpu", tensors: false }, 60_000);
 * await w.close();
 * ```
 */
export class WorkerProcess {
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  #stderrTail = "";
  #handler: ((msg: FromWorker) => void) | null = null;
  #onClose: (() => void) | null = null;
  #closed = false;
  readonly #done: Promise<void>;
  readonly status: Promise<Deno.CommandStatus>;
  /** `performance.now()` when the last protocol message arrived (0: none yet). */
  lastMessageAt = 0;

  constructor(readonly id: number, onLog: (line: string) => void) {
    this.#child = new Deno.Command(Deno.execPath(), {
      args: workerArgs(),
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.status = this.#child.status;
    this.#writer = this.#child.stdin.getWriter();
    const out = this.#readLines(this.#child.stdout, (line) => {
      const msg = parseWorkerLine(line);
      if (msg === null) return onLog(line);
      this.lastMessageAt = performance.now();
      this.#handler?.(msg);
    });
    const err = this.#readLines(this.#child.stderr, (line) => {
      this.#stderrTail = (this.#stderrTail + line + "\n").slice(-STDERR_TAIL);
      onLog(line);
    });
    this.#done = Promise.all([out, err, this.status]).then(() => {
      this.#closed = true;
      this.#onClose?.();
    });
  }

  async #readLines(stream: ReadableStream<Uint8Array>, onLine: (l: string) => void) {
    const decoder = new TextDecoder();
    let buf = "";
    try {
      for await (const chunk of stream) {
        buf += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          onLine(buf.slice(0, nl).replace(/\r$/, ""));
          buf = buf.slice(nl + 1);
        }
      }
    } catch { /* stream torn down */ }
    if (buf !== "") onLine(buf);
  }

  async #send(msg: ToWorker): Promise<boolean> {
    try {
      await this.#writer.write(new TextEncoder().encode(JSON.stringify(msg) + "\n"));
      return true;
    } catch {
      return false;
    }
  }

  /** Why the process ended, with the tail of its stderr. */
  async crashMessage(): Promise<string> {
    const st = await this.status;
    const how = st.signal !== null ? `was killed by ${st.signal}` : `exited with code ${st.code}`;
    const tail = this.#stderrTail.trim().split("\n").slice(-8).join(" | ");
    return `worker process ${how}${tail !== "" ? `; stderr: ${tail.slice(-1000)}` : ""}`;
  }

  /**
   * Send a message and wait for the first reply accepted by `pick`, or the
   * process end (null), or `timeoutMs` (then the process is killed and the
   * answer is "timeout").
   */
  #request<T>(
    msg: ToWorker,
    pick: (m: FromWorker) => T | undefined,
    timeoutMs?: number,
  ): Promise<T | null | "timeout"> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const finish = (v: T | null | "timeout") => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#handler = null;
        this.#onClose = null;
        resolve(v);
      };
      this.#handler = (m) => {
        const v = pick(m);
        if (v !== undefined) finish(v);
      };
      this.#onClose = () => finish(null);
      if (this.#closed) return finish(null);
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
        timer = setTimeout(() => {
          this.kill();
          finish("timeout");
        }, Math.max(0, Math.min(timeoutMs, MAX_TIMER_MS)));
      }
      this.#send(msg).then((ok) => {
        if (!ok) this.#done.then(() => finish(null));
      });
    });
  }

  /**
   * Load the suite (and backend); resolves with the backend facts, or throws
   * with the reason (also when it takes longer than `timeoutMs`: the process
   * is then killed). The error's `cause` is "suite" when the worker could not
   * import the suite module (or it gave another suite than `msg` names).
   */
  async init(
    msg: Extract<ToWorker, { type: "init" }>,
    timeoutMs?: number,
  ): Promise<BackendFacts | null> {
    const reply = await this.#request(msg, (m) => {
      if (m.type === "ready") return { ok: true as const, facts: m.backend };
      if (m.type === "init-error") {
        return { ok: false as const, stage: m.stage, message: m.message };
      }
      return undefined;
    }, timeoutMs);
    if (reply === "timeout") {
      throw new Error(`did not initialise within ${seconds(timeoutMs!)} s`);
    }
    if (reply === null) throw new Error(await this.crashMessage());
    if (!reply.ok) throw new Error(reply.message, { cause: reply.stage });
    return reply.facts;
  }

  /**
   * Run one task; progress messages go to `onProgress`. Past `timeoutMs` the
   * process is killed and the reply is a timeout (start a fresh worker).
   */
  async run(
    task: Task,
    onProgress: (m: Extract<FromWorker, { type: "progress" }>) => void,
    timeoutMs?: number,
  ): Promise<RunReply> {
    let step: number | null = null;
    const reply = await this.#request(
      { type: "task", index: task.index, spec: task.spec, seed: task.seed },
      (m) => {
        if (m.type === "progress" && m.index === task.index) {
          step = m.step;
          onProgress(m);
        }
        if (m.type === "result" && m.index === task.index) return m.outcome;
        return undefined;
      },
      timeoutMs,
    );
    if (reply === "timeout") {
      return {
        kind: "timeout",
        message: `case exceeded its time limit of ${seconds(timeoutMs!)} s` +
          `${step === null ? "" : ` (last reported step ${step})`}; its worker process was killed`,
        step,
      };
    }
    if (reply === null) return { kind: "crash", message: await this.crashMessage() };
    return { kind: "result", outcome: reply };
  }

  /**
   * Load and check a user regulariser module in this (initialised) worker:
   * its facts, or `{ error }` with the one-line reason; "timeout" past
   * `timeoutMs` (the process is then killed), null when the process ended.
   */
  async checkRegulariser(
    path: string,
    timeoutMs?: number,
  ): Promise<RegulariserFacts | { error: string } | "timeout" | null> {
    return await this.#request({ type: "check-regulariser", path }, (m) => {
      if (m.type === "regulariser") return m.facts;
      if (m.type === "check-error") return { error: m.message };
      return undefined;
    }, timeoutMs);
  }

  /** Close stdin (the worker exits) and wait for it. */
  async close(): Promise<void> {
    try {
      await this.#writer.close();
    } catch { /* already gone */ }
    await this.#done;
  }

  /** Kill the process now. */
  kill(): void {
    try {
      this.#child.kill("SIGKILL");
    } catch { /* already exited */ }
  }

  /** Wait until the process and its pipes are closed. */
  get closed(): Promise<void> {
    return this.#done;
  }
}

/**
 * Initialise a backend in a fresh worker process and report whether it works
 * here; never throws. Gives up after `timeoutMs` (default 120 s).
 *
 * @example
 * ```ts
 * import { probeBackend } from "./worker_process.ts";
 * const r = await probeBackend("wasm");
 * console.log(r.ok ? `ok: tfjs ${r.facts.tfjsVersion}` : r.message);
 * ```
 */
export async function probeBackend(
  backend: string,
  timeoutMs = 120_000,
): Promise<{ ok: true; facts: BackendFacts } | { ok: false; message: string }> {
  const worker = new WorkerProcess(0, () => {});
  try {
    const facts = await worker.init(
      { type: "init", suite: null, backend, tensors: true },
      timeoutMs,
    );
    return facts === null
      ? { ok: false, message: "worker reported no backend" }
      : { ok: true, facts };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  } finally {
    await worker.close();
  }
}
