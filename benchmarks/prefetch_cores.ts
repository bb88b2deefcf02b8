/**
 * Does a prefetch worker pay when every core already trains a case? Runs
 * `--processes` copies of the same N = 1024 coupling training (4 layers,
 * matched encoder, batch 256 x 2 views, wasm) at once, first with the views
 * drawn in-thread, then with each process drawing them in a Web Worker
 * (`src/core/world/prefetch.ts`), and prints each process's steps/s and the
 * total of each mode, measured one mode after the other on the same machine.
 *
 * Usage: deno run -A benchmarks/prefetch_cores.ts [--processes 2] [--steps 20]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend } from "../src/core/engine/mod.ts";
import { trainLeJepa } from "../src/core/train/mod.ts";
import { makeMixing, prefetchingSampler } from "../src/core/world/mod.ts";
import { Rng } from "../src/core/random.ts";
import { spiralSpec } from "./train_speed.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    processes: { type: "string", default: "2" },
    steps: { type: "string", default: "20" },
    child: { type: "string" },
  },
});
const steps = Number(values.steps);
const processes = Number(values.processes);
for (const [k, v] of [["steps", steps], ["processes", processes]] as const) {
  if (!(Number.isInteger(v) && v > 0)) {
    console.error(`error: --${k} must be a positive integer, got ${values[k]}`);
    Deno.exit(2);
  }
}

/** One training run; prints its steps/s as the last line. */
async function child(mode: "in-thread" | "worker"): Promise<void> {
  await initBackend("wasm");
  const dim = 1024;
  const mixing = makeMixing("coupling", dim, new Rng(1337, "mixing"), { layers: 4 });
  const o = {
    law: { kind: "gaussian" } as const,
    mixing,
    batch: 256,
    dim,
    rho: 0.95,
    noise: "same" as const,
    seed: 1337,
  };
  const sampler = prefetchingSampler(o, mode === "worker" ? "wasm" : null);
  const spec = {
    ...spiralSpec(steps + 2),
    inputDim: dim,
    latentDim: dim,
    encoder: { kind: "coupling" as const, layers: 4 },
    lambda: 1e-6,
  };
  try {
    const res = await trainLeJepa(spec, (s) => sampler.sample(s), {
      curveEvery: steps + 2,
      timedFrom: 2,
    });
    res.encoder.dispose();
    console.log((res.timedSteps / res.trainSeconds).toFixed(3));
  } finally {
    sampler.close();
  }
}

if (values.child === "in-thread" || values.child === "worker") {
  await child(values.child);
} else {
  const self = new URL(import.meta.url).pathname;
  for (const mode of ["in-thread", "worker"] as const) {
    const outs = await Promise.all(
      Array.from({ length: processes }, () =>
        new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", self, "--child", mode, "--steps", String(steps)],
          stdout: "piped",
          stderr: "inherit",
        }).output()),
    );
    const rates = outs.map((o) => {
      const line = new TextDecoder().decode(o.stdout).trim().split("\n").at(-1) ?? "";
      const r = Number(line);
      if (!o.success || !Number.isFinite(r)) throw new Error(`a ${mode} process failed: ${line}`);
      return r;
    });
    const total = rates.reduce((a, b) => a + b, 0);
    console.log(
      `${processes} processes, views ${mode.padEnd(9)}: ${
        rates.map((r) => r.toFixed(2)).join(" + ")
      } = ${total.toFixed(2)} steps/s`,
    );
  }
}
