/**
 * `/`: an overview (suites, latest runs) and the empty-store message.
 *
 * @module
 */
import { fmtDate, shortCommit } from "../components/format.ts";
import { runHref } from "../data/links.ts";
import type { Page, PageContext } from "./_page.ts";

/**
 * What pages show when the store has no results yet.
 *
 * @example
 * ```tsx
 * import { NoData } from "./index.tsx";
 * const n = <NoData />;
 * ```
 */
export function NoData() {
  return (
    <section class="card">
      <h1>No results yet</h1>
      <p>
        The store is empty. Run a suite (for example{" "}
        <code>deno task bench</code>) or import a run document, then reload.
      </p>
    </section>
  );
}

/**
 * Render the home page.
 *
 * @example
 * ```ts
 * import { homePage } from "./index.tsx";
 * // homePage({ data, url, base: "" })
 * ```
 */
export function homePage(ctx: PageContext): Page {
  const datasets = ctx.data.datasets();
  const runs = datasets.flatMap((d) => d.runs.map((r) => ({ ...r, suite: d.suite.id })))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, 15);
  if (runs.length === 0) return { title: "Dashboard", active: "home", body: <NoData /> };
  return {
    title: "Dashboard",
    active: "home",
    body: (
      <>
        <h1>jepa-bench results</h1>
        <div class="grid2">
          {datasets.map((d) => (
            <section class="card">
              <h2>{d.suite.title}</h2>
              <p class="small">{d.suite.description}</p>
              <p class="muted small">
                {d.runs.length} runs · {d.entries.length} entries · versions{" "}
                {d.versions.map((v) => `v${v}`).join(", ")}
              </p>
              <p>
                <a href={`${ctx.base}leaderboard/?suite=${encodeURIComponent(d.suite.id)}`}>
                  Leaderboard
                </a>{" "}
                ·{" "}
                <a href={`${ctx.base}history/?suite=${encodeURIComponent(d.suite.id)}`}>History</a>
              </p>
            </section>
          ))}
        </div>
        <h2>Latest runs</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>run</th>
                <th>suite</th>
                <th>commit</th>
                <th>backend</th>
                <th>started</th>
                <th>status</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>
                    <a href={runHref(ctx.base, r.id)}>{r.id}</a>
                  </td>
                  <td>
                    {r.suite} v{r.version}
                  </td>
                  <td>
                    <code>{shortCommit(r.commit)}</code>
                  </td>
                  <td>{r.backend}</td>
                  <td>{fmtDate(r.startedAt)}</td>
                  <td>{r.baseline ? "baseline" : r.verified ? "verified" : "local"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    ),
  };
}
