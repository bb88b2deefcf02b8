/**
 * The paper's own results side by side: one result file of the paper's
 * PyTorch code (github.com/klindtlab/lejepa-identifiability,
 * `experiments/run.py`) as a jepa-bench {@link RunDocument} — a public
 * submission (`tags.entry`, `tags.submitter`) of the identifiability suite
 * whose one record sits on the case id jepa-bench gives the same settings.
 * Field by field mapping: `klindt_fields.ts`.
 *
 * An honest header. `env.backend` is `"external"` (the record format's
 * marker for results computed outside jepa-bench; `tags.implementation`
 * names what computed them), the jepa-bench tool versions are `"n/a"` and the
 * machine `"unknown"` (run.py records neither). The profile is the name of
 * the jepa-bench profile that has this case with every parameter equal and
 * this seed, else `"external"`. run.py records no start time or wall time:
 * both timestamps are `finishedAt` (the caller passes the file's modification
 * time), `timing.wallMs` is 0 and `timing.stepsPerSec` null; `timing.steps`
 * is `steps + 1`, the updates run.py takes (the last at learning rate 0).
 * The flag `procrustes_within_bound` is `procrustes_mse <= approx_bound`, as
 * jepa-bench computes it; `collapsed` and `effective_rank` need the
 * embeddings, which the file does not hold, so they are absent.
 *
 * The run id is `klindt-` and a hash of the file's content, so importing the
 * same file twice is a no-op. Pure functions: the suite's case builder and
 * profiles are passed in (src/core does not import src/suites).
 *
 * @module
 */
import type { CaseSpec, Profile } from "../suite.ts";
import type { CompletedResult, Curve, ParamValue, RunDocument, RunHeader } from "./record.ts";
import { configHash } from "../runner/expand.ts";
import { canonicalHash } from "../canonical.ts";
import { CURVE_NAMES, METRIC_NAMES, paperCaseParams, unknownFields } from "./klindt_fields.ts";
import { EXTERNAL_BACKEND } from "./document_rules.ts";

/**
 * Default entry name of the paper code's results; each run's entry is `<name> · <objective>`.
 *
 * @example
 * ```ts
 * import { KLINDT_ENTRY } from "./klindt.ts";
 * console.log(KLINDT_ENTRY); // "paper code (PyTorch)"
 * ```
 */
export const KLINDT_ENTRY = "paper code (PyTorch)";

/**
 * The profile of results whose settings match no jepa-bench profile.
 *
 * @example
 * ```ts
 * import { EXTERNAL_PROFILE } from "./klindt.ts";
 * console.log(EXTERNAL_PROFILE); // "external"
 * ```
 */
export const EXTERNAL_PROFILE = "external";

/**
 * What the mapper needs of the identifiability suite: its id and version,
 * its case builder (`identifiabilityCase`) and its profiles.
 *
 * @example
 * ```ts
 * import type { KlindtSuite } from "./klindt.ts";
 * const s: KlindtSuite = {
 *   id: "identifiability", version: 2, profiles: [],
 *   caseOf: (p) => ({ id: "spiral/gaussian/N2/sigreg/mlp", params: p }),
 * };
 * ```
 */
export interface KlindtSuite {
  id: string;
  version: number;
  caseOf(params: Record<string, ParamValue>): CaseSpec;
  profiles: readonly Pick<Profile, "name" | "seeds" | "cases">[];
}

/**
 * Options of {@link klindtDocument}.
 *
 * @example
 * ```ts
 * import type { KlindtOptions } from "./klindt.ts";
 * const o: KlindtOptions = {
 *   source: "spiral_lejepa_seed=1337.json", submitter: "ada", finishedAt: "2026-05-01T12:00:00Z",
 * };
 * ```
 */
