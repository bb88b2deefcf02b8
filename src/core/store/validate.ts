/**
 * Hand-written validators for the run record. They follow
 * `record.schema.json` (JSON Schema 2020-12) rule for rule: the same required
 * fields, the same types, no unknown fields. A test checks that the two agree.
 *
 * Non-finite numbers: JSON has no NaN or Infinity, so a metric or curve value
 * that was not finite is written as `null` (what `JSON.stringify` does anyway)
 * and the validators decode `null` back to `NaN` in place. Everything else
 * numeric must be a finite number.
 *
 * Errors are `TypeError`s whose message starts with the field path, e.g.
 * `records[3].metrics.r2_hz: expected a number or null, got "x"`.
 *
 * @module
 */
import {
  type CaseResult,
  type CaseTiming,
  type FailureInfo,
  RECORD_SCHEMA_VERSION,
  type RunDocument,
  type RunHeader,
} from "./record.ts";
import { checkDocumentRules } from "./document_rules.ts";

type Obj = Record<string, unknown>;

/** The failure kinds the schema allows, in schema order. *
 * @example
 * ```ts
 * import { FAILURE_KINDS } from "./validate.ts";
 * console.log(FAILURE_KINDS.includes("nan")); // true
 * ```
 */
export const FAILURE_KINDS: readonly FailureInfo["kind"][] = [
  "nan",
  "diverged",
  "exception",
  "timeout",
  "interrupted",
  "worker-crash",
];

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HEX64 = /^[0-9a-f]{64}$/;

function fail(path: string, msg: string): never {
  throw new TypeError(`${path === "" ? "(document)" : path}: ${msg}`);
}

function key(path: string, k: string): string {
  const seg = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
  if (seg !== k) return `${path}[${seg}]`;
  return path === "" ? k : `${path}.${k}`;
}

function show(v: unknown): string {
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  const s = typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function object(v: unknown, path: string, fields: readonly string[] | null): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    fail(path, `expected an object, got ${show(v)}`);
  }
  const o = v as Obj;
  if (fields !== null) {
    for (const f of fields) if (!(f in o)) fail(key(path, f), "is required");
    for (const k of Object.keys(o)) {
      if (!fields.includes(k)) fail(key(path, k), "is not a known field");
    }
  }
  return o;
}

function str(v: unknown, path: string, nonEmpty = false): string {
  if (typeof v !== "string") fail(path, `expected a string, got ${show(v)}`);
  if (nonEmpty && v.length === 0) fail(path, "expected a non-empty string");
  return v;
}

function nullableStr(v: unknown, path: string): string | null {
  if (v === null) return null;
  if (typeof v !== "string") fail(path, `expected a string or null, got ${show(v)}`);
  return v;
}

function num(v: unknown, path: string, min?: number): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    fail(path, `expected a number, got ${show(v)}`);
  }
  if (min !== undefined && v < min) fail(path, `expected a number >= ${min}, got ${v}`);
  return v;
}

function nullableNum(v: unknown, path: string, min?: number): number | null {
  if (v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    fail(path, `expected a number or null, got ${show(v)}`);
  }
  return num(v, path, min);
}

function int(v: unknown, path: string, min?: number): number {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    fail(path, `expected an integer, got ${show(v)}`);
  }
  return num(v, path, min);
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== "boolean") fail(path, `expected a boolean, got ${show(v)}`);
  return v;
}

function time(v: unknown, path: string): string {
  const s = str(v, path);
  if (!ISO_TIME.test(s) || Number.isNaN(Date.parse(s))) {
    fail(path, `expected an ISO-8601 date-time, got ${show(v)}`);
  }
  return s;
}

function constant(v: unknown, path: string, c: string | number): void {
  if (v !== c) fail(path, `expected ${JSON.stringify(c)}, got ${show(v)}`);
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== "string" || !(options as readonly string[]).includes(v)) {
    fail(path, `expected one of ${options.join(", ")}, got ${show(v)}`);
  }
  return v as T;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(path, `expected an array, got ${show(v)}`);
  return v;
}

/** Metric value: finite number or null; null is decoded to NaN in place. */
function metricsMap(v: unknown, path: string): void {
  const o = object(v, path, null);
  for (const [k, x] of Object.entries(o)) {
    if (x === null) o[k] = NaN;
    else if (typeof x !== "number" || !Number.isFinite(x)) {
      fail(key(path, k), `expected a number or null, got ${show(x)}`);
    }
  }
}

