/**
 * The fields of one result file of the paper's own code
 * (github.com/klindtlab/lejepa-identifiability, `experiments/run.py`, which
 * writes `<run_name>_seed=<seed>.json` per run) and how each maps onto
 * jepa-bench's identifiability case parameters and metric names.
 *
 * Settings: `mixing` (`nvp` is the coupling mixing), `source_dist` and
 * `source_alpha` (the latent law), `N`, `mode` (`lejepa` is SIGReg, `whiten`
 * whitening, `infonce` InfoNCE alone, i.e. lambda = 1), `lamb`, `encoder`
 * (`matched` is the coupling encoder), `hidden` (MLP width), `n_layers`
 * (coupling layers), `steps`, `batch_size`, `lr`, `rho`; `K` > 1 (the scaling
 * experiment keeps the best of K encoders by final loss) is kept as the
 * parameter `select_best_of`, which no jepa-bench profile has.
 * Metrics keep the reference code's names, which jepa-bench uses too; the 2D
 * grid metrics `*_grid` become `grid_*` (`r2_hz_grid` is `grid_r2_hz`).
 *
 * @module
 */
import type { ParamValue } from "./record.ts";
import { lawName, parseLaw } from "../world/laws.ts";

/**
 * Settings the paper's code fixes (not in its output) at commit de7503f: MLP
 * depth 4 (`make_mlp_encoder`), SIGReg with 256 slices, AdamW's default weight
 * decay 0.01, OU noise from the latent law ("same"), and `num_eval` 10 000 in
 * every config.
 *
 * @example
 * ```ts
 * import { PAPER_FIXED } from "./klindt_fields.ts";
 * console.log(PAPER_FIXED.slices); // 256
 * ```
 */
export const PAPER_FIXED = {
  depth: 4,
  slices: 256,
  weightDecay: 0.01,
  noise: "same",
  evalSize: 10_000,
} as const;

/** Identity and setting fields of a result file. */
const SETTING_FIELDS = [
  "experiment",
  "run_name",
  "mixing",
  "encoder",
  "mode",
  "source_dist",
  "source_alpha",
  "seed",
  "N",
  "lamb",
  "rho",
  "lr",
  "steps",
  "batch_size",
  "n_layers",
  "hidden",
  "K",
] as const;

/**
 * The paper's metric names and the jepa-bench name each is stored under.
 *
 * @example
 * ```ts
 * import { METRIC_NAMES } from "./klindt_fields.ts";
 * console.log(METRIC_NAMES.r2_hz_grid); // "grid_r2_hz"
 * ```
 */
export const METRIC_NAMES: Readonly<Record<string, string>> = {
  r2_zx: "r2_zx",
  r2_xz: "r2_xz",
  r2_zh: "r2_zh",
  r2_hz: "r2_hz",
  orth_err: "orth_err",
  orth_err_normalized: "orth_err_normalized",
  epsilon: "epsilon",
  delta: "delta",
  D_bound: "D_bound",
  approx_bound: "approx_bound",
  procrustes_mse: "procrustes_mse",
  L_h: "L_h",
  trace_cov: "trace_cov",
  r2_zh_grid: "grid_r2_zh",
  r2_hz_grid: "grid_r2_hz",
  orth_err_grid: "grid_orth_err",
  orth_err_normalized_grid: "grid_orth_err_normalized",
  final_align: "final_align",
  final_sigreg: "final_sigreg",
  final_whiten: "final_whiten",
  final_loss: "final_loss",
};

/**
 * The curves of the file's `log` and their jepa-bench names (`step` is the x axis).
 *
 * @example
 * ```ts
 * import { CURVE_NAMES } from "./klindt_fields.ts";
 * console.log(CURVE_NAMES.total); // "loss"
 * ```
 */
export const CURVE_NAMES: Readonly<Record<string, string>> = {
  lr: "lr",
  align: "align",
  sigreg: "sigreg",
  whiten: "whiten",
  total: "loss",
  r2_zx: "r2_zx",
  r2_xz: "r2_xz",
  r2_zh: "r2_zh",
  r2_hz: "r2_hz",
  orth_err: "orth_err",
  orth_err_normalized: "orth_err_normalized",
  epsilon: "epsilon",
  delta: "delta",
  D_bound: "D_bound",
  approx_bound: "approx_bound",
  procrustes_mse: "procrustes_mse",
  L_h: "L_h",
  trace_cov: "trace_cov",
};

/**
 * Every top-level field a result file of `run.py` has.
 *
 * @example
 * ```ts
 * import { KNOWN_FIELDS } from "./klindt_fields.ts";
 * console.log(KNOWN_FIELDS.has("r2_hz_grid"), KNOWN_FIELDS.has("foo")); // true false
 * ```
 */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  ...SETTING_FIELDS,
  ...Object.keys(METRIC_NAMES),
  "log",
]);

const MIXINGS: Readonly<Record<string, string>> = {
  spiral: "spiral",
  banana: "banana",
  sinusoid: "sinusoid",
  nvp: "coupling",
  coupling: "coupling",
};
const OBJECTIVES: Readonly<Record<string, string>> = {
  lejepa: "sigreg",
  whiten: "whitening",
  infonce: "infonce",
};
const ENCODERS: Readonly<Record<string, string>> = { mlp: "mlp", matched: "coupling" };

