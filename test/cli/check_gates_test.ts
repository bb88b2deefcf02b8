/**
 * The real gates of generalization, planning and regularisers: each suite's
 * ci profile against its committed baseline (baselines/<suite>@<v>/ci-wasm.json)
 * with a bug planted in a fixture. One seed per case to stay cheap. That the
 * real code passes on a seed the baselines never saw is `.ci/run`'s step
 * "baseline check on a fresh seed" (`deno task check --seeds 4242`, every
 * suite), kept out of `deno task test` for its minute of training.
 */
import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";

const BASELINES = new URL("../../baselines", import.meta.url).pathname;
/** Cases of the regularisers ci profile (src/suites/regularisers.ts, CI_REGULARISERS). */
const CI_REGULARISER_CASES = [
  "barlow_twins/banana/gaussian/N2/mlp",
  "infonce/banana/gaussian/N2/mlp",
];
const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** `check --profile ci` of `suites` on `seeds` in a scratch store; prints its wall time. */
async function check(suites: string, seeds: string) {
  const dir = await Deno.makeTempDir({ prefix: "jepa-check-gates-" });
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  const t0 = performance.now();
  try {
    const args = ["check", "--suite", suites, "--seeds", seeds, "--jobs", "2"];
    const code = await main(
      [...args, "--baselines", BASELINES, "--store", `${dir}/results.db`],
      io,
    );
    console.log(
      `check ${suites.replace(/.*\//, "")}: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return { code, out, err };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("generalization: check fails on a bound with the wrong sign and names case and metric", async () => {
  const r = await check(fixture("generalization_wrong_sign_bound.ts"), "0");
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(
    r.out,
    /generalization@2 profile ci backend wasm: FAIL: 2 regression\(s\) in bound_holds_fraction\n/,
  );
  for (const c of ["planted-rank-64-r6", "gridworld-6"]) {
    assert.match(r.out, new RegExp(`${c} +bound_holds_fraction \\(↑\\) .*REGRESSION \\(worse\\)`));
  }
});

Deno.test("planning: check fails on a CEM planner acting with the wrong sign and names case and metrics", async () => {
  const r = await check(fixture("planning_wrong_sign_cem.ts"), "1337");
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /planning@3 profile ci backend wasm: FAIL: \d regression\(s\) in /);
  for (const m of ["regret_median \\(↓\\)", "cost_ratio \\(↓\\)", "success_rate \\(↑\\)"]) {
    assert.match(r.out, new RegExp(`banana/gaussian/N2/sigreg/cem/two-stage +${m} .*REGRESSION`));
  }
  assert.doesNotMatch(r.out, /lqr\/two-stage .*REGRESSION/, "the LQR case is not broken");
});

Deno.test("regularisers: check fails on regularisers that return 0 and names cases and metrics", async () => {
  const r = await check(fixture("regularisers_zero.ts"), "1337");
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(
    r.out,
    /regularisers@2 profile ci backend wasm: FAIL: \d regression\(s\) in grid_r2_hz/,
  );
  for (const c of CI_REGULARISER_CASES) {
    assert.match(r.out, new RegExp(`${c} +grid_r2_hz \\(↑\\) .*REGRESSION \\(worse\\)`));
  }
});