function curvesMap(v: unknown, path: string): void {
  const o = object(v, path, null);
  for (const [k, c] of Object.entries(o)) {
    const p = key(path, k);
    const points = array(c, p);
    points.forEach((pt, i) => {
      const pp = `${p}[${i}]`;
      const pair = array(pt, pp);
      if (pair.length !== 2) fail(pp, `expected a [step, value] pair, got ${pair.length} items`);
      num(pair[0], `${pp}[0]`);
      if (pair[1] === null) pair[1] = NaN;
      else if (typeof pair[1] !== "number" || !Number.isFinite(pair[1])) {
        fail(`${pp}[1]`, `expected a number or null, got ${show(pair[1])}`);
      }
    });
  }
}

function flagsMap(v: unknown, path: string): void {
  const o = object(v, path, null);
  for (const [k, x] of Object.entries(o)) bool(x, key(path, k));
}

function paramsMap(v: unknown, path: string): void {
  const o = object(v, path, null);
  for (const [k, x] of Object.entries(o)) {
    const ok = typeof x === "string" || typeof x === "boolean" ||
      (typeof x === "number" && Number.isFinite(x));
    if (!ok) fail(key(path, k), `expected a string, number or boolean, got ${show(x)}`);
  }
}

/** Required fields of each record object, exactly as in the schema. *
 * @example
 * ```ts
 * import { REQUIRED_FIELDS } from "./validate.ts";
 * console.log(REQUIRED_FIELDS.FailureInfo); // ["kind", "message", "step"]
 * ```
 */
export const REQUIRED_FIELDS = {
  RunDocument: ["schemaVersion", "header", "records"],
  RunHeader: [
    "schemaVersion",
    "runId",
    "suite",
    "profile",
    "configHash",
    "seeds",
    "git",
    "env",
    "startedAt",
    "finishedAt",
    "tags",
  ],
  RunEnvironment: [
    "deno",
    "v8",
    "typescript",
    "tfjs",
    "backend",
    "os",
    "arch",
    "cpu",
    "cpuCount",
    "gpu",
  ],
  CaseTiming: ["wallMs", "steps", "stepsPerSec", "peakRssBytes", "peakTensorBytes"],
  FailureInfo: ["kind", "message", "step"],
  CaseResultBase: [
    "schemaVersion",
    "runId",
    "suite",
    "suiteVersion",
    "profile",
    "backend",
    "caseId",
    "params",
    "seed",
    "startedAt",
    "finishedAt",
    "timing",
    "status",
  ],
  CompletedResult: ["metrics", "curves", "flags"],
  FailedResult: ["error", "metrics", "curves"],
  SkippedResult: ["reason"],
} as const;

function timing(v: unknown, path: string): CaseTiming {
  const o = object(v, path, REQUIRED_FIELDS.CaseTiming);
  num(o.wallMs, key(path, "wallMs"), 0);
  int(o.steps, key(path, "steps"), 0);
  nullableNum(o.stepsPerSec, key(path, "stepsPerSec"), 0);
  nullableNum(o.peakRssBytes, key(path, "peakRssBytes"), 0);
  nullableNum(o.peakTensorBytes, key(path, "peakTensorBytes"), 0);
  return o as unknown as CaseTiming;
}

/**
 * Validate one case record (decoding null metric values to NaN in place).
 * Throws a TypeError naming the first bad field.
 *
 * @example
 * ```ts
 * import { validateCaseResult } from "./validate.ts";
 * try {
 *   validateCaseResult({ status: "completed" });
 * } catch (e) {
 *   console.log((e as Error).message); // "schemaVersion: is required"
 * }
 * ```
 */
export function validateCaseResult(x: unknown, path = ""): CaseResult {
  const pre = object(x, path, null);
  const status = oneOf(pre.status, key(path, "status"), ["completed", "failed", "skipped"]);
  const extra = status === "completed"
    ? REQUIRED_FIELDS.CompletedResult
    : status === "failed"
    ? REQUIRED_FIELDS.FailedResult
    : REQUIRED_FIELDS.SkippedResult;
  const o = object(x, path, [...REQUIRED_FIELDS.CaseResultBase, ...extra]);
  constant(o.schemaVersion, key(path, "schemaVersion"), RECORD_SCHEMA_VERSION);
  str(o.runId, key(path, "runId"), true);
  str(o.suite, key(path, "suite"), true);
  int(o.suiteVersion, key(path, "suiteVersion"), 0);
  str(o.profile, key(path, "profile"), true);
  str(o.backend, key(path, "backend"), true);
  str(o.caseId, key(path, "caseId"), true);
  paramsMap(o.params, key(path, "params"));
  int(o.seed, key(path, "seed"), 0);
  time(o.startedAt, key(path, "startedAt"));
  time(o.finishedAt, key(path, "finishedAt"));
  timing(o.timing, key(path, "timing"));
  if (status === "completed") {
    metricsMap(o.metrics, key(path, "metrics"));
    curvesMap(o.curves, key(path, "curves"));
    flagsMap(o.flags, key(path, "flags"));
  } else if (status === "failed") {
    const ep = key(path, "error");
    const e = object(o.error, ep, REQUIRED_FIELDS.FailureInfo);
    oneOf(e.kind, key(ep, "kind"), FAILURE_KINDS);
    str(e.message, key(ep, "message"));
    if (e.step !== null) int(e.step, key(ep, "step"), 0);
    metricsMap(o.metrics, key(path, "metrics"));
    curvesMap(o.curves, key(path, "curves"));
  } else {
    str(o.reason, key(path, "reason"));
  }
  return o as unknown as CaseResult;
}

