/**
 * Training curves of one run (loss, SIGReg, R² over steps): one chart per
 * curve, one line per case (mean over seeds) or per (case, seed); search,
 * toggles and a log axis keep hundreds of lines readable.
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { ChartConfiguration } from "chart.js";
import type { RunBaseline, RunCurve } from "../data/run.ts";
import { K_CURVE } from "../data/entries.ts";
import type { ThemeColors } from "../components/client.ts";
import { ChartCanvas } from "../components/Chart.tsx";
import { Legend } from "../components/Legend.tsx";
import { DASHES } from "../components/palette.ts";
import { fmt } from "../components/format.ts";

/** Props of {@link RunCurves}. */
export interface RunCurvesProps {
  curves: Record<string, RunCurve[]>;
  /** By curve name: the stored baseline's value, drawn as a horizontal dotted line. */
  baselines?: Record<string, RunBaseline>;
}

interface Line {
  key: string;
  color: string;
  dashKey: string;
  points: [number, number][];
}

function lines(curves: RunCurve[], perSeed: boolean): Line[] {
  if (perSeed) {
    return curves.map((c) => ({
      key: c.label,
      color: c.color,
      dashKey: c.dashKey,
      points: c.points,
    }));
  }
  const groups = new Map<string, RunCurve[]>();
  for (const c of curves) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.entries()].map(([group, cs]) => {
    const bySteps = new Map<number, number[]>();
    for (const c of cs) {
      for (const [s, v] of c.points) bySteps.set(s, [...(bySteps.get(s) ?? []), v]);
    }
    const points = [...bySteps.entries()].sort((a, b) => a[0] - b[0])
      .map(([s, vs]) => [s, vs.reduce((x, y) => x + y, 0) / vs.length] as [number, number]);
    return { key: group, color: cs[0].color, dashKey: cs[0].dashKey, points };
  });
}

function config(
  shown: Line[],
  dashKeys: string[],
  log: boolean,
  name: string,
  baseline: RunBaseline | undefined,
  c: ThemeColors,
): ChartConfiguration {
  const xs = shown.flatMap((l) => l.points.map(([x]) => x));
  const base = baseline && xs.length > 0
    ? [{
      label: `baseline ${baseline.runId}`,
      data: [{ x: Math.min(...xs), y: baseline.value }, { x: Math.max(...xs), y: baseline.value }],
      borderColor: c.fg,
      backgroundColor: c.fg,
      borderDash: [2, 4],
      borderWidth: 1.5,
      pointRadius: 0,
    }]
    : [];
  return {
    type: "line",
    data: {
      datasets: [
        ...base,
        ...shown.map((l) => ({
          label: l.key,
          data: l.points.map(([x, y]) => ({ x, y })),
          borderColor: l.color,
          backgroundColor: l.color,
          borderDash: DASHES[Math.max(0, dashKeys.indexOf(l.dashKey)) % DASHES.length],
          borderWidth: 1.2,
          pointRadius: 0,
        })),
      ],
    },
    options: {
      animation: false,
      interaction: { mode: "nearest", intersect: false },
      scales: {
        x: {
          type: "linear",
          title: { display: true, text: K_CURVE.test(name) ? "k" : "step", color: c.fg },
          ticks: { color: c.muted },
          grid: { color: c.grid },
        },
        y: {
          type: log ? "logarithmic" : "linear",
          title: { display: true, text: name, color: c.fg },
          ticks: { color: c.muted },
          grid: { color: c.grid },
        },
      },
      plugins: { legend: { display: false } },
    },
  } as unknown as ChartConfiguration;
}

/**
 * The run curves island.
 *
 * @example
 * ```tsx
 * import { RunCurves } from "./RunCurves.tsx";
 * const c = <RunCurves curves={{}} />;
 * ```
 */
export function RunCurves({ curves, baselines = {} }: RunCurvesProps) {
  const [perSeed, setPerSeed] = useState(false);
  const [log, setLog] = useState(false);
  const [q, setQ] = useState("");
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const names = Object.keys(curves).sort();
  if (names.length === 0) return <p class="muted">This run recorded no curves.</p>;
  const all = names.map((n) => lines(curves[n], perSeed));
  const keys = [...new Set(all.flat().map((l) => l.key))];
  const byKey = new Map(all.flat().map((l) => [l.key, l]));
  const dashKeys = [...new Set(all.flat().map((l) => l.dashKey))].sort();
  const needle = q.trim().toLowerCase();
  const visible = keys.filter((k) => !needle || k.toLowerCase().includes(needle));
  const toggle = (k: string) => {
    const h = new Set(hidden);
    if (h.has(k)) h.delete(k);
    else h.add(k);
    setHidden(h);
  };
  return (
    <section class="curves">
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label class="field check">
          <input
            type="checkbox"
            checked={perSeed}
            onChange={(e) => setPerSeed((e.target as HTMLInputElement).checked)}
          />
          <span>one line per seed (else mean over seeds)</span>
        </label>
        <label class="field check">
          <input
            type="checkbox"
            name="log"
            checked={log}
            onChange={(e) => setLog((e.target as HTMLInputElement).checked)}
          />
          <span>log y axis</span>
        </label>
      </form>
      <div class="charts">
        {names.map((name, i) => {
          const shown = all[i].filter((l) => visible.includes(l.key) && !hidden.has(l.key));
          return (
            <figure class="card">
              <figcaption>
                {name}
                {baselines[name] && (
                  <span
                    class="muted small"
                    data-testid={`baseline-${name}`}
                    data-value={baselines[name].value}
                  >
                    {` · baseline ${fmt(baselines[name].value)} (dotted)`}
                  </span>
                )}
              </figcaption>
              <ChartCanvas
                label={`${name} over steps`}
                testId={`curve-${name}`}
                signature={JSON.stringify([perSeed, log, q, [...hidden]])}
                build={(c) => config(shown, dashKeys, log, name, baselines[name], c)}
              />
            </figure>
          );
        })}
      </div>
      <Legend
        items={visible.map((k) => {
          const l = byKey.get(k)!;
          return {
            key: k,
            label: k,
            color: l.color,
            dashed: dashKeys.indexOf(l.dashKey) > 0,
            hidden: hidden.has(k),
          };
        })}
        query={q}
        filtered={keys.length - visible.length}
        onQuery={setQ}
        onToggle={toggle}
      />
    </section>
  );
}
