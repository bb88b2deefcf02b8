/**
 * Slice, SplitV and 2-D Transpose kernels for the wasm backend that replace
 * stock tfjs-backend-wasm ones which were a large share of the N = 1024 step.
 *
 * tfjs-backend-wasm 4.22's `Slice` (and `SplitV`, which calls it once per
 * piece) first reads the WHOLE input out of the wasm heap into a fresh
 * ArrayBuffer (`backend.readSync`), then copies the slice from that copy. A
 * split of an N-piece tensor therefore copies the input N times: at N = 1024
 * the optimiser's split of its flat 4 MB parameter vector into four matrices
 * took 10.5 ms a step and the coupling encoder's two half-splits 8.6 ms. These
 * kernels copy the requested rows inside the heap (`copyWithin`) instead. A
 * slice is a copy, so values are bit-identical to the stock kernels'
 * (`test/core/engine/wasm_kernels_test.ts` compares them over ranks 1-5, dtypes
 * and empty slices).
 *
 * The stock Transpose of a 512 x 512 float32 matrix took 1.36 ms; a JS loop
 * over the heap in 16 x 16 tiles takes 0.37 ms (`deno run -A
 * benchmarks/wasm_kernels.ts` times both side by side), and the dense layers' gradients
 * do two transposes per layer. Only rank-2 transposes of 4-byte dtypes take
 * the tiled path; everything else goes to the stock kernel.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/**
 * The parts of tfjs-backend-wasm's backend object the project's own kernels
 * use (its heap and where each tensor lives in it); these kernels, the
 * threaded matMul and its worker share this one description.
 *
 * @example
 * ```ts
 * import type { WasmBackendLike } from "./wasm_kernels.ts";
 * const offset = (b: WasmBackendLike, dataId: unknown) => b.dataIdMap.get(dataId).memoryOffset;
 * ```
 */
export interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array; HEAP32: Int32Array };
  dataIdMap: { get(dataId: unknown): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: unknown): boolean;
}

/**
 * The arguments of a Slice kernel call on the wasm backend.
 *
 * @example
 * ```ts
 * import type { SliceArgs } from "./wasm_kernels.ts";
 * const rows = (args: SliceArgs) => args.attrs.size;
 * ```
 */
export interface SliceArgs {
  inputs: { x: tf.TensorInfo };
  attrs: { begin: number | number[]; size: number | number[] };
  backend: WasmBackendLike;
}

/** Rows shorter than this go to the stock kernel (one copyWithin per row would cost more). */
const MIN_ROW = 8;

type Kernel = ReturnType<typeof tf.getKernel> & object;
/** The stock Slice, SplitV and Transpose while this module's are installed, else null. */
let stock: [Kernel, Kernel, Kernel] | null = null;

/**
 * The Slice kernel this module installs, callable from other kernels: a
 * contiguous slice (e.g. a block of rows) is one copy inside the heap.
 *
 * @example
 * ```ts
 * import { type SliceArgs, sliceOnHeap } from "./wasm_kernels.ts";
 * const topRows = (args: SliceArgs) => sliceOnHeap(args); // a new tensor on the heap
 * ```
 */
export function sliceOnHeap(args: SliceArgs): tf.TensorInfo {
  const { inputs: { x }, attrs, backend } = args;
  const [begin, size] = tf.slice_util.parseSliceParams(
    x as tf.TensorInfo as tf.Tensor,
    attrs.begin,
    attrs.size,
  );
  const rank = x.shape.length;
  const row = rank === 0 ? 1 : size[rank - 1];
  const contiguous = tf.slice_util.isSliceContinous(x.shape, begin, size);
  if (
    stock !== null &&
    (x.dtype === "string" || x.dtype === "complex64" || (!contiguous && row < MIN_ROW))
  ) {
    return (stock[0].kernelFunc as unknown as (a: SliceArgs) => tf.TensorInfo)(args);
  }
  const out = backend.makeOutput(size, x.dtype);
  const count = tf.util.sizeFromShape(size);
  if (count === 0) return out;
  const bytes = tf.util.bytesPerElement(x.dtype);
  // Read the offsets and the heap view after makeOutput: it may grow the heap.
  const heap = backend.wasm.HEAPU8;
  const from = backend.dataIdMap.get(x.dataId).memoryOffset;
  const to = backend.dataIdMap.get(out.dataId).memoryOffset;
  const strides = tf.util.computeStrides(x.shape);
  if (contiguous) {
    const start = from + tf.slice_util.computeFlatOffset(begin, strides) * bytes;
    heap.copyWithin(to, start, start + count * bytes);
    return out;
  }
  // Walk the output's rows (all axes but the last) like an odometer.
  const rows = count / row;
  const rowBytes = row * bytes;
  const index = new Array<number>(rank - 1).fill(0);
  let source = 0;
  for (let a = 0; a < rank; a++) source += begin[a] * (a < rank - 1 ? strides[a] : 1);
  let target = to;
  for (let r = 0; r < rows; r++) {
    const start = from + source * bytes;
    heap.copyWithin(target, start, start + rowBytes);
    target += rowBytes;
    for (let a = rank - 2; a >= 0; a--) {
      index[a]++;
      source += strides[a];
      if (index[a] < size[a]) break;
      source -= size[a] * strides[a];
      index[a] = 0;
    }
  }
  return out;
}

