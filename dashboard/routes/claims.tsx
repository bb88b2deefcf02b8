/**
 * `/claims/`: the papers' claims with their verdicts, reasons and evidence,
 * server-rendered from the analysis layer's answer (the same function the
 * `claims` command prints), for the live server and the static build alike.
 *
 * @module
 */
import { fmt } from "../components/format.ts";
import {
  type ClaimReport,
  formatEstimate,
  recordCountsText,
  suiteRefText,
} from "../../src/core/analysis/mod.ts";
import type { Page, PageContext } from "./_page.ts";

function Claim({ report: r }: { report: ClaimReport }) {
  const suites = r.suites.map(suiteRefText).join(", ");
  return (
    <section class="card claim" id={r.id} data-claim={r.id} data-verdict={r.verdict}>
      <h2>
        <code>{`${r.id}@${r.version}`}</code>
        <span class={`badge ${r.verdict}`}>{r.verdict}</span>
      </h2>
      <p>{r.title}</p>
      <p class="small">
        <strong>Why:</strong> {r.reason}
      </p>
      <p class="muted small">
        Reads {suites}
        {r.profiles ? ` (profiles ${r.profiles.join(", ")})` : ""} · {recordCountsText(r.records)}
        {" "}
        · a case needs {r.minSeeds} seed{r.minSeeds === 1 ? "" : "s"}
      </p>
      <p class="muted small">Source: {r.source}</p>
      {r.evidence.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>cohort</th>
                <th>check</th>
                <th>case</th>
                <th>metric</th>
                <th>value [95 % CI]</th>
                <th>seeds</th>
                <th>test</th>
                <th>verdict</th>
              </tr>
            </thead>
            <tbody>
              {r.evidence.map((e) => (
                <tr class={e.verdict === "fails" ? "failed" : undefined}>
                  <td>{e.cohort}</td>
                  <td>{e.check}</td>
                  <td>
                    <code>{e.case}</code>
                  </td>
                  <td>
                    <code>{e.metric}</code>
                  </td>
                  <td class="num">{formatEstimate(e.value, e.ciLow, e.ciHigh)}</td>
                  <td class="num">{fmt(e.seeds)}</td>
                  <td>{e.test}</td>
                  <td>{e.verdict ?? "point"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * Render the claims page.
 *
 * @example
 * ```ts
 * import { claimsPage } from "./claims.tsx";
 * // claimsPage({ data, url: new URL("http://x/claims/"), base: "../" })
 * ```
 */
export function claimsPage(ctx: PageContext): Page {
  const reports = ctx.data.claims();
  const count = (v: string) => reports.filter((r) => r.verdict === v).length;
  return {
    title: "Claims",
    active: "claims",
    body: (
      <>
        <h1>Claims</h1>
        <p class="lede">
          What the papers behind the suites claim, as named, versioned checks over verified results
          (runs whose header names their git commit and a clean tree; others are ignored and
          counted). Each verdict is computed from the store's records whenever they change, per
          cohort (a profile on a backend, never pooled): a claim fails when a cohort fails it, holds
          when a cohort holds it and none fails, and is inconclusive otherwise. Values are means
          over seeds with their 95 % Student-t interval; thresholds are part of each claim's
          version. The <code>claims</code> command prints the same.
        </p>
        <p class="small">
          {reports.length} claims: {count("holds")} hold, {count("fails")} fail,{" "}
          {count("inconclusive")} inconclusive.
        </p>
        {reports.map((r) => <Claim key={`${r.id}@${r.version}`} report={r} />)}
      </>
    ),
  };
}
