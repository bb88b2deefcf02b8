/**
 * The only place that reads the results store: it turns runs into
 * {@link SuiteDataset}s (cached, rebuilt when the store changes) and hands
 * out run documents.
 *
 * @module
 */
import type { RunDocument, RunHeader } from "../../src/core/store/record.ts";
import type { ResultsStore } from "../../src/core/store/store.ts";
import type { Suite } from "../../src/core/suite.ts";
import {
  claimInputFromStore,
  type ClaimReport,
  claimSuites,
  declaredEntries,
  evaluateClaims,
} from "../../src/core/analysis/mod.ts";
import { buildSuiteDataset } from "./dataset.ts";
import type { SuiteDataset, SuiteMeta } from "./types.ts";

/** What the dashboard needs of a suite definition. */
export type SuiteInfo = Pick<
  Suite,
  "id" | "version" | "title" | "description" | "metrics" | "profiles" | "facets"
>;

/** Options of {@link DashboardData}. */
export interface DashboardDataOptions {
  /** Registered suite definitions (metric directions, descriptions, profiles). */
  suites?: SuiteInfo[];
  /** Baseline run documents (e.g. from baselines/); drawn as reference lines. */
  baselines?: RunDocument[];
  /** How often (ms) to check the store for new runs; 0 checks on every call. */
  recheckMs?: number;
}

/**
 * Convert a registered suite definition to the dashboard's {@link SuiteMeta}.
 *
 * @example
 * ```ts
 * import { suiteMeta } from "./source.ts";
 * // suiteMeta(await loadSuite("identifiability")).metrics
 * ```
 */
export function suiteMeta(s: SuiteInfo): SuiteMeta {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    description: s.description,
    metrics: s.metrics,
    profiles: Object.values(s.profiles).map((p) => ({
      name: p.name,
      description: p.description,
      cases: p.cases.length,
      seeds: p.seeds,
      intendedFor: p.intendedFor,
    })),
    facets: [...(s.facets ?? [])],
    registered: true,
  };
}

/**
 * Dashboard data over a results store.
 *
 * @example
 * ```ts
 * import { DashboardData } from "./source.ts";
 * // const data = new DashboardData(openStore(".jepa-bench/results.db"), { suites });
 * // data.dataset("identifiability")?.entries
 * ```
 */
export class DashboardData {
  readonly store: ResultsStore;
  #suites: Map<string, SuiteInfo>;
  #entryOrder: string[];
  #baselines: RunDocument[];
  #recheckMs: number;
  #checkedAt = -Infinity;
  #signature = "";
  #revision: string | undefined;
  #headers: RunHeader[] = [];
  #datasets = new Map<string, SuiteDataset>();
  #claims: ClaimReport[] | null = null;
  #generation = 0;

  constructor(store: ResultsStore, options: DashboardDataOptions = {}) {
    this.store = store;
    this.#suites = new Map((options.suites ?? []).map((s) => [s.id, s]));
    this.#entryOrder = declaredEntries(options.suites ?? []);
    this.#baselines = options.baselines ?? [];
    this.#recheckMs = options.recheckMs ?? 1000;
  }

