/**
 * The README's scaling table and chart: R2(h->z) against N per objective from
 * a run of `identifiability --profile scaling` (or `paper-scaling`), next to
 * R2(x->z) of the mixing itself (how far from linear the coupling mixing is:
 * the table of the paper code's `make_table_scaling.py` has the same column).
 *
 * Prints a Markdown table (mean and 95 % t-interval over the seeds, steps,
 * failures) and writes an SVG chart of 1 - R2(h->z) against N on log axes.
 *
 * Usage: deno run -A benchmarks/scaling_report.ts --store <db> [--run <id>]
 *   [--svg docs/scaling_r2.svg] [--no-mixing]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { openStore } from "../src/core/store/sqlite.ts";
import type { CaseResult, RunDocument } from "../src/core/store/record.ts";
import { summarize, type Summary } from "../src/core/stats/mod.ts";

/** One (N, objective) cell of the table. */
export interface ScalingCell {
  dim: number;
  objective: string;
  steps: number;
  r2: Summary;
  failed: number;
  /** Mean wall seconds per seed. */
  wallS: number;
}

/**
 * Group a scaling run's records by (N, objective) and summarise R2(h->z).
 *
 * @example
 * ```ts
 * import { scalingCells } from "./scaling_report.ts";
 * console.log(scalingCells([]).length); // 0
 * ```
 */
export function scalingCells(records: readonly CaseResult[]): ScalingCell[] {
  const groups = new Map<string, CaseResult[]>();
  for (const r of records) {
    const key = `${r.params.dim}|${r.params.objective}`;
    let g = groups.get(key);
    if (!g) groups.set(key, g = []);
    g.push(r);
  }
  const cells: ScalingCell[] = [];
  for (const g of groups.values()) {
    const done = g.filter((r) => r.status === "completed");
    const values = done.map((r) => r.metrics.r2_hz).filter((v) => Number.isFinite(v));
    cells.push({
      dim: Number(g[0].params.dim),
      objective: String(g[0].params.objective),
      steps: Number(g[0].params.steps),
      r2: summarize(values),
      failed: g.length - done.length,
      wallS: done.reduce((s, r) => s + r.timing.wallMs / 1000, 0) / Math.max(1, done.length),
    });
  }
  return cells.sort((a, b) => a.dim - b.dim || a.objective.localeCompare(b.objective));
}

const fmt = (s: Summary): string => {
  if (s.n === 0) return "-";
  const d = 1 - s.mean < 0.01 ? 4 : 3;
  const ci = s.n > 1 ? ` [${s.ciLow.toFixed(d)}, ${Math.min(1, s.ciHigh).toFixed(d)}]` : "";
  return `${s.mean.toFixed(d)}${ci}`;
};

/**
 * R2(x->z) of the coupling mixing on 10 000 latents (mean over the run's seeds):
 * how linear the observations already are.
 */
async function mixingR2(dims: number[], seeds: number[]): Promise<Map<number, number>> {
  const { makeMixing, sampleLatents } = await import("../src/core/world/mod.ts");
  const { r2Pooled } = await import("../src/core/metrics/mod.ts");
  const { Rng } = await import("../src/core/random.ts");
  const out = new Map<number, number>();
  for (const dim of dims) {
    let sum = 0;
    for (const seed of seeds) {
      const n = 10_000;
      const mixing = makeMixing("coupling", dim, new Rng(seed, "mixing"), { layers: 4 });
      const z = sampleLatents({ kind: "gaussian" }, n, dim, new Rng(seed, "eval").split("z"));
      sum += r2Pooled(mixing.apply(z, n), z, n, dim, dim);
    }
    out.set(dim, sum / seeds.length);
  }
  return out;
}

/**
 * The Markdown table: one row per N, one column per objective.
 *
 * @example
 * ```ts
 * import { scalingTable } from "./scaling_report.ts";
 * console.log(scalingTable([], new Map()).split("\n")[0]);
 * ```
 */
