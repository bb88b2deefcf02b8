/**
 * Training-step speed of two source trees in one process, side by side: the
 * base commit's `src/` (materialised with `git archive` into a temporary
 * folder) and this tree's, both dynamically imported, timed alternately
 * (base, head, base, head, ...) on the same spec and data, so a speed claim is
 * a ratio measured under the same load (never against a figure from another
 * day). Both trees resolve "@tensorflow/tfjs" through this deno.json's import
 * map, so they share one tfjs instance (checked).
 *
 * Usage: deno run -A benchmarks/step_side_by_side.ts --base f301905
 *   [--cases spiral256,spiral128,coupling1024] [--repeats 5] [--steps 40] [--backend wasm]
 *   [--no-prefetch] [--no-helper]
 *
 * The head's coupling case draws its views one step ahead in a worker, as the
 * identifiability suite does (`src/core/world/prefetch.ts`), so on a machine
 * with a free core its data phase is the wait; the CPU time per step then
 * counts both threads. `--no-prefetch` draws them in-thread, as the base does.
 * Every head case also splits SIGReg's plain-JS pass over two threads, as the
 * identifiability suite does where a core is free
 * (`src/core/objectives/epps_pulley_helper.ts`, bit-identical numbers);
 * and runs the wasm backend's large matMuls on two threads
 * (`src/core/engine/matmul_threads.ts`, bit-identical too); `--no-helper`
 * keeps the head on one thread, as the base is.
 *
 * Prints, per case, the median steps/s (and ms/step, with the data phase's
 * share for the coupling case) of base and head over the repeats, the CPU
 * milliseconds per timed step (process user + system time, which a shared,
 * loaded machine disturbs far less than wall time; the step is
 * single-threaded) and the ratios head / base of the medians.
 *
 * @module
 */
import { cpuUsage } from "node:process";
import { parseArgs } from "node:util";
import type * as TrainMod from "../src/core/train/mod.ts";
import type * as EngineMod from "../src/core/engine/mod.ts";
import type * as WorldMod from "../src/core/world/mod.ts";
import type * as RandomMod from "../src/core/random.ts";
import type * as ObjectivesMod from "../src/core/objectives/mod.ts";
import { worldSampler } from "./spiral_data.ts";
import { spiralSpec } from "./train_speed.ts";

interface Tree {
  label: string;
  train: typeof TrainMod;
  engine: typeof EngineMod;
  world: typeof WorldMod;
  random: typeof RandomMod;
  objectives: typeof ObjectivesMod;
}

interface CaseDef {
  name: string;
  spec: TrainMod.TrainSpec;
  /** Warm-up steps (untimed) then timed steps. */
  warm: number;
  steps: number;
  sampler: (tree: Tree) => Sampler;
}

/** A tree's sampler and, for one that draws in a worker, how to stop it. */
type Sampler = ((step: number) => Float32Array[] | Promise<Float32Array[]>) & {
  close?: () => void;
};

const { values } = parseArgs({
  args: Deno.args,
  options: {
    base: { type: "string" },
    cases: { type: "string", default: "spiral256,spiral128,coupling1024" },
    repeats: { type: "string", default: "5" },
    steps: { type: "string", default: "40" },
    backend: { type: "string", default: "wasm" },
    "no-prefetch": { type: "boolean", default: false },
    "no-helper": { type: "boolean", default: false },
  },
});
if (!values.base) {
  console.error("error: --base COMMIT is required");
  Deno.exit(2);
}
const repeats = Number(values.repeats);
/** Head draws the coupling case's views in-thread, as the base does (the worker's effect alone). */
const noPrefetch = values["no-prefetch"]!;
/** Head runs SIGReg's plain-JS pass on one thread, as the base does. */
const noHelper = values["no-helper"]!;
const spiralSteps = Number(values.steps);
for (const [k, v] of [["repeats", repeats], ["steps", spiralSteps]] as const) {
  if (!(Number.isInteger(v) && v > 0)) {
    console.error(`error: --${k} must be a positive integer, got ${values[k]}`);
    Deno.exit(2);
  }
}

