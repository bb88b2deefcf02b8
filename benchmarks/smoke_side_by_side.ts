/**
 * The smoke bench (`deno task bench`) of two commits, one after the other on
 * this machine, each in a fresh clone with its own store: wall time in all and
 * per suite, so a speed claim about the bench is a ratio measured side by side
 * (never an absolute time against a figure from another day).
 *
 * Usage: deno run -A benchmarks/smoke_side_by_side.ts --base f301905 [--head HEAD]
 *   [--repo .] [--keep DIR]
 *
 * Prints, per commit, the wall time and each suite's run (from its stored
 * header: started, finished), then the ratio head / base. With --keep the
 * clones (and their stores, `.jepa-bench/results.db`) stay in DIR.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { DatabaseSync } from "node:sqlite";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    base: { type: "string" },
    head: { type: "string", default: "HEAD" },
    repo: { type: "string", default: "." },
    keep: { type: "string" },
  },
});
if (!values.base) {
  console.error("error: --base COMMIT is required");
  Deno.exit(2);
}

async function sh(cmd: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const out = await new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${cmd.join(" ")} failed in ${cwd}:\n${text.slice(-4000)}`);
  return text;
}

interface Measured {
  commit: string;
  wallS: number;
  suites: { suite: string; seconds: number; completed: number; failed: number }[];
  tail: string;
}

async function measure(ref: string, root: string): Promise<Measured> {
  const repo = Deno.realPathSync(values.repo!);
  const commit = (await sh(["git", "rev-parse", "--short", ref], repo)).trim();
  const dir = `${root}/${commit}`;
  await sh(["git", "clone", "-q", repo, dir], root);
  await sh(["git", "checkout", "-q", commit], dir);
  const deno = ["npx", "-y", "deno@2.9.6"];
  await sh([...deno, "install", "--frozen"], dir);
  const t0 = performance.now();
  const out = await sh([...deno, "task", "bench"], dir, { NO_COLOR: "1" });
  const wallS = (performance.now() - t0) / 1000;
  const db = new DatabaseSync(`${dir}/.jepa-bench/results.db`, { readOnly: true });
  const rows = db.prepare(
    `SELECT u.suite, u.started_at, u.finished_at,
       (SELECT count(*) FROM results r WHERE r.run_id = u.run_id AND r.status = 'completed') AS c,
       (SELECT count(*) FROM results r WHERE r.run_id = u.run_id AND r.status = 'failed') AS f
     FROM runs u ORDER BY u.started_at`,
  ).all();
  db.close();
  const suites = rows.map((r) => ({
    suite: String(r.suite),
    seconds: (Date.parse(String(r.finished_at)) - Date.parse(String(r.started_at))) / 1000,
    completed: Number(r.c),
    failed: Number(r.f),
  }));
  return { commit, wallS, suites, tail: out.split("\n").slice(-80).join("\n") };
}

const root = values.keep ?? await Deno.makeTempDir({ prefix: "jepa-bench-side-by-side-" });
Deno.mkdirSync(root, { recursive: true });
const results: Measured[] = [];
for (const ref of [values.base, values.head!]) {
  console.error(`running the smoke bench at ${ref} ...`);
  results.push(await measure(ref, root));
}
for (const r of results) {
  console.log(`\n## ${r.commit}: ${r.wallS.toFixed(1)} s wall`);
  for (const s of r.suites) {
    console.log(`  ${s.suite.padEnd(16)} ${s.seconds.toFixed(1).padStart(7)} s  ` +
      `${s.completed} completed, ${s.failed} failed`);
  }
  console.log(r.tail);
}
const [base, head] = results;
console.log(
  `\nhead ${head.commit} / base ${base.commit}: ${(head.wallS / base.wallS).toFixed(3)} of the ` +
    `wall time (${head.wallS.toFixed(1)} s vs ${base.wallS.toFixed(1)} s)`,
);
if (values.keep === undefined) await Deno.remove(root, { recursive: true });
