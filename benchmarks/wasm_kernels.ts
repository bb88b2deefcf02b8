/**
 * The replaced wasm kernels (src/core/engine/wasm_kernels.ts) against the
 * stock tfjs-backend-wasm ones, side by side in one process at the shapes the
 * training steps use: the optimiser's split of the flat parameter vector, the
 * coupling encoder's half split, and the dense gradients' transposes. Prints
 * ms per call (median of the repeats, each a loop of `--calls`) and the ratio.
 *
 * Usage: deno run -A benchmarks/wasm_kernels.ts [--repeats 5] [--calls 40]
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  initBackend,
  installWasmKernels,
  restoreStockWasmKernels,
  tf,
} from "../src/core/engine/mod.ts";
import { Rng } from "../src/core/random.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { repeats: { type: "string", default: "5" }, calls: { type: "string", default: "40" } },
});
const [repeats, calls] = [values.repeats, values.calls].map(Number);
if (![repeats, calls].every((v) => Number.isInteger(v) && v > 0)) {
  console.error("error: --repeats and --calls must be positive integers");
  Deno.exit(2);
}
await initBackend("wasm");

const rand = (shape: number[]) =>
  tf.tensor(
    Float32Array.from(new Rng(shape.length, "x").normals(shape.reduce((a, b) => a * b))),
    shape,
  );
const CASES: [string, () => void][] = (() => {
  const flat = rand([4 * 512 * 512]);
  const spiralFlat = rand([2 * 256 + 3 * 256 * 256 + 4 * 256 + 256 * 2 + 2]);
  const views = rand([512, 1024]);
  const square = rand([512, 512]);
  const tall = rand([512, 256]);
  const small = rand([256, 256]);
  return [
    [
      "split 1048576 into 4 (N = 1024 optimiser)",
      () => tf.split(flat, 4).forEach((t) => t.dispose()),
    ],
    [
      "split 199426 into 10 (spiral 4 x 256 optimiser)",
      () =>
        tf.split(spiralFlat, [512, 256, 65536, 256, 65536, 256, 65536, 256, 512, 2]).forEach((t) =>
          t.dispose()
        ),
    ],
    [
      "split 512 x 1024 in halves on axis 1",
      () => tf.split(views, 2, 1).forEach((t) => t.dispose()),
    ],
    ["transpose 512 x 512", () => tf.transpose(square).dispose()],
    ["transpose 512 x 256", () => tf.transpose(tall).dispose()],
    ["transpose 256 x 256", () => tf.transpose(small).dispose()],
  ];
})();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`wasm, ${repeats} interleaved repeats of ${calls} calls; ms per call (median)`);
console.log("| kernel call | stock ms | jepa-bench ms | speed-up |\n|---|---:|---:|---:|");
for (const [name, run] of CASES) {
  const times: Record<string, number[]> = { stock: [], ours: [] };
  for (let r = 0; r < repeats; r++) {
    for (const which of r % 2 === 0 ? ["stock", "ours"] : ["ours", "stock"]) {
      if (which === "stock") restoreStockWasmKernels();
      else installWasmKernels();
      for (let i = 0; i < 3; i++) run();
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) run();
      times[which].push((performance.now() - t0) / calls);
    }
  }
  const [s, o] = [median(times.stock), median(times.ours)];
  console.log(`| ${name} | ${s.toFixed(3)} | ${o.toFixed(3)} | ${(s / o).toFixed(1)}x |`);
}
installWasmKernels();
