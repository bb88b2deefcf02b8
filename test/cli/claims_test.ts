import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import type { ClaimReport } from "../../src/core/analysis/mod.ts";
import { toJson } from "../../src/core/store/io.ts";
import { openStore } from "../../src/core/store/sqlite.ts";
import { identifiabilityCase as ident, seeds, syntheticRun } from "../fixtures/claim_records.ts";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  return { code: await main(["claims", ...args], io), out, err };
}

const MIXINGS = ["spiral", "banana", "sinusoid"];
/** Synthetic (not measured) smoke records: claim 1 holds, the SIGReg bound fails on one seed. */
const verified = syntheticRun(
  "identifiability",
  3,
  MIXINGS.flatMap((m) => [
    ident(
      m,
      "gaussian",
      "sigreg",
      seeds({
        grid_r2_hz: [0.95, 0.96, 0.97],
        procrustes_mse: m === "banana" ? [0.1, 0.9, 0.1] : [0.1, 0.1, 0.1],
        approx_bound: [0.5, 0.5, 0.5],
      }),
    ),
    ident(m, "gennorm(0.25)", "sigreg", seeds({ grid_r2_hz: [0.5, 0.55, 0.6] })),
  ]),
);
const dirty = syntheticRun(
  "identifiability",
  3,
  [ident("spiral", "gaussian", "sigreg", seeds({ grid_r2_hz: [0.1, 0.1, 0.1] }))],
  { git: { commit: "3cf622d", dirty: true, branch: "wip" } },
);

const dir = await Deno.makeTempDir({ prefix: "jepa-bench-claims-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const storePath = `${dir}/results.db`;
{
  const store = openStore(storePath);
  store.importDocuments([verified, dirty]);
  store.close();
}
await Deno.mkdir(`${dir}/docs/nested`, { recursive: true });
await Deno.writeTextFile(`${dir}/docs/nested/run.json`, toJson([verified, dirty]));

Deno.test("claims prints id@version, verdict, reason and evidence rows, and exits 0 on a failing claim", async () => {
  const r = await cli(["--store", storePath]);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /^claims on store ".*results\.db": 9 claims; 1 hold, 1 fail, 7 inconclusive$/m,
  );
  assert.match(r.out, /^identifiability\.gaussian-identified@1: holds$/m);
  assert.match(r.out, /^ {2}reason: holds in smoke on wasm$/m);
  assert.match(r.out, /ignored 3 unverified/);
  assert.match(
    r.out,
    /^ {2}smoke on wasm +gaussian identified +spiral\/gaussian\/N2\/sigreg\/mlp +grid_r2_hz +0\.96 \[0\.9352, 0\.9848\] +3 +>= 0\.9 +holds$/m,
  );
  assert.match(r.out, /^identifiability\.bound-sigreg@1: fails$/m);
  assert.match(
    r.out,
    /^ {2}reason: fails in smoke on wasm: procrustes within bound: banana\/gaussian\/N2\/sigreg\/mlp procrustes_mse .*\(2\/3\)$/m,
  );
  assert.match(r.out, /^perf\.sigreg-linear-in-batch@1: inconclusive$/m);
});

Deno.test("claims --claim --json gives one claim's report; --from reads a folder of run documents", async () => {
  const fromStore = await cli([
    "--store",
    storePath,
    "--claim",
    "identifiability.bound-sigreg",
    "--json",
  ]);
  assert.equal(fromStore.code, 0, fromStore.err);
  const json = JSON.parse(fromStore.out) as { source: string; claims: ClaimReport[] };
  assert.equal(json.claims.length, 1);
  const [c] = json.claims;
  assert.equal(c.verdict, "fails");
  assert.equal(c.records.unverified, 3);
  assert.deepEqual(c.checks[0].select, { where: { law: "gaussian", objective: "sigreg" } });
  const fromDocs = await cli([
    "--from",
    `${dir}/docs`,
    "--claim",
    "identifiability.bound-sigreg",
    "--json",
  ]);
  assert.equal(fromDocs.code, 0, fromDocs.err);
  const docs = JSON.parse(fromDocs.out) as { source: string; claims: ClaimReport[] };
  assert.equal(docs.source, `"${dir}/docs"`);
  assert.deepEqual(docs.claims, json.claims);
});

Deno.test("claims: an unknown claim id is a usage error (exit 2), an unreadable store or file exit 1", async () => {
  const bad = await cli(["--store", storePath, "--claim", "identifiability.nope"]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.err,
    /^error: unknown claim "identifiability\.nope"; expected one of: identifiability\.gaussian-identified, /,
  );
  assert.equal(bad.err.trim().split("\n").length, 1);
  assert.equal(bad.out, "");
  assert.equal((await cli(["--bogus"])).code, 2);
  const missing = await cli(["--store", `${dir}/nowhere.db`]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^error: .*nowhere\.db/);
  await Deno.writeTextFile(`${dir}/broken.json`, "{ not json");
  const broken = await cli(["--from", `${dir}/broken.json`]);
  assert.equal(broken.code, 1);
  assert.match(broken.err, /^error: ".*broken\.json" is not valid JSON/);
  assert.equal((await cli(["--from", `${dir}/absent`])).code, 1);
});

Deno.test("claims --help names the flags and the exit codes", async () => {
  const r = await cli(["--help"]);
  assert.equal(r.code, 0);
  for (const flag of ["--claim", "--from", "--json", "--store"]) {
    assert.ok(r.out.includes(flag), flag);
  }
  assert.match(r.out, /exit codes: 0 reported \(whatever the verdicts\), 1 the store or a file/);
});

Deno.test("claims --from a results corpus reads it through its index, which checks each document's digest", async () => {
  const committed = new URL("../../corpus", import.meta.url).pathname;
  const r = await cli(["--from", committed, "--json"]);
  assert.equal(r.code, 0, r.err);
  const reports = JSON.parse(r.out).claims as ClaimReport[];
  assert.ok(
    reports.length >= 9 && reports.every((c) => /^(holds|fails|inconclusive)$/.test(c.verdict)),
  );
  // A copy with one document changed after `corpus add` is refused, naming the document.
  const copy = await Deno.makeTempDir({ prefix: "jepa-bench-claims-corpus-" });
  try {
    await new Deno.Command("cp", { args: ["-r", `${committed}/.`, copy] }).output();
    const index = JSON.parse(await Deno.readTextFile(`${copy}/index.json`));
    const first = `${copy}/${index.documents[0].path}`;
    await Deno.writeTextFile(first, (await Deno.readTextFile(first)).replace("wasm", "wasn"));
    const bad = await cli(["--from", copy]);
    assert.equal(bad.code, 1);
    assert.ok(bad.err.includes(index.documents[0].path), bad.err);
  } finally {
    await Deno.remove(copy, { recursive: true });
  }
});
