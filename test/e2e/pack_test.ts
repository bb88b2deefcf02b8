/**
 * The offline pack's folder (scripts/pack_tree.ts), without the archive and
 * with this test runner's Deno as bin/deno: the launcher's arguments and
 * environment (against a stand-in deno that prints them), and the real bundle
 * running a suite in worker processes and the wasm backend under an empty
 * environment. The archive itself, offline, is `deno task pack:test`
 * (scripts/pack_test.ts; minutes, so a step of .ci/run).
 */
import assert from "node:assert/strict";
import { BUNDLE_DIR, LAUNCHER } from "../../scripts/pack_files.ts";
import { writePackTree } from "../../scripts/pack_tree.ts";
import { suite as toySuite } from "../fixtures/toy_suite.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `cmd` in `cwd` with an empty environment: PATH /usr/bin:/bin, HOME `home`. */
async function bare(cmd: string[], cwd: string, home: string): Promise<Result> {
  const out = await new Deno.Command("/usr/bin/env", {
    args: ["-i", "PATH=/usr/bin:/bin", `HOME=${home}`, ...cmd],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

/** A folder with the launcher and a bin/deno that prints its arguments and environment. */
async function launcherOnly(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "pack-launcher-" });
  await Deno.mkdir(`${dir}/bin`);
  await Deno.writeTextFile(
    `${dir}/bin/deno`,
    '#!/bin/bash\nprintf "arg:%s\\n" "$@"\n' +
      'printf "env:%s\\n" "DENO_DIR=$DENO_DIR" "DENO_NO_UPDATE_CHECK=$DENO_NO_UPDATE_CHECK"\n',
  );
  await Deno.chmod(`${dir}/bin/deno`, 0o755);
  await Deno.writeTextFile(`${dir}/jepa-bench`, LAUNCHER);
  await Deno.chmod(`${dir}/jepa-bench`, 0o755);
  return dir;
}

function argsOf(r: Result): string[] {
  return r.stdout.split("\n").filter((l) => l.startsWith("arg:")).map((l) => l.slice(4));
}

Deno.test("launcher runs the packed deno on the packed CLI offline, arguments unchanged", async () => {
  const dir = await launcherOnly();
  try {
    const r = await bare(
      ["./jepa-bench", "run", "--suite", "identifiability", "--profile", "ci", "a b"],
      dir,
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(argsOf(r), [
      "run",
      "-A",
      "--cached-only",
      "--no-remote",
      "--config",
      `${dir}/deno.json`,
      `${dir}/${BUNDLE_DIR}/cli.js`,
      "run",
      "--suite",
      "identifiability",
      "--profile",
      "ci",
      "a b",
    ]);
    assert.match(r.stdout, new RegExp(`^env:DENO_DIR=${dir}/cache$`, "m"));
    assert.match(r.stdout, /^env:DENO_NO_UPDATE_CHECK=1$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("launcher gives check the packed baselines unless --baselines is given", async () => {
  const dir = await launcherOnly();
  const elsewhere = await Deno.makeTempDir();
  try {
    const plain = argsOf(await bare([`${dir}/jepa-bench`, "check", "--jobs", "2"], elsewhere, dir));
    assert.deepEqual(plain.slice(-5), ["check", "--baselines", `${dir}/baselines`, "--jobs", "2"]);
    for (const given of [["--baselines", "mine"], ["--baselines=mine"]]) {
      const args = argsOf(await bare([`${dir}/jepa-bench`, "check", ...given], elsewhere, dir));
      assert.deepEqual(args.slice(-1 - given.length), ["check", ...given]);
    }
    const run = argsOf(await bare([`${dir}/jepa-bench`, "run"], elsewhere, dir));
    assert.deepEqual(run.slice(-1), ["run"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(elsewhere, { recursive: true });
  }
});

Deno.test("launcher called through a symlink uses the pack it points into", async () => {
  const dir = await launcherOnly();
  const links = await Deno.makeTempDir();
  try {
    await Deno.symlink(`${dir}/jepa-bench`, `${links}/jepa-bench`);
    const args = argsOf(await bare([`${links}/jepa-bench`, "list"], links, links));
    assert.equal(args[6], `${dir}/${BUNDLE_DIR}/cli.js`);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(links, { recursive: true });
  }
});

Deno.test("packed CLI runs suites in worker processes and tfjs wasm with an empty environment", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "pack-tree-" });
  try {
    const pack = `${tmp}/pack`;
    await writePackTree(pack, {
      root: ROOT,
      deno: Deno.execPath(),
      version: "test",
      commit: null,
      dirty: false,
      linkDeno: true,
    });
    // The runner spawns `deno run --config <worker dir>/../../../deno.json <worker dir>/worker.ts`
    // (src/core/runner/worker_process.ts): that must be the pack's own config.
    const worker = new URL(`./worker.ts`, `file://${pack}/${BUNDLE_DIR}/lib.js`);
    assert.equal(new URL("../../../deno.json", worker).pathname, `${pack}/deno.json`);

    const store = `${tmp}/r.db`;
    const toy = `${ROOT}test/fixtures/toy_suite.ts`;
    const run = await bare(
      [
        "./jepa-bench",
        "run",
        "--suite",
        toy,
        "--profile",
        "smoke",
        "--jobs",
        "2",
        "--store",
        store,
      ],
      pack,
      tmp,
    );
    const smoke = toySuite.profiles.smoke;
    const fast = smoke.cases.filter((c) => c.params.kind === "fast").length * smoke.seeds.length;
    const total = smoke.cases.length * smoke.seeds.length;
    assert.match(
      run.stderr,
      new RegExp(`finished: ${fast} completed, ${total - fast} failed`),
      run.stderr,
    );

    const perf = await bare(
      [
        "./jepa-bench",
        "perf",
        "--backend",
        "wasm",
        "--profile",
        "smoke",
        "--json",
        "--store",
        store,
      ],
      pack,
      tmp,
    );
    assert.equal(perf.code, 0, perf.stderr);
    const rows = (JSON.parse(perf.stdout) as { rows: { status: string; backend: string }[] }).rows;
    assert.ok(rows.length > 0);
    for (const row of rows) assert.deepEqual([row.backend, row.status], ["wasm", "completed"]);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
