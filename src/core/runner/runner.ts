/**
 * Running a suite profile: expand it into tasks, run them in parallel worker
 * PROCESSES, record each result in the store as it arrives (the parent is the
 * only writer), survive worker crashes, stop cleanly on SIGINT/SIGTERM, and
 * resume an unfinished run.
 *
 * Interrupts: dispatching stops, workers are killed, and NOTHING is recorded
 * for the tasks that were in flight; the run stays unfinished
 * (`finishedAt: null`) and `--resume` redoes every task that has no completed
 * record (so failed tasks are retried too).
 *
 * @module
 */
import type { CaseSpec, Suite } from "../suite.ts";
import { isSuiteModulePath, loadSuite, suiteModuleUrl } from "../../suites/registry.ts";
import { parseBackend } from "../engine/backends.ts";
import type { CaseResult, FailureInfo, RunHeader } from "../store/record.ts";
import type { ResultsStore } from "../store/store.ts";
import { validateCaseResult } from "../store/validate.ts";
import { configHash, expand, getProfile, parseSeeds, type Task } from "./expand.ts";
import { type BackendFacts, gitState, newRunId, runEnvironment } from "./environment.ts";
import { type FromWorker, parseWorkerLine, type TaskOutcome, type ToWorker } from "./protocol.ts";

/** Options of {@link runSuite}. *
 * @example
 * ```ts
 * import type { RunOptions } from "./runner.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const opts: RunOptions = { suite: "./my_suite.ts", profile: "smoke", seeds: "0-4", jobs: 2, store: openStore() };
 * ```
 */
export interface RunOptions {
  /** Registry id, or a module path exporting `suite`. */
  suite: string;
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
 * import type { RunEvent } from "./runner.ts";
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

/** What {@link runSuite} returns. *
 * @example
 * ```ts
 * import { runSuite } from "./runner.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const out = await runSuite({ suite: "identifiability", store: openStore() });
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

/**
 * The run could not be started or resumed (bad resume target, backend that
 * does not initialise, …). Nothing was recorded, or the run was left as it was.
 *
 * @example
 * ```ts
 * import { RunnerError, runSuite } from "./runner.ts";
 * import { openStore } from "../store/sqlite.ts";
 * try {
 *   await runSuite({ suite: "identifiability", store: openStore(), resume: "no-such-run" });
 * } catch (e) {
 *   if (e instanceof RunnerError) console.error(e.message);
 * }
 * ```
 */
export class RunnerError extends Error {
  /** Create a runner error. */
  constructor(message: string) {
    super(message);
    this.name = "RunnerError";
  }
}

const WORKER_URL = new URL("./worker.ts", import.meta.url);
const STDERR_TAIL = 4000;
const MAX_INIT_FAILURES = 3;

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

type RunReply =
  | { kind: "result"; outcome: TaskOutcome }
  | { kind: "crash"; message: string };

/** One worker process and its JSON-lines channel. */
class WorkerProcess {
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  #stderrTail = "";
  #handler: ((msg: FromWorker) => void) | null = null;
  #onClose: (() => void) | null = null;
  #closed = false;
  readonly #done: Promise<void>;
  readonly status: Promise<Deno.CommandStatus>;

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
      if (msg === null) onLog(line);
      else this.#handler?.(msg);
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