interface SplitArgs {
  inputs: { x: tf.TensorInfo };
  attrs: { numOrSizeSplits: number | number[]; axis: number | number[] };
  backend: WasmBackendLike;
}

function fastSplitV(args: SplitArgs): tf.TensorInfo[] {
  const { inputs: { x }, attrs, backend } = args;
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(
    x as tf.TensorInfo as tf.Tensor,
    attrs.numOrSizeSplits,
    axis,
  );
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[axis] = s;
    const piece = sliceOnHeap({ inputs: { x }, attrs: { begin: [...begin], size }, backend });
    begin[axis] += s;
    return piece;
  });
}

interface TransposeArgs {
  inputs: { x: tf.TensorInfo };
  attrs: { perm: number[] };
  backend: WasmBackendLike;
}

/** Tile edge of the blocked transpose (16 was fastest of 8, 16, 32, 64 here). */
const TILE = 16;

function fastTranspose(args: TransposeArgs): tf.TensorInfo {
  const { inputs: { x }, attrs: { perm }, backend } = args;
  const plain = x.shape.length === 2 && perm[0] === 1 && perm[1] === 0 &&
    (x.dtype === "float32" || x.dtype === "int32");
  if (!plain && stock !== null) {
    return (stock[2].kernelFunc as unknown as (a: TransposeArgs) => tf.TensorInfo)(args);
  }
  const [rows, cols] = x.shape;
  const out = backend.makeOutput([cols, rows], x.dtype);
  if (rows * cols === 0) return out;
  // An Int32 view moves every 4-byte pattern unchanged (a Float32 view would
  // canonicalise NaN payloads on the way through a JS number).
  const heap = backend.wasm.HEAP32;
  const from = backend.dataIdMap.get(x.dataId).memoryOffset >> 2;
  const to = backend.dataIdMap.get(out.dataId).memoryOffset >> 2;
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const iEnd = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const jEnd = Math.min(j0 + TILE, cols);
      for (let i = i0; i < iEnd; i++) {
        const source = from + i * cols;
        for (let j = j0; j < jEnd; j++) heap[to + j * rows + i] = heap[source + j];
      }
    }
  }
  return out;
}

function register(kernel: Kernel, kernelFunc: unknown): void {
  tf.unregisterKernel(kernel.kernelName, "wasm");
  // Keep the stock setupFunc: it binds the wasm function the stock kernel
  // (still called for the cases these do not take) needs.
  tf.registerKernel({ ...kernel, kernelFunc: kernelFunc as tf.KernelFunc });
}

/**
 * Replace the wasm backend's Slice, SplitV and Transpose kernels with the ones
 * of this module (see the module doc). Idempotent; a no-op when the wasm
 * backend's kernels are not registered.
 *
 * @example
 * ```ts
 * import { installWasmKernels } from "./wasm_kernels.ts";
 * installWasmKernels();
 * ```
 */
export function installWasmKernels(): void {
  if (stock !== null) return;
  const kernels = [tf.Slice, tf.SplitV, tf.Transpose].map((n) => tf.getKernel(n, "wasm"));
  if (kernels.some((k) => k === undefined)) return;
  stock = kernels as [Kernel, Kernel, Kernel];
  const [slice, split, transpose] = stock;
  register(slice, sliceOnHeap);
  register(split, fastSplitV);
  register(transpose, fastTranspose);
}

/**
 * Put the stock kernels back (for a side-by-side benchmark of an older
 * commit sharing this tfjs instance); {@link installWasmKernels} reinstalls.
 *
 * @example
 * ```ts
 * import { installWasmKernels, restoreStockWasmKernels } from "./wasm_kernels.ts";
 * restoreStockWasmKernels();
 * installWasmKernels();
 * ```
 */
export function restoreStockWasmKernels(): void {
  if (stock === null) return;
  for (const kernel of stock) register(kernel, kernel.kernelFunc);
  stock = null;
}

/**
 * The stock tfjs-backend-wasm kernels these replace (for side-by-side tests
 * and benchmarks), or nulls while they are not installed.
 *
 * @example
 * ```ts
 * import { installWasmKernels, stockWasmKernels } from "./wasm_kernels.ts";
 * installWasmKernels();
 * console.assert(stockWasmKernels().slice !== null);
 * ```
 */
export function stockWasmKernels(): {
  slice: tf.KernelFunc | null;
  transpose: tf.KernelFunc | null;
} {
  return {
    slice: stock === null ? null : stock[0].kernelFunc,
    transpose: stock === null ? null : stock[2].kernelFunc,
  };
}
