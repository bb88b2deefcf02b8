/**
 * View-model types shared by the server, the static export and the islands.
 * Everything here is plain JSON so that it can be embedded in a page or
 * written to a static `.json` file.
 *
 * @module
 */
import type { FacetDef, MetricDef } from "../../src/core/suite.ts";
import type { EntryRef } from "../../src/core/analysis/mod.ts";

/**
 * A metric as the dashboard knows it: a suite's declaration, or a metric found
 * in the records that no definition declares (direction "unknown": shown,
 * never ranked and never given a verdict).
 */
export type MetricInfo = Omit<MetricDef, "direction"> & {
  direction: MetricDef["direction"] | "unknown";
};

/** Where an entry's numbers come from. */
export type Provenance = "verified" | "submitted" | "local";

/** A ranked thing: a project regulariser/objective, or a public submission (src/core/analysis). */
export type EntryInfo = EntryRef;

/** One profile of a suite, as the Suites page lists it. */
export interface ProfileMeta {
  name: string;
  description: string;
  cases: number;
  seeds: number[];
  intendedFor: "cpu" | "gpu";
}

/** What the dashboard knows of a suite definition. */
export interface SuiteMeta {
  id: string;
  /** Current version of the registered definition (or the newest seen in the store). */
  version: number;
  title: string;
  description: string;
  metrics: MetricInfo[];
  profiles: ProfileMeta[];
  /** The facets the suite declares (none for a suite the registry does not know). */
  facets: FacetDef[];
  /** False when the store has results of a suite the registry does not know. */
  registered: boolean;
}

/** A run as the charts reference it. */
export interface RunRef {
  id: string;
  commit: string | null;
  branch: string | null;
  dirty: boolean | null;
  startedAt: string;
  backend: string;
  version: number;
  profile: string;
  verified: boolean;
  /** Runs tagged `baseline` (or loaded from baselines/) are drawn as reference lines. */
  baseline: boolean;
  /** Public submissions are ranked but not drawn over commits. */
  submission: boolean;
}

/**
 * The latest value of every metric for one (entry, version, backend, profile,
 * case, seed). Indices point into the dataset's lists; `d` is the dimension
 * (N or k), `l` the latent law index; null when the case has none.
 */
export interface Cell {
  e: number;
  v: number;
  b: number;
  p: number;
  c: number;
  /** Index into `tasks`: the case without the entry's segment (src/core/analysis). */
  t: number;
  /** The case's `dim` or `N` parameter, for metrics whose target is the dimension. */
  n: number | null;
  d: number | null;
  l: number | null;
  s: number;
  /** Index into `runs`. */
  r: number;
  /** 1 when the record failed. */
  f: 0 | 1;
  /** Metric values in `suite.metrics` order; null when absent or not finite. */
  m: (number | null)[];
  /** Per facet of `SuiteDataset.facets`: index into its `values`; null when the case has none. */
  x: (number | null)[];
  /** Curves over the latent dimension k (e.g. `regret@n=10000`), when the record has any. */
  k?: Record<string, [number, number][]>;
}

/** Mean of each metric over the seeds of one run's completed records of one (entry, task). */
export interface HistoryPoint {
  r: number;
  e: number;
  /** Index into `tasks`. */
  t: number;
  d: number | null;
  l: number | null;
  /** Number of completed records (seeds) averaged. */
  n: number;
  m: (number | null)[];
  /** Facet value indices, as {@link Cell.x}. */
  x: (number | null)[];
}

/** A declared facet with the values found in the results, in reading order. */
export interface FacetInfo extends FacetDef {
  values: string[];
}

/** Everything the client needs to recompute any view of one suite. */
export interface SuiteDataset {
  suite: SuiteMeta;
  /** Name of the parameter used as the dimension (e.g. "N" or "k"), or null. */
  dimKey: string | null;
  versions: number[];
  backends: string[];
  profiles: string[];
  dims: number[];
  laws: string[];
  /** The suite's declared facets (its filters), with their values. */
  facets: FacetInfo[];
  entries: EntryInfo[];
  /** The colour of each entry (same index as `entries`), the same on every page. */
  colors: string[];
  cases: string[];
  /** Tasks (case ids without the entry's segment), indexed by `Cell.t`. */
  tasks: string[];
  runs: RunRef[];
  cells: Cell[];
  history: HistoryPoint[];
}

/** Filters shared by every page; null (or a facet left out) means "all". */
export interface Filters {
  version: number | null;
  backend: string | null;
  profile: string | null;
  /** Facet name -> the one value kept. */
  facets: Record<string, string>;
}
