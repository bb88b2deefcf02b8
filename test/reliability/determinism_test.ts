/**
 * Determinism: the same seed gives bit-identical training curves and
 * embeddings in two separate processes on `wasm` and on `cpu`, and the two
 * backends agree within a stated tolerance (different kernels sum in a
 * different order, so they are not bit-identical).
 */
import assert from "node:assert/strict";
import type { DeterminismReport } from "./determinism_child.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const CHILD = new URL("./determinism_child.ts", import.meta.url).pathname;

/** Cross-backend tolerance (measured: ~4e-7 after 40 steps, float32 rounding): max |a - b| / max(1, |b|) over the loss curve and the embeddings. */
const CROSS_BACKEND_TOLERANCE = 1e-5;

async function train(backend: string, seed: number): Promise<DeterminismReport> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "-q", CHILD, backend, `${seed}`],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return JSON.parse(text.trim().split("\n").at(-1)!);
}

function maxRelDiff(a: number[], b: number[]): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  }
  return worst;
}

Deno.test("the same seed gives identical numbers across processes on wasm and on cpu, and close numbers across them", async () => {
  const seed = 11;
  const [wasm1, wasm2] = [await train("wasm", seed), await train("wasm", seed)];
  const [cpu1, cpu2] = [await train("cpu", seed), await train("cpu", seed)];
  assert.equal(wasm1.backend, "wasm");
  assert.equal(cpu1.backend, "cpu");
  assert.equal(wasm1.loss.length, 40);
  assert.equal(wasm1.embeddings.length, 128);
  // Bit-identical within a backend (JSON round-trips doubles exactly).
  assert.deepEqual(wasm2, wasm1);
  assert.deepEqual(cpu2, cpu1);
  // Training moved the numbers: the check is not trivially about constants.
  assert.ok(Math.abs(wasm1.loss[0] - wasm1.loss[39]) > 1e-3);
  // A different seed gives different numbers.
  const other = await train("wasm", seed + 1);
  assert.notDeepEqual(other.embeddings, wasm1.embeddings);
  // Across backends: close, within the stated tolerance.
  const lossDiff = maxRelDiff(wasm1.loss, cpu1.loss);
  const embDiff = maxRelDiff(wasm1.embeddings, cpu1.embeddings);
  console.log(
    `wasm vs cpu after 40 steps: loss max rel diff ${lossDiff.toExponential(2)}, embeddings ${
      embDiff.toExponential(2)
    }`,
  );
  assert.ok(lossDiff <= CROSS_BACKEND_TOLERANCE, `loss differs by ${lossDiff}`);
  assert.ok(embDiff <= CROSS_BACKEND_TOLERANCE, `embeddings differ by ${embDiff}`);
});
