/**
 * Merging shard runs (`run --shard i/n`) into one run document: the shards
 * must come from the same configuration; records are deduplicated (identical
 * duplicates are fine, conflicting ones an error) and the missing
 * (case, seed) pairs are reported.
 *
 * @module
 */
import type { CaseResult, RunDocument, RunHeader } from "../store/record.ts";
import { canonicalJson } from "../canonical.ts";

/**
 * What {@link mergeShards} returns.
 *
 * @example
 * ```ts
 * import type { MergeResult } from "./merge.ts";
 * const complete = (m: MergeResult) => m.missing.length === 0;
 * ```
 */
export interface MergeResult {
  /** The merged run (one header, one record per (case, seed) found). */
  doc: RunDocument;
  /** Expected `${caseId}#${seed}` keys with no record, in expansion order. */
  missing: string[];
  /** Shard tags `i/n` expected but not given (when the inputs carry shard tags). */
  missingShards: string[];
  /** Keys that appeared in more than one input with identical content. */
  duplicates: string[];
}

/** The scientific content of a record: what two copies of one task must agree on. */
function content(r: CaseResult): string {
  const base = { caseId: r.caseId, seed: r.seed, status: r.status, params: r.params };
  if (r.status === "completed") {
    return canonicalJson({ ...base, metrics: r.metrics, curves: r.curves, flags: r.flags });
  }
  if (r.status === "failed") {
    return canonicalJson({ ...base, error: r.error, metrics: r.metrics, curves: r.curves });
  }
  return canonicalJson({ ...base, reason: r.reason });
}

const SAME_FIELDS: Array<[string, (h: RunHeader) => unknown]> = [
  ["suite", (h) => `${h.suite.id}@${h.suite.version}`],
  ["profile", (h) => h.profile],
  ["backend", (h) => h.env.backend],
  ["configHash", (h) => h.configHash],
  ["seeds", (h) => h.seeds.join(",")],
  ["git commit", (h) => h.git.commit ?? "(none)"],
];

/**
 * Merge shard documents into one run. `expectedKeys` (`${caseId}#${seed}`
 * in expansion order, e.g. from the suite's profile) defines completeness;
 * without it the expected set is every case id seen times the header's
 * seeds. Throws a TypeError when the inputs differ in suite, version,
 * profile, backend, configHash, seeds or commit, or when two inputs hold
 * different results for the same (case, seed). The merged run gets a fresh
 * `runId` (`merged-<first input's runId>`), the earliest start, the latest
 * finish (null if any input is unfinished), and tags `shards` and
 * `merged_from` in place of `shard`.
 *
 * @example
 * ```ts
 * import { mergeShards } from "./merge.ts";
 * import type { RunDocument } from "../store/record.ts";
 * declare const a: RunDocument, b: RunDocument;
 * const { doc, missing } = mergeShards([a, b]);
 * if (missing.length > 0) console.error(`missing: ${missing.join(", ")}`);
 * ```
 */
export function mergeShards(docs: RunDocument[], expectedKeys?: string[]): MergeResult {
  if (docs.length === 0) throw new TypeError("merge needs at least one run document");
  const first = docs[0].header;
  for (const d of docs.slice(1)) {
    for (const [name, get] of SAME_FIELDS) {
      if (get(d.header) !== get(first)) {
        throw new TypeError(
          `run ${d.header.runId} has ${name} ${get(d.header)} but run ${first.runId} has ${
            get(first)
          }: these are not shards of one run`,
        );
      }
    }
  }
  const runIds = new Set<string>();
  for (const d of docs) {
    if (runIds.has(d.header.runId)) throw new TypeError(`run ${d.header.runId} is given twice`);
    runIds.add(d.header.runId);
  }
  const runId = `merged-${first.runId}`;
  const byKey = new Map<string, { rec: CaseResult; content: string; from: string }>();
  const duplicates: string[] = [];
  for (const d of docs) {
    for (const r of d.records) {
      const key = `${r.caseId}#${r.seed}`;
      const c = content(r);
      const seen = byKey.get(key);
      if (seen === undefined) {
        byKey.set(key, { rec: { ...r, runId }, content: c, from: d.header.runId });
      } else if (seen.content === c) {
        duplicates.push(key);
      } else {
        throw new TypeError(
          `conflicting results for case ${r.caseId} seed ${r.seed} in runs ${seen.from} and ` +
            `${d.header.runId}`,
        );
      }
    }
  }
  let expected = expectedKeys;
  if (expected === undefined) {
    const cases = [...new Set(docs.flatMap((d) => d.records.map((r) => r.caseId)))];
    expected = cases.flatMap((c) => first.seeds.map((s) => `${c}#${s}`));
  }
  const expectedSet = new Set(expected);
  for (const key of byKey.keys()) {
    if (!expectedSet.has(key)) {
      throw new TypeError(`record ${key} is not a task of this profile (case or seed unknown)`);
    }
  }
  const missing = expected.filter((k) => !byKey.has(k));
  const tags = docs.map((d) => d.header.tags.shard).filter((t): t is string => t !== undefined);
  const missingShards: string[] = [];
  let shardCount: number | undefined;
  if (tags.length > 0) {
    const counts = new Set(tags.map((t) => t.split("/")[1]));
    if (counts.size > 1) {
      throw new TypeError(`the inputs split the run differently: shards ${tags.join(", ")}`);
    }
    shardCount = Number([...counts][0]);
    for (let i = 1; i <= shardCount; i++) {
      if (!tags.includes(`${i}/${shardCount}`)) missingShards.push(`${i}/${shardCount}`);
    }
  }
  const order = new Map(expected.map((k, i) => [k, i]));
  const records = [...byKey.entries()]
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!)
    .map(([, v]) => v.rec);
  const starts = docs.map((d) => d.header.startedAt).sort();
  const finishes = docs.map((d) => d.header.finishedAt);
  const finishedAt = finishes.includes(null)
    ? null
    : (finishes as string[]).sort()[finishes.length - 1];
  const { shard: _shard, ...keepTags } = first.tags;
  const header: RunHeader = {
    ...first,
    runId,
    startedAt: starts[0],
    finishedAt,
    git: {
      ...first.git,
      dirty: docs.some((d) => d.header.git.dirty === true)
        ? true
        : docs.every((d) => d.header.git.dirty === false)
        ? false
        : null,
    },
    tags: {
      ...keepTags,
      shards: String(shardCount ?? docs.length),
      merged_from: docs.map((d) => d.header.runId).join(","),
    },
  };
  return {
    doc: { schemaVersion: 1, header, records },
    missing,
    missingShards,
    duplicates,
  };
}
