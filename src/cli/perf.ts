/**
 * `perf`: run the `perf` suite on every backend that initialises here (one
 * worker, `--jobs 1`, so cases never share the CPU), record the runs in the
 * store like any run, and print one table of steps/s, per-phase milliseconds
 * and peak memory, plus the log-log slopes of time per step against N and
 * against batch size.
 *
 * @module
 */
import { BACKENDS, parseBackend } from "../core/engine/backends.ts";
import { cpuModel } from "../core/runner/environment.ts";
import { probeBackend, runSuite } from "../core/runner/runner.ts";
import type { CaseResult } from "../core/store/record.ts";
import { resolveSuite } from "../suites/registry.ts";
import { fitLogLogSlope } from "../core/stats/mod.ts";
import { asUsage, type CliIo, commaList, openStoreFlag, STORE_FLAG, UsageError } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
import { printableTable } from "../core/printable_table.ts";

/** Profiles `perf` runs by default. */
export const DEFAULT_PERF_PROFILES = ["reference", "scaling"];

/**
 * The flags of `perf`.
 *
 * @example
 * ```ts
 * import { PERF_FLAGS } from "./perf.ts";
 * console.log(PERF_FLAGS.profile.default); // "reference,scaling"
 * ```
 */
export const PERF_FLAGS = defineFlags({
  backend: {
    type: "string",
    value: "<list>",
    default: "every backend that initialises here",
    help: `comma list of ${BACKENDS.join(", ")}`,
  },
  profile: {
    type: "string",
    value: "<list>",
    default: DEFAULT_PERF_PROFILES.join(","),
    help: "perf profiles: reference, scaling, smoke",
  },
  store: STORE_FLAG,
  json: { type: "boolean", help: "print the table and slopes as JSON on stdout" },
});

/** Help text of `perf`. */
export const PERF_HELP = formatHelp("perf", {
  usage: ["[flags]"],
  about:
    `Measure throughput with the perf suite on each backend (one worker at a time) and record the runs
in the store: steps/s, ms per step split into data, forward, SIGReg, backward and optimizer, and
peak tensor memory, for the reference configurations; and time per step against N and batch size
with the fitted log-log slopes.`,
  after: "exit codes: 0 measured, 1 a backend named in --backend could not run, 2 usage error",
}, PERF_FLAGS);

/**
 * One measured perf case.
 *
 * @example
 * ```ts
 * import type { PerfRow } from "./perf.ts";
 * const row: PerfRow = {
 *   backend: "wasm", profile: "reference", caseId: "spiral-mlp", series: "", x: 2,
 *   status: "completed", metrics: { steps_per_sec: 20 },
 * };
 * ```
 */
export interface PerfRow {
  backend: string;
  profile: string;
  caseId: string;
  /** Scaling series ("N", "batch") or "" for a reference case. */
  series: string;
  /** The series' x value (N or batch size). */
  x: number;
  status: CaseResult["status"];
  metrics: Record<string, number>;
}

/**
 * The fitted scaling of one series on one backend: `slope` of ms/step and
 * `computeSlope` of ms/step without host data sampling, against x.
 *
 * @example
 * ```ts
 * import type { ScalingSlope } from "./perf.ts";
 * const s: ScalingSlope = {
 *   backend: "wasm", series: "N", slope: 1.1, r2: 0.98, computeSlope: 0.9, computeR2: 0.97,
 *   tailSlope: 1.8, points: [[2, 10, 9]],
 * };
 * ```
 */
export interface ScalingSlope {
  backend: string;
  series: string;
  slope: number;
  r2: number;
  computeSlope: number;
  computeR2: number;
  /**
   * Slope of ms/step over the upper half of the x values (large N or batch),
   * where fixed per-step overheads no longer dominate.
   */
  tailSlope: number;
  /** [x, ms/step, ms/step without data] per point. */
  points: Array<[number, number, number]>;
}

/**
 * Fit the log-log slopes of every (backend, series) with at least two
 * completed points.
 *
 * @example
 * ```ts
 * import { scalingSlopes } from "./perf.ts";
 * const slopes = scalingSlopes([]); // []
 * ```
 */
