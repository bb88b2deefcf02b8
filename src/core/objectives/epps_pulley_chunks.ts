/**
 * The shared-memory job of SIGReg's two-thread pass (./epps_pulley_helper.ts):
 * the slices in chunks that the training thread and the worker claim from one
 * counter, so a worker that starts late or runs slowly (a busy core) never
 * holds the step up by more than the chunk it is on.
 *
 * @module
 */
import { type EppsPulleyPass, forwardSlices, gradSlices } from "./epps_pulley_pass.ts";

/**
 * One pass split in chunks: `ctl` is [next chunk to claim, chunks finished,
 * worker failed]; `done[c]` is 1 once chunk c is written.
 *
 * @example
 * ```ts
 * import type { SliceJob } from "./epps_pulley_chunks.ts";
 * const kind: SliceJob["kind"] = "forward";
 * ```
 */
export interface SliceJob {
  kind: "forward" | "grad";
  pass: EppsPulleyPass;
  /** Projections (forward). */
  y?: Float32Array;
  /** Gradient out (grad). */
  g?: Float32Array;
  chunk: number;
  ctl: Int32Array;
  done: Int32Array;
}

/**
 * Slices per chunk: 16 chunks for K = 256, about 0.3 ms each on this machine.
 *
 * @example
 * ```ts
 * import { SLICES_PER_CHUNK } from "./epps_pulley_chunks.ts";
 * console.assert(SLICES_PER_CHUNK > 0);
 * ```
 */
export const SLICES_PER_CHUNK = 16;

/**
 * Run chunk c of the job on this thread (whoever claimed it, or a redo).
 *
 * @example
 * ```ts
 * import { runChunk, type SliceJob } from "./epps_pulley_chunks.ts";
 * const finish = (job: SliceJob) => runChunk(job, 0);
 * ```
 */
export function runChunk(job: SliceJob, c: number): void {
  const from = c * job.chunk;
  const to = Math.min(job.pass.k, from + job.chunk);
  if (job.kind === "forward") forwardSlices(job.y!, job.pass, from, to);
  else gradSlices(job.pass, from, to, job.g!);
}

/**
 * Claim and run chunks until none is left, marking each done and waking a
 * waiter on `ctl[1]`.
 *
 * @example
 * ```ts
 * import { runChunks, type SliceJob } from "./epps_pulley_chunks.ts";
 * const work = (job: SliceJob) => runChunks(job);
 * ```
 */
export function runChunks(job: SliceJob): void {
  const chunks = job.done.length;
  for (;;) {
    const c = Atomics.add(job.ctl, 0, 1);
    if (c >= chunks) return;
    runChunk(job, c);
    Atomics.store(job.done, c, 1);
    Atomics.add(job.ctl, 1, 1);
    Atomics.notify(job.ctl, 1);
  }
}