  /** Send a message and wait for the first reply accepted by `pick`, or the process end. */
  #request<T>(msg: ToWorker, pick: (m: FromWorker) => T | undefined): Promise<T | null> {
    return new Promise((resolve) => {
      const finish = (v: T | null) => {
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
      this.#send(msg).then((ok) => {
        if (!ok) this.#done.then(() => finish(null));
      });
    });
  }

  /** Load the suite (and backend); resolves with the backend facts, or throws with the reason. */
  async init(msg: Extract<ToWorker, { type: "init" }>): Promise<BackendFacts | null> {
    const reply = await this.#request(msg, (m) => {
      if (m.type === "ready") return { ok: true as const, facts: m.backend };
      if (m.type === "init-error") return { ok: false as const, message: m.message };
      return undefined;
    });
    if (reply === null) throw new Error(await this.crashMessage());
    if (!reply.ok) throw new Error(reply.message);
    return reply.facts;
  }

  /** Run one task; progress messages go to `onProgress`. */
  async run(
    task: Task,
    onProgress: (m: Extract<FromWorker, { type: "progress" }>) => void,
  ): Promise<RunReply> {
    const reply = await this.#request(
      { type: "task", index: task.index, spec: task.spec, seed: task.seed },
      (m) => {
        if (m.type === "progress" && m.index === task.index) onProgress(m);
        if (m.type === "result" && m.index === task.index) return m.outcome;
        return undefined;
      },
    );
    if (reply === null) return { kind: "crash", message: await this.crashMessage() };
    return { kind: "result", outcome: reply };
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
 * import { probeBackend } from "./runner.ts";
 * const r = await probeBackend("wasm");
 * console.log(r.ok ? `ok: tfjs ${r.facts.tfjsVersion}` : r.message);
 * ```
 */
export async function probeBackend(
  backend: string,
  timeoutMs = 120_000,
): Promise<{ ok: true; facts: BackendFacts } | { ok: false; message: string }> {
  const worker = new WorkerProcess(0, () => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      worker.kill();
      reject(new Error(`did not initialise within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  try {
    const facts = await Promise.race([
      worker.init({ type: "init", suite: null, backend, tensors: true }),
      timeout,
    ]);
    return facts === null
      ? { ok: false, message: "worker reported no backend" }
      : { ok: true, facts };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  } finally {
    clearTimeout(timer);
    await worker.close();
  }
}

