/**
 * The real gate: the identifiability ci profile against the committed
 * baseline (baselines/identifiability@3/ci-wasm.json), one seed per case to
 * stay cheap, with SIGReg's sign flipped in a fixture: check must fail naming
 * the metrics. The real code on a fresh seed is `.ci/run`'s step "baseline
 * check on a fresh seed" (`deno task check --seeds 4242`).
 */
import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";

const BASELINES = new URL("../../baselines", import.meta.url).pathname;
const WRONG_SIGN = new URL("../fixtures/identifiability_wrong_sign.ts", import.meta.url).pathname;

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  const code = await main(args, io);
  return { code, out, err };
}

Deno.test("check fails on SIGReg with the wrong sign and names the metrics", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-check-id-" });
  try {
    const r = await cli([
      "check",
      "--suite",
      WRONG_SIGN,
      "--seeds",
      "1337",
      "--jobs",
      "2",
      "--baselines",
      BASELINES,
      "--store",
      `${dir}/results.db`,
    ]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(
      r.out,
      /identifiability@3 profile ci backend wasm: FAIL: \d regression\(s\) in grid_r2_hz, r2_hz/,
    );
    assert.match(
      r.out,
      /banana\/gaussian\/N2\/sigreg\/mlp +grid_r2_hz \(↑\) .*REGRESSION \(worse\)/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
