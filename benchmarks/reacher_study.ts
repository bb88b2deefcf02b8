/**
 * The pixel-reacher study (issue 13): trains the SIGReg JEPA on the rendered
 * two-link arm (SPEC section 2, `src/core/world/reacher.ts`) with the
 * project's trainer, objective and CNN encoder, and measures R2(h->z) — the
 * project's metric, z the two joint angles in radians — on held-out latents
 * at checkpoints, for each OU correlation rho asked for.
 *
 * Besides R2(h->z) every checkpoint records the per-joint R2 and, as in the
 * paper code's `final_eval`, R2 of [sin z, cos z] on h (a diagnostic only).
 *
 * Usage: deno run -A benchmarks/reacher_study.ts [--rho 0.9,0.95,0.99]
 *   [--steps 2000] [--every 250] [--seed 1337] [--out docs/reacher_study]
 *   [--batch 128] [--lr 3e-3] [--lambda 1e-3] [--weight-decay 0.01] [--slices 256]
 *   [--size 32] [--channels 16,32,32] [--hidden 128] [--pair views|anchor]
 *   [--eval-size 2000] [--backend wasm] [--angle-scale 1]
 *
 * `--pair views` (default, what the suites do) trains on two independent OU
 * steps of the same z; `--pair anchor` on (z, one OU step of z), the pairs of
 * the paper code's `prerender.py` (views correlated rho rather than rho^2).
 * `--angle-scale s` (a diagnostic, not the SPEC's world) draws the arm at
 * angles `s * z`. `--out P` writes `P.json` and `P.md` (after every rho).
 * Same flags and seed, same numbers on a given backend.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend } from "../src/core/engine/mod.ts";
import { trainLeJepa, type TrainSpec } from "../src/core/train/mod.ts";
import { ouStep, renderReacher, sampleLatents, sampleViews } from "../src/core/world/mod.ts";
import { r2Pooled } from "../src/core/metrics/mod.ts";
import { Rng } from "../src/core/random.ts";
import { knnR2 } from "./reacher_knn.ts";

export { knnR2 };

/**
 * How the two training views are drawn from a latent z: "views", two
 * independent OU steps of z (the suites); "anchor", z itself and one OU step
 * of it (the paper code).
 *
 * @example
 * ```ts
 * import type { PairKind } from "./reacher_study.ts";
 * const paper: PairKind = "anchor";
 * ```
 */
export type PairKind = "views" | "anchor";

/**
 * Everything one study invocation is made of (the flags, parsed).
 *
 * @example
 * ```ts
 * import { parseStudyArgs, type StudyOptions } from "./reacher_study.ts";
 * const o: StudyOptions = parseStudyArgs(["--rho", "0.99"]);
 * ```
 */
export interface StudyOptions {
  rhos: number[];
  steps: number;
  every: number;
  seed: number;
  out: string | null;
  batch: number;
  lr: number;
  lambda: number;
  weightDecay: number;
  slices: number;
  size: number;
  channels: number[] | null;
  hidden: number;
  pair: PairKind;
  evalSize: number;
  backend: string;
  /**
   * Diagnostic only: the arm is drawn at angles `angleScale * z` (1, the SPEC's
   * "angles = z", by default). Below about 0.5 the angles never wrap, so the
   * image is no longer 2 pi-periodic in z.
   */
  angleScale: number;
}

/**
 * One checkpoint of a run, measured on the held-out latents.
 *
 * @example
 * ```ts
 * import type { Checkpoint } from "./reacher_study.ts";
 * const elbow = (c: Checkpoint) => c.r2_joint[1];
 * ```
 */
export interface Checkpoint {
  /** Training steps done when it was taken (1, every + 1, 2 every + 1, ..., steps). */
  step: number;
  /** The project's pooled R2(h->z), z the joint angles in radians. */
  r2_hz: number;
  /** R2 of each joint angle on [h, 1]. */
  r2_joint: [number, number];
  /** R2 of (sin z0, cos z0, sin z1, cos z1) on [h, 1] (paper code's diagnostic). */
  r2_sincos: number;
  /** Leave-one-out kNN R2 of each joint from h (diagnostic: is z in h at all?). */
  r2_knn: [number, number];
  align: number;
  reg: number;
}

/**
 * One rho's run: its checkpoints and timings.
 *
 * @example
 * ```ts
 * import type { StudyRun } from "./reacher_study.ts";
 * const last = (r: StudyRun) => r.checkpoints[r.checkpoints.length - 1].r2_hz;
 * ```
 */
export interface StudyRun {
  rho: number;
  checkpoints: Checkpoint[];
  stepsPerSecond: number;
  trainSeconds: number;
  wallSeconds: number;
  /** Mean milliseconds per step of each training phase (from the trainer). */
  phaseMs: Record<string, number>;
}

const INT_FLAGS = ["steps", "every", "seed", "batch", "slices", "size", "hidden", "eval-size"];
const NUM_FLAGS = ["lr", "lambda", "weight-decay", "angle-scale"];

function parseNumber(flag: string, text: string, integer: boolean): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new RangeError(`--${flag} must be ${integer ? "an integer" : "a number"}, got "${text}"`);
  }
  return v;
}