function toResult(
  base: Omit<CaseResult, "status" | "startedAt" | "finishedAt" | "timing">,
  outcome: TaskOutcome,
): CaseResult {
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

function failedResult(
  base: Omit<CaseResult, "status" | "startedAt" | "finishedAt" | "timing">,
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

function ref(task: Task): TaskRef {
  return { index: task.index, caseId: task.spec.id, seed: task.seed };
}

async function findResumeTarget(
  store: ResultsStore,
  resume: string | true,
  suite: Suite,
  profile: string,
  backend: string,
  hash: string,
  shardTag?: string,
): Promise<RunHeader> {
  if (resume === true) {
    const runs = store.listRuns({ suite: suite.id, suiteVersion: suite.version, profile, backend })
      .filter((r) =>
        r.header.finishedAt === null && r.header.configHash === hash &&
        r.header.tags.shard === shardTag
      );
    if (runs.length === 0) {
      throw new RunnerError(
        `no unfinished run of suite "${suite.id}" v${suite.version} profile "${profile}" backend ` +
          `"${backend}" with this configuration in store "${store.path}" to resume`,
      );
    }
    return runs[0].header;
  }
  const doc = store.getRun(resume);
  if (doc === null) throw new RunnerError(`no run "${resume}" in store "${store.path}" to resume`);
  const h = doc.header;
  const want = { suite: `${suite.id}@${suite.version}`, profile, backend };
  const have = {
    suite: `${h.suite.id}@${h.suite.version}`,
    profile: h.profile,
    backend: h.env.backend,
  };
  for (const k of ["suite", "profile", "backend"] as const) {
    if (want[k] !== have[k]) {
      throw new RunnerError(
        `cannot resume run "${resume}": it was made with ${k} ${have[k]}, not ${want[k]}`,
      );
    }
  }
  if (h.configHash !== hash) {
    throw new RunnerError(
      `cannot resume run "${resume}": its configuration differs (configHash ${
        h.configHash.slice(0, 12)
      }, now ${hash.slice(0, 12)}; the suite's cases or the seeds changed)`,
    );
  }
  if (h.tags.shard !== shardTag) {
    const fix = h.tags.shard === undefined
      ? "resume without --shard"
      : `give --shard ${h.tags.shard}`;
    throw new RunnerError(
      `cannot resume run "${resume}": it ran ${
        h.tags.shard === undefined ? "the whole profile" : `shard ${h.tags.shard}`
      }, not ${shardTag === undefined ? "the whole profile" : `shard ${shardTag}`} (${fix})`,
    );
  }
  await Promise.resolve();
  return h;
}

/**
 * Run (or resume) one suite profile and record every result in the store.
 * Resolves when the run finished or was interrupted; per-case failures and
 * worker crashes are recorded, never thrown. Rejects only when the run cannot
 * start (RangeError for an unknown suite/profile/backend/seeds, RunnerError
 * for a bad resume target or a backend that does not initialise).
 *
 * @example
 * ```ts
 * import { runSuite } from "./runner.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const store = openStore(".jepa-bench/results.db");
 * const out = await runSuite({ suite: "identifiability", profile: "smoke", store, jobs: 2 });
 * console.log(out.runId, out.counts);
 * ```
 */
export async function runSuite(opts: RunOptions): Promise<RunOutcome> {
  const profileName = opts.profile ?? "smoke";
  const backend = parseBackend(opts.backend ?? "wasm");
  const seeds = typeof opts.seeds === "string" ? parseSeeds(opts.seeds) : opts.seeds;
  const jobsWanted = opts.jobs ?? navigator.hardwareConcurrency ?? 1;
  if (!Number.isInteger(jobsWanted) || jobsWanted < 1) {
    throw new RangeError(`jobs must be a positive integer, got ${jobsWanted}`);
  }
  const suiteSpec = isSuiteModulePath(opts.suite) ? suiteModuleUrl(opts.suite).href : opts.suite;
  let suite = await loadSuite(suiteSpec);
  if (opts.mapCases !== undefined) {
    const p = getProfile(suite, profileName);
    const cases = opts.mapCases(p.cases);
    suite = { ...suite, profiles: { ...suite.profiles, [profileName]: { ...p, cases } } };
  }
  const { profile, seeds: useSeeds, tasks: allTasks } = expand(suite, profileName, seeds);
  const shard = opts.shard;
  if (shard !== undefined) {
    const { index, count } = shard;
    if (
      !Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 ||
      index > count
    ) {
      throw new RangeError(`shard must be i/n with 1 <= i <= n, got ${index}/${count}`);
    }
  }
  const shardTag = shard === undefined ? undefined : `${shard.index}/${shard.count}`;
  const tasks = shard === undefined
    ? allTasks
    : allTasks.filter((t) => t.index % shard.count === shard.index - 1);
  const hash = await configHash({
    suite: suite.id,
    version: suite.version,
    profile: profileName,
    cases: profile.cases,
    seeds: useSeeds,
    backend,
  });
  const { store, onEvent = () => {} } = opts;

  let header: RunHeader | null = null;
  let doneKeys = new Set<string>();
  if (opts.resume !== undefined) {
    header = await findResumeTarget(
      store,
      opts.resume,
      suite,
      profileName,
      backend,
      hash,
      shardTag,
    );
    doneKeys = store.completedKeys(header.runId);
  }
  const resumed = header !== null;
  const pending = tasks.filter((t) => !doneKeys.has(t.key));
  const alreadyDone = tasks.length - pending.length;
  const jobs = Math.max(1, Math.min(jobsWanted, pending.length));
  const git = resumed ? null : await gitState();

  // ---- state shared by the worker slots
  const queue = [...pending];
  const results: CaseResult[] = [];
  const live = new Set<WorkerProcess>();
  let done = alreadyDone;
  let stopped = false;
  let interrupted = false;
  let fatal: Error | null = null;
  let nextWorkerId = 0;

  const stop = (why: "interrupt" | "fatal") => {
    if (stopped) return;
    stopped = true;
    interrupted = why === "interrupt";
    for (const w of live) w.kill();
  };
  const onSignal = () => stop("interrupt");
  const signals: Deno.Signal[] = [];
  if (opts.handleSignals ?? true) {
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      try {
        Deno.addSignalListener(sig, onSignal);
        signals.push(sig);
      } catch { /* unsupported on this OS */ }
    }
  }
  if (opts.signal?.aborted) stop("interrupt");
  opts.signal?.addEventListener("abort", onSignal, { once: true });

  let started = false;
  /** Create (or adopt, on resume) the run header once the first worker is ready. */
  const ensureHeader = (facts: BackendFacts | null): RunHeader => {
    if (header === null) {
      header = {
        schemaVersion: 1,
        runId: newRunId(),
        suite: { id: suite.id, version: suite.version },
        profile: profileName,
        configHash: hash,
        seeds: useSeeds,
        git: git!,
        env: runEnvironment(backend, facts),
        startedAt: new Date().toISOString(),
        finishedAt: null,
        tags: { ...(opts.tags ?? {}), ...(shardTag !== undefined ? { shard: shardTag } : {}) },
      };
      store.beginRun(header);
    }
    if (!started) {
      started = true;
      onEvent({ type: "start", header, total: tasks.length, done, jobs, resumed });
    }
    return header;
  };

  const record = (task: Task, result: CaseResult) => {
    store.putResult(result);
    results.push(result);
    done++;
    onEvent({ type: "case-end", task: ref(task), result, done, total: tasks.length });
  };

  const baseOf = (h: RunHeader, spec: CaseSpec, seed: number) => ({
    schemaVersion: 1 as const,
    runId: h.runId,
    suite: suite.id,
    suiteVersion: suite.version,
    profile: profileName,
    backend,
    caseId: spec.id,
    params: spec.params,
    seed,
  });

  const initMsg: ToWorker = {
    type: "init",
    suite: suiteSpec,
    backend,
    tensors: suite.usesTensors === true,
  };

  const slot = async () => {
    let initFailures = 0;
    while (queue.length > 0 && !stopped) {
      const worker = new WorkerProcess(nextWorkerId++, (line) => {
        onEvent({ type: "worker-log", worker: worker.id, line });
      });
      live.add(worker);
      try {
        let facts: BackendFacts | null;
        try {
          facts = await worker.init(initMsg);
        } catch (e) {
          if (stopped) return;
          initFailures++;
          const message = `worker could not start: ${(e as Error).message}`;
          if (!started) {
            fatal ??= new RunnerError(
              suite.usesTensors
                ? `backend "${backend}" could not be initialised: ${(e as Error).message}`
                : message,
            );
            stop("fatal");
            return;
          }
          onEvent({ type: "worker-crash", worker: worker.id, message, task: null });
          if (initFailures >= MAX_INIT_FAILURES) return;
          continue;
        }
        initFailures = 0;
        const h = ensureHeader(facts);
        while (queue.length > 0 && !stopped) {
          const task = queue.shift()!;
          const startedAt = new Date().toISOString();
          const t0 = performance.now();
          onEvent({ type: "case-start", task: ref(task), worker: worker.id });
          const reply = await worker.run(task, (m) => {
            if (stopped) return;
            onEvent({
              type: "case-progress",
              task: ref(task),
              step: m.step,
              totalSteps: m.totalSteps,
              values: m.values,
            });
          });
          if (stopped) return; // interrupted: record nothing for the task in flight
          const base = baseOf(h, task.spec, task.seed);
          if (reply.kind === "result") {
            let result: CaseResult;
            try {
              result = toResult(base, reply.outcome);
            } catch (e) {
              result = failedResult(
                base,
                {
                  kind: "exception",
                  message: `invalid case output: ${(e as Error).message}`,
                  step: null,
                },
                startedAt,
                performance.now() - t0,
              );
            }
            record(task, result);
          } else {
            onEvent({
              type: "worker-crash",
              worker: worker.id,
              message: reply.message,
              task: ref(task),
            });
            record(
              task,
              failedResult(
                base,
                { kind: "worker-crash", message: reply.message, step: null },
                startedAt,
                performance.now() - t0,
              ),
            );
            break; // start a fresh worker
          }
        }
      } finally {
        if (stopped) worker.kill();
        await worker.close();
        live.delete(worker);
      }
    }
  };

  try {
    if (!stopped) await Promise.all(Array.from({ length: jobs }, () => slot()));
    if (fatal !== null) throw fatal;
    const h: RunHeader = ensureHeader(null);
    if (!stopped && queue.length > 0) {
      // Every slot gave up (workers could not start): record what is left.
      for (const task of queue.splice(0)) {
        record(
          task,
          failedResult(
            baseOf(h, task.spec, task.seed),
            {
              kind: "worker-crash",
              message: "no worker process could be started for this task",
              step: null,
            },
            new Date().toISOString(),
            0,
          ),
        );
      }
    }
    if (interrupted) {
      onEvent({ type: "interrupted", runId: h.runId, done, total: tasks.length });
    } else {
      store.finishRun(h.runId, new Date().toISOString());
    }
    const doc = store.getRun(h.runId)!;
    const counts = { completed: 0, failed: 0, skipped: 0 };
    for (const r of doc.records) counts[r.status]++;
    return {
      runId: h.runId,
      header: doc.header,
      interrupted,
      total: tasks.length,
      alreadyDone,
      results,
      counts,
    };
  } finally {
    for (const sig of signals) Deno.removeSignalListener(sig, onSignal);
    opts.signal?.removeEventListener("abort", onSignal);
    for (const w of live) w.kill();
  }
}
