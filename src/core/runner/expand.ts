/**
 * Expanding a suite profile into tasks (case x seed) in a deterministic
 * order, parsing `--seeds` overrides, and hashing the configuration.
 *
 * @module
 */
import { canonicalHash } from "../canonical.ts";
import type { CaseSpec, Profile, Suite } from "../suite.ts";

/** One unit of work: a case of the profile with one seed. */
export interface Task {
  /** Position in the expanded order (0-based). */
  index: number;
  spec: CaseSpec;
  seed: number;
  /** `${caseId}#${seed}`, the key used by the store for resume. */
  key: string;
}

/** A profile expanded into tasks. */
export interface Expansion {
  profile: Profile;
  seeds: number[];
  tasks: Task[];
}

const MAX_SEEDS = 100_000;

/**
 * Parse a seed list: comma-separated non-negative integers and inclusive
 * ranges, e.g. `"0,1,2"`, `"0-4"`, `"0-2,7"`. Throws a RangeError on
 * malformed text, a negative seed, duplicates or an empty list.
 *
 * @example
 * ```ts
 * import { parseSeeds } from "./expand.ts";
 * console.log(parseSeeds("0-2,7")); // [0, 1, 2, 7]
 * ```
 */
export function parseSeeds(text: string): number[] {
  const bad = (why: string): never => {
    throw new RangeError(
      `malformed seeds "${text}": ${why} (expected non-negative integers or ranges like 0-4, ` +
        `separated by commas)`,
    );
  };
  const seeds: number[] = [];
  for (const raw of text.split(",")) {
    const part = raw.trim();
    if (/^-\d/.test(part)) {
      throw new RangeError(`seeds are non-negative integers, got ${JSON.stringify(part)}`);
    }
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (m === null) bad(part === "" ? "empty item" : `"${part}" is not a seed or range`);
    const lo = Number(m![1]);
    const hi = m![2] === undefined ? lo : Number(m![2]);
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) bad(`"${part}" is too large`);
    if (hi < lo) bad(`range "${part}" is descending`);
    if (hi - lo + seeds.length >= MAX_SEEDS) bad(`more than ${MAX_SEEDS} seeds`);
    for (let s = lo; s <= hi; s++) seeds.push(s);
  }
  const seen = new Set<number>();
  for (const s of seeds) {
    if (seen.has(s)) bad(`seed ${s} appears twice`);
    seen.add(s);
  }
  return seeds;
}

/**
 * Look up a profile by name; throws a RangeError naming the known profiles.
 *
 * @example
 * ```ts
 * import { getProfile } from "./expand.ts";
 * import type { Suite } from "../suite.ts";
 * declare const suite: Suite;
 * const smoke = getProfile(suite, "smoke");
 * ```
 */
export function getProfile(suite: Suite, name: string): Profile {
  const profile = Object.hasOwn(suite.profiles, name) ? suite.profiles[name] : undefined;
  if (profile === undefined) {
    throw new RangeError(
      `unknown profile "${name}" for suite "${suite.id}"; known profiles: ${
        Object.keys(suite.profiles).join(", ")
      }`,
    );
  }
  return profile;
}

/**
 * Expand a profile (with an optional seed override) into tasks: cases in
 * profile order, and for each case its seeds in the given order.
 *
 * @example
 * ```ts
 * import { expand } from "./expand.ts";
 * import type { Suite } from "../suite.ts";
 * declare const suite: Suite;
 * const { tasks } = expand(suite, "smoke", [0, 1]);
 * ```
 */
export function expand(suite: Suite, profileName: string, seeds?: number[]): Expansion {
  const profile = getProfile(suite, profileName);
  const useSeeds = seeds ?? profile.seeds;
  if (useSeeds.length === 0) throw new RangeError(`profile "${profileName}" has no seeds`);
  const ids = new Set<string>();
  for (const c of profile.cases) {
    if (ids.has(c.id)) {
      throw new RangeError(`suite "${suite.id}" profile "${profileName}" repeats case "${c.id}"`);
    }
    ids.add(c.id);
  }
  const tasks: Task[] = [];
  for (const spec of profile.cases) {
    for (const seed of useSeeds) {
      tasks.push({ index: tasks.length, spec, seed, key: `${spec.id}#${seed}` });
    }
  }
  return { profile, seeds: [...useSeeds], tasks };
}

/**
 * sha-256 (hex) of the canonical JSON (`canonical.ts`) of
 * `{ suite, version, profile, cases, seeds, backend }`.
 *
 * @example
 * ```ts
 * import { configHash } from "./expand.ts";
 * const h = await configHash({ suite: "toy", version: 1, profile: "smoke", cases: [], seeds: [0], backend: "wasm" });
 * console.log(h.length); // 64
 * ```
 */
export async function configHash(config: {
  suite: string;
  version: number;
  profile: string;
  cases: CaseSpec[];
  seeds: number[];
  backend: string;
}): Promise<string> {
  return await canonicalHash({
    suite: config.suite,
    version: config.version,
    profile: config.profile,
    cases: config.cases,
    seeds: config.seeds,
    backend: config.backend,
  });
}
