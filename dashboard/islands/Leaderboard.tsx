/**
 * The leaderboard island: a sortable, filterable table whose state lives in
 * the URL. The server renders the first view; later views are recomputed in
 * the browser from the suite's dataset JSON (so a static export behaves the
 * same as the live server).
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { MetricInfo } from "../data/types.ts";
import {
  BOARD_VIEWS,
  type BoardView,
  computeLeaderboard,
  leaderboardQuery,
  type LeaderboardState,
  type LeaderboardView,
  parseLeaderboardState,
  type SortKey,
} from "../data/leaderboard.ts";
import type { SuiteDataset } from "../data/types.ts";
import { fetchDataset, setQuery, useUrlState } from "../components/client.ts";
import { type Facets, facetsOf, FilterBar } from "../components/FilterBar.tsx";
import { Select } from "../components/Select.tsx";
import { TaskMatrixTable } from "../components/TaskMatrixTable.tsx";
import { fmt, fmtDate, fmtP } from "../components/format.ts";
import { runHref } from "../data/links.ts";

/** Props of {@link Leaderboard}. */
export interface LeaderboardProps {
  base: string;
  suites: { id: string; title: string }[];
  /** The query string the server rendered. */
  query: string;
  view: LeaderboardView;
  facets: Facets;
  metrics: MetricInfo[];
}

const COLUMNS: [SortKey | null, string][] = [
  ["rank", "#"],
  ["name", "Entry"],
  ["status", "Status"],
  ["mean", "Mean"],
  ["ci", "95 % CI"],
  [null, "Tie group"],
  ["iqm", "IQM"],
  ["seeds", "Seeds"],
  [null, "Tasks"],
  [null, "Backend"],
  [null, "Version"],
  [null, "Latest run"],
];

/**
 * The leaderboard island.
 *
 * @example
 * ```tsx
 * import { Leaderboard } from "./Leaderboard.tsx";
 * // <Leaderboard base="../" suites={suites} query="" view={view} facets={facets} metrics={metrics} />
 * ```
 */
