/**
 * Baseline files: `baselines/<suite>@<version>/<profile>-<backend>.json`, a
 * {@link RunDocument} (so the dashboard and `import` read it as is) holding
 * the per-seed records of one run with its reproducibility header. The
 * header's tags mark it and carry the calibrated noise floors:
 *
 * - `baseline`: `<profile>-<backend>`; `baseline_source_run`: the run it came from
 * - `noise_floor:<metric>`: the noise floor of a metric (its units), from `check --calibrate`
 * - `noise_floor_seeds`, `noise_floor_run`: the fresh seeds and run that measured it
 *
 * @module
 */
import type { RunDocument } from "../store/record.ts";
import { validateRunDocument } from "../store/validate.ts";

/**
 * Default folder of the baseline files, relative to the working directory.
 *
 * @example
 * ```ts
 * import { DEFAULT_BASELINES_DIR } from "./baseline.ts";
 * console.log(DEFAULT_BASELINES_DIR); // "baselines"
 * ```
 */
export const DEFAULT_BASELINES_DIR = "baselines";

const FLOOR_PREFIX = "noise_floor:";

/**
 * Path of a baseline file.
 *
 * @example
 * ```ts
 * import { baselinePath } from "./baseline.ts";
 * console.log(baselinePath("baselines", "identifiability", 1, "ci", "wasm"));
 * // "baselines/identifiability@3/ci-wasm.json"
 * ```
 */
export function baselinePath(
  dir: string,
  suite: string,
  version: number,
  profile: string,
  backend: string,
): string {
  return `${dir.replace(/\/+$/, "")}/${suite}@${version}/${profile}-${backend}.json`;
}

/**
 * A baseline document from a finished run: the run's header and records under
 * the id `baseline-<runId>` (so it never collides with the run in a store),
 * tagged `baseline` and `baseline_source_run`. `floors` become
 * `noise_floor:<metric>` tags. Throws a TypeError for an unfinished run or
 * one without completed records.
 *
 * @example
 * ```ts
 * import { makeBaseline } from "./baseline.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const run: RunDocument;
 * const base = makeBaseline(run);
 * console.log(base.header.tags.baseline); // e.g. "ci-wasm"
 * ```
 */
export function makeBaseline(run: RunDocument, floors?: FloorInfo): RunDocument {
  const h = run.header;
  if (h.finishedAt === null) {
    throw new TypeError(
      `run ${h.runId} is unfinished: finish it (run --resume) before using it as a baseline`,
    );
  }
  if (h.tags.shard !== undefined) {
    throw new TypeError(`run ${h.runId} is shard ${h.tags.shard}: merge the shards first`);
  }
  if (!run.records.some((r) => r.status === "completed")) {
    throw new TypeError(`run ${h.runId} has no completed records`);
  }
  const source = h.tags.baseline_source_run ?? h.runId;
  const runId = h.runId.startsWith("baseline-") ? h.runId : `baseline-${h.runId}`;
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(h.tags)) {
    if (!k.startsWith(FLOOR_PREFIX) && k !== "noise_floor_seeds" && k !== "noise_floor_run") {
      tags[k] = v;
    }
  }
  tags.baseline = `${h.profile}-${h.env.backend}`;
  tags.baseline_source_run = source;
  if (floors !== undefined) {
    for (const [m, v] of Object.entries(floors.floors)) tags[FLOOR_PREFIX + m] = String(v);
    tags.noise_floor_seeds = floors.seeds.join(",");
    tags.noise_floor_run = floors.runId;
  }
  return {
    schemaVersion: 1,
    header: { ...h, runId, tags },
    records: run.records.map((r) => ({ ...r, runId })),
  };
}

/**
 * Calibrated noise floors of a baseline.
 *
 * @example
 * ```ts
 * import type { FloorInfo } from "./baseline.ts";
 * const f: FloorInfo = { floors: { r2_hz: 0.003 }, seeds: [2337, 2338, 2339], runId: "20261122T022831Z-204ab0" };
 * ```
 */