export interface KlindtOptions {
  /** The file's name: error messages start with it; kept in `tags.file`. */
  source: string;
  /** Who ran the paper code (`tags.submitter`). */
  submitter: string;
  /** The entry's name on the dashboard (default {@link KLINDT_ENTRY}). */
  entry?: string;
  /** When the run finished (ISO-8601), e.g. the file's modification time. */
  finishedAt: string;
  /** Keep fields run.py does not write (in tags, or as curves in `log`) instead of refusing. */
  allowUnknown?: boolean;
}

/**
 * A mapped result file: its document and where its record landed.
 *
 * @example
 * ```ts
 * import type { KlindtImport } from "./klindt.ts";
 * declare const m: KlindtImport;
 * console.log(m.caseId, m.seed, m.profile, m.profileNote);
 * ```
 */
export interface KlindtImport {
  document: RunDocument;
  caseId: string;
  seed: number;
  profile: string;
  /** Why the profile is what it is, e.g. `profile "paper" differs: steps 300 (profile: 20000)`. */
  profileNote: string;
}

/**
 * Parse a result file's text. Python's `json.dump` writes non-finite numbers
 * as `NaN`, `Infinity` and `-Infinity`, which JSON has not: they become
 * `null` (jepa-bench's encoding of a non-finite metric). Throws a
 * SyntaxError naming `source` for anything else that is not JSON, and a
 * TypeError when the top level is not an object.
 *
 * @example
 * ```ts
 * import { parsePaperJson } from "./klindt.ts";
 * console.log(parsePaperJson('{"r2_hz": NaN, "log": {"r2_hz": [0.1, -Infinity]}}', "a.json"));
 * // { r2_hz: null, log: { r2_hz: [0.1, null] } }
 * ```
 */
export function parsePaperJson(text: string, source: string): Record<string, unknown> {
  // Outside strings only: a token NaN/Infinity after ':' '[' or ',' and before ',' ']' '}'.
  const fixed = text.replace(
    /("(?:[^"\\]|\\.)*")|([:\[,]\s*)(?:NaN|-?Infinity)(?=\s*[,\]}])/g,
    (m, str, pre) => str !== undefined ? m : `${pre}null`,
  );
  let data: unknown;
  try {
    data = JSON.parse(fixed);
  } catch (e) {
    throw new SyntaxError(`${source}: not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TypeError(
      `${source}: expected one run.py result object, got ${
        Array.isArray(data) ? "an array" : JSON.stringify(data)
      }`,
    );
  }
  return data as Record<string, unknown>;
}

function paramDifferences(
  mine: Record<string, ParamValue>,
  theirs: Record<string, ParamValue>,
): string[] {
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
  const show = (v: ParamValue | undefined) => v === undefined ? "none" : JSON.stringify(v);
  return keys.filter((k) => mine[k] !== theirs[k]).map((k) =>
    `${k} ${show(mine[k])} (profile: ${show(theirs[k])})`
  );
}

/**
 * The jepa-bench profile with this case id, equal parameters and this seed,
 * or {@link EXTERNAL_PROFILE} with a note on the differences from the nearest
 * profile, e.g. `profile "paper" differs: steps 300 (profile: 20000)`.
 *
 * @example
 * ```ts
 * import { matchProfile } from "./klindt.ts";
 * const c = { id: "a", params: { steps: 300 } };
 * const profiles = [{ name: "smoke", seeds: [1], cases: [{ id: "a", params: { steps: 300 } }] }];
 * console.log(matchProfile(c, 1, profiles).profile); // "smoke"
 * console.log(matchProfile(c, 2, profiles).profile); // "external"
 * ```
 */
export function matchProfile(
  spec: CaseSpec,
  seed: number,
  profiles: KlindtSuite["profiles"],
): { profile: string; note: string } {
  const near: string[] = [];
  for (const prof of profiles) {
    const other = prof.cases.find((c) => c.id === spec.id);
    if (other === undefined) continue;
    const diff = paramDifferences(spec.params, other.params);
    if (!prof.seeds.includes(seed)) diff.push(`seed ${seed} (not among the profile's seeds)`);
    if (diff.length === 0) {
      return { profile: prof.name, note: `every parameter as in "${prof.name}"` };
    }
    near.push(`profile "${prof.name}" differs: ${diff.join(", ")}`);
  }
  const note = near.length === 0
    ? `no jepa-bench profile has case "${spec.id}"`
    : near.sort((a, b) => a.split(", ").length - b.split(", ").length)[0];
  return { profile: EXTERNAL_PROFILE, note };
}

function metricsOf(file: Record<string, unknown>, source: string): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [paper, name] of Object.entries(METRIC_NAMES)) {
    if (!(paper in file)) continue;
    const v = file[paper];
    if (v === null) metrics[name] = NaN;
    else if (typeof v === "number") metrics[name] = v;
    else throw new TypeError(`${source}: field '${paper}' is ${JSON.stringify(v)}, not a number`);
  }
  if (!("r2_hz" in metrics)) throw new TypeError(`${source}: field 'r2_hz' is missing`);
  return metrics;
}

