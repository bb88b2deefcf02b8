/**
 * Run configuration files (`run --config <file.json>`): which suite and
 * profile to run, optionally the backend, seeds and worker count, and
 * parameter overrides applied to every case of the profile, e.g.
 * `{ "suite": "identifiability", "profile": "smoke", "overrides": { "steps": 200 } }`.
 *
 * Overrides change the cases, so they change the run's configHash: a run made
 * with overrides is never compared with, or resumed as, one made without.
 *
 * Errors are one line and start with the field, e.g.
 * `overrides.steps: expected a number (like case "a"), got "200"`.
 *
 * @module
 */
import { type BackendName, BACKENDS } from "../engine/backends.ts";
import type { ParamValue } from "../store/record.ts";
import type { CaseSpec, ParamSpec } from "../suite.ts";
import { parseSeeds } from "./expand.ts";
import { paramProblem } from "./params.ts";

/** A validated run configuration. *
 * @example
 * ```ts
 * import type { RunConfig } from "./config.ts";
 * const quick: RunConfig = { suite: "identifiability", profile: "smoke", overrides: { steps: 200 } };
 * ```
 */
export interface RunConfig {
  /** Registry id or suite module path. */
  suite: string;
  profile: string;
  backend?: BackendName;
  seeds?: number[];
  jobs?: number;
  /** Case parameter values applied to every case of the profile. */
  overrides?: Record<string, ParamValue>;
}

const FIELDS = ["suite", "profile", "backend", "seeds", "jobs", "overrides"] as const;
const MAX_TEXT = 1000;
const MAX_OVERRIDES = 200;

function show(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  const s = typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function field(path: string, k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
}

function text(v: unknown, name: string): string {
  if (typeof v !== "string" || v.trim() === "") {
    throw new TypeError(`${name}: expected a non-empty string, got ${show(v)}`);
  }
  if (v.length > MAX_TEXT) throw new RangeError(`${name}: longer than ${MAX_TEXT} characters`);
  return v;
}

/**
 * Validate a parsed configuration object. Throws a TypeError or RangeError
 * whose one-line message starts with the bad field.
 *
 * @example
 * ```ts
 * import { validateRunConfig } from "./config.ts";
 * const c = validateRunConfig({ suite: "identifiability", profile: "smoke", seeds: "0-2" });
 * console.log(c.seeds); // [0, 1, 2]
 * ```
 */
export function validateRunConfig(x: unknown): RunConfig {
  if (typeof x !== "object" || x === null || Array.isArray(x)) {
    throw new TypeError(`(config): expected an object, got ${show(x)}`);
  }
  const o = x as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!(FIELDS as readonly string[]).includes(k)) {
      throw new TypeError(
        `${field("", k).replace(/^\./, "")}: is not a known field (expected ${FIELDS.join(", ")})`,
      );
    }
  }
  if (!("suite" in o)) throw new TypeError("suite: is required");
  if (!("profile" in o)) throw new TypeError("profile: is required");
  const out: RunConfig = { suite: text(o.suite, "suite"), profile: text(o.profile, "profile") };
  if (o.backend !== undefined) {
    if (typeof o.backend !== "string" || !(BACKENDS as readonly string[]).includes(o.backend)) {
      throw new RangeError(
        `backend: expected one of ${BACKENDS.join(", ")}, got ${show(o.backend)}`,
      );
    }
    out.backend = o.backend as BackendName;
  }
  if (o.seeds !== undefined) out.seeds = seeds(o.seeds);
  if (o.jobs !== undefined) {
    if (typeof o.jobs !== "number" || !Number.isInteger(o.jobs) || o.jobs < 1 || o.jobs > 1024) {
      throw new RangeError(`jobs: expected an integer from 1 to 1024, got ${show(o.jobs)}`);
    }
    out.jobs = o.jobs;
  }
  if (o.overrides !== undefined) {
    const ov = o.overrides;
    if (typeof ov !== "object" || ov === null || Array.isArray(ov)) {
      throw new TypeError(`overrides: expected an object, got ${show(ov)}`);
    }
    const entries = Object.entries(ov);
    if (entries.length > MAX_OVERRIDES) {
      throw new RangeError(`overrides: more than ${MAX_OVERRIDES} parameters`);
    }
    const clean: Record<string, ParamValue> = {};
    for (const [k, v] of entries) {
      const name = field("overrides", k);
      if (k === "" || k.length > 200) throw new TypeError(`${name}: bad parameter name`);
      const ok = typeof v === "string" || typeof v === "boolean" ||
        (typeof v === "number" && Number.isFinite(v));
      if (!ok) throw new TypeError(`${name}: expected a string, number or boolean, got ${show(v)}`);
      clean[k] = v as ParamValue;
    }
    out.overrides = clean;
  }
  return out;
}

