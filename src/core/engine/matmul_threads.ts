/**
 * The wasm backend's matMuls on two threads, for a process that has a core to
 * spare: a Web Worker with its own tfjs wasm backend multiplies the bottom
 * rows of A while the training thread does the top rows with the stock
 * kernel. Each row of A B is computed by the same XNNPACK kernel in the same
 * order whichever rows it is given, so the result is bit-identical to the
 * one-thread matMul (`test/core/engine/matmul_threads_test.ts` compares them
 * bit for bit); only the wall time changes. tfjs-backend-wasm runs its
 * kernels on one thread under Deno, so without this a single training
 * process uses one core (the paper's PyTorch code uses two).
 *
 * Only float32 `BatchMatMul` and `_FusedMatMul` of rank 2 (or rank 3 with a
 * batch of one) without transposeA (and, fused, without transposeB), large
 * enough to pay for the copies, go to the worker; everything else, and every call while the worker is not ready,
 * runs the stock kernel. A worker that fails or does not answer within
 * {@link MATMUL_HELPER_TIMEOUT_MS} is stopped and the kernels put back.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { workerModuleExists } from "../worker_module.ts";
import { sliceOnHeap, type WasmBackendLike } from "./wasm_kernels.ts";

/**
 * A job the training thread posts: shapes, attributes and float offsets into
 * the shared buffer (`bias` -1: none).
 *
 * @example
 * ```ts
 * import type { MatMulJob } from "./matmul_threads.ts";
 * const kind: MatMulJob["kind"] = "BatchMatMul";
 * ```
 */
export interface MatMulJob {
  type: "job";
  kind: "BatchMatMul" | "_FusedMatMul";
  sab: SharedArrayBuffer;
  flag: Int32Array;
  aShape: number[];
  bShape: number[];
  n: number;
  a: number;
  b: number;
  bias: number;
  c: number;
  transposeB: boolean;
  activation: string;
  leakyreluAlpha?: number;
}

/**
 * How long the training thread waits for the worker's rows before it stops
 * the worker and computes them itself.
 *
 * @example
 * ```ts
 * import { MATMUL_HELPER_TIMEOUT_MS } from "./matmul_threads.ts";
 * console.assert(MATMUL_HELPER_TIMEOUT_MS >= 1000);
 * ```
 */
export const MATMUL_HELPER_TIMEOUT_MS = 30_000;

/**
 * Multiply-adds (m k n) below which a matMul stays on one thread: the copies
 * and the hand-over would cost more than the rows saved. A caller can skip
 * starting the worker for a model whose matMuls are all below it.
 *
 * @example
 * ```ts
 * import { THREADED_MATMUL_MIN_MACS } from "./matmul_threads.ts";
 * const worthIt = 512 * 256 * 256 >= THREADED_MATMUL_MIN_MACS; // true
 * ```
 */
export const THREADED_MATMUL_MIN_MACS = 1 << 22;
/** Share of the rows the training thread keeps (the worker also copies its inputs in and out). */
const MAIN_SHARE = 0.5;

interface MatMulArgs {
  inputs: {
    a: tf.TensorInfo;
    b: tf.TensorInfo;
    bias?: tf.TensorInfo;
    preluActivationWeights?: tf.TensorInfo;
  };
  attrs: {
    transposeA: boolean;
    transposeB: boolean;
    activation?: string;
    leakyreluAlpha?: number;
  };
  backend: WasmBackendLike;
}

type Kernel = ReturnType<typeof tf.getKernel> & object;
type KernelName = MatMulJob["kind"];
const NAMES: KernelName[] = ["BatchMatMul", "_FusedMatMul"];

let worker: Worker | null = null;
let stock: Map<KernelName, Kernel> | null = null;
let sab = new SharedArrayBuffer(0);
let timeoutMs = MATMUL_HELPER_TIMEOUT_MS;
let sent = 0;
/** The job's state, set by the worker: 0 running, 1 done, 2 failed (one job at a time). */
const flag = new Int32Array(new SharedArrayBuffer(4));