/**
 * Parse the study's command line (see the module doc); RangeError with a
 * one-line message on bad input.
 *
 * @example
 * ```ts
 * import { parseStudyArgs } from "./reacher_study.ts";
 * const o = parseStudyArgs(["--rho", "0.99", "--steps", "500"]);
 * console.assert(o.rhos[0] === 0.99 && o.steps === 500 && o.every === 250);
 * ```
 */
export function parseStudyArgs(args: string[]): StudyOptions {
  const strings = Object.fromEntries(
    [...INT_FLAGS, ...NUM_FLAGS, "rho", "out", "channels", "pair", "backend"].map((k) => [
      k,
      { type: "string" as const },
    ]),
  );
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({ args, options: strings, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (e) {
    throw new RangeError((e as Error).message.split("\n")[0]);
  }
  const int = (k: string, d: number) =>
    values[k] === undefined ? d : parseNumber(k, values[k]!, true);
  const num = (k: string, d: number) =>
    values[k] === undefined ? d : parseNumber(k, values[k]!, false);
  const rhos = (values.rho ?? "0.9,0.95,0.99").split(",").map((s) => parseNumber("rho", s, false));
  if (!rhos.every((r) => r > 0 && r < 1)) {
    throw new RangeError(`--rho values must lie in (0, 1), got ${values.rho}`);
  }
  const o: StudyOptions = {
    rhos,
    steps: int("steps", 2000),
    every: int("every", 250),
    seed: int("seed", 1337),
    out: values.out ?? null,
    batch: int("batch", 128),
    lr: num("lr", 3e-3),
    lambda: num("lambda", 1e-3),
    weightDecay: num("weight-decay", 0.01),
    slices: int("slices", 256),
    size: int("size", 32),
    channels: values.channels === undefined
      ? null
      : values.channels.split(",").map((s) => parseNumber("channels", s, true)),
    hidden: int("hidden", 128),
    pair: (values.pair ?? "views") as PairKind,
    evalSize: int("eval-size", 2000),
    backend: values.backend ?? "wasm",
    angleScale: num("angle-scale", 1),
  };
  for (const k of ["steps", "every", "batch", "slices", "hidden"] as const) {
    if (o[k] < 1) throw new RangeError(`--${k} must be positive, got ${o[k]}`);
  }
  if (!(o.angleScale > 0)) {
    throw new RangeError(`--angle-scale must be positive, got ${o.angleScale}`);
  }
  if (o.evalSize < 10) throw new RangeError(`--eval-size must be at least 10, got ${o.evalSize}`);
  if (o.pair !== "views" && o.pair !== "anchor") {
    throw new RangeError(`--pair must be "views" or "anchor", got "${o.pair}"`);
  }
  return o;
}

/** The two training views of `z` (n x 2) at correlation rho. */
function pairOf(o: StudyOptions, z: Float64Array, rho: number, rng: Rng): Float64Array[] {
  const law = { kind: "gaussian" } as const;
  if (o.pair === "anchor") return [z, ouStep(z, o.batch, 2, rho, law, "gaussian", rng)];
  return sampleViews(z, o.batch, 2, 2, rho, law, "gaussian", rng);
}

/** R2 metrics of encodings `h` against latents `z` (both n x 2). */
function probe(z: Float64Array, h: Float64Array, n: number) {
  const joint = (j: number) => r2Pooled(h, z.filter((_, i) => i % 2 === j), n, 2, 1);
  const sc = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 2; j++) {
      sc[4 * i + 2 * j] = Math.sin(z[2 * i + j]);
      sc[4 * i + 2 * j + 1] = Math.cos(z[2 * i + j]);
    }
  }
  return {
    r2_hz: r2Pooled(h, z, n, 2, 2),
    r2_joint: [joint(0), joint(1)] as [number, number],
    r2_sincos: r2Pooled(h, sc, n, 2, 4),
    r2_knn: knnR2(z, h, n),
  };
}

/**
 * Train on the reacher at correlation `rho` and probe R2 every `o.every`
 * steps (and at the last) on `o.evalSize` held-out Gaussian latents
 * (`new Rng(seed, "eval")`, never used for training).
 *
 * @example
 * ```ts
 * import { parseStudyArgs, studyRun } from "./reacher_study.ts";
 * import { initBackend } from "../src/core/engine/mod.ts";
 * await initBackend("wasm");
 * const o = parseStudyArgs(["--steps", "4", "--every", "2", "--size", "8", "--batch", "8",
 *   "--eval-size", "16", "--hidden", "8", "--slices", "8"]);
 * const run = await studyRun(o, 0.99);
 * console.assert(run.checkpoints.length === 3);
 * ```
 */