export function scalingTable(cells: readonly ScalingCell[], mixing: Map<number, number>): string {
  const objectives = [...new Set(cells.map((c) => c.objective))];
  const dims = [...new Set(cells.map((c) => c.dim))].sort((a, b) => a - b);
  const head = ["N", "steps", "R2(x->z) mixing", ...objectives.map((o) => `${o} R2(h->z)`)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const dim of dims) {
    const row = cells.filter((c) => c.dim === dim);
    const steps = [...new Set(row.map((c) => c.steps))].join("/");
    const m = mixing.get(dim);
    const cols = objectives.map((o) => {
      const c = row.find((x) => x.objective === o);
      if (!c) return "-";
      return fmt(c.r2) + (c.failed > 0 ? ` (${c.failed} failed)` : "");
    });
    lines.push(
      `| ${dim} | ${steps} | ${m === undefined ? "-" : m.toFixed(3)} | ${cols.join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

const COLOURS: Record<string, string> = {
  sigreg: "#1f77b4",
  whitening: "#2ca02c",
  infonce: "#d62728",
};

/**
 * An SVG chart of 1 - R2(h->z) against N (both axes log), one line per
 * objective, with the seeds' t-intervals as bars.
 *
 * @example
 * ```ts
 * import { scalingSvg } from "./scaling_report.ts";
 * console.assert(scalingSvg([], "t").startsWith("<svg"));
 * ```
 */
export function scalingSvg(cells: readonly ScalingCell[], title: string): string {
  const W = 640, H = 400, L = 70, R = 130, T = 40, B = 50;
  const dims = [...new Set(cells.map((c) => c.dim))].sort((a, b) => a - b);
  const ys = cells.flatMap((c) => [1 - c.r2.mean, 1 - Math.min(c.r2.ciHigh, 1 - 1e-6)])
    .filter((v) => Number.isFinite(v) && v > 0);
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(1e-3, ...ys))));
  const yMax = 1;
  const xMin = Math.log2(dims[0] ?? 2), xMax = Math.log2(dims[dims.length - 1] ?? 1024);
  const px = (d: number) => L + (Math.log2(d) - xMin) / Math.max(1, xMax - xMin) * (W - L - R);
  const py = (v: number) => {
    const c = Math.min(Math.max(v, yMin), yMax);
    return T + (Math.log10(yMax) - Math.log10(c)) / (Math.log10(yMax) - Math.log10(yMin)) *
        (H - T - B);
  };
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
      `font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${L}" y="22" font-size="14">${escapeXml(title)}</text>`,
  );
  for (let e = Math.log10(yMin); e <= 0; e++) {
    const y = py(Math.pow(10, e));
    parts.push(
      `<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${L - 6}" y="${y + 4}" text-anchor="end">1e${e}</text>`,
    );
  }
  for (const d of dims) {
    const x = px(d);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${T}" y2="${H - B}" stroke="#eee"/>`,
      `<text x="${x}" y="${H - B + 16}" text-anchor="middle">${d}</text>`,
    );
  }
  parts.push(
    `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">N (latent dimension)</text>`,
    `<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">` +
      `1 - R2(h-&gt;z)</text>`,
  );
  const objectives = [...new Set(cells.map((c) => c.objective))];
  objectives.forEach((o, i) => {
    const colour = COLOURS[o] ?? "#555";
    const pts = cells.filter((c) => c.objective === o && c.r2.n > 0);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${
        pts.map((c) => `${px(c.dim).toFixed(1)},${py(1 - c.r2.mean).toFixed(1)}`).join(" ")
      }"/>`,
    );
    for (const c of pts) {
      const x = px(c.dim).toFixed(1);
      if (c.r2.n > 1) {
        parts.push(
          `<line x1="${x}" x2="${x}" y1="${py(1 - Math.min(c.r2.ciHigh, 1)).toFixed(1)}" ` +
            `y2="${py(1 - c.r2.ciLow).toFixed(1)}" stroke="${colour}"/>`,
        );
      }
      parts.push(`<circle cx="${x}" cy="${py(1 - c.r2.mean).toFixed(1)}" r="3" fill="${colour}"/>`);
    }
    const ly = T + 10 + i * 18;
    parts.push(
      `<line x1="${W - R + 12}" x2="${
        W - R + 32
      }" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${W - R + 38}" y="${ly + 4}">${escapeXml(o)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function pickRun(store: string, runId: string | undefined): RunDocument {
  const s = openStore(store, { readOnly: true });
  try {
    const id = runId ?? s.listRuns().find((r) => /scaling/.test(r.header.profile))?.header.runId;
    if (!id) throw new Error(`no scaling run in ${store}`);
    const doc = s.getRun(id);
    if (!doc) throw new Error(`no run ${id} in ${store}`);
    return doc;
  } finally {
    s.close();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      store: { type: "string" },
      run: { type: "string" },
      svg: { type: "string" },
      "no-mixing": { type: "boolean" },
    },
  });
  if (!values.store) {
    console.error(
      "usage: scaling_report.ts --store <db> [--run <id>] [--svg <file>] [--no-mixing]",
    );
    Deno.exit(2);
  }
  try {
    const doc = pickRun(values.store, values.run);
    const cells = scalingCells(doc.records);
    const seeds = [...new Set(doc.records.map((r) => r.seed))].sort((a, b) => a - b);
    let mixing = new Map<number, number>();
    if (!values["no-mixing"]) {
      const { initBackend } = await import("../src/core/engine/mod.ts");
      await initBackend("wasm");
      mixing = await mixingR2([...new Set(cells.map((c) => c.dim))], seeds);
    }
    const h = doc.header;
    console.log(
      `run ${h.runId}: ${h.suite.id}@${h.suite.version} profile ${h.profile} on ${h.env.backend}, ` +
        `commit ${h.git.commit?.slice(0, 10) ?? "?"}${h.git.dirty ? " (dirty)" : ""}; ` +
        `seeds ${seeds.join(", ")}; R2(h->z) mean [95 % t-interval over ${seeds.length} seeds]\n`,
    );
    console.log(scalingTable(cells, mixing));
    const total = doc.records.reduce((s, r) => s + r.timing.wallMs / 1000, 0);
    console.log(`\nsum of case wall times: ${(total / 60).toFixed(1)} min`);
    if (values.svg) {
      await Deno.writeTextFile(
        values.svg,
        scalingSvg(
          cells,
          `identifiability ${h.profile}: 1 - R2(h->z) against N (${h.env.backend})`,
        ),
      );
      console.log(`chart: ${values.svg}`);
    }
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    Deno.exit(1);
  }
}
