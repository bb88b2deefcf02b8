/**
 * `/history/`: a metric over commits with change points and baselines.
 *
 * @module
 */
import { Island } from "../components/Island.tsx";
import { facetsOf } from "../components/FilterBar.tsx";
import { computeHistory, parseHistoryState } from "../data/history.ts";
import { History } from "../islands/History.tsx";
import { type Page, type PageContext, pickSuite, suiteChoices } from "./_page.ts";
import { NoData } from "./index.tsx";

/**
 * Render the history page.
 *
 * @example
 * ```ts
 * import { historyPage } from "./history.tsx";
 * // historyPage({ data, url: new URL("http://x/history/?metric=r2"), base: "../" })
 * ```
 */
export function historyPage(ctx: PageContext): Page {
  const ds = pickSuite(ctx);
  if (!ds) return { title: "History", active: "history", body: <NoData /> };
  const view = computeHistory(ds, parseHistoryState(ctx.url.searchParams, ds));
  return {
    title: `History · ${ds.suite.title}`,
    active: "history",
    body: (
      <>
        <h1>History</h1>
        <Island
          name="History"
          component={History}
          props={{
            base: ctx.base,
            suites: suiteChoices(ctx),
            query: ctx.url.search,
            view,
            facets: facetsOf(ds),
            metrics: ds.suite.metrics,
          }}
        />
      </>
    ),
  };
}