function curvesOf(
  file: Record<string, unknown>,
  source: string,
  allowUnknown: boolean,
): Record<string, Curve> {
  const log = file.log;
  if (log === undefined) return {};
  const bad = (msg: string) => new TypeError(`${source}: field 'log' ${msg}`);
  if (typeof log !== "object" || log === null || Array.isArray(log)) throw bad("is not an object");
  const l = log as Record<string, unknown>;
  const steps = l.step;
  if (!Array.isArray(steps) || !steps.every((s) => Number.isFinite(s))) {
    throw bad("has no list of numbers 'step'");
  }
  const unknown = Object.keys(l).filter((k) => k !== "step" && !(k in CURVE_NAMES)).sort();
  if (unknown.length > 0 && !allowUnknown) {
    throw new TypeError(
      `${source}: field${unknown.length > 1 ? "s" : ""} ${
        unknown.map((k) => `'log.${k}'`).join(", ")
      } ${unknown.length > 1 ? "are" : "is"} not known; --allow-unknown to keep them as curves`,
    );
  }
  const curves: Record<string, Curve> = {};
  for (const [k, values] of Object.entries(l)) {
    if (k === "step") continue;
    if (!Array.isArray(values) || values.length !== steps.length) {
      throw bad(`'${k}' is not a list of ${steps.length} values (one per step)`);
    }
    curves[CURVE_NAMES[k] ?? k] = values.map((v, i) => {
      if (v !== null && typeof v !== "number") throw bad(`'${k}'[${i}] is not a number`);
      return [steps[i] as number, v === null ? NaN : v];
    });
  }
  return curves;
}

/**
 * Map one parsed result file of `run.py` onto a jepa-bench run document.
 * Throws a TypeError starting with `options.source` when the file has fields
 * run.py does not write (unless `allowUnknown`: they are kept in
 * `tags["paper.<field>"]` as JSON), when a setting has no jepa-bench
 * counterpart (all such settings listed), or when a metric is not a number.
 *
 * @example
 * ```ts
 * import { klindtDocument, parsePaperJson } from "./klindt.ts";
 * const text = await Deno.readTextFile("test/fixtures/klindt/spiral_lejepa_seed=1337.json");
 * const suite = { // in the CLI: identifiabilityCase and the profiles of src/suites/identifiability.ts
 *   id: "identifiability", version: 2, profiles: [],
 *   caseOf: (p: Record<string, string | number | boolean>) => ({ id: `${p.mixing}/${p.law}`, params: p }),
 * };
 * const m = await klindtDocument(parsePaperJson(text, "spiral.json"), suite, {
 *   source: "spiral.json", submitter: "ada", finishedAt: "2026-05-01T12:00:00Z",
 * });
 * console.log(m.caseId, m.profile); // "spiral/gaussian" "external"
 * ```
 */
