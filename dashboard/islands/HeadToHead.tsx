/**
 * Head-to-head island: pick two entries; per-metric differences with 95 %
 * t-intervals and the probability of improvement; each suite's primary metric
 * against its dimension (R² against N per latent law, regret against k).
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { ChartConfiguration, LegendItem, TooltipItem } from "chart.js";
import {
  type CompareChart,
  compareQuery,
  type CompareState,
  type CompareView,
  computeCompare,
  parseCompareState,
} from "../data/compare.ts";
import type { SuiteDataset } from "../data/types.ts";
import { fetchDataset, setQuery, type ThemeColors, useUrlState } from "../components/client.ts";
import { ChartCanvas } from "../components/Chart.tsx";
import { type Facets, facetsOf, FilterBar } from "../components/FilterBar.tsx";
import { Select } from "../components/Select.tsx";
import { DASHES } from "../components/palette.ts";
import { fmt, fmtP, fmtSigned } from "../components/format.ts";

/** Props of {@link HeadToHead}. */
export interface HeadToHeadProps {
  base: string;
  suites: { id: string; title: string }[];
  query: string;
  view: CompareView;
  facets: Facets;
}

function chartConfig(
  chart: CompareChart,
  sideColor: CompareView["colors"],
  c: ThemeColors,
): ChartConfiguration {
  const groups = [...new Set(chart.series.map((s) => s.group))];
  const xs = chart.series.flatMap((s) => s.points.map((p) => p.x));
  const logX = xs.length > 0 && Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) >= 8;
  const datasets = chart.series.flatMap((s) => {
    const color = sideColor[s.side];
    const dash = DASHES[groups.indexOf(s.group) % DASHES.length];
    return [
      {
        label: `${s.label} (CI low)`,
        data: s.points.map((p) => ({ x: p.x, y: p.lo })),
        borderWidth: 0,
        pointRadius: 0,
        borderColor: "transparent",
        fill: false,
      },
      {
        label: `${s.label} (CI)`,
        data: s.points.map((p) => ({ x: p.x, y: p.hi })),
        borderWidth: 0,
        pointRadius: 0,
        borderColor: "transparent",
        backgroundColor: color + "33",
        fill: "-1",
      },
      {
        label: s.label,
        data: s.points.map((p) => ({ x: p.x, y: p.y })),
        borderColor: color,
        backgroundColor: color,
        borderDash: dash,
        pointRadius: 3,
        fill: false,
      },
    ];
  });
  return {
    type: "line",
    data: { datasets },
    options: {
      animation: false,
      scales: {
        x: {
          type: logX ? "logarithmic" : "linear",
          // Tick exactly at the measured dimensions (2, 8, 32, …), not at 3, 4, 5, ….
          afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
            axis.ticks = [...new Set(xs)].sort((p, q) => p - q).map((value) => ({ value }));
          },
          title: { display: true, text: chart.xKey, color: c.fg },
          ticks: { color: c.muted, callback: (v: string | number) => String(v) },
          grid: { color: c.grid },
        },
        y: {
          title: { display: true, text: chart.metric, color: c.fg },
          ticks: { color: c.muted },
          grid: { color: c.grid },
        },
      },
      plugins: {
        legend: {
          labels: { color: c.fg, filter: (item: LegendItem) => !item.text.includes("(CI") },
        },
        tooltip: {
          filter: (item: TooltipItem<"line">) => !String(item.dataset.label).includes("(CI"),
        },
      },
    },
  } as unknown as ChartConfiguration;
}

/**
 * The head-to-head island.
 *
 * @example
 * ```tsx
 * import { HeadToHead } from "./HeadToHead.tsx";
 * // <HeadToHead base="../" suites={suites} query="" view={view} facets={facets} />
 * ```
 */
