/**
 * `/runs/<id>/`: everything a reproducer needs from one run, starting with
 * the command that runs it again; its values (metrics first) before its
 * configuration.
 *
 * @module
 */
import { reproduction } from "../../src/core/runner/reproduce.ts";
import { Island } from "../components/Island.tsx";
import { fmt, fmtDate } from "../components/format.ts";
import { computeRunView } from "../data/run.ts";
import { runHref } from "../data/links.ts";
import { RunCurves } from "../islands/RunCurves.tsx";
import type { Page, PageContext } from "./_page.ts";

function Dl({ rows }: { rows: [string, string | number | boolean | null][] }) {
  return (
    <dl class="kv">
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v === null ? "—" : String(v)}</dd>
        </>
      ))}
    </dl>
  );
}

/**
 * Render a run page, or a 404 page when the run is unknown.
 *
 * @example
 * ```ts
 * import { runPage } from "./run.tsx";
 * // runPage({ data, url, base: "../../" }, "2026-01-05T09-00-00-id0")
 * ```
 */
export function runPage(ctx: PageContext, runId: string): Page {
  const doc = ctx.data.run(runId);
  if (!doc) {
    return {
      title: "Run not found",
      status: 404,
      body: (
        <>
          <h1>Run not found</h1>
          <p>No run with id {runId} is in this store.</p>
        </>
      ),
    };
  }
  const metrics = ctx.data.dataset(doc.header.suite.id)?.suite.metrics ?? [];
  const baseline = ctx.data.baseline(
    doc.header.suite.id,
    doc.header.suite.version,
    doc.header.profile,
  );
  const view = computeRunView(doc, metrics, { entryOrder: ctx.data.entryOrder(), baseline });
  const h = view.header;
  const paramNames = [...new Set(view.rows.flatMap((r) => Object.keys(r.params)))];
  const again = reproduction(h);
  return {
    title: `Run ${h.runId}`,
    active: "runs",
    body: (
      <>
        <h1>
          Run <code class="id">{h.runId}</code>
        </h1>
        <section class="reproduce" data-testid="reproduce">
          {again.command === null
            ? (
              <p>
                Not reproducible with <code>run</code>.
              </p>
            )
            : (
              <>
                <p class="muted small">Reproduce this run (from a clone of the repository):</p>
                <pre
                  class="command"
                  data-testid="reproduce-command"
                ><code>{again.command}</code></pre>
              </>
            )}
          {again.caveats.length > 0 && (
            <ul class="caveats small" data-testid="reproduce-caveats">
              {again.caveats.map((c) => <li key={c}>{c}</li>)}
            </ul>
          )}
        </section>
        <p>
          <a class="button" href="run.json" download={`${h.runId}.json`} data-testid="download">
            Download run.json
          </a>{" "}
          <span class="muted">
            The run record (header and every case result) in the documented JSON format; import it
            with the CLI or validate it with <code>submit --validate</code>.
          </span>
        </p>
        <h2>Per-seed values</h2>
        <div class="table-wrap">
          <table class="records" data-testid="records">
            <thead>
              <tr>
                <th>case</th>
                <th>seed</th>
                <th>status</th>
                {view.metricNames.map((m) => <th key={m} class="metric">{m}</th>)}
                {paramNames.map((p) => <th key={p} class="param">{p}</th>)}
                <th>wall ms</th>
                <th>steps</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr class={r.status}>
                  <td class="id">{r.caseId}</td>
                  <td class="num">{r.seed}</td>
                  <td title={r.note ?? undefined}>
                    {r.status}
                    {r.note !== null && <div class="small muted">{r.note}</div>}
                  </td>
                  {r.values.map((v, i) => <td key={i} class="num">{fmt(v)}</td>)}
                  {paramNames.map((p) => (
                    <td>{r.params[p] === undefined ? "" : String(r.params[p])}</td>
                  ))}
                  <td class="num">{Math.round(r.wallMs)}</td>
                  <td class="num">{r.steps}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>Training curves</h2>
        {Object.keys(view.baselines).length > 0 && (
          <p class="muted small" data-testid="run-baseline">
            Dotted horizontal line: the stored baseline of {h.suite.id} v{h.suite.version} profile
            {" "}
            {h.profile} (<a href={runHref(ctx.base, Object.values(view.baselines)[0].runId)}>
              {Object.values(view.baselines)[0].runId}
            </a>), its final value of the metric of the curve's name, the mean over the cases both
            runs have of its seed means.
          </p>
        )}
        <Island
          name="RunCurves"
          component={RunCurves}
          props={{ curves: view.curves, baselines: view.baselines }}
        />
        <div class="grid2">
          <section class="card">
            <h2>Configuration</h2>
            <Dl
              rows={[
                ["suite", `${h.suite.id} v${h.suite.version}`],
                ["profile", h.profile],
                ["config hash", h.configHash],
                ["seeds", h.seeds.join(", ")],
                ["commit", h.git.commit],
                ["branch", h.git.branch],
                ["dirty tree", h.git.dirty],
                ["started", fmtDate(h.startedAt)],
                ["finished", fmtDate(h.finishedAt)],
                [
                  "records",
                  `${view.counts.completed} completed, ${view.counts.failed} failed, ${view.counts.skipped} skipped`,
                ],
              ]}
            />
          </section>
          <section class="card">
            <h2>Environment</h2>
            <Dl
              rows={[
                ["backend", h.env.backend],
                ["deno", h.env.deno],
                ["v8", h.env.v8],
                ["typescript", h.env.typescript],
                ["tfjs", h.env.tfjs],
                ["os / arch", `${h.env.os} / ${h.env.arch}`],
                ["cpu", `${h.env.cpu} (${h.env.cpuCount} cores)`],
                ["gpu", h.env.gpu],
              ]}
            />
            {Object.keys(h.tags).length > 0 && (
              <>
                <h3>Tags</h3>
                <Dl rows={Object.entries(h.tags).sort()} />
              </>
            )}
          </section>
        </div>
      </>
    ),
  };
}
