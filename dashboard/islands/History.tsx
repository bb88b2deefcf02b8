/**
 * History island: a metric over commits, one series per entry (or entry ×
 * law / dimension), change points as triangles, baselines as dashed lines;
 * a click on a point opens its run. Search, toggles and a log axis keep 50+
 * series readable.
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { ActiveElement, ChartConfiguration, ChartEvent, TooltipItem } from "chart.js";
import type { MetricInfo } from "../data/types.ts";
import {
  computeHistory,
  GROUPINGS,
  historyQuery,
  type HistorySeries,
  type HistoryState,
  type HistoryView,
  parseHistoryState,
} from "../data/history.ts";
import { runHref } from "../data/links.ts";
import type { SuiteDataset } from "../data/types.ts";
import {
  fetchDataset,
  fetchWithHistory,
  setQuery,
  type ThemeColors,
  useUrlState,
} from "../components/client.ts";
import { ChartCanvas } from "../components/Chart.tsx";
import { type Facets, facetsOf, FilterBar } from "../components/FilterBar.tsx";
import { Legend } from "../components/Legend.tsx";
import { Select } from "../components/Select.tsx";
import { DASHES } from "../components/palette.ts";
import { fmt, fmtDate, shortCommit } from "../components/format.ts";

/** Props of {@link History}. */
export interface HistoryProps {
  base: string;
  suites: { id: string; title: string }[];
  query: string;
  view: HistoryView;
  facets: Facets;
  metrics: MetricInfo[];
}

function style(view: HistoryView, s: HistorySeries) {
  const suffix = s.label.slice(s.label.lastIndexOf(" · ") + 3);
  const groups = [
    ...new Set(
      view.series.map((x) =>
        x.label.includes(" · ") ? x.label.slice(x.label.lastIndexOf(" · ") + 3) : ""
      ),
    ),
  ];
  const dash = s.label.includes(" · ") ? DASHES[groups.indexOf(suffix) % DASHES.length] : [];
  return { color: s.color, dash };
}

function config(
  view: HistoryView,
  hidden: Set<string>,
  base: string,
  c: ThemeColors,
): ChartConfiguration {
  const labels = view.runs.map((r) => `${shortCommit(r.commit)} ${r.startedAt.slice(5, 10)}`);
  const datasets: Record<string, unknown>[] = [];
  for (const s of view.series) {
    if (hidden.has(s.label)) continue;
    const { color, dash } = style(view, s);
    const cps = new Set(s.changePoints);
    datasets.push({
      label: s.label,
      data: s.values,
      borderColor: color,
      backgroundColor: color,
      borderDash: dash,
      borderWidth: 1.5,
      spanGaps: true,
      pointRadius: s.values.map((_, i) => cps.has(i) ? 8 : 3),
      pointStyle: s.values.map((_, i) => cps.has(i) ? "triangle" : "circle"),
      pointHoverRadius: 9,
    });
    if (s.baseline !== null) {
      datasets.push({
        label: `baseline · ${s.label}`,
        data: s.values.map(() => s.baseline),
        borderColor: color,
        borderDash: [2, 4],
        borderWidth: 1,
        pointRadius: 0,
        pointHitRadius: 0,
      });
    }
  }
  return {
    type: "line",
    data: { labels, datasets },
    options: {
      animation: false,
      interaction: { mode: "nearest", intersect: true },
      onClick: (_evt: ChartEvent, elements: ActiveElement[]) => {
        const el = elements[0];
        if (!el) return;
        const ds = datasets[el.datasetIndex];
        if (String(ds.label).startsWith("baseline · ")) return;
        const run = view.runs[el.index];
        if (run) location.href = runHref(base, run.id);
      },
      onHover: (evt: ChartEvent, elements: ActiveElement[]) => {
        const t = evt.native?.target as HTMLElement | undefined;
        if (t) t.style.cursor = elements.length ? "pointer" : "default";
      },
      scales: {
        x: { ticks: { color: c.muted, autoSkip: true, maxRotation: 60 }, grid: { color: c.grid } },
        y: {
          type: view.state.log ? "logarithmic" : "linear",
          title: { display: true, text: view.state.metric, color: c.fg },
          ticks: { color: c.muted },
          grid: { color: c.grid },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<"line">[]) => {
              const r = view.runs[items[0]?.dataIndex ?? 0];
              return r
                ? `${shortCommit(r.commit)} · ${
                  fmtDate(r.startedAt)
                } · ${r.backend} · v${r.version}`
                : "";
            },
            footer: () => "click to open the run",
          },
        },
      },
    },
  } as unknown as ChartConfiguration;
}

