/**
 * Checking case parameters against the constraints a suite declares
 * ({@link ParamSpec}): before a run starts, so that a bad value (steps -5,
 * lambda -1e308, law "gennorm(-1)") is one clear error naming the
 * parameter instead of a run whose every case fails.
 *
 * @module
 */
import type { ParamValue } from "../store/record.ts";
import type { CaseSpec, ParamSpec, Suite } from "../suite.ts";

function show(v: unknown): string {
  const s = typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function range(lo: number | undefined, hi: number | undefined, loOpen = false): string {
  if (lo !== undefined && hi !== undefined) {
    return loOpen ? `above ${lo} and at most ${hi}` : `from ${lo} to ${hi}`;
  }
  if (lo !== undefined) return loOpen ? `above ${lo}` : `of at least ${lo}`;
  if (hi !== undefined) return `of at most ${hi}`;
  return "";
}

/**
 * Why `value` breaks `spec`, as a phrase ("expected an integer from 1 to
 * 10000000, got -5"), or null when it is allowed.
 *
 * @example
 * ```ts
 * import { paramProblem } from "./params.ts";
 * console.log(paramProblem({ type: "integer", min: 1 }, 30.7)); // expected an integer of at least 1, got 30.7
 * console.log(paramProblem({ type: "integer", min: 1 }, 3)); // null
 * ```
 */
export function paramProblem(spec: ParamSpec, value: ParamValue): string | null {
  const got = `got ${show(value)}`;
  switch (spec.type) {
    case "boolean":
      return typeof value === "boolean" ? null : `expected true or false, ${got}`;
    case "integer":
    case "number": {
      const what = spec.type === "integer" ? "an integer" : "a number";
      const loOpen = spec.type === "number" && spec.minExclusive === true;
      const want = `expected ${what} ${range(spec.min, spec.max, loOpen)}`.trimEnd();
      if (typeof value !== "number" || !Number.isFinite(value)) return `${want}, ${got}`;
      if (spec.type === "integer" && !Number.isSafeInteger(value)) return `${want}, ${got}`;
      if (spec.min !== undefined && (value < spec.min || (loOpen && value === spec.min))) {
        return `${want}, ${got}`;
      }
      if (spec.max !== undefined && value > spec.max) return `${want}, ${got}`;
      return null;
    }
    case "string": {
      if (typeof value !== "string") return `expected a string, ${got}`;
      if (spec.oneOf !== undefined && !spec.oneOf.includes(value)) {
        return `expected one of ${spec.oneOf.join(", ")}, ${got}`;
      }
      if (spec.check !== undefined) {
        try {
          spec.check(value);
        } catch (e) {
          return (e instanceof Error ? e.message : String(e)).split("\n")[0];
        }
      }
      return null;
    }
  }
}

/**
 * Throw a RangeError naming the first parameter of `params` that breaks
 * the suite's constraints, after `prefix` (e.g. `"case a: param "`:
 * "case a: param steps: expected an integer from 1 to 10000000, got -5").
 *
 * @example
 * ```ts
 * import { checkParams } from "./params.ts";
 * const specs = { steps: { type: "integer", min: 1 } } as const;
 * checkParams(specs, { steps: 10 }, "case a: param ");
 * ```
 */
export function checkParams(
  specs: Readonly<Record<string, ParamSpec>> | undefined,
  params: Readonly<Record<string, ParamValue>>,
  prefix: string,
): void {
  if (specs === undefined) return;
  for (const [name, value] of Object.entries(params)) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) continue;
    const why = paramProblem(spec, value);
    if (why !== null) throw new RangeError(`${prefix}${name}: ${why}`);
  }
}

/**
 * Check every case against the suite's declared constraints; a RangeError
 * names the suite, profile, case and parameter.
 *
 * @example
 * ```ts
 * import { checkCases } from "./params.ts";
 * import type { Suite } from "../suite.ts";
 * declare const suite: Suite;
 * checkCases(suite, "smoke", suite.profiles.smoke.cases);
 * ```
 */
export function checkCases(suite: Suite, profile: string, cases: readonly CaseSpec[]): void {
  for (const c of cases) {
    checkParams(
      suite.params,
      c.params,
      `suite "${suite.id}" profile "${profile}" case "${c.id}": param `,
    );
  }
}