export async function klindtDocument(
  file: Record<string, unknown>,
  suite: KlindtSuite,
  options: KlindtOptions,
): Promise<KlindtImport> {
  const { source } = options;
  const unknown = unknownFields(file);
  if (unknown.length > 0 && !options.allowUnknown) {
    const many = unknown.length > 1;
    throw new TypeError(
      `${source}: field${many ? "s" : ""} ${unknown.map((k) => `'${k}'`).join(", ")} ${
        many ? "are" : "is"
      } not known; --allow-unknown to keep ${many ? "them" : "it"} in tags`,
    );
  }
  const params = paperCaseParams(file, source);
  const K = typeof file.K === "number" ? file.K : 1;
  const spec = suite.caseOf(params);
  const caseParams = { ...spec.params, ...(K > 1 ? { select_best_of: K } : {}) };
  const seed = file.seed as number;
  const { profile, note } = matchProfile({ id: spec.id, params: caseParams }, seed, suite.profiles);
  const metrics = metricsOf(file, source);
  const curves = curvesOf(file, source, options.allowUnknown === true);
  const flags: Record<string, boolean> = {};
  if (Number.isFinite(metrics.procrustes_mse) && Number.isFinite(metrics.approx_bound)) {
    flags.procrustes_within_bound = metrics.procrustes_mse <= metrics.approx_bound;
  }
  const runId = `klindt-${(await canonicalHash(file)).slice(0, 20)}`;
  const when = new Date(options.finishedAt).toISOString();
  const tags: Record<string, string> = {
    // One entry per objective: the paper code's SIGReg and whitening runs of one case are the
    // same task (the analysis layer strips the objective from the case id), never one entry.
    entry: `${options.entry ?? KLINDT_ENTRY} · ${String(spec.params.objective)}`,
    submitter: options.submitter,
    implementation: "pytorch",
    source: "github.com/klindtlab/lejepa-identifiability experiments/run.py",
    file: source.replace(/^.*[\\/]/, ""),
    times: "run.py records no start or wall time; both timestamps are the file's modification time",
    profile_note: note,
  };
  for (const k of ["experiment", "run_name"]) {
    if (typeof file[k] === "string") tags[`paper.${k}`] = file[k] as string;
  }
  for (const k of unknown) tags[`paper.${k}`] = JSON.stringify(file[k]) ?? "undefined";
  const header: RunHeader = {
    schemaVersion: 1,
    runId,
    suite: { id: suite.id, version: suite.version },
    profile,
    configHash: await configHash({
      suite: suite.id,
      version: suite.version,
      profile,
      cases: [{ id: spec.id, params: caseParams }],
      seeds: [seed],
      backend: EXTERNAL_BACKEND,
    }),
    seeds: [seed],
    git: { commit: null, dirty: null, branch: null },
    env: {
      deno: "n/a",
      v8: "n/a",
      typescript: "n/a",
      tfjs: "n/a",
      backend: EXTERNAL_BACKEND,
      os: "unknown",
      arch: "unknown",
      cpu: "unknown",
      cpuCount: 0,
      gpu: "unknown",
    },
    startedAt: when,
    finishedAt: when,
    tags,
  };
  const record: CompletedResult = {
    schemaVersion: 1,
    runId,
    suite: suite.id,
    suiteVersion: suite.version,
    profile,
    backend: EXTERNAL_BACKEND,
    caseId: spec.id,
    params: caseParams,
    seed,
    startedAt: when,
    finishedAt: when,
    timing: {
      wallMs: 0,
      steps: (params.steps as number) + 1,
      stepsPerSec: null,
      peakRssBytes: null,
      peakTensorBytes: null,
    },
    status: "completed",
    metrics,
    curves,
    flags,
  };
  return {
    document: { schemaVersion: 1, header, records: [record] },
    caseId: spec.id,
    seed,
    profile,
    profileNote: note,
  };
}
