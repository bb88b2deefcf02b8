/**
 * `run --config <file.json>`: overrides reach every case and change the
 * configHash, flags on the command line win over the file, and a bad file is
 * a usage error (exit 2, one line naming the field) that writes nothing.
 */
import assert from "node:assert/strict";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import { openStore } from "../../src/core/store/sqlite.ts";

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  const io: CliIo = { out: () => {}, err: (t) => (err += t), errIsTty: false };
  return { code: await main(args, io), err };
}

Deno.test("run --config applies overrides to every case and changes the configHash", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-config-" });
  try {
    const store = `${dir}/r.db`;
    const cfg = `${dir}/quick.json`;
    const base = { suite: "./test/reliability/crash_suite.ts", profile: "quick", jobs: 2 };
    await Deno.writeTextFile(cfg, JSON.stringify({ ...base, overrides: { ms: 2 } }));
    const a = await cli(["run", "--config", cfg, "--store", store]);
    assert.equal(a.code, 0, a.err);
    // --seeds on the command line wins over the file's (none) and the profile's.
    const b = await cli(["run", "--config", cfg, "--store", store, "--seeds", "0"]);
    assert.equal(b.code, 0, b.err);
    await Deno.writeTextFile(cfg, JSON.stringify({ ...base, overrides: { ms: 3 } }));
    const c = await cli(["run", "--config", cfg, "--store", store, "--seeds", "0"]);
    assert.equal(c.code, 0, c.err);
    const s = openStore(store);
    try {
      const runs = s.listRuns().reverse();
      assert.equal(runs.length, 3);
      const [ra, rb, rc] = runs.map((r) => s.getRun(r.header.runId)!);
      assert.equal(ra.records.length, 8);
      assert.ok(ra.records.every((r) => r.params.ms === 2 && r.status === "completed"));
      assert.deepEqual(rb.header.seeds, [0]);
      assert.equal(rb.records.length, 4);
      assert.ok(rc.records.every((r) => r.params.ms === 3));
      assert.equal(ra.header.tags.overrides, '{"ms":2}');
      const hashes = new Set([ra, rb, rc].map((d) => d.header.configHash));
      assert.equal(hashes.size, 3, "overrides and seeds change the configHash");
    } finally {
      s.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("run --config refuses a bad file or out-of-range overrides with exit 2 and one line naming the field", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-config-bad-" });
  try {
    const store = `${dir}/r.db`;
    const cases: Array<[unknown, RegExp]> = [
      [{ profile: "quick" }, /suite: is required/],
      [{ suite: "./test/reliability/crash_suite.ts", profile: "quick", jobs: 0 }, /jobs: expected/],
      [
        { suite: "./test/reliability/crash_suite.ts", profile: "quick", seeds: [1, 1] },
        /seeds\[1\]/,
      ],
      [
        { suite: "./test/reliability/crash_suite.ts", profile: "quick", backend: "gpu" },
        /backend: /,
      ],
      [
        { suite: "./test/reliability/crash_suite.ts", profile: "quick", overrides: { nope: 1 } },
        /overrides\.nope: no case/,
      ],
      [
        { suite: "./test/reliability/crash_suite.ts", profile: "quick", overrides: { ms: "1" } },
        /overrides\.ms: expected a number/,
      ],
      [
        { suite: "./test/reliability/crash_suite.ts", profile: "quick", extra: 1 },
        /extra: is not a known field/,
      ],
      ["{not json", /not valid JSON/],
      [
        { suite: "./test/reliability/crash_suite.ts", profile: "quick", jobs: 1000 },
        /jobs must be at most \d+ \(4 per CPU/,
      ],
      // The hostile probe's overrides: checked against the suite's declared parameter ranges.
      ...([
        [{ steps: -5 }, /overrides\.steps: expected an integer from 1 to 10000000, got -5$/],
        [{ steps: 30.7 }, /overrides\.steps: expected an integer from 1 to 10000000, got 30\.7$/],
        [{ steps: 1e308 }, /overrides\.steps: expected an integer .*, got 1e\+308$/],
        [{ evalSize: -1 }, /overrides\.evalSize: expected an integer from 10 to 10000000/],
        [{ lambda: -1e308 }, /overrides\.lambda: expected a number from 0 to 1, got -1e\+308$/],
        [{ law: "gennorm(-1)" }, /overrides\.law: law must be .*, got "gennorm\(-1\)"$/],
      ] as Array<[Record<string, unknown>, RegExp]>).map(([overrides, why]): [unknown, RegExp] => [
        { suite: "identifiability", profile: "smoke", overrides },
        why,
      ]),
    ];
    for (const [body, pattern] of cases) {
      const f = `${dir}/c.json`;
      await Deno.writeTextFile(f, typeof body === "string" ? body : JSON.stringify(body));
      const r = await cli(["run", "--config", f, "--store", store]);
      assert.equal(r.code, 2, r.err);
      const lines = r.err.split("\n").filter((l) => l !== "");
      assert.equal(lines.length, 1, r.err);
      assert.match(lines[0], /^error: run: --config /);
      assert.match(lines[0], pattern);
    }
    const missing = await cli(["run", "--config", `${dir}/none.json`, "--store", store]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^error: run: --config cannot read config/);
    // Nothing was recorded.
    const s = openStore(store);
    try {
      assert.equal(s.listRuns().length, 0);
    } finally {
      s.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
