/**
 * Calibration of the smoke profile: on the 2D mixings with the MLP encoder,
 * how many steps (and what width) make Gaussian latents reach grid R2(h->z)
 * >= 0.9 while gennorm(0.25) and gennorm(16) come out lower and
 * alignment-only collapses. Prints one line per run and a summary table.
 *
 * Usage: deno run -A benchmarks/calibrate_smoke.ts [--steps 300,600,1000,1500]
 *   [--widths 64,128,256] [--seeds 1337,1338,1339] [--mixings spiral,banana,sinusoid]
 *   [--conditions gaussian,gennorm0.25,gennorm16,none] [--out results.jsonl]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend } from "../src/core/engine/mod.ts";
import { collapsed, gridR2 } from "../src/core/metrics/mod.ts";
import { trainLeJepa } from "../src/core/train/mod.ts";
import {
  gridLatents2D,
  type LatentLaw,
  makeMixing,
  type MixingName,
} from "../src/core/world/mod.ts";
import { Rng } from "../src/core/random.ts";
import { worldSampler } from "./spiral_data.ts";

/** One calibration run's outcome. */
export interface CalibrationRow {
  steps: number;
  width: number;
  seed: number;
  mixing: string;
  condition: string;
  gridR2: number;
  collapsed: boolean;
  seconds: number;
}

function conditionOf(name: string): { law: LatentLaw; regulariser: string } {
  if (name === "none") return { law: { kind: "gaussian" }, regulariser: "none" };
  if (name === "gaussian") return { law: { kind: "gaussian" }, regulariser: "sigreg" };
  const m = /^gennorm([0-9.]+)$/.exec(name);
  if (!m) throw new RangeError(`unknown condition "${name}"`);
  return { law: { kind: "gennorm", alpha: Number(m[1]) }, regulariser: "sigreg" };
}

/**
 * Train one smoke-sized case and measure grid R2(h->z) and collapse.
 *
 * @example
 * ```ts
 * import { calibrateOne } from "./calibrate_smoke.ts";
 * const row = await calibrateOne(300, 64, 1337, "spiral", "gaussian");
 * ```
 */
export async function calibrateOne(
  steps: number,
  width: number,
  seed: number,
  mixing: MixingName,
  condition: string,
): Promise<CalibrationRow> {
  const { law, regulariser } = conditionOf(condition);
  const t0 = performance.now();
  const res = await trainLeJepa(
    {
      inputDim: 2,
      latentDim: 2,
      encoder: { kind: "mlp", width, depth: 4 },
      regulariser,
      lambda: 1e-3,
      steps,
      batch: 256,
      views: 2,
      lr: 3e-3,
      weightDecay: 0.01,
      slices: 256,
      seed,
    },
    worldSampler({ seed, batch: 256, views: 2, rho: 0.95, law, mixing }),
    { curveEvery: steps },
  );
  const z = gridLatents2D(100);
  const g = makeMixing(mixing, 2, new Rng(seed, "mixing"));
  const h = await res.encoder.encode(g.apply(z, 10000), 10000);
  res.encoder.dispose();
  return {
    steps,
    width,
    seed,
    mixing,
    condition,
    gridR2: gridR2(z, h, 10000, 2),
    collapsed: collapsed(h, 10000, 2),
    seconds: (performance.now() - t0) / 1000,
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      steps: { type: "string", default: "300,600,1000,1500" },
      widths: { type: "string", default: "64,128,256" },
      seeds: { type: "string", default: "1337,1338,1339" },
      mixings: { type: "string", default: "spiral,banana,sinusoid" },
      conditions: { type: "string", default: "gaussian,gennorm0.25,gennorm16,none" },
      out: { type: "string" },
    },
  });
  const list = (s: string) => s.split(",").map((x) => x.trim()).filter((x) => x.length > 0);
  await initBackend("wasm");
  const rows: CalibrationRow[] = [];
  for (const width of list(values.widths!).map(Number)) {
    for (const steps of list(values.steps!).map(Number)) {
      for (const seed of list(values.seeds!).map(Number)) {
        for (const mixing of list(values.mixings!) as MixingName[]) {
          for (const condition of list(values.conditions!)) {
            const row = await calibrateOne(steps, width, seed, mixing, condition);
            rows.push(row);
            console.log(JSON.stringify(row));
            if (values.out) {
              Deno.writeTextFileSync(values.out, JSON.stringify(row) + "\n", { append: true });
            }
          }
        }
      }
    }
  }
  console.log("\nwidth steps mixing      condition    mean gridR2  collapsed  (over seeds)");
  const keys = new Map<string, CalibrationRow[]>();
  for (const r of rows) {
    const k = `${r.width}|${r.steps}|${r.mixing}|${r.condition}`;
    keys.set(k, [...(keys.get(k) ?? []), r]);
  }
  for (const [k, rs] of keys) {
    const [w, s, m, c] = k.split("|");
    const mean = rs.reduce((a, r) => a + r.gridR2, 0) / rs.length;
    const col = rs.filter((r) => r.collapsed).length;
    console.log(
      `${w.padEnd(5)} ${s.padEnd(5)} ${m.padEnd(11)} ${c.padEnd(12)} ${
        mean.toFixed(3).padStart(11)
      }  ${col}/${rs.length}`,
    );
  }
}