function seeds(v: unknown): number[] {
  if (typeof v === "string") {
    try {
      return parseSeeds(v);
    } catch (e) {
      throw new RangeError(`seeds: ${(e as Error).message}`);
    }
  }
  if (!Array.isArray(v)) {
    throw new TypeError(`seeds: expected an array of integers or text like "0-4", got ${show(v)}`);
  }
  if (v.length === 0) throw new RangeError("seeds: expected at least one seed");
  if (v.length > 100_000) throw new RangeError("seeds: more than 100000 seeds");
  const seen = new Set<number>();
  v.forEach((s, i) => {
    if (typeof s !== "number" || !Number.isSafeInteger(s) || s < 0) {
      throw new TypeError(`seeds[${i}]: expected a non-negative integer, got ${show(s)}`);
    }
    if (seen.has(s)) throw new RangeError(`seeds[${i}]: seed ${s} appears twice`);
    seen.add(s);
  });
  return [...v] as number[];
}

/**
 * Parse and validate configuration text; `source` prefixes every error
 * (`quick.json: jobs: expected ...`). Throws SyntaxError for text that is
 * not JSON.
 *
 * @example
 * ```ts
 * import { parseRunConfig } from "./config.ts";
 * const c = parseRunConfig('{"suite":"planning","profile":"smoke","jobs":2}', "quick.json");
 * console.log(c.jobs); // 2
 * ```
 */
export function parseRunConfig(textIn: string, source = "config"): RunConfig {
  let data: unknown;
  try {
    data = JSON.parse(textIn);
  } catch (e) {
    throw new SyntaxError(`${source}: not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  try {
    return validateRunConfig(data);
  } catch (e) {
    const err = e as Error;
    throw new (err instanceof RangeError ? RangeError : TypeError)(`${source}: ${err.message}`);
  }
}

/**
 * Read, parse and validate a configuration file.
 *
 * @example
 * ```ts
 * import { loadRunConfig } from "./config.ts";
 * // const config = await loadRunConfig("quick.json");
 * ```
 */
export async function loadRunConfig(path: string): Promise<RunConfig> {
  let body: string;
  try {
    body = await Deno.readTextFile(path);
  } catch (e) {
    throw new Error(`cannot read config "${path}" (${(e as Error).message})`);
  }
  return parseRunConfig(body, path);
}

/**
 * Apply parameter overrides to every case. Each override must name a
 * parameter that some case has, with a value of the same type there, and
 * meet the suite's constraint on it (`specs`, a suite's `params`) when it
 * has one; a RangeError/TypeError naming `overrides.<param>` otherwise.
 * Case ids are kept.
 *
 * @example
 * ```ts
 * import { applyOverrides } from "./config.ts";
 * const cases = applyOverrides([{ id: "a", params: { steps: 20000 } }], { steps: 200 });
 * console.log(cases[0].params.steps); // 200
 * ```
 */
export function applyOverrides(
  cases: readonly CaseSpec[],
  overrides: Record<string, ParamValue> | undefined,
  specs?: Readonly<Record<string, ParamSpec>>,
): CaseSpec[] {
  if (overrides === undefined || Object.keys(overrides).length === 0) return [...cases];
  for (const [k, v] of Object.entries(overrides)) {
    const name = field("overrides", k);
    const owner = cases.find((c) => Object.hasOwn(c.params, k));
    if (owner === undefined) {
      throw new RangeError(`${name}: no case of the profile has a parameter "${k}"`);
    }
    const want: string = typeof owner.params[k];
    const got: string = typeof v;
    if (got !== want) {
      throw new TypeError(`${name}: expected a ${want} (like case "${owner.id}"), got ${show(v)}`);
    }
    const spec = specs !== undefined && Object.hasOwn(specs, k) ? specs[k] : undefined;
    const why = spec === undefined ? null : paramProblem(spec, v);
    if (why !== null) throw new RangeError(`${name}: ${why}`);
  }
  return cases.map((c) => ({ id: c.id, params: { ...c.params, ...overrides } }));
}
