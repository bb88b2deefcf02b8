/**
 * What a route renders: the shared context and page shape.
 *
 * @module
 */
import type { VNode } from "preact";
import type { DashboardData } from "../data/source.ts";
import type { SuiteDataset } from "../data/types.ts";

/** Context of one page render. */
export interface PageContext {
  data: DashboardData;
  /** The requested URL (only its search parameters matter to routes). */
  url: URL;
  /** Relative prefix from this page to the site root. */
  base: string;
}

/** A rendered page before the shell is added. */
export interface Page {
  title: string;
  active?: "home" | "leaderboard" | "compare" | "history" | "claims" | "suites" | "runs";
  body: VNode;
  status?: number;
}

/**
 * The suite a page shows: `?suite=` when known, else the first with results.
 *
 * @example
 * ```ts
 * import { pickSuite } from "./_page.ts";
 * // pickSuite(ctx)?.suite.id
 * ```
 */
export function pickSuite(ctx: PageContext): SuiteDataset | null {
  const asked = ctx.url.searchParams.get("suite");
  if (asked !== null) {
    const ds = ctx.data.dataset(asked);
    if (ds) return ds;
  }
  const all = ctx.data.datasets();
  return all.find((d) => d.cells.length > 0) ?? all[0] ?? null;
}

/**
 * The suites a page's suite picker offers.
 *
 * @example
 * ```ts
 * import { suiteChoices } from "./_page.ts";
 * // suiteChoices(ctx) -> [{ id: "identifiability", title: "Identifiability" }]
 * ```
 */
export function suiteChoices(ctx: PageContext): { id: string; title: string }[] {
  return ctx.data.datasets().map((d) => ({ id: d.suite.id, title: d.suite.title }));
}
