/**
 * `/leaderboard/`: ranked entries per suite and metric.
 *
 * @module
 */
import { Island } from "../components/Island.tsx";
import { facetsOf } from "../components/FilterBar.tsx";
import { computeLeaderboard, parseLeaderboardState } from "../data/leaderboard.ts";
import { Leaderboard } from "../islands/Leaderboard.tsx";
import { type Page, type PageContext, pickSuite, suiteChoices } from "./_page.ts";
import { NoData } from "./index.tsx";

/**
 * Render the leaderboard page.
 *
 * @example
 * ```ts
 * import { leaderboardPage } from "./leaderboard.tsx";
 * // leaderboardPage({ data, url: new URL("http://x/leaderboard/?suite=identifiability"), base: "../" })
 * ```
 */
export function leaderboardPage(ctx: PageContext): Page {
  const ds = pickSuite(ctx);
  if (!ds) return { title: "Leaderboard", active: "leaderboard", body: <NoData /> };
  const view = computeLeaderboard(ds, parseLeaderboardState(ctx.url.searchParams, ds));
  return {
    title: `Leaderboard · ${ds.suite.title}`,
    active: "leaderboard",
    body: (
      <>
        <h1>Leaderboard</h1>
        <p class="lede">
          Entries ranked by the mean over seeds (latest result per case, seed and backend), with a
          95 % stratified t-interval over cases × seeds (counts below the table).{" "}
          <span class="badge verified">verified</span>{" "}
          reproduced by CI or published in the results corpus (run from a clean commit),{" "}
          <span class="badge submitted">submitted</span> a public submission not yet reproduced,
          {" "}
          <span class="badge local">local</span> a local run.
        </p>
        <Island
          name="Leaderboard"
          component={Leaderboard}
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
