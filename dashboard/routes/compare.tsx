/**
 * `/compare/`: head-to-head of two entries.
 *
 * @module
 */
import { Island } from "../components/Island.tsx";
import { facetsOf } from "../components/FilterBar.tsx";
import { computeCompare, parseCompareState } from "../data/compare.ts";
import { HeadToHead } from "../islands/HeadToHead.tsx";
import { type Page, type PageContext, pickSuite, suiteChoices } from "./_page.ts";
import { NoData } from "./index.tsx";

/**
 * Render the head-to-head page.
 *
 * @example
 * ```ts
 * import { comparePage } from "./compare.tsx";
 * // comparePage({ data, url: new URL("http://x/compare/?a=sigreg&b=vicreg"), base: "../" })
 * ```
 */
export function comparePage(ctx: PageContext): Page {
  const ds = pickSuite(ctx);
  if (!ds) return { title: "Head-to-head", active: "compare", body: <NoData /> };
  const view = computeCompare(ds, parseCompareState(ctx.url.searchParams, ds), ctx.data.datasets());
  return {
    title: "Head-to-head",
    active: "compare",
    body: (
      <>
        <h1>Head-to-head</h1>
        <Island
          name="HeadToHead"
          component={HeadToHead}
          props={{
            base: ctx.base,
            suites: suiteChoices(ctx),
            query: ctx.url.search,
            view,
            facets: facetsOf(ds),
          }}
        />
      </>
    ),
  };
}
