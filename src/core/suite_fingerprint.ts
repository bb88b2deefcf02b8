/**
 * Suite fingerprints: for each `suite@version` and each of its profiles, the
 * sha-256 of the canonical JSON of the profile's case ids, params and seeds.
 * A committed record of them (`src/suites/fingerprints.json`, written by
 * `deno task fingerprints`) makes a change of a suite's cases visible: the
 * cases of a recorded `suite@version` profile may not change (records of
 * that version would no longer be comparable), so a change asks for a new
 * version or a revert, while a new profile or a new version is only recorded.
 *
 * @module
 */
import { canonicalHash } from "./canonical.ts";
import type { Profile, Suite } from "./suite.ts";

/**
 * Recorded fingerprints: `suite@version` (see {@link fingerprintKey}), then
 * profile name, then the profile's fingerprint (64 hex digits).
 *
 * @example
 * ```ts
 * import type { Fingerprints } from "./suite_fingerprint.ts";
 * const none: Fingerprints = {};
 * ```
 */
export type Fingerprints = Record<string, Record<string, string>>;

/**
 * The key of a suite version in {@link Fingerprints}: `id@version`.
 *
 * @example
 * ```ts
 * import { fingerprintKey } from "./suite_fingerprint.ts";
 * console.log(fingerprintKey({ id: "planning", version: 3 })); // planning@3
 * ```
 */
export function fingerprintKey(suite: Pick<Suite, "id" | "version">): string {
  return `${suite.id}@${suite.version}`;
}

/**
 * sha-256 (hex) of the canonical JSON of a profile's cases (id and params, in
 * order) and seeds; its name, description and hints do not count.
 *
 * @example
 * ```ts
 * import { profileFingerprint } from "./suite_fingerprint.ts";
 * const p = { name: "smoke", description: "", seeds: [0], cases: [{ id: "a", params: { n: 1 } }], intendedFor: "cpu" as const };
 * console.log((await profileFingerprint(p)).length); // 64
 * ```
 */
export async function profileFingerprint(profile: Profile): Promise<string> {
  return await canonicalHash({
    cases: profile.cases.map((c) => ({ id: c.id, params: c.params })),
    seeds: profile.seeds,
  });
}

/**
 * The fingerprints of every profile of the given suites (their current versions).
 *
 * @example
 * ```ts
 * import { suiteFingerprints } from "./suite_fingerprint.ts";
 * import type { Suite } from "./suite.ts";
 * declare const suites: Suite[];
 * const current = await suiteFingerprints(suites);
 * ```
 */
export async function suiteFingerprints(suites: readonly Suite[]): Promise<Fingerprints> {
  const out: Fingerprints = {};
  for (const suite of suites) {
    const profiles: Record<string, string> = {};
    for (const name of Object.keys(suite.profiles).sort()) {
      profiles[name] = await profileFingerprint(suite.profiles[name]);
    }
    out[fingerprintKey(suite)] = profiles;
  }
  return out;
}

/**
 * One difference between recorded and current fingerprints: a recorded
 * profile whose cases `changed` or that was `removed` (both need a version
 * bump or a revert), or a profile not `unrecorded` yet (to record).
 *
 * @example
 * ```ts
 * import type { FingerprintDrift } from "./suite_fingerprint.ts";
 * const mustBump = (d: FingerprintDrift) => d.kind !== "unrecorded";
 * ```
 */
export interface FingerprintDrift {
  kind: "changed" | "removed" | "unrecorded";
  /** `suite@version`. */
  key: string;
  profile: string;
  /** One line saying what happened and what to do. */
  message: string;
}

function splitKey(key: string): { id: string; version: string } {
  const at = key.lastIndexOf("@");
  return { id: key.slice(0, at), version: key.slice(at + 1) };
}

/**
 * Compare the current fingerprints (of the suites' current versions) with the
 * recorded ones, profile by profile; versions recorded but no longer current
 * are history and never drift. Sorted by key, then profile.
 *
 * @example
 * ```ts
 * import { fingerprintDrift } from "./suite_fingerprint.ts";
 * const recorded = { "toy@1": { smoke: "a".repeat(64) } };
 * const [d] = fingerprintDrift(recorded, { "toy@1": { smoke: "b".repeat(64) } });
 * console.log(d.message); // suite toy@1, profile "smoke": its cases, params or seeds changed; bump toy's version (now 1) or revert
 * ```
 */
