/**
 * What claims read: run headers and their records (from a store or from run
 * documents), of which only verified ones count, grouped into cohorts.
 *
 * A run is **verified** when its header names the git commit it ran at and
 * says the tree was clean (`git.dirty === false`): its numbers can be
 * reproduced from that commit. (The dashboard's "verified" badge of an entry,
 * reproduced by CI, is a further step.) Records of unverified runs, of other
 * suite versions or profiles, of public submissions, and records that did
 * not complete are ignored by claims and counted.
 *
 * @module
 */
import type {
  CaseResult,
  CompletedResult,
  ParamValue,
  RunDocument,
  RunHeader,
} from "../../store/record.ts";
import type { ResultsStore } from "../../store/store.ts";
import { canonicalJson } from "../../canonical.ts";
import { isSubmission } from "../entries.ts";
import { type ObservedRecord, recordObservations, tabulate } from "../observations.ts";
import type { ClaimSpec } from "./claim.ts";

/** Run headers and records, as a store or a folder of run documents holds them. */
export interface ClaimInput {
  headers: readonly RunHeader[];
  records: readonly CaseResult[];
}

/** How many records of a claim's suites were read, and why those not used were ignored. */
export interface RecordCounts {
  /** Records of the claim's suites (any version, profile, status). */
  read: number;
  /** Verified, completed records of the claim's suite versions and profiles. */
  used: number;
  /** Records of runs that are not verified (dirty tree, unknown commit, or no header). */
  unverified: number;
  /** Verified records of another suite version. */
  otherVersion: number;
  /** Verified records of a profile the claim does not read. */
  otherProfile: number;
  /** Verified records of public submissions (another entry's numbers). */
  submission: number;
  /** Verified records that failed or were skipped. */
  notCompleted: number;
}

/**
 * The counts in words: "18 records used of 21 read; ignored 3 unverified"
 * (then the other reasons, where any record was ignored for them).
 *
 * @example
 * ```ts
 * import { recordCountsText } from "./input.ts";
 * const c = { read: 5, used: 3, unverified: 1, otherVersion: 1, otherProfile: 0, submission: 0, notCompleted: 0 };
 * console.assert(recordCountsText(c) ===
 *   "3 records used of 5 read; ignored 1 unverified, 1 of another suite version");
 * ```
 */
export function recordCountsText(c: RecordCounts): string {
  const parts = [`${c.unverified} unverified`];
  if (c.otherVersion > 0) parts.push(`${c.otherVersion} of another suite version`);
  if (c.otherProfile > 0) parts.push(`${c.otherProfile} of another profile`);
  if (c.submission > 0) parts.push(`${c.submission} of submissions`);
  if (c.notCompleted > 0) parts.push(`${c.notCompleted} not completed`);
  return `${c.used} records used of ${c.read} read; ignored ${parts.join(", ")}`;
}

/** A case of a cohort: an id with the parameters it ran with. */
export interface CohortCase {
  /** Case id and parameters: cases of one id run with different overrides differ. */
  key: string;
  caseId: string;
  params: Readonly<Record<string, ParamValue>>;
}

/** The verified, completed records of one profile on one backend. */
export interface Cohort {
  /** "smoke on wasm"; "scaling on wasm (identifiability@2)" for an earlier version's records. */
  label: string;
  profile: string;
  backend: string;
  /** Sorted by case id. */
  cases: CohortCase[];
  /** seed -> value of `metric` in a case (the latest run's where seeds repeat). */
  values(metric: string, caseKey: string): ReadonlyMap<number, number>;
  /** seed -> 1 (true) or 0 (false) of flag `flag` in a case. */
  flags(flag: string, caseKey: string): ReadonlyMap<number, number>;
}

/**
 * Whether a run is verified: its header names a commit and a clean tree.
 *
 * @example
 * ```ts
 * import { isVerifiedRun } from "./input.ts";
 * console.assert(isVerifiedRun({ git: { commit: "3cf622d", dirty: false, branch: "main" } }));
 * console.assert(!isVerifiedRun({ git: { commit: "3cf622d", dirty: true, branch: "main" } }));
 * console.assert(!isVerifiedRun({ git: { commit: null, dirty: false, branch: null } }));
 * ```
 */
export function isVerifiedRun(header: Pick<RunHeader, "git">): boolean {
  const commit = header.git.commit;
  return header.git.dirty === false && typeof commit === "string" && commit.trim() !== "";
}

/**
 * The headers and records of run documents.
 *
 * @example
 * ```ts
 * import { claimInputFromDocuments } from "./input.ts";
 * console.assert(claimInputFromDocuments([]).records.length === 0);
 * ```
 */
export function claimInputFromDocuments(docs: readonly RunDocument[]): ClaimInput {
  return { headers: docs.map((d) => d.header), records: docs.flatMap((d) => d.records) };
}

/**
 * The headers and records of the given suites in a store.
 *
 * @example
 * ```ts
 * import { claimInputFromStore } from "./input.ts";
 * import { openStore } from "../../store/sqlite.ts";
 * const input = claimInputFromStore(openStore(":memory:"), ["identifiability"]);
 * console.assert(input.headers.length === 0);
 * ```
 */
