/**
 * The Web Worker of {@link ./epps_pulley_helper.ts}: claims chunks of the
 * slices of SIGReg's plain-JS pass from a shared counter (the training thread
 * claims from the same counter), runs them on tables in shared memory, and
 * marks each chunk done and wakes the training thread.
 *
 * @module
 */
import { runChunks, type SliceJob } from "./epps_pulley_chunks.ts";

self.onmessage = (ev: MessageEvent<SliceJob>) => {
  const job = ev.data;
  try {
    runChunks(job);
  } catch {
    Atomics.store(job.ctl, 2, 1);
    Atomics.notify(job.ctl, 1);
  }
};
