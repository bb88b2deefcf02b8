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
import type { CaseSpec } from "../suite.ts";
import { parseBackend } from "../engine/backends.ts";
import type { CaseResult, RunHeader } from "../store/record.ts";
import { configHash, expand, getProfile, parseSeeds, type Task } from "./expand.ts";
import { type BackendFacts, gitState, newRunId, runEnvironment } from "./environment.ts";
import type { ToWorker } from "./protocol.ts";
import { RunnerError } from "./errors.ts";
import { failedResult, toResult } from "./results.ts";
import { findResumeTarget } from "./resume.ts";
import { checkCases } from "./params.ts";
import { HeldLease } from "./lease.ts";
import {
  DEFAULT_CASE_TIMEOUT_S,
  MAX_CASE_TIMEOUT_S,
  type RunOptions,
  type RunOutcome,
  type TaskRef,
} from "./run_options.ts";
import { WorkerProcess } from "./worker_process.ts";

export { RunnerError } from "./errors.ts";
export {
  DEFAULT_CASE_TIMEOUT_S,
  MAX_CASE_TIMEOUT_S,
  type RunEvent,
  type RunOptions,
  type RunOutcome,
  type TaskRef,
} from "./run_options.ts";
export { probeBackend } from "./worker_process.ts";

const MAX_INIT_FAILURES = 3;
/** A worker that has not loaded its suite (and backend) by then is killed. */
const INIT_TIMEOUT_MS = 300_000;

function ref(task: Task): TaskRef {
  return { index: task.index, caseId: task.spec.id, seed: task.seed };
}

/**
 * Run (or resume) one suite profile and record every result in the store.
 * Resolves when the run finished or was interrupted; per-case failures and
 * worker crashes are recorded, never thrown. Rejects only when the run cannot
 * start (RangeError for an unknown profile/backend/seeds, a case
 * parameter that breaks the suite's constraints (`Suite.params`), RunnerError
 * for a bad resume target, a run that another live process is running now
 * (see `lease.ts`), or a backend or a worker that does not start, e.g. one
 * whose import of the suite module fails or gives another suite).
 *
 * The suite comes resolved (the CLI resolves `--suite`, see `suite_module.ts`):
 * the runner reads its definition and its workers import its module for the
 * case body.
 *
 * @example
 * ```ts
 * import { runSuite } from "./runner.ts";
 * import { importSuite } from "../suite_module.ts";
 * import { openStore } from "../store/sqlite.ts";
 * const store = openStore(".jepa-bench/results.db");
 * const suite = await importSuite(new URL("file:///work/my_suite.ts"));
 * const out = await runSuite({ suite, profile: "smoke", store, jobs: 2 });
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
  const module = opts.suite.module;
  let suite = opts.suite.suite;
  if (opts.mapCases !== undefined) {
    const p = getProfile(suite, profileName);
    const cases = opts.mapCases(p.cases);
    suite = { ...suite, profiles: { ...suite.profiles, [profileName]: { ...p, cases } } };
  }
  const { profile, seeds: useSeeds, tasks: allTasks } = expand(suite, profileName, seeds);
  checkCases(suite, profileName, profile.cases);
  const caseTimeoutS = opts.caseTimeoutS ?? profile.caseTimeoutS ?? DEFAULT_CASE_TIMEOUT_S;
  if (
    !(typeof caseTimeoutS === "number" && caseTimeoutS > 0 && caseTimeoutS <= MAX_CASE_TIMEOUT_S)
  ) {
    throw new RangeError(
      `case time limit must be a number of seconds in (0, ${MAX_CASE_TIMEOUT_S}], got ${caseTimeoutS}`,
    );
  }
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
  let lease: HeldLease | null = null;
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
    // Refuse a run that a live process is running now (it would compute cases twice).
    lease = HeldLease.claim(store.path, header.runId);
    try {
      doneKeys = store.completedKeys(header.runId);
    } catch (e) {
      lease.release();
      throw e;
    }
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
      lease = HeldLease.claim(store.path, header.runId);
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
    suite: { module, id: suite.id, version: suite.version },
    backend,
    tensors: suite.usesTensors === true,
    spareCore: jobs < (navigator.hardwareConcurrency ?? 1),
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
          facts = await worker.init(initMsg, INIT_TIMEOUT_MS);
        } catch (e) {
          if (stopped) return;
          initFailures++;
          const message = `worker could not start: ${(e as Error).message}`;
          if (!started) {
            fatal ??= new RunnerError(
              suite.usesTensors && (e as Error).cause !== "suite"
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
          }, caseTimeoutS * 1000);
          if (stopped) return; // interrupted: record nothing for the task in flight
          const base = baseOf(h, task.spec, task.seed);
          if (reply.kind === "timeout") {
            record(
              task,
              failedResult(
                base,
                { kind: "timeout", message: reply.message, step: reply.step },
                startedAt,
                performance.now() - t0,
              ),
            );
            break; // the worker was killed: start a fresh one
          } else if (reply.kind === "result") {
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
    (lease as HeldLease | null)?.release();
  }
}