export async function studyRun(
  o: StudyOptions,
  rho: number,
  log: (line: string) => void = () => {},
): Promise<StudyRun> {
  const t0 = performance.now();
  const n = o.evalSize;
  const zEval = sampleLatents({ kind: "gaussian" }, n, 2, new Rng(o.seed, "eval").split("z"));
  const draw = (z: Float64Array, rows: number) =>
    renderReacher(o.angleScale === 1 ? z : z.map((v) => v * o.angleScale), rows, o.size);
  const xEval = draw(zEval, n);
  const spec: TrainSpec = {
    inputDim: o.size * o.size,
    latentDim: 2,
    encoder: {
      kind: "cnn",
      size: o.size,
      hidden: o.hidden,
      ...(o.channels ? { channels: o.channels } : {}),
    },
    regulariser: "sigreg",
    lambda: o.lambda,
    steps: o.steps,
    batch: o.batch,
    views: 2,
    lr: o.lr,
    weightDecay: o.weightDecay,
    slices: o.slices,
    seed: o.seed,
  };
  const sample = (step: number) => {
    const rng = new Rng(o.seed, "data", step);
    const z = sampleLatents({ kind: "gaussian" }, o.batch, 2, rng.split("z"));
    return pairOf(o, z, rho, rng.split("views")).map((v) => Float32Array.from(draw(v, o.batch)));
  };
  const res = await trainLeJepa(spec, sample, {
    curveEvery: o.every,
    evaluate: async (enc) => {
      const p = probe(zEval, await enc.encode(xEval, n), n);
      log(
        `rho ${rho} R2(h->z) ${p.r2_hz.toFixed(4)} joints ${
          p.r2_joint.map((v) => v.toFixed(3)).join("/")
        } sincos ${p.r2_sincos.toFixed(3)} knn ${p.r2_knn.map((v) => v.toFixed(3)).join("/")} (${
          ((performance.now() - t0) / 1000).toFixed(0)
        } s)`,
      );
      return {
        r2_hz: p.r2_hz,
        r2_j0: p.r2_joint[0],
        r2_j1: p.r2_joint[1],
        r2_sc: p.r2_sincos,
        knn_j0: p.r2_knn[0],
        knn_j1: p.r2_knn[1],
      };
    },
  });
  res.encoder.dispose();
  const c = res.curves;
  const checkpoints: Checkpoint[] = c.r2_hz.map(([step, r2], i) => ({
    step: step + 1,
    r2_hz: r2,
    r2_joint: [c.r2_j0[i][1], c.r2_j1[i][1]],
    r2_sincos: c.r2_sc[i][1],
    r2_knn: [c.knn_j0[i][1], c.knn_j1[i][1]],
    align: c.align[i][1],
    reg: c.reg[i][1],
  }));
  return {
    rho,
    checkpoints,
    stepsPerSecond: res.steps / res.trainSeconds,
    trainSeconds: res.trainSeconds,
    wallSeconds: (performance.now() - t0) / 1000,
    phaseMs: res.phaseMs,
  };
}

/**
 * The Markdown table: one row per checkpoint step, one R2(h->z) column per
 * rho, then steps/s and wall time per rho.
 *
 * @example
 * ```ts
 * import { studyMarkdown } from "./reacher_study.ts";
 * console.log(studyMarkdown([]).split("\n")[0]); // "| step |"
 * ```
 */
export function studyMarkdown(runs: readonly StudyRun[]): string {
  const head = ["step", ...runs.map((r) => `rho ${r.rho} R2(h->z)`)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  const steps = [...new Set(runs.flatMap((r) => r.checkpoints.map((c) => c.step)))]
    .sort((a, b) => a - b);
  for (const s of steps) {
    const cols = runs.map((r) => r.checkpoints.find((c) => c.step === s)?.r2_hz.toFixed(3) ?? "-");
    lines.push(`| ${s} | ${cols.join(" | ")} |`);
  }
  lines.push(`| steps/s | ${runs.map((r) => r.stepsPerSecond.toFixed(2)).join(" | ")} |`);
  lines.push(`| wall s | ${runs.map((r) => r.wallSeconds.toFixed(0)).join(" | ")} |`);
  return lines.join("\n");
}

if (import.meta.main) {
  let o: StudyOptions;
  try {
    o = parseStudyArgs(Deno.args);
  } catch (e) {
    console.error(`reacher_study: ${(e as Error).message}`);
    Deno.exit(2);
  }
  await initBackend(o.backend);
  const runs: StudyRun[] = [];
  for (const rho of o.rhos) {
    let run: StudyRun;
    try {
      run = await studyRun(o, rho, console.log);
    } catch (e) {
      // A bad encoder shape (--size, --channels) is reported by the model as a RangeError.
      if (!(e instanceof RangeError)) throw e;
      console.error(`reacher_study: ${e.message}`);
      Deno.exit(2);
    }
    const phases = Object.entries(run.phaseMs).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ");
    console.log(
      `rho ${rho}: ${run.stepsPerSecond.toFixed(2)} steps/s, ${
        run.wallSeconds.toFixed(0)
      } s wall; ms/step ${phases}`,
    );
    runs.push(run);
    // Written after every rho, so a long study that is cut short keeps its finished runs.
    if (o.out) {
      const { out, ...options } = o;
      await Deno.writeTextFile(`${out}.json`, JSON.stringify({ options, runs }, null, 2) + "\n");
      await Deno.writeTextFile(`${out}.md`, studyMarkdown(runs) + "\n");
    }
  }
  console.log(studyMarkdown(runs));
}