async function materialise(commit: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "jb-base-" });
  const archive = await new Deno.Command("git", {
    args: ["archive", "--format=tar", commit, "src"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!archive.success) {
    await Deno.remove(dir, { recursive: true });
    const why = new TextDecoder().decode(archive.stderr).trim();
    console.error(`error: git archive ${commit} failed: ${why}`);
    Deno.exit(2);
  }
  const tar = new Deno.Command("tar", { args: ["-x", "-C", dir], stdin: "piped" }).spawn();
  const w = tar.stdin.getWriter();
  await w.write(archive.stdout);
  await w.close();
  if (!(await tar.status).success) throw new Error(`tar -x into ${dir} failed`);
  return dir;
}

async function loadTree(label: string, root: URL): Promise<Tree> {
  const at = (p: string) => new URL(p, root).href;
  return {
    label,
    train: await import(at("src/core/train/mod.ts")),
    engine: await import(at("src/core/engine/mod.ts")),
    world: await import(at("src/core/world/mod.ts")),
    random: await import(at("src/core/random.ts")),
    objectives: await import(at("src/core/objectives/mod.ts")),
  };
}

/** The identifiability suite's sampler of a coupling case, from a tree's own world code. */
function couplingSampler(dim: number, seed: number) {
  return (tree: Tree) => {
    const { Rng } = tree.random;
    const w = tree.world;
    const law = { kind: "gaussian" } as const;
    const mixing = w.makeMixing("coupling", dim, new Rng(seed, "mixing"), { layers: 4 });
    const o = { law, mixing, batch: 256, dim, rho: 0.95, noise: "same" as const, seed };
    // A head tree may offer the suite's fast paths: views drawn one step ahead in a worker
    // (the identifiability suite's sampler), or at least the mixing on the engine.
    const ahead = (w as Partial<typeof WorldMod>).prefetchingSampler;
    if (ahead && !noPrefetch) {
      const s = ahead(o, values.backend!);
      return Object.assign((step: number) => s.sample(step), { close: () => s.close() });
    }
    const fast = (w as Partial<typeof WorldMod>).viewSampler;
    if (fast) return fast(o);
    return (step: number) => {
      const rng = new Rng(seed, "data", step);
      const z = w.sampleLatents(law, 256, dim, rng.split("z"));
      const views = w.sampleViews(z, 256, dim, 2, 0.95, law, "same", rng.split("views"));
      return views.map((v) => Float32Array.from(mixing.apply(v, 256)));
    };
  };
}

const spiralWidth = (width: number): CaseDef => ({
  name: `spiral MLP 4x${width}`,
  spec: { ...spiralSpec(0), encoder: { kind: "mlp", width, depth: 4 } },
  warm: 5,
  steps: spiralSteps,
  sampler: () => worldSampler({ seed: 1337, batch: 256, views: 2 }),
});
const CASES: Record<string, CaseDef> = {
  spiral256: spiralWidth(256),
  spiral128: spiralWidth(128),
  coupling1024: {
    name: "coupling N=1024 (4 layers, matched encoder)",
    spec: {
      ...spiralSpec(0),
      inputDim: 1024,
      latentDim: 1024,
      encoder: { kind: "coupling", layers: 4 },
      lambda: 1e-6,
    },
    warm: 2,
    steps: Math.max(4, Math.round(spiralSteps / 5)),
    sampler: couplingSampler(1024, 1337),
  },
};
const chosen = values.cases!.split(",").map((c) => {
  if (!(c in CASES)) {
    console.error(`error: unknown case "${c}" (known: ${Object.keys(CASES).join(", ")})`);
    Deno.exit(2);
  }
  return CASES[c];
});

const baseDir = await materialise(values.base);
try {
  const head = await loadTree("head", new URL("../", import.meta.url));
  const base = await loadTree(`base ${values.base}`, new URL(`file://${baseDir}/`));
  if (head.engine.tf !== base.engine.tf) {
    throw new Error("base and head trees loaded two tfjs instances; timings would not compare");
  }
  await head.engine.initBackend(values.backend!);
  // A head tree may split SIGReg's plain-JS pass over two threads, as the suite does; one
  // helper for every head run, so its worker's code is as warm as this thread's.
  const open = (head.objectives as Partial<typeof ObjectivesMod>).openEppsPulleyHelper;
  const headHelper = open && !noHelper ? open() : undefined;
  await base.engine.initBackend(values.backend!);
  console.log(
    `backend ${values.backend}, tfjs ${head.engine.tf.version_core} (one instance); ` +
      `base ${values.base} from ${baseDir}; ${repeats} interleaved repeats`,
  );
  for (const c of chosen) {
    const runs: Record<string, { rate: number; ms: number; cpu: number; data: number }[]> = {};
    for (let r = 0; r < repeats; r++) {
      // Alternate which tree goes first so drift in load favours neither.
      const order = r % 2 === 0 ? [base, head] : [head, base];
      for (const tree of order) {
        // The head replaces some stock wasm kernels in the shared tfjs instance;
        // the base runs on the stock ones, as it did at its commit.
        if (tree === base) {
          head.engine.restoreStockWasmKernels?.();
          head.engine.stopThreadedMatMul?.();
        } else {
          head.engine.installWasmKernels?.();
          if (!noHelper) await head.engine.startThreadedMatMul?.();
        }
        const spec = { ...c.spec, steps: c.warm + c.steps };
        const before = tree.engine.tensorMemory().numTensors;
        let cpuFrom = 0;
        let cpuTo = 0;
        const cpuNow = () => {
          const u = cpuUsage();
          return (u.user + u.system) / 1000;
        };
        const sampler = c.sampler(tree);
        const eppsPulley = tree === head ? headHelper : undefined;
        const res = await tree.train.trainLeJepa(spec, sampler, {
          eppsPulley,
          curveEvery: spec.steps,
          timedFrom: c.warm,
          onProgress: (done) => {
            if (done === c.warm) cpuFrom = cpuNow();
            if (done === spec.steps) cpuTo = cpuNow();
          },
        });
        sampler.close?.();
        res.encoder.dispose();
        // Trees since the layer matrices stay uploaded between steps free them here.
        (tree.world as { releaseCouplingWeights?: () => void }).releaseCouplingWeights?.();
        const leaked = tree.engine.tensorMemory().numTensors - before;
        if (leaked !== 0) console.warn(`warning: ${tree.label} left ${leaked} tensors`);
        const ms = res.trainSeconds * 1000 / res.timedSteps;
        (runs[tree.label] ??= []).push({
          rate: res.timedSteps / res.trainSeconds,
          ms,
          cpu: (cpuTo - cpuFrom) / c.steps,
          data: (res.phaseMs.data ?? 0) / ms,
        });
      }
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    };
    const summary = [base, head].map((t) => {
      const rs = runs[t.label];
      return {
        label: t.label,
        rate: median(rs.map((x) => x.rate)),
        ms: median(rs.map((x) => x.ms)),
        cpu: median(rs.map((x) => x.cpu)),
        data: median(rs.map((x) => x.data)),
        all: rs.map((x) => x.rate.toFixed(2)).join(" "),
      };
    });
    console.log(`\n${c.name}: ${c.steps} timed steps after ${c.warm} warm-up`);
    for (const s of summary) {
      console.log(
        `  ${s.label.padEnd(12)} ${s.rate.toFixed(2).padStart(7)} steps/s  ` +
          `${s.ms.toFixed(1).padStart(7)} ms/step  ${
            s.cpu.toFixed(1).padStart(7)
          } CPU ms/step  data ${(s.data * 100).toFixed(1)} %  ` +
          `(runs: ${s.all})`,
      );
    }
    console.log(
      `  ratio head/base: steps/s ${(summary[1].rate / summary[0].rate).toFixed(3)}, ` +
        `CPU time per step base/head ${(summary[0].cpu / summary[1].cpu).toFixed(3)}`,
    );
  }
  headHelper?.close();
  head.engine.stopThreadedMatMul?.();
} finally {
  await Deno.remove(baseDir, { recursive: true });
}