type Func = (a: MatMulArgs) => tf.TensorInfo;

/** Rows [from, to) of a (rows x k, maybe with a batch of one) as a new tensor (one heap copy). */
function rows(args: MatMulArgs, from: number, to: number): tf.TensorInfo {
  const { inputs: { a }, backend } = args;
  const k = a.shape[a.shape.length - 1];
  const three = a.shape.length === 3;
  return sliceOnHeap({
    inputs: { x: a },
    attrs: {
      begin: three ? [0, from, 0] : [from, 0],
      size: three ? [1, to - from, k] : [to - from, k],
    },
    backend,
  });
}

function splittable(name: KernelName, args: MatMulArgs): boolean {
  const { inputs: { a, b, bias, preluActivationWeights }, attrs } = args;
  if (worker === null || attrs.transposeA || preluActivationWeights) return false;
  // A fused matMul with transposeB came back with other last bits from the worker
  // (test/core/engine/matmul_threads_test.ts), so it stays on one thread.
  if (name === "_FusedMatMul" && attrs.transposeB) return false;
  if (a.dtype !== "float32" || b.dtype !== "float32") return false;
  if (bias && (bias.dtype !== "float32" || bias.shape.length !== 1)) return false;
  const rank = a.shape.length;
  if (b.shape.length !== rank || rank < 2 || rank > 3) return false;
  if (rank === 3 && (a.shape[0] !== 1 || b.shape[0] !== 1)) return false;
  const [m, k] = a.shape.slice(-2);
  const n = attrs.transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
  if (bias && bias.shape[0] !== n) return false;
  return m >= 16 && m * k * n >= THREADED_MATMUL_MIN_MACS;
}

function threaded(name: KernelName, args: MatMulArgs): tf.TensorInfo {
  // Captured: a failure below puts the stock kernels back mid-call.
  const run = stock!.get(name)!.kernelFunc as unknown as Func;
  if (!splittable(name, args)) return run(args);
  const { inputs: { a, b, bias }, attrs, backend } = args;
  const rank = a.shape.length;
  const [m, k] = a.shape.slice(-2);
  const n = attrs.transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
  const top = Math.min(m - 1, Math.max(1, Math.round(m * MAIN_SHARE)));
  const bottom = m - top;
  const sizeB = tf.util.sizeFromShape(b.shape);
  const off = { a: 0, b: bottom * k, bias: bias ? bottom * k + sizeB : -1, c: 0 };
  off.c = off.b + sizeB + (bias ? n : 0);
  const floats = off.c + bottom * n;
  if (sab.byteLength < floats * 4) sab = new SharedArrayBuffer(floats * 8);
  const shared = new Uint8Array(sab);
  const heap = backend.wasm.HEAPU8;
  const at = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;
  shared.set(heap.subarray(at(a) + top * k * 4, at(a) + m * k * 4), 0);
  shared.set(heap.subarray(at(b), at(b) + sizeB * 4), off.b * 4);
  if (bias) shared.set(heap.subarray(at(bias), at(bias) + n * 4), off.bias * 4);
  Atomics.store(flag, 0, 0);
  const job: MatMulJob = {
    type: "job",
    kind: name,
    sab,
    flag,
    aShape: rank === 3 ? [1, bottom, k] : [bottom, k],
    bShape: [...b.shape],
    n,
    ...off,
    transposeB: attrs.transposeB,
    activation: attrs.activation ?? "linear",
    leakyreluAlpha: attrs.leakyreluAlpha,
  };
  worker!.postMessage(job);
  sent++;
  const aTop = rows(args, 0, top);
  const upper = run({ ...args, inputs: { ...args.inputs, a: aTop } });
  backend.disposeData(aTop.dataId);
  const ok = Atomics.wait(flag, 0, 0, timeoutMs) !== "timed-out" && Atomics.load(flag, 0) === 1;
  let lower: tf.TensorInfo | null = null;
  if (!ok) {
    // The worker failed or hung: stop it, compute its rows here (same numbers).
    stopThreadedMatMul();
    const aBottom = rows(args, top, m);
    lower = run({ ...args, inputs: { ...args.inputs, a: aBottom } });
    backend.disposeData(aBottom.dataId);
  }
  const out = backend.makeOutput(rank === 3 ? [1, m, n] : [m, n], "float32");
  const h = backend.wasm.HEAPU8; // makeOutput may have grown the heap
  const to = at(out);
  h.copyWithin(to, at(upper), at(upper) + top * n * 4);
  if (lower === null) h.set(shared.subarray(off.c * 4, (off.c + bottom * n) * 4), to + top * n * 4);
  else {
    h.copyWithin(to + top * n * 4, at(lower), at(lower) + bottom * n * 4);
    backend.disposeData(lower.dataId);
  }
  backend.disposeData(upper.dataId);
  return out;
}

