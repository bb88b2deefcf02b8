/**
 * `/suites/`: what each suite and metric means, and its version history.
 *
 * @module
 */
import { fmt, fmtDate } from "../components/format.ts";
import { computeSuiteView } from "../data/suites.ts";
import type { Page, PageContext } from "./_page.ts";

/**
 * Render the suites page.
 *
 * @example
 * ```ts
 * import { suitesPage } from "./suites.tsx";
 * // suitesPage({ data, url, base: "../" })
 * ```
 */
export function suitesPage(ctx: PageContext): Page {
  const views = ctx.data.datasets().map(computeSuiteView);
  return {
    title: "Suites",
    active: "suites",
    body: (
      <>
        <h1>Suites</h1>
        {views.length === 0 && <p>No suites are registered and the store is empty.</p>}
        {views.map(({ suite, versions, entries }) => (
          <section class="card suite" id={suite.id}>
            <h2>
              {suite.title} <code>{suite.id}</code> <span class="badge">v{suite.version}</span>
              {!suite.registered && <span class="badge local">not registered</span>}
            </h2>
            <p>{suite.description}</p>
            <h3>Metrics</h3>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>metric</th>
                    <th>meaning</th>
                    <th>better</th>
                    <th>margin</th>
                    <th>role</th>
                  </tr>
                </thead>
                <tbody>
                  {suite.metrics.map((m) => (
                    <tr>
                      <td>
                        <code>{m.name}</code>
                      </td>
                      <td>{m.description}</td>
                      <td>
                        {m.target !== undefined
                          ? `should equal ${m.target === "dim" ? "N" : m.target}`
                          : m.direction === "unknown"
                          ? "unknown (not declared)"
                          : `${m.direction} is better`}
                      </td>
                      <td class="num">{fmt(m.margin)}</td>
                      <td>{m.primary ? "primary (gates CI)" : "secondary"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {suite.profiles.length > 0 && (
              <>
                <h3>Profiles</h3>
                <ul>
                  {suite.profiles.map((p) => (
                    <li>
                      <code>{p.name}</code> ({p.intendedFor}, {p.cases} cases, seeds{" "}
                      {p.seeds.join(", ")}): {p.description}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h3>Version history</h3>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>version</th>
                    <th>runs in store</th>
                    <th>first run</th>
                    <th>last run</th>
                  </tr>
                </thead>
                <tbody>
                  {versions.map((v) => (
                    <tr>
                      <td>
                        v{v.version}
                        {v.current ? " (current)" : ""}
                      </td>
                      <td class="num">{v.runs}</td>
                      <td>{fmtDate(v.first || null)}</td>
                      <td>{fmtDate(v.last || null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="muted small">
              {entries}{" "}
              entries. A version changes whenever cases, seeds, settings or the meaning of a metric
              change; results of different versions are never ranked together by default.
            </p>
            <p>
              <a href={`${ctx.base}leaderboard/?suite=${encodeURIComponent(suite.id)}`}>
                Leaderboard
              </a>{" "}
              · <a href={`${ctx.base}history/?suite=${encodeURIComponent(suite.id)}`}>History</a>
            </p>
          </section>
        ))}
      </>
    ),
  };
}