export function fingerprintDrift(
  recorded: Fingerprints,
  current: Fingerprints,
): FingerprintDrift[] {
  const out: FingerprintDrift[] = [];
  for (const key of Object.keys(current).sort()) {
    const { id, version } = splitKey(key);
    const bump = `bump ${id}'s version (now ${version}) or revert`;
    const was = Object.hasOwn(recorded, key) ? recorded[key] : {};
    const now = current[key];
    const names = [...new Set([...Object.keys(was), ...Object.keys(now)])].sort();
    for (const profile of names) {
      const where = `suite ${key}, profile ${JSON.stringify(profile)}`;
      if (!Object.hasOwn(was, profile)) {
        out.push({
          kind: "unrecorded",
          key,
          profile,
          message: `${where} is not recorded yet; record it with \`deno task fingerprints\``,
        });
      } else if (!Object.hasOwn(now, profile)) {
        out.push({ kind: "removed", key, profile, message: `${where} was removed; ${bump}` });
      } else if (was[profile] !== now[profile]) {
        out.push({
          kind: "changed",
          key,
          profile,
          message: `${where}: its cases, params or seeds changed; ${bump}`,
        });
      }
    }
  }
  return out;
}

/**
 * The recorded fingerprints with the current ones added: new profiles and new
 * versions are recorded, recorded versions that are no longer current are
 * kept. Throws a RangeError (one line per problem) when a recorded profile of
 * a current version changed or was removed: that needs a version bump first.
 *
 * @example
 * ```ts
 * import { recordFingerprints } from "./suite_fingerprint.ts";
 * const { next, added } = recordFingerprints({}, { "toy@1": { smoke: "a".repeat(64) } });
 * console.log(added); // [ 'suite toy@1, profile "smoke"' ]
 * ```
 */
export function recordFingerprints(
  recorded: Fingerprints,
  current: Fingerprints,
): { next: Fingerprints; added: string[] } {
  const drift = fingerprintDrift(recorded, current);
  const refused = drift.filter((d) => d.kind !== "unrecorded");
  if (refused.length > 0) {
    throw new RangeError(
      `refusing to overwrite recorded fingerprints:\n${refused.map((d) => d.message).join("\n")}`,
    );
  }
  const merged: Fingerprints = {};
  for (const key of Object.keys(recorded)) merged[key] = { ...recorded[key] };
  for (const d of drift) {
    merged[d.key] ??= {};
    merged[d.key][d.profile] = current[d.key][d.profile];
  }
  const next: Fingerprints = {};
  for (const key of Object.keys(merged).sort()) {
    next[key] = {};
    for (const profile of Object.keys(merged[key]).sort()) {
      next[key][profile] = merged[key][profile];
    }
  }
  return {
    next,
    added: drift.map((d) => `suite ${d.key}, profile ${JSON.stringify(d.profile)}`),
  };
}

/**
 * Parse the text of a fingerprint file; throws a TypeError naming `source`
 * when it is not `{ "<suite>@<version>": { "<profile>": "<64 hex>" } }`.
 *
 * @example
 * ```ts
 * import { parseFingerprints } from "./suite_fingerprint.ts";
 * const f = parseFingerprints(`{"toy@1":{"smoke":"${"0".repeat(64)}"}}`, "fingerprints.json");
 * console.log(Object.keys(f)); // [ "toy@1" ]
 * ```
 */
export function parseFingerprints(text: string, source: string): Fingerprints {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new TypeError(`${source}: not JSON (${(e as Error).message})`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw new TypeError(`${source}: expected an object of suite versions`);
  for (const [key, profiles] of Object.entries(value)) {
    if (!/^[^@]+@[1-9]\d*$/.test(key)) {
      throw new TypeError(`${source}: key ${JSON.stringify(key)} is not <suite>@<version>`);
    }
    if (!isObject(profiles)) throw new TypeError(`${source}: ${key} is not an object of profiles`);
    for (const [profile, hash] of Object.entries(profiles)) {
      if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) {
        throw new TypeError(
          `${source}: ${key} profile ${JSON.stringify(profile)} is not a sha-256`,
        );
      }
    }
  }
  return value as Fingerprints;
}
