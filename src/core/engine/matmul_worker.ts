/**
 * The Web Worker of {@link ./matmul_threads.ts}: its own tfjs wasm backend,
 * which multiplies the bottom rows of a matMul the training thread posts
 * (inputs and output in shared memory) and sets the job's flag (1 done,
 * 2 failed).
 *
 * @module
 */
import { initBackend, tf } from "./backend.ts";
import type { MatMulJob } from "./matmul_threads.ts";
import type { WasmBackendLike } from "./wasm_kernels.ts";

const ready = initBackend("wasm");

self.onmessage = async (ev: MessageEvent<{ type: "init" } | MatMulJob>) => {
  const job = ev.data;
  if (job.type === "init") {
    try {
      await ready;
      self.postMessage({ type: "ready" });
    } catch (e) {
      self.postMessage({ type: "error", message: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  let state = 1;
  try {
    const f32 = new Float32Array(job.sab);
    const view = (offset: number, length: number) => f32.subarray(offset, offset + length);
    const size = (shape: number[]) => shape.reduce((p, d) => p * d, 1);
    const c = tf.tidy(() => {
      const a = tf.tensor(view(job.a, size(job.aShape)), job.aShape);
      const b = tf.tensor(view(job.b, size(job.bShape)), job.bShape);
      if (job.kind === "BatchMatMul") return tf.matMul(a, b, false, job.transposeB);
      const bias = job.bias < 0 ? undefined : tf.tensor1d(view(job.bias, job.n));
      return tf.fused.matMul({
        a,
        b,
        transposeB: job.transposeB,
        bias,
        activation: job.activation as tf.fused.Activation,
        leakyreluAlpha: job.leakyreluAlpha,
      });
    });
    // Straight from this worker's heap into the shared output (no intermediate copy).
    const backend = tf.backend() as unknown as WasmBackendLike;
    const from = backend.dataIdMap.get(c.dataId).memoryOffset;
    const bytes = size(c.shape) * 4;
    new Uint8Array(job.sab, job.c * 4, bytes).set(backend.wasm.HEAPU8.subarray(from, from + bytes));
    c.dispose();
  } catch {
    state = 2;
  }
  Atomics.store(job.flag, 0, state);
  Atomics.notify(job.flag, 0);
};