export function scalingSlopes(rows: readonly PerfRow[]): ScalingSlope[] {
  const groups = new Map<string, PerfRow[]>();
  for (const r of rows) {
    if (r.series === "" || r.status !== "completed") continue;
    const key = `${r.backend}\u0000${r.series}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: ScalingSlope[] = [];
  for (const [key, rs] of groups) {
    if (rs.length < 2) continue;
    const [backend, series] = key.split("\u0000");
    const points = rs.map((r): [number, number, number] => [
      r.x,
      r.metrics.ms_step,
      r.metrics.ms_step - (r.metrics.ms_data ?? 0),
    ]).sort((a, b) => a[0] - b[0]);
    const total = fitLogLogSlope(points.map((p) => p[0]), points.map((p) => p[1]));
    const compute = fitLogLogSlope(points.map((p) => p[0]), points.map((p) => p[2]));
    const upper = points.slice(Math.min(Math.floor(points.length / 2), points.length - 2));
    const tail = fitLogLogSlope(upper.map((p) => p[0]), upper.map((p) => p[1]));
    out.push({
      backend,
      series,
      slope: total.slope,
      r2: total.r2,
      computeSlope: compute.slope,
      computeR2: compute.r2,
      tailSlope: tail.slope,
      points,
    });
  }
  return out;
}

function num(x: number | undefined, digits: number): string {
  if (x === undefined || !Number.isFinite(x)) return "-";
  return x.toFixed(digits);
}

/**
 * The perf table as text: one line per (case, backend), then the slopes.
 *
 * @example
 * ```ts
 * import { formatPerfTable } from "./perf.ts";
 * console.log(formatPerfTable([], [], "load average 0.1 0.2 0.3"));
 * ```
 */
export function formatPerfTable(
  rows: readonly PerfRow[],
  slopes: readonly ScalingSlope[],
  caption: string,
): string {
  const head = [
    "case",
    "backend",
    "steps/s",
    "ms/step",
    "data",
    "forward",
    "sigreg",
    "backward",
    "optim",
    "peak MB",
  ];
  const body = rows.map((r) => {
    const m = r.metrics;
    if (r.status !== "completed") {
      return [r.caseId, r.backend, r.status, "", "", "", "", "", "", ""];
    }
    return [
      r.caseId,
      r.backend,
      num(m.steps_per_sec, 2),
      num(m.ms_step, 1),
      num(m.ms_data, 1),
      num(m.ms_forward, 1),
      num(m.ms_sigreg, 1),
      num(m.ms_backward, 1),
      num(m.ms_optimizer, 1),
      num(m.peak_bytes === undefined ? undefined : m.peak_bytes / 1e6, 1),
    ];
  });
  const columns = head.map((header, i) => ({
    header,
    align: i < 2 ? "left" as const : "right" as const,
  }));
  const lines = [caption, printableTable(columns, body)];
  if (slopes.length > 0) {
    lines.push("", "scaling (log-log least squares of ms/step against x; compute = without data):");
    for (const s of slopes) {
      lines.push(
        `  ${s.backend.padEnd(8)} ${s.series.padEnd(6)} slope ${s.slope.toFixed(2)} (r2 ${
          s.r2.toFixed(2)
        }), compute slope ${s.computeSlope.toFixed(2)} (r2 ${s.computeR2.toFixed(2)}) over ${
          s.points[0][0]
        }..${s.points.at(-1)![0]}; slope ${s.tailSlope.toFixed(2)} over ${
          s.points[Math.min(Math.floor(s.points.length / 2), s.points.length - 2)][0]
        }..${s.points.at(-1)![0]}`,
      );
    }
  }
  return lines.join("\n");
}

function loadAverage(): string {
  try {
    return Deno.loadavg().map((x) => x.toFixed(2)).join(" ");
  } catch {
    return "unknown";
  }
}

/**
 * The `perf` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { perfCommand } from "./perf.ts";
 * import { processIo } from "./common.ts";
 * const code = await perfCommand(["--backend", "wasm", "--profile", "smoke"], processIo());
 * ```
 */
export async function perfCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("perf", args, PERF_FLAGS);
  if (values.help) {
    io.out(PERF_HELP + "\n");
    return 0;
  }
  const backendList = values.backend;
  const explicit = backendList !== undefined;
  const backends = explicit
    ? commaList(backendList).map((b) => asUsage(() => parseBackend(b)))
    : [...BACKENDS];
  if (backends.length === 0) throw new UsageError("perf: --backend is empty");
  const profiles = values.profile !== undefined ? commaList(values.profile) : DEFAULT_PERF_PROFILES;
  if (profiles.length === 0) throw new UsageError("perf: --profile is empty");

  const perf = await resolveSuite("perf");
  const store = openStoreFlag(values.store);
  const rows: PerfRow[] = [];
  const runs: Array<{ backend: string; profile: string; runId: string }> = [];
  const unavailable: Array<{ backend: string; message: string }> = [];
  const loadBefore = loadAverage();
  try {
    for (const backend of backends) {
      if (!explicit) {
        const probe = await probeBackend(backend);
        if (!probe.ok) {
          unavailable.push({ backend, message: probe.message });
          io.err(`perf: skipping ${backend}: ${probe.message.split("\n")[0].slice(0, 160)}\n`);
          continue;
        }
      }
      for (const profile of profiles) {
        io.err(`perf: ${backend} ${profile}\n`);
        let outcome;
        try {
          outcome = await runSuite({
            suite: perf,
            profile,
            backend,
            jobs: 1,
            store,
            tags: { command: "perf" },
            onEvent: (e) => {
              if (e.type !== "case-end") return;
              const m = e.result.status === "completed" ? e.result.metrics : {};
              const rate = m.steps_per_sec !== undefined
                ? `${m.steps_per_sec.toFixed(2)} steps/s`
                : e.result.status;
              io.err(`  [${e.done}/${e.total}] ${e.result.caseId}: ${rate}\n`);
            },
          });
        } catch (e) {
          if (e instanceof RangeError) throw new UsageError((e as Error).message);
          unavailable.push({ backend, message: (e as Error).message });
          io.err(`perf: ${backend} could not run: ${(e as Error).message.split("\n")[0]}\n`);
          break;
        }
        runs.push({ backend, profile, runId: outcome.runId });
        const doc = store.getRun(outcome.runId)!;
        for (const r of doc.records) {
          const p = r.params;
          const series = typeof p.series === "string" ? p.series : "";
          rows.push({
            backend,
            profile,
            caseId: r.caseId,
            series,
            x: Number(series === "batch" ? p.batch : p.dim),
            status: r.status,
            metrics: r.status === "skipped" ? {} : r.metrics,
          });
        }
        if (outcome.interrupted) return 130;
      }
    }
  } finally {
    store.close();
  }
  // Profile order of the cases (the store returns records by id).
  const suite = perf.suite;
  const order = new Map<string, number>();
  for (const r of rows) {
    const cases = suite.profiles[r.profile]?.cases ?? [];
    const i = cases.findIndex((c) => c.id === r.caseId);
    order.set(`${r.profile}/${r.caseId}`, profiles.indexOf(r.profile) * 1000 + i);
  }
  rows.sort((a, b) =>
    order.get(`${a.profile}/${a.caseId}`)! - order.get(`${b.profile}/${b.caseId}`)! ||
    backends.indexOf(a.backend as typeof backends[number]) -
      backends.indexOf(b.backend as typeof backends[number])
  );
  const slopes = scalingSlopes(rows);
  const loadAfter = loadAverage();
  const caption = `perf on ${cpuModel()} (${navigator.hardwareConcurrency} logical CPUs); ` +
    `load average ${loadBefore} before, ${loadAfter} after`;
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          machine: {
            cpu: cpuModel(),
            cpuCount: navigator.hardwareConcurrency,
            loadBefore,
            loadAfter,
          },
          runs,
          unavailable,
          rows,
          slopes,
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    io.out(formatPerfTable(rows, slopes, caption) + "\n");
    for (const r of runs) io.err(`run ${r.runId}: perf ${r.profile} on ${r.backend}\n`);
  }
  return explicit && unavailable.length > 0 ? 1 : 0;
}