/**
 * Validate a run header. Throws a TypeError naming the first bad field.
 *
 * @example
 * ```ts
 * import { validateRunHeader } from "./validate.ts";
 * try {
 *   validateRunHeader({}, "header");
 * } catch (e) {
 *   console.log((e as Error).message); // "header.schemaVersion: is required"
 * }
 * ```
 */
export function validateRunHeader(x: unknown, path = ""): RunHeader {
  const o = object(x, path, REQUIRED_FIELDS.RunHeader);
  constant(o.schemaVersion, key(path, "schemaVersion"), RECORD_SCHEMA_VERSION);
  str(o.runId, key(path, "runId"), true);
  const sp = key(path, "suite");
  const s = object(o.suite, sp, ["id", "version"]);
  str(s.id, key(sp, "id"), true);
  int(s.version, key(sp, "version"), 0);
  str(o.profile, key(path, "profile"), true);
  const hash = str(o.configHash, key(path, "configHash"));
  if (!HEX64.test(hash)) fail(key(path, "configHash"), "expected 64 lowercase hex digits");
  array(o.seeds, key(path, "seeds")).forEach((v, i) => int(v, `${key(path, "seeds")}[${i}]`, 0));
  const gp = key(path, "git");
  const g = object(o.git, gp, ["commit", "dirty", "branch"]);
  nullableStr(g.commit, key(gp, "commit"));
  if (g.dirty !== null) bool(g.dirty, key(gp, "dirty"));
  nullableStr(g.branch, key(gp, "branch"));
  const envp = key(path, "env");
  const env = object(o.env, envp, REQUIRED_FIELDS.RunEnvironment);
  for (const f of ["deno", "v8", "typescript", "tfjs", "os", "arch", "cpu"]) {
    str(env[f], key(envp, f));
  }
  str(env.backend, key(envp, "backend"), true);
  int(env.cpuCount, key(envp, "cpuCount"), 0);
  nullableStr(env.gpu, key(envp, "gpu"));
  time(o.startedAt, key(path, "startedAt"));
  if (o.finishedAt !== null) time(o.finishedAt, key(path, "finishedAt"));
  const tp = key(path, "tags");
  for (const [k, v] of Object.entries(object(o.tags, tp, null))) str(v, key(tp, k));
  return o as unknown as RunHeader;
}

/**
 * Validate a whole run document (header and every record, then the document
 * rules of `document_rules.ts`: suite id, backend, records that match their
 * header, measurement names), decoding null metric values to NaN in place.
 * Throws a TypeError naming the first bad field, e.g.
 * `records[3].metrics.r2_hz: expected a number or null, got "x"`.
 *
 * @example
 * ```ts
 * import { validateRunDocument } from "./validate.ts";
 * try {
 *   validateRunDocument(JSON.parse('{"schemaVersion":1,"records":[]}'));
 * } catch (e) {
 *   console.log((e as Error).message); // "header: is required"
 * }
 * ```
 */
export function validateRunDocument(x: unknown, path = ""): RunDocument {
  const o = object(x, path, REQUIRED_FIELDS.RunDocument);
  constant(o.schemaVersion, key(path, "schemaVersion"), RECORD_SCHEMA_VERSION);
  const header = validateRunHeader(o.header, key(path, "header"));
  const rp = key(path, "records");
  const seen = new Map<string, number>();
  array(o.records, rp).forEach((r, i) => {
    const rec = validateCaseResult(r, `${rp}[${i}]`);
    if (rec.runId !== header.runId) {
      fail(
        `${rp}[${i}].runId`,
        `expected "${header.runId}" (the header's runId), got "${rec.runId}"`,
      );
    }
    // One record per (case, seed): a second one would silently replace the first in a store.
    const k = JSON.stringify([rec.caseId, rec.seed]);
    const first = seen.get(k);
    if (first !== undefined) {
      fail(
        `${rp}[${i}]`,
        `case ${show(rec.caseId)} seed ${rec.seed} already appears in ${rp}[${first}]`,
      );
    }
    seen.set(k, i);
  });
  checkDocumentRules(o as unknown as RunDocument, path);
  return o as unknown as RunDocument;
}