export function Leaderboard(props: LeaderboardProps) {
  const [view, setView] = useState(props.view);
  const [facets, setFacets] = useState(props.facets);
  const [metrics, setMetrics] = useState(props.metrics);
  const [status, setStatus] = useState<"ready" | "loading" | string>("ready");

  const show = (ds: SuiteDataset, state: LeaderboardState, push: boolean) => {
    const v = computeLeaderboard(ds, state);
    setView(v);
    setFacets(facetsOf(ds));
    setMetrics(ds.suite.metrics);
    setStatus("ready");
    if (push) setQuery(leaderboardQuery(state, ds));
  };
  const load = async (
    suite: string,
    make: (ds: SuiteDataset) => LeaderboardState,
    push: boolean,
  ) => {
    setStatus("loading");
    try {
      const ds = await fetchDataset(props.base, suite);
      show(ds, make(ds), push);
    } catch (e) {
      setStatus(`error: ${(e as Error).message}`);
    }
  };
  useUrlState(
    props.query,
    (params) =>
      load(
        params.get("suite") ?? props.view.state.suite,
        (ds) => parseLeaderboardState(params, ds),
        false,
      ),
  );

  const st = view.state;
  const update = (next: Partial<LeaderboardState>) =>
    load(st.suite, () => ({ ...st, ...next }), true);
  const sortBy = (key: SortKey) =>
    update({ sort: key, dir: st.sort === key && st.dir === "asc" ? "desc" : "asc" });

  return (
    <section class="leaderboard" data-status={status}>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Suite"
          name="suite"
          value={st.suite}
          options={props.suites.map((s) => [s.id, s.title])}
          onChange={(id) =>
            load(id, (ds) => parseLeaderboardState(new URLSearchParams({ suite: id }), ds), true)}
        />
        <Select
          label="Metric"
          name="metric"
          value={st.metric}
          options={metrics.map((m) => [m.name, m.primary ? `${m.name} (primary)` : m.name])}
          onChange={(metric) => update({ metric })}
        />
        <FilterBar facets={facets} filters={st} onChange={(f) => update(f)} />
        <div class="field views" role="group" aria-label="View">
          <span>View</span>
          <span class="toggle">
            {BOARD_VIEWS.map((v: BoardView) => (
              <button
                type="button"
                data-view={v}
                aria-pressed={st.view === v}
                onClick={() => update({ view: v })}
              >
                {v === "ranking" ? "Ranking" : "Per-case matrix"}
              </button>
            ))}
          </span>
        </div>
      </form>
      <p class="metric-note">
        <strong>{view.metric.name}</strong>: {view.metric.description}{" "}
        <span class="muted">
          ({view.metric.direction === "unknown"
            ? "direction unknown: not declared by the suite, so not ranked"
            : `${
              view.metric.target !== undefined
                ? `should equal ${
                  view.metric.target === "dim" ? "N" : view.metric.target
                }, ranked by the distance to it`
                : `${view.metric.direction} is better`
            }; margin ${fmt(view.metric.margin)}`}
          {view.tasks.length > 0 &&
            `; over ${view.tasks.length} common task(s): ${view.tasks.join(", ")}`})
        </span>
        {status !== "ready" && <span class="status">{status}</span>}
      </p>
      {view.matrix
        ? (
          <>
            <TaskMatrixTable matrix={view.matrix} />
            <p class="muted small" data-testid="matrix-caption">
              Each cell: mean over seeds
              {view.metric.target !== undefined ? " of the distance to the target" : ""}{" "}
              with its 95 % t-interval (Student t over the seeds of that task; none with one seed).
              {" "}
              {view.matrix.table.goal.kind === "unknown"
                ? "The metric's direction is not declared, so no cell is marked."
                : "★ best in its row in the declared direction (among two or more entries)."}
            </p>
          </>
        )
        : (
          <div class="table-wrap">
            <table class="board" data-testid="leaderboard">
              <thead>
                <tr>
                  {COLUMNS.map(([key, label]) => (
                    <th
                      aria-sort={key && st.sort === key
                        ? (st.dir === "asc" ? "ascending" : "descending")
                        : undefined}
                    >
                      {key
                        ? (
                          <button type="button" data-sort={key} onClick={() => sortBy(key)}>
                            {label}
                            {st.sort === key ? (st.dir === "asc" ? " ▲" : " ▼") : ""}
                          </button>
                        )
                        : label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r) => (
                  <tr data-entry={r.entry.key} data-rank={r.rank}>
                    <td class="num">{r.rank ?? "—"}</td>
                    <td class="entry">
                      <span
                        class="swatch"
                        data-entry-color={r.color}
                        style={{ borderColor: r.color, background: r.color }}
                      />{" "}
                      <a
                        href={`${props.base}compare/?${new URLSearchParams({
                          suite: st.suite,
                          a: r.entry.key,
                          b: view.rows.find((x) => x.entry.key !== r.entry.key && x.rank === 1)
                            ?.entry
                            .key ??
                            view.rows.find((x) => x.entry.key !== r.entry.key)?.entry.key ??
                            r.entry.key,
                        })}`}
                        title="Compare head-to-head"
                      >
                        {r.entry.name}
                      </a>
                      {r.entry.submitter !== null && (
                        <span class="muted small">{` by ${r.entry.submitter}`}</span>
                      )}
                      {r.entry.notes !== null && (
                        <div class="muted small notes">{r.entry.notes}</div>
                      )}
                    </td>
                    <td>
                      <span class={`badge ${r.status}`}>{r.status}</span>
                    </td>
                    <td class="num mean">{fmt(r.mean)}</td>
                    <td class="num ci">
                      {Number.isFinite(r.ciLow) ? `[${fmt(r.ciLow)}, ${fmt(r.ciHigh)}]` : "—"}
                    </td>
                    <td
                      class="num tie"
                      title={Number.isFinite(r.pVsLeader)
                        ? `p vs the leader ${fmtP(r.pVsLeader)} (Holm)`
                        : undefined}
                    >
                      {r.tieGroup ?? "—"}
                    </td>
                    <td class="num">{fmt(r.iqm)}</td>
                    <td class="num seeds">{r.seeds}</td>
                    <td class="num">
                      {r.cases}
                      {r.extraTasks > 0 && (
                        <span class="muted" title="tasks this entry ran that not every entry ran">
                          {` (+${r.extraTasks} not shared)`}
                        </span>
                      )}
                      {r.failed > 0 && (
                        <span class="fail" title="failed records">{` (${r.failed} failed)`}</span>
                      )}
                    </td>
                    <td>{r.backends.join(", ")}</td>
                    <td>{r.versions.map((v) => `v${v}`).join(", ")}</td>
                    <td class="run">
                      {r.latestRun && (
                        <a href={runHref(props.base, r.latestRun.id)} title={r.latestRun.id}>
                          {r.latestRun.startedAt ? fmtDate(r.latestRun.startedAt) : r.latestRun.id}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {view.rows.length === 0 && <p class="empty">No results match these filters.</p>}
          </div>
        )}
      {!view.matrix && view.interval !== "" && (
        <p class="muted small" data-testid="leaderboard-interval">95 % CI = {view.interval}.</p>
      )}
    </section>
  );
}