type Obj = Record<string, unknown>;

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * The identifiability case parameters a result file's settings correspond to,
 * or a TypeError naming the file and listing every setting jepa-bench's
 * identifiability suite cannot express (one line).
 *
 * @example
 * ```ts
 * import { paperCaseParams } from "./klindt_fields.ts";
 * const p = paperCaseParams({
 *   mixing: "spiral", encoder: "mlp", mode: "lejepa", source_dist: "gaussian", source_alpha: null,
 *   seed: 1337, N: 2, lamb: 0.001, rho: 0.95, lr: 0.003, steps: 300, batch_size: 256,
 *   n_layers: 4, hidden: 256,
 * }, "spiral_lejepa_seed=1337.json");
 * console.log(p.objective, p.law, p.width); // "sigreg" "gaussian" 256
 * ```
 */
export function paperCaseParams(file: Obj, source: string): Record<string, ParamValue> {
  const bad: string[] = [];
  const need = (k: string, ok: (v: unknown) => boolean, what: string): boolean => {
    if (!(k in file)) bad.push(`${k} is missing`);
    else if (!ok(file[k])) bad.push(`${k} ${show(file[k])} (expected ${what})`);
    else return true;
    return false;
  };
  const isInt = (min: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= min;
  const isPos = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v > 0;
  const isName = (table: Obj) => (v: unknown) => typeof v === "string" && Object.hasOwn(table, v);
  const names = (table: Obj) => Object.keys(table).join(", ");
  const p: Record<string, ParamValue> = {};
  if (need("mixing", isName(MIXINGS), `one of ${names(MIXINGS)}`)) {
    p.mixing = MIXINGS[file.mixing as string];
  }
  if (need("N", isInt(1), "an integer >= 1")) p.dim = file.N as number;
  if (
    need(
      "source_dist",
      isName({ gaussian: 1, laplace: 1, gennorm: 1 }),
      "gaussian, laplace or gennorm",
    )
  ) {
    if (file.source_dist === "gennorm") {
      if (need("source_alpha", isPos, "a number > 0 for gennorm")) {
        p.law = lawName(parseLaw(`gennorm(${file.source_alpha})`));
      }
    } else p.law = lawName(parseLaw(file.source_dist as string));
  }
  if (need("mode", isName(OBJECTIVES), `one of ${names(OBJECTIVES)}`)) {
    p.objective = OBJECTIVES[file.mode as string];
    if (file.mode === "infonce") p.lambda = 1; // run.py's infonce mode is InfoNCE alone
    else if (need("lamb", (v) => typeof v === "number" && v >= 0 && v <= 1, "a number in [0, 1]")) {
      p.lambda = file.lamb as number;
    }
  }
  if (need("encoder", isName(ENCODERS), `one of ${names(ENCODERS)}`)) {
    p.encoder = ENCODERS[file.encoder as string];
  }
  const coupled = p.mixing === "coupling" || p.encoder === "coupling";
  if (coupled && need("n_layers", isInt(1), "an integer >= 1")) p.layers = file.n_layers as number;
  if (p.encoder === "mlp" && need("hidden", isInt(1), "an integer >= 1")) {
    p.width = file.hidden as number;
    p.depth = PAPER_FIXED.depth;
  }
  if (need("steps", isInt(1), "an integer >= 1")) p.steps = file.steps as number;
  if (need("batch_size", isInt(2), "an integer >= 2")) p.batch = file.batch_size as number;
  if (need("lr", isPos, "a number > 0")) p.lr = file.lr as number;
  if (need("rho", (v) => typeof v === "number" && v > 0 && v < 1, "a number in (0, 1)")) {
    p.rho = file.rho as number;
  }
  need("seed", isInt(0), "an integer >= 0");
  if (typeof p.dim === "number") {
    if (p.mixing !== undefined && p.mixing !== "coupling" && p.dim !== 2) {
      bad.push(`N ${p.dim} with mixing ${show(file.mixing)} (2D mixings need N = 2)`);
    }
    if (coupled && p.dim % 2 !== 0) bad.push(`N ${p.dim} with coupling layers (needs an even N)`);
  }
  if ("K" in file && !isInt(1)(file.K)) bad.push(`K ${show(file.K)} (expected an integer >= 1)`);
  if (bad.length > 0) {
    throw new TypeError(
      `${source}: settings jepa-bench's identifiability suite cannot express: ${bad.join("; ")}`,
    );
  }
  p.slices = PAPER_FIXED.slices;
  p.weightDecay = PAPER_FIXED.weightDecay;
  p.noise = PAPER_FIXED.noise;
  p.evalSize = PAPER_FIXED.evalSize;
  return p;
}

/**
 * The top-level fields of a result file that `run.py` does not write, sorted.
 *
 * @example
 * ```ts
 * import { unknownFields } from "./klindt_fields.ts";
 * console.log(unknownFields({ r2_hz: 0.9, foo: 1 })); // ["foo"]
 * ```
 */
export function unknownFields(file: Obj): string[] {
  return Object.keys(file).filter((k) => !KNOWN_FIELDS.has(k)).sort();
}