/**
 * The history island.
 *
 * @example
 * ```tsx
 * import { History } from "./History.tsx";
 * // <History base="../" suites={suites} query="" view={view} facets={facets} metrics={metrics} />
 * ```
 */
export function History(props: HistoryProps) {
  const [view, setView] = useState(props.view);
  const [facets, setFacets] = useState(props.facets);
  const [metrics, setMetrics] = useState(props.metrics);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState("ready");

  const load = async (suite: string, make: (ds: SuiteDataset) => HistoryState, push: boolean) => {
    setStatus("loading");
    try {
      const ds = await fetchDataset(props.base, suite);
      const state = make(ds);
      setView(computeHistory(await fetchWithHistory(props.base, ds, state.metric), state));
      setFacets(facetsOf(ds));
      setMetrics(ds.suite.metrics);
      setStatus("ready");
      if (push) setQuery(historyQuery(state));
    } catch (e) {
      setStatus(`error: ${(e as Error).message}`);
    }
  };
  useUrlState(
    props.query,
    (params) =>
      load(
        params.get("suite") ?? props.view.state.suite,
        (ds) => parseHistoryState(params, ds),
        false,
      ),
  );

  const st = view.state;
  const update = (next: Partial<HistoryState>) => load(st.suite, () => ({ ...st, ...next }), true);
  const toggle = (key: string) => {
    const h = new Set(hidden);
    if (h.has(key)) h.delete(key);
    else h.add(key);
    setHidden(h);
  };
  const changes = view.series.flatMap((s) =>
    s.changePoints.map((i, k) => {
      const before = s.values.slice(0, i).filter((v) => v !== null).at(-1) ?? null;
      return { s, i, before, after: s.values[i], kind: s.changeKinds[k] ?? "change" };
    })
  );
  return (
    <section class="history" data-status={status}>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Suite"
          name="suite"
          value={st.suite}
          options={props.suites.map((s) => [s.id, s.title])}
          onChange={(id) =>
            load(id, (ds) => parseHistoryState(new URLSearchParams({ suite: id }), ds), true)}
        />
        <Select
          label="Metric"
          name="metric"
          value={st.metric}
          options={metrics.map((m) => [m.name, m.name])}
          onChange={(metric) => update({ metric })}
        />
        <Select
          label="Series"
          name="group"
          value={st.group}
          options={GROUPINGS.map((
            g,
          ) => [
            g,
            g === "entry" ? "per entry" : g === "entry-law" ? "entry × law" : "entry × dimension",
          ])}
          onChange={(g) => update({ group: g as HistoryState["group"] })}
        />
        <FilterBar facets={facets} filters={st} onChange={(f) => update(f)} />
        <label class="field check">
          <input
            type="checkbox"
            name="log"
            checked={st.log}
            onChange={(e) => update({ log: (e.target as HTMLInputElement).checked })}
          />
          <span>log y axis</span>
        </label>
      </form>
      {status !== "ready" && <p class="status">{status}</p>}
      <ChartCanvas
        label={`${st.metric} over commits`}
        testId="history-chart"
        height={420}
        signature={JSON.stringify([st, [...hidden], view.runs.length, view.series.length])}
        build={(c) => config(view, hidden, props.base, c)}
      />
      <p class="muted small">
        {view.runs.length}{" "}
        runs · ▲ change point (step fit) · dashed thin line: baseline · click a point to open its
        run
      </p>
      <Legend
        items={view.series.map((s) => {
          const { color, dash } = style(view, s);
          return {
            key: s.label,
            label: s.label,
            color,
            dashed: dash.length > 0,
            hidden: hidden.has(s.label),
          };
        })}
        query={st.q}
        filtered={view.hidden}
        onQuery={(q) => update({ q })}
        onToggle={toggle}
      />
      <h3>Change points</h3>
      {changes.length === 0
        ? <p class="muted">None detected.</p>
        : (
          <ul class="changes" data-testid="change-points">
            {changes.map(({ s, i, before, after, kind }) => (
              <li data-kind={kind}>
                {s.label}: {kind} {fmt(before)} → {fmt(after)} at{" "}
                <a href={runHref(props.base, view.runs[i].id)}>
                  {shortCommit(view.runs[i].commit)} ({fmtDate(view.runs[i].startedAt)})
                </a>
              </li>
            ))}
          </ul>
        )}
    </section>
  );
}
