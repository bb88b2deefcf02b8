/**
 * Build a {@link SuiteDataset} (the compact, JSON form every view is computed
 * from) out of a suite's run headers and records.
 *
 * @module
 */
import type { CaseResult, RunHeader } from "../../src/core/store/record.ts";
import {
  DIM_KEYS,
  entryOf,
  findParam,
  isSubmission,
  isVerified,
  K_CURVE,
  LAW_KEYS,
} from "./entries.ts";
import {
  facetValue,
  sortFacetValues,
  TARGET_DIM_PARAMS,
  taskOf,
} from "../../src/core/analysis/mod.ts";
import { RESERVED_PARAMS } from "./filters.ts";
import { entryColor } from "../components/palette.ts";
import type {
  Cell,
  EntryInfo,
  FacetInfo,
  HistoryPoint,
  RunRef,
  SuiteDataset,
  SuiteMeta,
} from "./types.ts";

class Interner<T> {
  readonly items: T[] = [];
  #index = new Map<T, number>();
  id(item: T): number {
    let i = this.#index.get(item);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.#index.set(item, i);
    }
    return i;
  }
}

function finite(x: number | undefined): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

/**
 * Build the dataset of one suite. `headers` are all its runs (any order),
 * `records` their results; baseline runs are marked by `baselineRunIds`
 * or a `baseline` tag; `entryOrder` (the entries the registered suites
 * declare) gives each entry its colour.
 *
 * @example
 * ```ts
 * import { buildSuiteDataset } from "./dataset.ts";
 * // const ds = buildSuiteDataset(meta, store.listRuns({ suite }).map((r) => r.header), store.results({ suite }));
 * ```
 */
export function buildSuiteDataset(
  suite: SuiteMeta,
  headers: RunHeader[],
  records: Iterable<CaseResult>,
  baselineRunIds: ReadonlySet<string> = new Set(),
  entryOrder: readonly string[] = [],
): SuiteDataset {
  const sorted = [...headers].sort((a, b) =>
    a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId)
  );
  const runIndex = new Map<string, number>();
  const runs: RunRef[] = sorted.map((h, i) => {
    runIndex.set(h.runId, i);
    return {
      id: h.runId,
      commit: h.git.commit,
      branch: h.git.branch,
      dirty: h.git.dirty,
      startedAt: h.startedAt,
      backend: h.env.backend,
      version: h.suite.version,
      profile: h.profile,
      verified: isVerified(h),
      baseline: baselineRunIds.has(h.runId) || h.tags.baseline !== undefined,
      submission: isSubmission(h),
    };
  });
  const metricNames = suite.metrics.map((m) => m.name);
  const entries = new Interner<string>();
  const entryInfo: EntryInfo[] = [];
  const backends = new Interner<string>();
  const profiles = new Interner<string>();
  const cases = new Interner<string>();
  const tasks = new Interner<string>();
  const laws = new Interner<string>();
  const dimKeys = new Map<string, number>();
  // A facet named like a page's own URL parameter could not be filtered on: left out.
  const facetDefs = suite.facets.filter((f) => !RESERVED_PARAMS.includes(f.name));
  const facetValues = facetDefs.map(() => new Interner<string>());
  const latest = new Map<string, Cell>();
  const hist = new Map<string, { point: HistoryPoint; sums: number[]; counts: number[] }>();

  for (const rec of records) {
    if (rec.status === "skipped") continue;
    const r = runIndex.get(rec.runId);
    if (r === undefined) continue;
    const header = sorted[r];
    const info = entryOf(header, rec);
    const before = entries.items.length;
    const e = entries.id(info.key);
    if (e === before) entryInfo.push(info);
    const dimP = findParam(rec.params, DIM_KEYS);
    if (dimP) dimKeys.set(dimP[0], (dimKeys.get(dimP[0]) ?? 0) + 1);
    const d = dimP && typeof dimP[1] === "number" ? dimP[1] : null;
    const lawP = findParam(rec.params, LAW_KEYS);
    const l = lawP ? laws.id(String(lawP[1])) : null;
    const m = metricNames.map((name) => finite(rec.metrics[name]));
    const targetDim = findParam(rec.params, TARGET_DIM_PARAMS);
    const x = facetDefs.map((f, i) => {
      const value = facetValue(f, rec);
      return value === null ? null : facetValues[i].id(value);
    });
    const cell: Cell = {
      e,
      v: rec.suiteVersion,
      b: backends.id(rec.backend),
      p: profiles.id(rec.profile),
      c: cases.id(rec.caseId),
      t: tasks.id(taskOf(rec.caseId, rec.params)),
      n: targetDim && typeof targetDim[1] === "number" ? targetDim[1] : null,
      d,
      l,
      s: rec.seed,
      r,
      f: rec.status === "failed" ? 1 : 0,
      m,
      x,
    };
    if (rec.status === "completed") {
      for (const [name, points] of Object.entries(rec.curves)) {
        if (K_CURVE.test(name)) (cell.k ??= {})[name] = points;
      }
    }
    if (!runs[r].baseline) {
      const key = `${e}|${cell.v}|${cell.b}|${cell.p}|${cell.c}|${cell.s}`;
      const prev = latest.get(key);
      if (!prev || prev.r <= r) latest.set(key, cell);
    }
    if (rec.status === "completed") {
      const hk = `${r}|${e}|${cell.t}`;
      let h = hist.get(hk);
      if (!h) {
        h = {
          point: { r, e, t: cell.t, d, l, n: 0, m: [], x },
          sums: metricNames.map(() => 0),
          counts: metricNames.map(() => 0),
        };
        hist.set(hk, h);
      }
      h.point.n++;
      m.forEach((x, i) => {
        if (x !== null) {
          h.sums[i] += x;
          h.counts[i]++;
        }
      });
    }
  }
  const history = [...hist.values()].map(({ point, sums, counts }) => ({
    ...point,
    m: sums.map((s, i) => counts[i] > 0 ? s / counts[i] : null),
  }));
  history.sort((a, b) => a.r - b.r || a.e - b.e);
  // Facet values in reading order; cells and points re-indexed to match.
  const facets: FacetInfo[] = facetDefs.map((f, i) => ({
    ...f,
    values: sortFacetValues(facetValues[i].items),
  }));
  const remap = facets.map((f, i) => facetValues[i].items.map((v) => f.values.indexOf(v)));
  const reindex = (x: (number | null)[]) => x.map((j, i) => j === null ? null : remap[i][j]);
  for (const c of latest.values()) c.x = reindex(c.x);
  for (const h of history) h.x = reindex(h.x);
  const dimKey = [...dimKeys.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const versions = [...new Set(runs.map((x) => x.version))].sort((a, b) => a - b);
  return {
    suite,
    dimKey,
    versions,
    backends: backends.items,
    profiles: profiles.items,
    dims: [...new Set([...latest.values()].map((c) => c.d).filter((d) => d !== null))].sort((
      a,
      b,
    ) => a - b) as number[],
    laws: laws.items,
    facets,
    entries: entryInfo,
    colors: entryInfo.map((e) => entryColor(e.key, entryOrder)),
    cases: cases.items,
    tasks: tasks.items,
    runs,
    cells: [...latest.values()],
    history,
  };
}
