/**
 * `deno task pack:test`: the offline pack, end to end. Builds the pack (or
 * takes `--archive <file>`), asserts it is under 50 MB, unpacks it into an
 * empty folder and, with the environment emptied (`env -i`, PATH
 * /usr/bin:/bin, HOME a scratch folder, no DENO_DIR), runs
 *
 * - `./jepa-bench run --suite identifiability --profile ci --jobs 2`: every case completed,
 * - `jepa-bench check --suite identifiability --run <that run>` from another folder: the packed
 *   baselines are found and there is no regression,
 * - `./jepa-bench perf --backend wasm --profile smoke --json`: every row completed.
 *
 * As root with `unshare`, each runs in fresh network and mount namespaces: no
 * network at all, and node, nodejs, npm, npx and deno on PATH, the npm and Deno
 * caches under $HOME and the checkout are hidden, so the pack cannot lean on
 * them. Without `unshare` it runs with PATH reduced to the system tools minus
 * those five and says that the network was not cut. A few minutes on 2 cores
 * (the build's xz pass and the ci run), so it is a step of .ci/run rather
 * than part of `deno task test`. Exit 0 when all pass, 1 otherwise.
 *
 * Usage: deno run -A scripts/pack_test.ts [--archive dist/jepa-bench-pack-...tar.xz]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildPack } from "./pack.ts";
import { loadSuite } from "../src/suites/registry.ts";

/** The pack's size limit: it must fit a quick copy to a GPU node. */
const MAX_BYTES = 50 * 2 ** 20;
const HIDDEN_TOOLS = ["node", "nodejs", "npm", "npx", "deno"];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

