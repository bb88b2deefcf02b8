/**
 * The Suites page's view: each suite's meaning, metrics, profiles and the
 * versions seen in the store.
 *
 * @module
 */
import type { SuiteDataset, SuiteMeta } from "./types.ts";

/** One version of a suite as seen in the store. */
export interface SuiteVersionInfo {
  version: number;
  runs: number;
  first: string;
  last: string;
  current: boolean;
}

/** A suite with its version history. */
export interface SuiteView {
  suite: SuiteMeta;
  versions: SuiteVersionInfo[];
  entries: number;
}

/**
 * Summarise a suite's dataset for the Suites page.
 *
 * @example
 * ```ts
 * import { computeSuiteView } from "./suites.ts";
 * // computeSuiteView(ds).versions
 * ```
 */
export function computeSuiteView(ds: SuiteDataset): SuiteView {
  const byVersion = new Map<number, SuiteVersionInfo>();
  for (const r of ds.runs) {
    const v = byVersion.get(r.version) ??
      { version: r.version, runs: 0, first: r.startedAt, last: r.startedAt, current: false };
    v.runs++;
    if (r.startedAt < v.first) v.first = r.startedAt;
    if (r.startedAt > v.last) v.last = r.startedAt;
    byVersion.set(r.version, v);
  }
  if (!byVersion.has(ds.suite.version)) {
    byVersion.set(ds.suite.version, {
      version: ds.suite.version,
      runs: 0,
      first: "",
      last: "",
      current: true,
    });
  }
  byVersion.get(ds.suite.version)!.current = true;
  return {
    suite: ds.suite,
    versions: [...byVersion.values()].sort((a, b) => b.version - a.version),
    entries: ds.entries.length,
  };
}
