/**
 * `deno task test`'s runner: finds the test files under test/, groups them
 * into shards (scripts/test_plan.ts), writes one module per grouped shard to
 * .test-shards/ (a list of imports; ignored by git), and runs
 * `deno test -A --no-check --parallel` on the shards. Its output and exit
 * code are deno test's; the last line is deno test's summary
 * ("ok | N passed | 0 failed (…)").
 *
 * Arguments that are existing paths (files or folders) restrict the run to
 * the test files under them; `--type-check` type-checks src/, test/,
 * benchmarks/, dashboard/ and scripts/ beside the tests (a type error fails
 * the command after the tests' summary); any other argument goes to
 * `deno test` as is (e.g. `--filter=name`, `--reporter=dot`,
 * `--junit-path=out.xml`).
 *
 * @example
 * ```sh
 * deno run -A scripts/test.ts test/core/stats --reporter=dot
 * ```
 *
 * @module
 */
import { planShards, type Shard } from "./test_plan.ts";

const ROOT = new URL("../", import.meta.url).pathname;
/** Where the generated shard modules go (ignored by git, fmt and lint; not by deno test). */
export const SHARD_DIR = ".test-shards";

/**
 * Every `*_test.ts` file under `dir` (relative to the repository root), sorted.
 *
 * @example
 * ```ts
 * import { findTestFiles } from "./test.ts";
 * const files = await findTestFiles("test/core/stats");
 * ```
 */
export async function findTestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const info = await Deno.stat(`${ROOT}${dir}`);
  if (info.isFile) return dir.endsWith("_test.ts") ? [dir] : [];
  for await (const e of Deno.readDir(`${ROOT}${dir}`)) {
    const p = `${dir.replace(/\/$/, "")}/${e.name}`;
    if (e.isDirectory) out.push(...await findTestFiles(p));
    else if (e.isFile && e.name.endsWith("_test.ts")) out.push(p);
  }
  return out.sort();
}

/**
 * The module text of a grouped shard: one import per test file, relative to
 * {@link SHARD_DIR}.
 *
 * @example
 * ```ts
 * import { shardModule } from "./test.ts";
 * shardModule({ name: "x", files: ["test/a_test.ts"], alone: false }); // 'import "../../test/a_test.ts";\n'
 * ```
 */
export function shardModule(shard: Shard): string {
  const up = SHARD_DIR.split("/").map(() => "..").join("/");
  return shard.files.map((f) => `import "${up}/${f}";\n`).join("");
}

/** Write the grouped shards' modules; returns the paths to give `deno test`, in plan order. */
async function writeShards(shards: Shard[]): Promise<string[]> {
  await Deno.remove(`${ROOT}${SHARD_DIR}`, { recursive: true }).catch(() => {});
  await Deno.mkdir(`${ROOT}${SHARD_DIR}`, { recursive: true });
  const paths: string[] = [];
  for (const s of shards) {
    if (s.alone) {
      paths.push(s.files[0]);
      continue;
    }
    const path = `${SHARD_DIR}/${s.name}_test.ts`;
    await Deno.writeTextFile(`${ROOT}${path}`, shardModule(s));
    paths.push(path);
  }
  return paths;
}

async function main(args: string[]): Promise<number> {
  const roots: string[] = [];
  const passThrough: string[] = [];
  const typeCheck = args.includes("--type-check");
  args = args.filter((a) => a !== "--type-check");
  for (const a of args) {
    const isPath = !a.startsWith("-") &&
      await Deno.stat(`${ROOT}${a}`).then(() => true, () => false);
    (isPath ? roots : passThrough).push(a.replace(/^\.\//, ""));
  }
  const files: string[] = [];
  for (const r of roots.length > 0 ? roots : ["test"]) files.push(...await findTestFiles(r));
  if (files.length === 0) {
    console.error(`error: no *_test.ts files under ${roots.join(", ")}`);
    return 2;
  }
  let shards;
  try {
    shards = planShards(files);
  } catch (e) {
    // A *_test.ts file named outside test/ (e.g. `deno task test src/x_test.ts`).
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
  const paths = await writeShards(shards);
  console.error(
    `${files.length} test files in ${shards.length} test modules (scripts/test_plan.ts)`,
  );
  // Three modules at a time on 2 cores by default: many tests wait on processes, browsers or
  // time limits, and a third module fills those waits (5 min 15 s against 5 min 35 s with two,
  // side by side on a loaded 2-core machine). DENO_JOBS overrides it.
  const jobs = Deno.env.get("DENO_JOBS") ?? String(navigator.hardwareConcurrency + 1);
  // --type-check: the type check runs beside the tests (its one core would otherwise idle the
  // other), after the npm packages are installed once so that the two never install at once.
  let check: Promise<Deno.CommandOutput> | null = null;
  if (typeCheck) {
    const install = await denoQuiet(["install"]);
    if (install.code !== 0) {
      await Deno.stderr.write(install.stderr);
      console.error("error: deno install failed, so neither the type check nor the tests ran");
      return 1;
    }
    // A cold DENO_DIR (a fresh clone) would otherwise transpile and compile the same modules in
    // many test processes at once (scripts/warm_cache.ts says what it saves).
    const warm = await denoQuiet(["run", "-A", "scripts/warm_cache.ts"]);
    if (warm.code !== 0) await Deno.stderr.write(warm.stderr);
    check = denoQuiet(["check", ...CHECKED]);
  }
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--no-check", "--parallel", ...passThrough, ...paths],
    env: { DENO_JOBS: jobs },
    cwd: ROOT,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (check === null) return code;
  const checked = await check;
  if (checked.code !== 0) {
    await Deno.stderr.write(checked.stderr);
    console.error(`error: the type check of ${CHECKED.join(" ")} failed (above)`);
    return code === 0 ? 1 : code;
  }
  console.error(`type check of ${CHECKED.join(" ")}: ok`);
  return code;
}

/** What `--type-check` checks: every TypeScript folder of the project. */
const CHECKED = ["src/", "test/", "benchmarks/", "dashboard/", "scripts/"];

/** Run this Deno with `args` in the repository root, its output kept for later. */
function denoQuiet(args: string[]): Promise<Deno.CommandOutput> {
  return new Deno.Command(Deno.execPath(), { args, cwd: ROOT, stdout: "piped", stderr: "piped" })
    .output();
}

if (import.meta.main) Deno.exit(await main(Deno.args));