export function HeadToHead(props: HeadToHeadProps) {
  const [view, setView] = useState(props.view);
  const [facets, setFacets] = useState(props.facets);
  const [status, setStatus] = useState("ready");

  const load = async (suite: string, make: (ds: SuiteDataset) => CompareState, push: boolean) => {
    setStatus("loading");
    try {
      const all = await Promise.all(props.suites.map((s) => fetchDataset(props.base, s.id)));
      const ds = all.find((d) => d.suite.id === suite) ?? all[0];
      const state = make(ds);
      setView(computeCompare(ds, state, all));
      setFacets(facetsOf(ds));
      setStatus("ready");
      if (push) setQuery(compareQuery(state, ds));
    } catch (e) {
      setStatus(`error: ${(e as Error).message}`);
    }
  };
  useUrlState(
    props.query,
    (params) =>
      load(
        params.get("suite") ?? props.view.state.suite,
        (ds) => parseCompareState(params, ds),
        false,
      ),
  );

  const st = view.state;
  const update = (next: Partial<CompareState>) => load(st.suite, () => ({ ...st, ...next }), true);
  const entryOptions = view.entries.map((e) =>
    [e.key, e.submission ? `${e.name} (submission)` : e.name] as [string, string]
  );
  return (
    <section class="compare" data-status={status}>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Suite"
          name="suite"
          value={st.suite}
          options={props.suites.map((s) => [s.id, s.title])}
          onChange={(id) =>
            load(id, (ds) => parseCompareState(new URLSearchParams({ suite: id }), ds), true)}
        />
        <Select
          label="A"
          name="a"
          value={st.a}
          options={entryOptions}
          onChange={(a) => update({ a })}
        />
        <Select
          label="B"
          name="b"
          value={st.b}
          options={entryOptions}
          onChange={(b) => update({ b })}
        />
        <FilterBar facets={facets} filters={st} onChange={(f) => update(f)} />
      </form>
      {status !== "ready" && <p class="status">{status}</p>}
      <h2>
        <span class="side a" style={{ color: view.colors.a }} data-entry-color={view.colors.a}>
          A: {view.a?.name ?? "—"}
        </span>{" "}
        vs{" "}
        <span class="side b" style={{ color: view.colors.b }} data-entry-color={view.colors.b}>
          B: {view.b?.name ?? "—"}
        </span>
      </h2>
      <div class="table-wrap">
        <table class="diffs" data-testid="compare-metrics">
          <thead>
            <tr>
              <th>Metric</th>
              <th>Better</th>
              <th>A mean</th>
              <th>B mean</th>
              <th>B − A</th>
              <th>95 % CI of B − A</th>
              <th>P(B better)</th>
              <th title="p of no difference, Holm-adjusted over the metrics of this table">
                p (Holm)
              </th>
              <th>Verdict</th>
              <th>Seeds A / B</th>
            </tr>
          </thead>
          <tbody>
            {view.metrics.map((m) => (
              <tr data-metric={m.metric.name}>
                <td>
                  <span title={m.metric.description}>{m.metric.name}</span>
                  {m.metric.primary && <span class="badge primary">primary</span>}
                </td>
                <td>{m.metric.direction}</td>
                <td class="num">{fmt(m.aMean)}</td>
                <td class="num">{fmt(m.bMean)}</td>
                <td class="num">{fmtSigned(m.diff)}</td>
                <td class="num">
                  {Number.isFinite(m.ciLow)
                    ? `[${fmtSigned(m.ciLow)}, ${fmtSigned(m.ciHigh)}]`
                    : "—"}
                </td>
                <td class="num">{fmt(m.pBetter, 3)}</td>
                <td class="num">{Number.isFinite(m.detail.pHolm) ? fmtP(m.detail.pHolm) : "—"}</td>
                <td class={`verdict ${m.verdict}`}>
                  {m.verdict === "a"
                    ? "A better"
                    : m.verdict === "b"
                    ? "B better"
                    : m.verdict === "unknown"
                    ? "direction unknown"
                    : "no detectable difference"}
                </td>
                <td class="num">{m.aSeeds} / {m.bSeeds}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.metrics.length === 0 && <p class="empty">Pick two entries with results.</p>}
      </div>
      <p class="muted small">
        Differences:{" "}
        {view.interval || "B − A, 95 % t-interval of the difference over seeds"}; over the tasks
        both entries ran, each task weighing the same; none with one seed a side. A verdict needs
        the interval wholly beyond the metric's margin, and a declared direction. P(B better) =
        Mann–Whitney U / (n m) over seeds, averaged over tasks. p (Holm) = two-sided p of "no
        difference" from the same interval, Holm-adjusted over the metrics with a declared direction
        in this table (family-wise error 5 % below 0.05). Chart bands: 95 % stratified t-interval
        over cases × seeds.
      </p>
      <div class="charts">
        {view.charts.map((chart) => (
          <figure class="card">
            <figcaption>{chart.title}</figcaption>
            <ChartCanvas
              label={chart.title}
              testId={`compare-chart-${chart.suite}`}
              signature={JSON.stringify([
                st,
                chart.suite,
                chart.series.length,
                chart.series[0]?.points,
              ])}
              build={(c) => chartConfig(chart, view.colors, c)}
            />
          </figure>
        ))}
        {view.charts.length === 0 && (
          <p class="empty">Neither entry has results with a dimension parameter.</p>
        )}
      </div>
    </section>
  );
}