function register(kernel: Kernel, kernelFunc: unknown): void {
  tf.unregisterKernel(kernel.kernelName, "wasm");
  tf.registerKernel({ ...kernel, kernelFunc: kernelFunc as tf.KernelFunc });
}

const WORKER_URL = new URL("./matmul_worker.ts", import.meta.url);

/**
 * Start the worker and, once its backend is ready, route the wasm backend's
 * large matMuls through it (see the module doc). Resolves true when the
 * kernels are installed; false (stock kernels, one thread) where the worker
 * module is missing (the offline pack's bundle) or fails to start.
 * Idempotent while running.
 *
 * @example
 * ```ts
 * import { startThreadedMatMul, stopThreadedMatMul } from "./matmul_threads.ts";
 * if (await startThreadedMatMul()) stopThreadedMatMul();
 * ```
 */
export async function startThreadedMatMul(
  /** The worker module (tests give one that fails). */
  workerUrl: URL = WORKER_URL,
  timeout: number = MATMUL_HELPER_TIMEOUT_MS,
): Promise<boolean> {
  if (worker !== null) return true;
  const kernels = NAMES.map((n) => tf.getKernel(n, "wasm"));
  if (kernels.some((k) => k === undefined) || !workerModuleExists(workerUrl)) return false;
  const w = new Worker(workerUrl, { type: "module" });
  const started = await new Promise<boolean>((resolve) => {
    w.onmessage = (ev) => resolve((ev.data as { type: string }).type === "ready");
    w.onerror = (ev) => {
      ev.preventDefault();
      resolve(false);
    };
    w.postMessage({ type: "init" });
  });
  if (!started) {
    w.terminate();
    return false;
  }
  w.onmessage = null;
  worker = w;
  timeoutMs = timeout;
  stock = new Map(NAMES.map((n, i) => [n, kernels[i]!]));
  for (const name of NAMES) {
    register(stock.get(name)!, (args: MatMulArgs) => threaded(name, args));
  }
  return true;
}

/**
 * Put the stock matMul kernels back and stop the worker. Idempotent.
 *
 * @example
 * ```ts
 * import { stopThreadedMatMul } from "./matmul_threads.ts";
 * stopThreadedMatMul();
 * ```
 */
export function stopThreadedMatMul(): void {
  if (stock !== null) { for (const kernel of stock.values()) register(kernel, kernel.kernelFunc); }
  stock = null;
  worker?.terminate();
  worker = null;
}

/**
 * Whether matMuls go to the worker now, and how many have gone to it since
 * the process started.
 *
 * @example
 * ```ts
 * import { threadedMatMulState } from "./matmul_threads.ts";
 * console.assert(threadedMatMulState().active === false);
 * ```
 */
export function threadedMatMulState(): { active: boolean; jobs: number } {
  return { active: worker !== null, jobs: sent };
}
