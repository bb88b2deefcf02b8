/**
 * How many inputs a fuzz property gets: its campaign size scaled by
 * `JEPA_FUZZ_SCALE` (default 0.3, so `deno task test` stays fast; set it to
 * 1 or more for the full campaign, e.g. `JEPA_FUZZ_SCALE=1 deno test -A
 * test/reliability/`). Every property keeps a fixed seed, so a given scale
 * always draws the same inputs.
 *
 * @example
 * ```ts
 * import { fuzzRuns } from "./fuzz_runs.ts";
 * const numRuns = fuzzRuns(2000); // 600 by default
 * ```
 */
export function fuzzRuns(campaign: number): number {
  const raw = Deno.env.get("JEPA_FUZZ_SCALE");
  const scale = raw === undefined || raw === "" ? 0.3 : Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`JEPA_FUZZ_SCALE must be a positive number, got "${raw}"`);
  }
  return Math.max(50, Math.round(campaign * scale));
}