export interface FloorInfo {
  /** Metric name to noise floor (metric units, >= 0). */
  floors: Record<string, number>;
  /** The fresh seeds that measured them. */
  seeds: number[];
  /** The run on fresh seeds. */
  runId: string;
}

/**
 * The noise floors recorded in a baseline's tags, or null when it was never
 * calibrated.
 *
 * @example
 * ```ts
 * import { noiseFloors } from "./baseline.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const base: RunDocument;
 * const floors = noiseFloors(base)?.floors ?? {};
 * ```
 */
export function noiseFloors(doc: RunDocument): FloorInfo | null {
  const floors: Record<string, number> = {};
  for (const [k, v] of Object.entries(doc.header.tags)) {
    if (!k.startsWith(FLOOR_PREFIX)) continue;
    const x = Number(v);
    if (!Number.isFinite(x) || x < 0) {
      throw new TypeError(`baseline tag ${k} must be a number >= 0, got "${v}"`);
    }
    floors[k.slice(FLOOR_PREFIX.length)] = x;
  }
  if (Object.keys(floors).length === 0) return null;
  const seedsText = doc.header.tags.noise_floor_seeds ?? "";
  return {
    floors,
    seeds: seedsText === "" ? [] : seedsText.split(",").map(Number),
    runId: doc.header.tags.noise_floor_run ?? "",
  };
}

/**
 * Read and validate a baseline file; null when it does not exist. Throws a
 * TypeError naming the file for a file that is not a baseline run document.
 *
 * @example
 * ```ts
 * import { readBaseline } from "./baseline.ts";
 * const base = await readBaseline("baselines/identifiability@3/ci-wasm.json");
 * ```
 */
export async function readBaseline(path: string): Promise<RunDocument | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw new Error(`cannot read baseline "${path}" (${(e as Error).message})`);
  }
  let doc: RunDocument;
  try {
    doc = validateRunDocument(JSON.parse(text));
  } catch (e) {
    // JSON.parse quotes the input: escape control characters so the message stays one line.
    const why = (e as Error).message.replace(
      // deno-lint-ignore no-control-regex
      /[\u0000-\u001f\u007f]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    throw new TypeError(`baseline "${path}" is not a valid run document: ${why}`);
  }
  if (doc.header.tags.baseline === undefined) {
    throw new TypeError(`"${path}" is a run document but not a baseline (no tags.baseline)`);
  }
  return doc;
}

/**
 * Write a baseline document as JSON (creating its folder).
 *
 * @example
 * ```ts
 * import { baselinePath, writeBaseline } from "./baseline.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const base: RunDocument;
 * await writeBaseline(baselinePath("baselines", "identifiability", 1, "ci", "wasm"), base);
 * ```
 */
export async function writeBaseline(path: string, doc: RunDocument): Promise<void> {
  const dir = path.replace(/\/[^/]*$/, "");
  if (dir !== path) await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(path, JSON.stringify(doc, null, 2) + "\n");
}

/**
 * Baseline files under `dir` for a suite: every `<suite>@<v>/<name>.json`,
 * as `{ version, name, path }` (name = `<profile>-<backend>`).
 *
 * @example
 * ```ts
 * import { listBaselines } from "./baseline.ts";
 * for (const b of listBaselines("baselines", "identifiability")) console.log(b.path);
 * ```
 */
export function listBaselines(
  dir: string,
  suite?: string,
): Array<{ suite: string; version: number; name: string; path: string }> {
  const out: Array<{ suite: string; version: number; name: string; path: string }> = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return out;
  }
  for (const e of entries) {
    const m = /^(.+)@(\d+)$/.exec(e.name);
    if (!e.isDirectory || m === null || (suite !== undefined && m[1] !== suite)) continue;
    const sub = `${dir.replace(/\/+$/, "")}/${e.name}`;
    for (const f of Deno.readDirSync(sub)) {
      if (f.isFile && f.name.endsWith(".json")) {
        out.push({
          suite: m[1],
          version: Number(m[2]),
          name: f.name.slice(0, -5),
          path: `${sub}/${f.name}`,
        });
      }
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