let failures = 0;
function expect(ok: boolean, what: string): void {
  console.error(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

async function sh(script: string, cwd?: string): Promise<Outcome> {
  const out = await new Deno.Command("/bin/bash", {
    args: ["-c", script],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const d = new TextDecoder();
  return { code: out.code, stdout: d.decode(out.stdout), stderr: d.decode(out.stderr) };
}

function quote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Can this process make network and mount namespaces (root with unshare)? */
async function canUnshare(): Promise<boolean> {
  return (await sh("unshare -n -m true")).code === 0;
}

/**
 * The bash line that runs `cmd` (in `cwd`) with an empty environment and,
 * when `isolated`, no network and the host's node/npm/deno and caches hidden.
 */
function sandboxed(cmd: string[], cwd: string, home: string, isolated: boolean, path: string) {
  const run = `cd ${quote(cwd)} && exec env -i PATH=${path} HOME=${quote(home)} ${
    cmd.map(quote).join(" ")
  }`;
  if (!isolated) return run;
  const hide = [
    ...HIDDEN_TOOLS.flatMap((t) =>
      ["/usr/bin", "/bin", "/usr/local/bin"].map((d) =>
        `[ -e ${d}/${t} ] && mount --bind /dev/null ${d}/${t}`
      )
    ),
    // $HOME (npm and Deno caches) and the checkout, unless the scratch folders are inside them.
    ...[Deno.env.get("HOME") ?? "/root", new URL("..", import.meta.url).pathname]
      .map((d) => d.replace(/\/+$/, ""))
      .filter((d) => d !== "" && ![cwd, home].some((p) => `${p}/`.startsWith(`${d}/`)))
      .map((d) => `mount -t tmpfs none ${quote(d)}`),
  ].map((m) => `{ ${m} || true; }`).join("; ");
  return `unshare -n -m bash -c ${quote(`${hide}; ${run}`)}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ args: Deno.args, options: { archive: { type: "string" } } });
  const root = new URL("..", import.meta.url).pathname;
  const tmp = await Deno.makeTempDir({ prefix: "jepa-bench-pack-test-" });
  try {
    let archive = values.archive;
    const t0 = performance.now();
    if (archive === undefined) {
      archive = (await buildPack({ root, outDir: `${tmp}/dist` })).archive;
      console.error(`built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const bytes = (await Deno.stat(archive)).size;
    console.error(`archive ${archive}: ${(bytes / 2 ** 20).toFixed(1)} MiB (${bytes} bytes)`);
    expect(bytes < MAX_BYTES, `archive under 50 MiB (${(bytes / 2 ** 20).toFixed(1)} MiB)`);

    const unpacked = `${tmp}/unpacked`;
    const home = `${tmp}/home`;
    const elsewhere = `${tmp}/elsewhere`;
    for (const d of [unpacked, home, elsewhere]) await Deno.mkdir(d);
    const untar = await sh(`tar -xJf ${quote(archive)} -C ${quote(unpacked)}`);
    if (untar.code !== 0) throw new Error(`tar -xJf failed: ${untar.stderr.trim()}`);
    const tops = [...Deno.readDirSync(unpacked)].map((e) => e.name);
    expect(tops.length === 1, `one top folder in the archive (${tops.join(", ")})`);
    const pack = `${unpacked}/${tops[0]}`;

    const isolated = await canUnshare();
    let path = "/usr/bin:/bin";
    if (!isolated) {
      // No namespaces: a PATH of links to the system tools without node, npm, npx and deno.
      path = `${tmp}/tools`;
      await Deno.mkdir(path);
      for (const dir of ["/bin", "/usr/bin"]) {
        for (const e of Deno.readDirSync(dir)) {
          if (HIDDEN_TOOLS.includes(e.name)) continue;
          await Deno.symlink(`${dir}/${e.name}`, `${path}/${e.name}`).catch(() => {});
        }
      }
    }
    console.error(
      isolated
        ? "sandbox: unshare -n -m (no network; node/npm/npx/deno, $HOME and the checkout hidden)"
        : "sandbox: env -i, PATH without node/npm/npx/deno (no unshare here: network NOT cut)",
    );
    const inPack = (cmd: string[], cwd = pack) => sh(sandboxed(cmd, cwd, home, isolated, path));

    const probe = await inPack([
      "bash",
      "-c",
      HIDDEN_TOOLS.map((t) => `${t} --version`).join("||"),
    ]);
    expect(probe.code !== 0, "node, nodejs, npm, npx and deno do not run in the sandbox");
    if (isolated) {
      const net = await inPack(["bash", "-c", "exec 3<>/dev/tcp/registry.npmjs.org/443"]);
      expect(net.code !== 0, "no network in the sandbox (registry.npmjs.org unreachable)");
    }

    const store = `${tmp}/r.db`;
    const t1 = performance.now();
    const run = await inPack([
      "./jepa-bench",
      "run",
      "--suite",
      "identifiability",
      "--profile",
      "ci",
      "--store",
      store,
      "--jobs",
      "2",
    ]);
    console.error(`run: exit ${run.code} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    expect(run.code === 0, `run --suite identifiability --profile ci exits 0`);
    if (run.code !== 0) console.error(run.stderr.split("\n").slice(-15).join("\n"));
    const runId = run.stderr.match(/^run (\S+) finished:/m)?.[1];
    expect(runId !== undefined, `run reports its run id (${runId})`);
    if (runId !== undefined) {
      const show = await inPack(["./jepa-bench", "show", runId, "--json", "--store", store]);
      const doc = JSON.parse(show.stdout) as {
        header: { seeds: number[] };
        records: { status: string }[];
      };
      const cases = (await loadSuite("identifiability")).profiles.ci.cases.length;
      const want = cases * doc.header.seeds.length;
      const done = doc.records.filter((r) => r.status === "completed").length;
      expect(
        doc.records.length === want && done === want,
        `all ${want} tasks completed (${cases} cases x ${doc.header.seeds.length} seeds): ` +
          `${done} of ${doc.records.length} records completed`,
      );
      const check = await inPack([
        `${pack}/jepa-bench`,
        "check",
        "--suite",
        "identifiability",
        "--run",
        runId,
        "--store",
        store,
      ], elsewhere);
      expect(
        check.code === 0 && /no regression/.test(check.stdout + check.stderr),
        `check --run against the packed baselines, from another folder: exit ${check.code}, ` +
          (check.stdout + check.stderr).trim().split("\n").slice(-1)[0],
      );
    }
    const perf = await inPack([
      "./jepa-bench",
      "perf",
      "--backend",
      "wasm",
      "--profile",
      "smoke",
      "--json",
      "--store",
      store,
    ]);
    let rows: { status: string }[] = [];
    try {
      rows = (JSON.parse(perf.stdout) as { rows: { status: string }[] }).rows;
    } catch { /* not JSON: reported below */ }
    expect(
      perf.code === 0 && rows.length > 0 && rows.every((r) => r.status === "completed"),
      `perf --backend wasm --profile smoke: exit ${perf.code}, ${rows.length} rows completed`,
    );
    const leftovers = [...Deno.readDirSync(elsewhere)].map((e) => e.name);
    expect(leftovers.length === 0, `check from another folder wrote nothing there (${leftovers})`);
    console.error(`pack test: ${failures === 0 ? "passed" : `${failures} check(s) FAILED`}`);
    return failures === 0 ? 0 : 1;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (e) {
    console.error(`error: ${(e as Error).message.split("\n")[0]}`);
    Deno.exit(1);
  }
}
