/**
 * The real gate: the identifiability ci profile against the committed
 * baseline (baselines/identifiability@2/ci-wasm.json), one seed per case to
 * stay cheap (about 30 s per check on 2 cores).
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
      /identifiability@2 profile ci backend wasm: FAIL: \d regression\(s\) in grid_r2_hz, r2_hz/,
    );
    assert.match(
      r.out,
      /banana\/gaussian\/N2\/sigreg\/mlp +grid_r2_hz \(↑\) .*REGRESSION \(worse\)/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("check passes the ci profile rerun on a seed the baseline never saw", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-check-id-" });
  try {
    const r = await cli([
      "check",
      "--suite",
      "identifiability",
      "--seeds",
      "4242",
      "--jobs",
      "2",
      "--baselines",
      BASELINES,
      "--store",
      `${dir}/results.db`,
    ]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /identifiability@2 profile ci backend wasm: ok: no regression/);
    assert.doesNotMatch(r.out, /REGRESSION/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