  /** Drop caches when the store has changed since the last look. */
  #sync(): void {
    const now = performance.now();
    if (now - this.#checkedAt < this.#recheckMs) return;
    this.#checkedAt = now;
    const revision = this.store.revision?.();
    if (revision !== undefined && revision === this.#revision) return;
    this.#revision = revision;
    const runs = this.store.listRuns();
    let total = 0;
    for (const r of runs) total += r.counts.completed + r.counts.failed + r.counts.skipped;
    const signature = `${runs.length}|${runs[0]?.header.runId ?? ""}|${total}`;
    if (signature !== this.#signature) {
      this.#signature = signature;
      this.#headers = runs.map((r) => r.header);
      this.#datasets.clear();
      this.#claims = null;
      this.#generation++;
    }
  }

  /**
   * A number that grows whenever the store's runs have changed since the last
   * look (checked at most every `recheckMs`): what is derived from the store
   * can be kept as long as this stays the same.
   */
  generation(): number {
    this.#sync();
    return this.#generation;
  }

  /** Suite ids: registered ones first, then any others found in the store. */
  suiteIds(): string[] {
    this.#sync();
    const ids = [...this.#suites.keys()];
    for (const h of this.#headers) if (!ids.includes(h.suite.id)) ids.push(h.suite.id);
    return ids;
  }

  /** The dataset of a suite (built once per store change), or null if unknown. */
  dataset(id: string): SuiteDataset | null {
    this.#sync();
    const cached = this.#datasets.get(id);
    if (cached) return cached;
    const info = this.#suites.get(id);
    const headers = this.#headers.filter((h) => h.suite.id === id);
    if (!info && headers.length === 0) return null;
    const baseDocs = this.#baselines.filter((d) => d.header.suite.id === id);
    const records = this.store.results({ suite: id });
    const meta = info ? suiteMeta(info) : this.#inferMeta(id, headers, records);
    if (info) {
      // Metrics in the records that the current definition does not list (older versions).
      const extra = this.#inferMeta(id, headers, records).metrics
        .filter((m) => !meta.metrics.some((x) => x.name === m.name))
        .map((m) => ({
          ...m,
          primary: false,
          direction: "unknown" as const,
          description: "Not declared by the current suite definition: direction unknown.",
        }));
      meta.metrics = [...meta.metrics, ...extra];
    }
    const ds = buildSuiteDataset(
      meta,
      [...headers, ...baseDocs.map((d) => d.header)],
      [...records, ...baseDocs.flatMap((d) => d.records)],
      new Set(baseDocs.map((d) => d.header.runId)),
      this.#entryOrder,
    );
    this.#datasets.set(id, ds);
    return ds;
  }

  /**
   * The papers' claims judged on the store's verified records (computed
   * once per store change by the analysis layer, as the `claims` command does).
   */
  claims(): ClaimReport[] {
    this.#sync();
    this.#claims ??= evaluateClaims(claimInputFromStore(this.store, claimSuites()));
    return this.#claims;
  }

  /**
   * The entries the registered suites declare, in registry order: where each
   * entry's colour comes from (`entryColor`), the same for every suite and page.
   */
  entryOrder(): readonly string[] {
    return this.#entryOrder;
  }

  /** Every suite's dataset. */
  datasets(): SuiteDataset[] {
    return this.suiteIds().map((id) => this.dataset(id)).filter((d) => d !== null);
  }

  /** A run document from the store (or a baseline), or null. */
  run(runId: string): RunDocument | null {
    return this.store.getRun(runId) ?? this.#baselines.find((d) => d.header.runId === runId) ??
      null;
  }

  /**
   * The stored baseline of a suite version and profile (the latest loaded from
   * baselines/ or tagged `baseline` in the store), or null.
   */
  baseline(suite: string, version: number, profile: string): RunDocument | null {
    this.#sync();
    const fromStore = this.#headers
      .filter((h) => h.tags.baseline !== undefined)
      .map((h) => this.store.getRun(h.runId))
      .filter((d) => d !== null);
    const all = [...this.#baselines, ...fromStore].filter((d) =>
      d.header.suite.id === suite && d.header.suite.version === version &&
      d.header.profile === profile
    );
    all.sort((a, b) => b.header.startedAt.localeCompare(a.header.startedAt));
    return all[0] ?? null;
  }

  /** The run ids of the baselines loaded from baselines/ (not in the store). */
  baselineRunIds(): string[] {
    return this.#baselines.map((d) => d.header.runId);
  }

  /** Every run id in the store, newest first. */
  runIds(): string[] {
    this.#sync();
    return this.#headers.map((h) => h.runId);
  }

  /** Suite metadata for a suite that the registry does not know. */
  #inferMeta(
    id: string,
    headers: RunHeader[],
    records: { status: string; metrics?: Record<string, number> }[],
  ): SuiteMeta {
    const names = new Set<string>();
    for (const r of records) for (const k of Object.keys(r.metrics ?? {})) names.add(k);
    return {
      id,
      version: Math.max(0, ...headers.map((h) => h.suite.version)),
      title: id,
      description:
        "Not in this build's suite registry: no metric is declared, so none has a direction.",
      metrics: [...names].sort().map((name, i) => ({
        name,
        description: "",
        direction: "unknown" as const,
        margin: 0,
        primary: i === 0,
      })),
      profiles: [],
      facets: [],
      registered: false,
    };
  }
}
