/**
 * The two-thread helpers against one thread, side by side in one process:
 * SIGReg's plain-JS pass (forward and gradient) on M x K projections, and a
 * float32 matMul on wasm, each timed alternately one thread / two threads.
 * Both helpers give bit-identical numbers (checked here too).
 *
 * Usage: deno run -A benchmarks/two_threads.ts [--m 512] [--k 256] [--repeats 5] [--calls 40]
 *   [--mm 512x256x256]
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  initBackend,
  startThreadedMatMul,
  stopThreadedMatMul,
  tf,
} from "../src/core/engine/mod.ts";
import { openEppsPulleyHelper } from "../src/core/objectives/epps_pulley_helper.ts";
import { eppsPulleyForward, eppsPulleyGradY } from "../src/core/objectives/epps_pulley_pass.ts";
import { Rng } from "../src/core/random.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    m: { type: "string", default: "512" },
    k: { type: "string", default: "256" },
    repeats: { type: "string", default: "5" },
    calls: { type: "string", default: "40" },
    mm: { type: "string", default: "512x256x256" },
  },
});
const [m, k, repeats, calls] = [values.m, values.k, values.repeats, values.calls].map(Number);
const dims = values.mm!.split("x").map(Number);
if (
  ![m, k, repeats, calls, ...dims].every((v) => Number.isInteger(v) && v > 0) || dims.length !== 3
) {
  console.error(
    "error: --m, --k, --repeats, --calls must be positive integers, --mm like 512x256x256",
  );
  Deno.exit(2);
}
await initBackend("wasm");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const time = (f: () => void) => {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) f();
  return (performance.now() - t0) / calls;
};
const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

// SIGReg's pass.
const y = Float32Array.from(new Rng(1, "two-threads").normals(m * k));
const helper = openEppsPulleyHelper();
const one = { pass: [] as number[], mm: [] as number[] };
const two = { pass: [] as number[], mm: [] as number[] };
const passSame = same(
  helper.gradY(helper.forward(y, m, k)),
  eppsPulleyGradY(eppsPulleyForward(y, m, k)),
);
for (let r = 0; r < repeats + 1; r++) {
  const a = time(() => eppsPulleyGradY(eppsPulleyForward(y, m, k)));
  const b = time(() => helper.gradY(helper.forward(y, m, k)));
  if (r > 0) one.pass.push(a), two.pass.push(b); // the first round warms both threads up
}
helper.close();

// A matMul.
const [mr, kr, nr] = dims;
const rng = new Rng(2, "two-threads");
const A = tf.tensor2d(Float32Array.from(rng.normals(mr * kr)), [mr, kr]);
const B = tf.tensor2d(Float32Array.from(rng.normals(kr * nr)), [kr, nr]);
const product = () => {
  // (Not returned from tf.tidy: tidy walks a returned typed array element by element.)
  const c = tf.matMul(A, B);
  const out = c.dataSync() as Float32Array;
  c.dispose();
  return out;
};
const want = product();
if (!(await startThreadedMatMul())) throw new Error("the matMul worker did not start");
const mmSame = same(product(), want);
for (let r = 0; r < repeats + 1; r++) {
  const b = time(product);
  stopThreadedMatMul();
  const a = time(product);
  await startThreadedMatMul();
  // Warm the restarted worker before its next timed round.
  for (let i = 0; i < 10; i++) product();
  if (r > 0) one.mm.push(a), two.mm.push(b);
}
stopThreadedMatMul();

console.log(`${repeats} interleaved repeats of ${calls} calls (after one warm-up round), medians:`);
console.log(`| what | one thread ms | two threads ms | speed-up | bit-identical |`);
console.log(`|---|---:|---:|---:|---|`);
for (
  const [name, key, ok] of [[`SIGReg pass, M = ${m}, K = ${k}`, "pass", passSame], [
    `matMul ${values.mm}`,
    "mm",
    mmSame,
  ]] as const
) {
  const [a, b] = [median(one[key]), median(two[key])];
  console.log(`| ${name} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(a / b).toFixed(2)}x | ${ok} |`);
}
