/**
 * What an entry and a task are, once for the CLI and the dashboard.
 *
 * An entry is the thing ranked: a public submission's `tags.entry`, else the
 * record's `regulariser` or `objective` parameter, else the suite id. A task
 * is the case id without the entry's own segment: "sigreg/banana/N2/mlp" and
 * "whitening/banana/N2/mlp" are the same task. Every other segment stays, so
 * cases that differ in anything else (a planner, a law, N, a mode) are
 * different tasks and are never pooled.
 *
 * @module
 */

/** Parameter names read as the entry (regulariser or objective), first match wins. */
export const ENTRY_PARAMS = ["regulariser", "objective"] as const;

/** The tags of a run header that name an entry. */
export interface EntryTags {
  entry?: string;
  submitter?: string;
  notes?: string;
  [tag: string]: string | undefined;
}

/** An entry of a record: a stable key and how it is shown. */
export interface EntryRef {
  /** Stable key (used in URLs and on the command line): the name, or `sub:<name>`. */
  key: string;
  /** Display name. */
  name: string;
  /** True for entries that came from a public submission. */
  submission: boolean;
  submitter: string | null;
  notes: string | null;
}

/**
 * Whether a run is a public submission (its tags name a submitter or an entry).
 *
 * @example
 * ```ts
 * import { isSubmission } from "./entries.ts";
 * console.assert(isSubmission({ submitter: "ada" }) && !isSubmission({}));
 * ```
 */
export function isSubmission(tags: EntryTags): boolean {
  return tags.submitter !== undefined || tags.entry !== undefined;
}

/**
 * The value of a record's entry parameter (`regulariser` or `objective`), or null.
 *
 * @example
 * ```ts
 * import { entryParam } from "./entries.ts";
 * console.assert(entryParam({ objective: "sigreg", N: 2 }) === "sigreg");
 * console.assert(entryParam({ N: 2 }) === null);
 * ```
 */
export function entryParam(params: Record<string, unknown>): string | null {
  for (const k of ENTRY_PARAMS) {
    const v = params[k];
    if (v !== undefined && v !== null && String(v) !== "") return String(v);
  }
  return null;
}

/**
 * The entry of a record of a run with `tags`.
 *
 * @example
 * ```ts
 * import { entryOf } from "./entries.ts";
 * const e = entryOf({}, { suite: "identifiability", params: { regulariser: "sigreg" } });
 * console.assert(e.key === "sigreg" && !e.submission);
 * const s = entryOf({ entry: "mine", submitter: "ada" }, { suite: "x", params: {} });
 * console.assert(s.key === "sub:mine" && s.name === "mine");
 * ```
 */
export function entryOf(
  tags: EntryTags,
  record: { suite: string; params: Record<string, unknown> },
): EntryRef {
  const submission = isSubmission(tags);
  let name = submission && tags.entry ? tags.entry : undefined;
  name ??= entryParam(record.params) ?? record.suite;
  return {
    key: submission ? `sub:${name}` : name,
    name,
    submission,
    submitter: tags.submitter ?? null,
    notes: tags.notes ?? null,
  };
}

/**
 * The task of a case: its id without the segment that names the entry
 * parameter's value; every other segment (planner, law, N, …) stays.
 *
 * @example
 * ```ts
 * import { taskOf } from "./entries.ts";
 * const t = taskOf("state/gaussian/N2/sigreg/lqr/full", { objective: "sigreg" });
 * console.assert(t === "state/gaussian/N2/lqr/full");
 * console.assert(taskOf("a/b", {}) === "a/b");
 * ```
 */
export function taskOf(caseId: string, params: Record<string, unknown>): string {
  const entry = entryParam(params);
  if (entry === null) return caseId;
  const parts = caseId.split("/");
  const i = parts.indexOf(entry);
  if (i < 0) return caseId;
  return [...parts.slice(0, i), ...parts.slice(i + 1)].join("/");
}

/**
 * The entries suite definitions declare, in order: the entry parameter
 * (`regulariser` or `objective`) of every case of every profile, suites in
 * the order given, first appearance kept. A fixed list for readers that want
 * the same place for an entry everywhere (the dashboard's entry colours).
 *
 * @example
 * ```ts
 * import { declaredEntries } from "./entries.ts";
 * const suite = { profiles: { smoke: { cases: [
 *   { id: "a/sigreg", params: { objective: "sigreg" } },
 *   { id: "a/none", params: { objective: "none" } },
 *   { id: "b/sigreg", params: { objective: "sigreg" } },
 * ] } } };
 * console.assert(declaredEntries([suite]).join() === "sigreg,none");
 * ```
 */
export function declaredEntries(
  suites: readonly { profiles: Record<string, { cases: { params: Record<string, unknown> }[] }> }[],
): string[] {
  const out = new Set<string>();
  for (const s of suites) {
    for (const p of Object.values(s.profiles)) {
      for (const c of p.cases) {
        const e = entryParam(c.params);
        if (e !== null) out.add(e);
      }
    }
  }
  return [...out];
}