export function claimInputFromStore(
  store: Pick<ResultsStore, "listRuns" | "results">,
  suites: readonly string[],
): ClaimInput {
  const ids = [...new Set(suites)];
  return {
    headers: store.listRuns().map((r) => r.header).filter((h) => ids.includes(h.suite.id)),
    records: ids.flatMap((suite) => store.results({ suite })),
  };
}

function caseKey(r: { caseId: string; params: Record<string, unknown> }): string {
  return `${r.caseId}\u0000${canonicalJson(r.params)}`;
}

/** caseKey -> seed -> value of one metric, the latest run winning (see `tabulate`). */
function seedTable(records: readonly ObservedRecord[], metric: string) {
  const table = tabulate(
    recordObservations(records, metric, { kind: "unknown" }, () => ({}), caseKey),
  );
  const out = new Map<string, Map<number, number>>();
  for (const tasks of table.values()) for (const [task, seeds] of tasks) out.set(task, seeds);
  return out;
}

/** The records of one profile, backend and (earlier) suite version, before they become a cohort. */
interface CohortGroup {
  profile: string;
  backend: string;
  /** `suite@version` for an earlier version's records, else "". */
  earlier: string;
  records: CompletedResult[];
}

function makeCohort({ profile, backend, earlier, records: done }: CohortGroup): Cohort {
  const cases = new Map<string, CohortCase>();
  for (const r of done) {
    cases.set(caseKey(r), { key: caseKey(r), caseId: r.caseId, params: r.params });
  }
  const metricCache = new Map<string, Map<string, Map<number, number>>>();
  const flagCache = new Map<string, Map<string, Map<number, number>>>();
  const none: ReadonlyMap<number, number> = new Map();
  return {
    label: `${profile} on ${backend}` + (earlier === "" ? "" : ` (${earlier})`),
    profile,
    backend,
    cases: [...cases.values()].sort((a, b) =>
      a.caseId.localeCompare(b.caseId) || a.key.localeCompare(b.key)
    ),
    values(metric, key) {
      if (!metricCache.has(metric)) metricCache.set(metric, seedTable(done, metric));
      return metricCache.get(metric)!.get(key) ?? none;
    },
    flags(flag, key) {
      if (!flagCache.has(flag)) {
        const asMetrics = done.map((r) => ({
          ...r,
          metrics: flag in r.flags ? { [flag]: r.flags[flag] ? 1 : 0 } : {},
        }));
        flagCache.set(flag, seedTable(asMetrics, flag));
      }
      return flagCache.get(flag)!.get(key) ?? none;
    },
  };
}

/**
 * The cohorts of a claim's records (a cohort per profile and backend, in the
 * claim's profile order, then by name) and the counts of records read, used
 * and ignored.
 *
 * @example
 * ```ts
 * import { buildCohorts } from "./input.ts";
 * const spec = { suites: [{ id: "toy", version: 1 }] };
 * const { cohorts, counts } = buildCohorts(spec, { headers: [], records: [] });
 * console.assert(cohorts.length === 0 && counts.read === 0);
 * ```
 */
export function buildCohorts(
  spec: Pick<ClaimSpec, "suites" | "profiles">,
  input: ClaimInput,
): { cohorts: Cohort[]; counts: RecordCounts } {
  const headers = new Map(input.headers.map((h) => [h.runId, h]));
  const counts: RecordCounts = {
    read: 0,
    used: 0,
    unverified: 0,
    otherVersion: 0,
    otherProfile: 0,
    submission: 0,
    notCompleted: 0,
  };
  const groups = new Map<string, CohortGroup>();
  for (const r of input.records) {
    const suite = spec.suites.find((s) => s.id === r.suite);
    if (suite === undefined) continue;
    counts.read++;
    const header = headers.get(r.runId);
    if (header === undefined || !isVerifiedRun(header)) counts.unverified++;
    else if (
      r.suiteVersion !== suite.version && !(suite.earlierVersions ?? []).includes(r.suiteVersion)
    ) counts.otherVersion++;
    else if (spec.profiles !== undefined && !spec.profiles.includes(r.profile)) {
      counts.otherProfile++;
    } else if (isSubmission(header.tags)) counts.submission++;
    else if (r.status !== "completed") counts.notCompleted++;
    else {
      counts.used++;
      const earlier = r.suiteVersion === suite.version ? "" : `${r.suite}@${r.suiteVersion}`;
      const key = `${r.profile}\u0000${r.backend}\u0000${earlier}`;
      const group = groups.get(key);
      if (group === undefined) {
        groups.set(key, { profile: r.profile, backend: r.backend, earlier, records: [r] });
      } else group.records.push(r);
    }
  }
  const rank = (profile: string) => {
    const i = spec.profiles?.indexOf(profile) ?? -1;
    return i < 0 ? Infinity : i;
  };
  const cohorts = [...groups.values()].map(makeCohort).sort((a, b) =>
    rank(a.profile) - rank(b.profile) || a.profile.localeCompare(b.profile) ||
    a.backend.localeCompare(b.backend) || a.label.localeCompare(b.label)
  );
  return { cohorts, counts };
}
