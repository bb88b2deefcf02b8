/**
 * Training curves of one run (loss, SIGReg, R² over steps): one chart per
 * curve, one line per case (mean over seeds) or per (case, seed); search,
 * toggles and a log axis keep hundreds of lines readable.
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { ChartConfiguration } from "chart.js";
import type { RunCurve } from "../data/run.ts";
import { K_CURVE } from "../data/entries.ts";
import type { ThemeColors } from "../components/client.ts";
import { ChartCanvas } from "../components/Chart.tsx";
import { Legend } from "../components/Legend.tsx";
import { DASHES, PALETTE } from "../components/palette.ts";

/** Props of {@link RunCurves}. */
export interface RunCurvesProps {
  curves: Record<string, RunCurve[]>;
}

interface Line {
  key: string;
  colorKey: string;
  dashKey: string;
  points: [number, number][];
}

function lines(curves: RunCurve[], perSeed: boolean): Line[] {
  if (perSeed) {
    return curves.map((c) => ({
      key: c.label,
      colorKey: c.colorKey,
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
    return { key: group, colorKey: cs[0].colorKey, dashKey: cs[0].dashKey, points };
  });
}

function config(
  shown: Line[],
  dashKeys: string[],
  colorKeys: string[],
  log: boolean,
  name: string,
  c: ThemeColors,
): ChartConfiguration {
  const colorFor = (k: string) => PALETTE[Math.max(0, colorKeys.indexOf(k)) % PALETTE.length];
  return {
    type: "line",
    data: {
      datasets: shown.map((l) => ({
        label: l.key,
        data: l.points.map(([x, y]) => ({ x, y })),
        borderColor: colorFor(l.colorKey),
        backgroundColor: colorFor(l.colorKey),
        borderDash: DASHES[Math.max(0, dashKeys.indexOf(l.dashKey)) % DASHES.length],
        borderWidth: 1.2,
        pointRadius: 0,
      })),
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
export function RunCurves({ curves }: RunCurvesProps) {
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
  const colorKeys = [...new Set(all.flat().map((l) => l.colorKey))].sort();
  const colorFor = (k: string) => PALETTE[Math.max(0, colorKeys.indexOf(k)) % PALETTE.length];
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
              <figcaption>{name}</figcaption>
              <ChartCanvas
                label={`${name} over steps`}
                testId={`curve-${name}`}
                signature={JSON.stringify([perSeed, log, q, [...hidden]])}
                build={(c) => config(shown, dashKeys, colorKeys, log, name, c)}
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
            color: colorFor(l.colorKey),
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
