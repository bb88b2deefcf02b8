/**
 * A chart.js 4 canvas for islands. It rebuilds its chart when `signature`
 * or the theme changes, and exposes the chart on the canvas (`__chart`) and
 * `data-ready="1"` for browser tests.
 *
 * @module
 */
import { useEffect, useRef } from "preact/hooks";
import { Chart, type ChartConfiguration, registerables } from "chart.js";
import { type ThemeColors, themeColors } from "./client.ts";

let registered = false;

/** Props of {@link ChartCanvas}. */
export interface ChartCanvasProps {
  /** Builds the configuration with the current theme colours. */
  build: (colors: ThemeColors) => ChartConfiguration;
  /** Changes whenever the data or options change. */
  signature: string;
  /** Accessible description of the chart. */
  label: string;
  height?: number;
  testId?: string;
}

/**
 * A chart.js chart on a canvas.
 *
 * @example
 * ```tsx
 * import { ChartCanvas } from "./Chart.tsx";
 * const c = <ChartCanvas label="demo" signature="1" build={() => ({ type: "line", data: { datasets: [] } })} />;
 * ```
 */
export function ChartCanvas({ build, signature, label, height = 320, testId }: ChartCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const buildRef = useRef(build);
  buildRef.current = build;
  useEffect(() => {
    if (!registered) {
      Chart.register(...registerables);
      registered = true;
    }
    const canvas = ref.current!;
    let chart: Chart | null = null;
    const draw = () => {
      chart?.destroy();
      const config = buildRef.current(themeColors());
      config.options = { responsive: true, maintainAspectRatio: false, ...config.options };
      chart = new Chart(canvas, config);
      (canvas as unknown as { __chart: Chart }).__chart = chart;
      canvas.dataset.ready = "1";
    };
    draw();
    addEventListener("themechange", draw);
    return () => {
      removeEventListener("themechange", draw);
      chart?.destroy();
    };
  }, [signature]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={ref} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
