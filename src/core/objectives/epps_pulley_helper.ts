/**
 * SIGReg's plain-JS pass on two threads: the training thread and a Web Worker
 * claim chunks of the slices from one shared counter and run them at the same
 * time, on tables in shared memory (./epps_pulley_chunks.ts). Each slice's numbers depend on its own column alone
 * (./epps_pulley_pass.ts), so the results are bit-identical to the one-thread
 * pass (tested); only the wall time changes. For a run that leaves a core
 * free (`CaseContext.spareCore`).
 *
 * The training thread waits for the worker with `Atomics.wait`. Where the
 * worker cannot start (the offline pack's single-file bundle has no worker
 * module beside it), fails, or does not answer within
 * {@link EPPS_PULLEY_HELPER_TIMEOUT_MS}, the training thread writes the
 * chunks it left and works alone from then on, with the same numbers.
 *
 * @module
 */
import { workerModuleExists } from "../worker_module.ts";
import { runChunk, runChunks, type SliceJob, SLICES_PER_CHUNK } from "./epps_pulley_chunks.ts";
import {
  emptyPass,
  eppsPulleyForward,
  eppsPulleyGradY,
  type EppsPulleyPass,
} from "./epps_pulley_pass.ts";

/**
 * How long the training thread waits for the worker's next chunk before it
 * writes the chunks left itself (and stops using the worker).
 *
 * @example
 * ```ts
 * import { EPPS_PULLEY_HELPER_TIMEOUT_MS } from "./epps_pulley_helper.ts";
 * console.assert(EPPS_PULLEY_HELPER_TIMEOUT_MS >= 1000);
 * ```
 */
export const EPPS_PULLEY_HELPER_TIMEOUT_MS = 30_000;

/**
 * The two-thread pass: same signatures and numbers as eppsPulleyForward and
 * eppsPulleyGradY. `threaded` is false once the helper works alone.
 *
 * @example
 * ```ts
 * import { openEppsPulleyHelper } from "./epps_pulley_helper.ts";
 * const helper = openEppsPulleyHelper();
 * try {
 *   const pass = helper.forward(new Float32Array([0.5, -0.5, 0.1, 0.2]), 2, 2);
 *   const g = helper.gradY(pass); // Float32Array(4)
 * } finally {
 *   helper.close();
 * }
 * ```
 */
export interface EppsPulleyHelper {
  forward(y: ArrayLike<number>, m: number, k: number): EppsPulleyPass;
  gradY(pass: EppsPulleyPass): Float32Array;
  readonly threaded: boolean;
  /** Stop the worker; later calls run on this thread. */
  close(): void;
}

const WORKER_URL = new URL("./epps_pulley_worker.ts", import.meta.url);

/** A pass's shared tables and its projections. */
interface Tables {
  pass: EppsPulleyPass;
  y: Float32Array;
}
/** Free table sets kept for reuse. */
const POOL = 2;

const shared64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));
const isShared = (a: Float64Array) => a.buffer instanceof SharedArrayBuffer;

/**
 * Start the worker (it loads while the caller goes on) and return the helper.
 *
 * @example
 * ```ts
 * import { openEppsPulleyHelper } from "./epps_pulley_helper.ts";
 * const helper = openEppsPulleyHelper();
 * helper.close();
 * ```
 */
export function openEppsPulleyHelper(
  /** The worker module (tests give one that does not exist or fails). */
  workerUrl: URL = WORKER_URL,
  timeoutMs: number = EPPS_PULLEY_HELPER_TIMEOUT_MS,
): EppsPulleyHelper {
  let worker: Worker | null = null;
  if (workerModuleExists(workerUrl)) {
    try {
      worker = new Worker(workerUrl, { type: "module" });
      // A load error arrives here only if this thread is not blocked; the timeout covers the rest.
      worker.onerror = (ev) => {
        ev.preventDefault();
        stop();
      };
    } catch {
      worker = null;
    }
  }
  // Shared tables of passes whose gradient is done, for the next forward: allocating
  // them (2.5 MB at M = 512, K = 256) cost about 1.2 ms a step. A pass goes back only
  // after its gradY, so a live pass (several sigreg calls before the backward) keeps its own.
  const free: Tables[] = [];
  const live = new WeakMap<EppsPulleyPass, Tables>();
  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  /** Run the job's chunks on both threads; wait for the worker's; redo any it left. */
  const split = (job: Omit<SliceJob, "chunk" | "ctl" | "done">) => {
    const chunks = Math.ceil(job.pass.k / SLICES_PER_CHUNK);
    const full: SliceJob = {
      ...job,
      chunk: SLICES_PER_CHUNK,
      ctl: new Int32Array(new SharedArrayBuffer(12)),
      done: new Int32Array(new SharedArrayBuffer(4 * chunks)),
    };
    worker!.postMessage(full);
    runChunks(full);
    const { ctl } = full;
    for (;;) {
      const finished = Atomics.load(ctl, 1);
      if (finished === chunks) return;
      if (Atomics.load(ctl, 2) !== 0) break;
      if (Atomics.wait(ctl, 1, finished, timeoutMs) === "timed-out") break;
    }
    // The worker failed or hung: stop it and write what it left, here (same numbers).
    stop();
    for (let c = 0; c < chunks; c++) if (Atomics.load(full.done, c) === 0) runChunk(full, c);
  };
  return {
    get threaded() {
      return worker !== null;
    },
    forward(y, m, k) {
      // (A wrong-sized y goes there too, for its error.)
      if (worker === null || k < 2 || y.length !== m * k) return eppsPulleyForward(y, m, k);
      let t = free.pop();
      if (t === undefined || t.pass.m !== m || t.pass.k !== k) {
        t = {
          pass: emptyPass(m, k, shared64),
          y: new Float32Array(new SharedArrayBuffer(4 * m * k)),
        };
      }
      t.y.set(y);
      split({ kind: "forward", pass: t.pass, y: t.y });
      live.set(t.pass, t);
      return t.pass;
    },
    gradY(pass) {
      const { m, k } = pass;
      const t = live.get(pass);
      live.delete(pass);
      let g: Float32Array;
      if (worker === null || k < 2 || !isShared(pass.cos1)) g = eppsPulleyGradY(pass);
      else {
        // Fresh: a backend may keep the array it is given (cpu does).
        g = new Float32Array(new SharedArrayBuffer(4 * m * k));
        split({ kind: "grad", pass, g });
      }
      if (t !== undefined && free.length < POOL) free.push(t);
      return g;
    },
    close: stop,
  };
}
