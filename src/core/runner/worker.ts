/**
 * A runner worker process: reads {@link ToWorker} messages (JSON lines) on
 * stdin, imports the suite's module (by the URL the parent sends), initialises
 * the backend once (only for suites that use tensors), runs tasks one at a
 * time and writes progress and one result per task as JSON lines on stdout. Console output is redirected to stderr.
 * Ignores SIGINT/SIGTERM (the parent decides when it stops) and exits when
 * stdin closes.
 *
 * Started by `runner.ts` as `deno run -A worker.ts`; not meant to be run by hand.
 *
 * @module
 */
import { CaseFailure, type CaseOutput, type Suite } from "../suite.ts";
import { importSuite, type ModuleImporter } from "../suite_module.ts";
import type { FromWorker, TaskOutcome, ToWorker } from "./protocol.ts";
import type { FailureInfo } from "../store/record.ts";

const encoder = new TextEncoder();

function send(msg: FromWorker): void {
  const bytes = encoder.encode(JSON.stringify(msg) + "\n");
  let off = 0;
  while (off < bytes.length) off += Deno.stdout.writeSync(bytes.subarray(off));
}

function redirectConsole(): void {
  const toErr = (...args: unknown[]) => console.error(...args);
  console.log = toErr;
  console.info = toErr;
  console.debug = toErr;
  console.table = toErr;
  console.dir = toErr;
}

function ignoreSignals(): void {
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    try {
      Deno.addSignalListener(sig, () => {});
    } catch { /* unsupported on this OS */ }
  }
}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message === "" ? e.name : e.message;
  return String(e);
}

async function runTask(
  suite: Suite,
  backend: string,
  msg: Extract<ToWorker, { type: "task" }>,
  signal: AbortSignal,
  spareCore: boolean,
): Promise<TaskOutcome> {
  let peakRss = Deno.memoryUsage().rss;
  const sample = () => {
    const rss = Deno.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
  };
  const timer = setInterval(sample, 50);
  let lastSent = 0;
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  let out: CaseOutput | null = null;
  let failure: FailureInfo | null = null;
  let partial: { metrics: Record<string, number>; curves: CaseOutput["curves"] } = {
    metrics: {},
    curves: {},
  };
  try {
    out = await suite.runCase(msg.spec, {
      seed: msg.seed,
      backend,
      signal,
      spareCore,
      progress(p) {
        sample();
        const now = performance.now();
        if (now - lastSent < 200 && p.step < p.totalSteps) return;
        lastSent = now;
        send({ type: "progress", index: msg.index, ...p });
      },
    });
  } catch (e) {
    if (e instanceof CaseFailure) {
      failure = { kind: e.kind, message: e.message, step: e.step };
      partial = e.partial;
    } else {
      failure = { kind: "exception", message: errorMessage(e), step: null };
      if (Deno.env.get("JEPA_BENCH_DEBUG") && e instanceof Error) console.error(e.stack);
    }
  } finally {
    clearInterval(timer);
    sample();
  }
  const wallMs = performance.now() - t0;
  const steps = out !== null ? Math.max(0, Math.round(out.steps ?? 0)) : (failure?.step ?? 0);
  const seconds = out?.trainSeconds !== undefined && out.trainSeconds > 0
    ? out.trainSeconds
    : wallMs / 1000;
  const timing = {
    wallMs,
    steps,
    stepsPerSec: steps > 0 && seconds > 0 ? steps / seconds : null,
    peakRssBytes: peakRss,
    peakTensorBytes: out?.peakTensorBytes ?? null,
  };
  return {
    status: failure === null ? "completed" : "failed",
    startedAt,
    finishedAt: new Date().toISOString(),
    timing,
    metrics: out?.metrics ?? partial.metrics,
    curves: out?.curves ?? partial.curves ?? {},
    flags: out?.flags ?? {},
    error: failure,
  };
}

/** Load and check a user regulariser module (tfjs must be initialised). */
async function checkRegulariser(path: string): Promise<FromWorker> {
  const beat = setInterval(() => send({ type: "alive" }), 250);
  try {
    const { loadUserRegulariser } = await import("../objectives/user_module.ts");
    const byo = await loadUserRegulariser(path);
    const { name, description, defaultLambda } = byo.regulariser;
    return {
      type: "regulariser",
      facts: {
        name,
        moduleName: byo.moduleName,
        description,
        defaultLambda,
        path: byo.path,
        hash: byo.hash,
      },
    };
  } catch (e) {
    return { type: "check-error", message: errorMessage(e) };
  } finally {
    clearInterval(beat);
  }
}

/** The suite of an init message: its module imported, and checked to be the suite the parent read. */
async function initSuite(
  want: NonNullable<Extract<ToWorker, { type: "init" }>["suite"]>,
  importModule: ModuleImporter | undefined,
): Promise<Suite> {
  const { suite } = await importSuite(want.module, { importModule });
  if (suite.id !== want.id || suite.version !== want.version) {
    throw new Error(
      `suite module "${want.module}" gives suite ${suite.id}@${suite.version} here, ` +
        `not ${want.id}@${want.version} as in the parent process`,
    );
  }
  return suite;
}

/** What {@link workerMain} takes. */
export interface WorkerOptions {
  /**
   * How suite modules are imported by URL (default `import()`): a bundled or
   * compiled CLI passes one that knows its registered suites.
   */
  importModule?: ModuleImporter;
}

/**
 * The worker's main loop (stdin JSON lines in, stdout JSON lines out); resolves
 * when stdin closes. Run by `deno run worker.ts`, or by a `deno compile`d
 * jepa-bench binary (or the offline pack's bundle) through the CLI's hidden
 * `__worker` command.
 *
 * @example
 * ```ts
 * import { workerMain } from "./worker.ts";
 * await workerMain();
 * Deno.exit(0);
 * ```
 */
export async function workerMain(options: WorkerOptions = {}): Promise<void> {
  redirectConsole();
  ignoreSignals();
  const abort = new AbortController();
  let suite: Suite | null = null;
  let backend = "";
  let spareCore = false;
  let buffered = "";
  const decoder = new TextDecoder();
  const queue: ToWorker[] = [];
  for await (const chunk of Deno.stdin.readable) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line !== "") queue.push(JSON.parse(line) as ToWorker);
    }
    while (queue.length > 0) {
      const msg = queue.shift()!;
      if (msg.type === "init") {
        try {
          if (msg.suite !== null) suite = await initSuite(msg.suite, options.importModule);
        } catch (e) {
          send({ type: "init-error", stage: "suite", message: errorMessage(e) });
          return;
        }
        try {
          backend = msg.backend;
          spareCore = msg.spareCore === true;
          let facts = null;
          if (msg.tensors) {
            const engine = await import("../engine/mod.ts");
            const info = await engine.initBackend(msg.backend);
            facts = { name: info.name, tfjsVersion: info.tfjsVersion, gpu: info.gpu };
            backend = info.name;
          }
          send({ type: "ready", backend: facts });
        } catch (e) {
          send({ type: "init-error", stage: "backend", message: errorMessage(e) });
          return;
        }
      } else if (msg.type === "check-regulariser") {
        send(await checkRegulariser(msg.path));
      } else if (suite === null) {
        send({ type: "init-error", stage: "suite", message: "task received before init" });
        return;
      } else {
        send({
          type: "result",
          index: msg.index,
          outcome: await runTask(suite, backend, msg, abort.signal, spareCore),
        });
      }
    }
  }
  abort.abort();
}

if (import.meta.main) {
  await workerMain();
  Deno.exit(0);
}
