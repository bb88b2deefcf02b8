/**
 * Crash-safety trials: start a real `run` (the CLI, in its own process) of the
 * crash fixture suite on a fresh store, `kill -9` it at a chosen moment, then
 * check that the store opens and passes SQLite's integrity check, that every
 * case the run reported complete is stored and intact (equal to an
 * uninterrupted run's record), that `run --resume` re-runs only the missing
 * cases (records written before the kill are byte-identical afterwards), and
 * that the final results equal the uninterrupted run's.
 *
 * Used by `crash_trials.ts` (20+ trials) and `test/reliability/crash_test.ts`.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { openStore } from "../../src/core/store/sqlite.ts";
import type { CaseResult } from "../../src/core/store/record.ts";

/** Repository root (the CLI runs from here so deno.json applies). */
export const ROOT = new URL("../../", import.meta.url).pathname;
/** The fixture suite, as `--suite` takes it from ROOT. */
export const CRASH_SUITE = "./test/reliability/crash_suite.ts";

/** The scientific content of a record: what must survive and be reproduced. *
 * @example
 * ```ts
 * import { recordContent } from "./crash.ts";
 * import type { CaseResult } from "../../src/core/store/record.ts";
 * declare const r: CaseResult;
 * console.log(recordContent(r));
 * ```
 */
export function recordContent(r: CaseResult): string {
  const c: Record<string, unknown> = { caseId: r.caseId, seed: r.seed, status: r.status };
  if (r.status !== "skipped") Object.assign(c, { metrics: r.metrics, curves: r.curves });
  if (r.status === "completed") c.flags = r.flags;
  if (r.status === "failed") c.error = r.error;
  return JSON.stringify(c);
}

/** Spawn the CLI; stdout is discarded, stderr is collected line by line. */
function spawnCli(args: string[]): { child: Deno.ChildProcess; stderr: Promise<string[]> } {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-q", "-A", "src/cli.ts", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const stderr = (async () => {
    const lines: string[] = [];
    let buf = "";
    const dec = new TextDecoder();
    for await (const chunk of child.stderr) {
      buf += dec.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        lines.push(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
      }
    }
    if (buf !== "") lines.push(buf);
    return lines;
  })();
  return { child, stderr };
}

function runArgs(profile: string, store: string, jobs: number): string[] {
  return [
    "run",
    "--suite",
    CRASH_SUITE,
    "--profile",
    profile,
    "--store",
    store,
    "--jobs",
    `${jobs}`,
  ];
}

/** Records of the only run in a store, keyed by `${caseId}#${seed}` (validated on read). */
function storedRecords(
  path: string,
): { runId: string | null; finished: boolean; records: Map<string, CaseResult> } {
  const store = openStore(path);
  try {
    const runs = store.listRuns();
    if (runs.length > 1) throw new Error(`expected at most one run, found ${runs.length}`);
    if (runs.length === 0) return { runId: null, finished: false, records: new Map() };
    const doc = store.getRun(runs[0].header.runId)!;
    return {
      runId: doc.header.runId,
      finished: doc.header.finishedAt !== null,
      records: new Map(doc.records.map((r) => [`${r.caseId}#${r.seed}`, r])),
    };
  } finally {
    store.close();
  }
}

/** Completed records stored so far by a live run (0 while the store does not exist yet). */
function storedCompleted(path: string): number {
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const row = db.prepare("SELECT COUNT(*) AS n FROM results WHERE status = 'completed'").get();
      return Number(row?.n ?? 0);
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function integrity(path: string): string {
  const db = new DatabaseSync(path);
  try {
    return String(db.prepare("PRAGMA integrity_check").get()?.integrity_check);
  } finally {
    db.close();
  }
}

/** An uninterrupted run: its record contents by key, and how long it took. *
 * @example
 * ```ts
 * import { referenceRun } from "./crash.ts";
 * const ref = await referenceRun("quick", "/tmp/ref.db");
 * console.log(ref.contents.size, ref.wallMs);
 * ```
 */
export async function referenceRun(
  profile: string,
  storePath: string,
  jobs = 2,
): Promise<{ contents: Map<string, string>; wallMs: number }> {
  const t0 = performance.now();
  const { child, stderr } = spawnCli(runArgs(profile, storePath, jobs));
  const status = await child.status;
  const lines = await stderr;
  if (status.code !== 0) throw new Error(`reference run failed: ${lines.slice(-3).join(" | ")}`);
  const wallMs = performance.now() - t0;
  const { records, finished } = storedRecords(storePath);
  if (!finished) throw new Error("reference run is not finished");
  return {
    contents: new Map([...records].map(([k, r]) => [k, recordContent(r)])),
    wallMs,
  };
}

/** What one trial found. */
export interface CrashTrial {
  killAfterMs: number;
  /** The kill timer started once this many completed cases were stored (0: at spawn). */
  killAfterCompleted: number;
  /** The run had finished before the kill (the trial tested nothing). */
  finishedBeforeKill: boolean;
  /** Whether the run header was in the store at the kill. */
  runStarted: boolean;
  /** Cases the CLI's progress lines reported complete before the kill (highest N of "[N/M]"). */
  reportedComplete: number;
  /** Completed records in the store after the kill. */
  completedAtKill: number;
  /** Store opened, integrity_check ok, every reported case present, every stored record equal to the reference. */
  intact: boolean;
  /** Records the resume wrote (new or rewritten). */
  resumeWrote: number;
  /** The resume wrote exactly the missing cases and left the others byte-identical. */
  resumeOnlyMissing: boolean;
  /** Final contents equal the uninterrupted run's, and the run is finished. */
  equal: boolean;
  problems: string[];
}

const LINE = /^\[(\d+)\/(\d+)\] (\S+) seed (\d+) completed/;

/**
 * One kill -9 trial on a fresh store at `storePath`: the run is killed
 * `killAfterMs` after the store holds `killAfterCompleted` completed cases
 * (default 0: after spawning). Counting from a stored case rather than from
 * the spawn keeps the kill part-way through the run however slow the machine
 * is at starting processes.
 *
 * @example
 * ```ts
 * import { crashTrial, referenceRun } from "./crash.ts";
 * const ref = await referenceRun("quick", "/tmp/ref.db");
 * const t = await crashTrial({ profile: "quick", storePath: "/tmp/t.db", killAfterMs: 1500, reference: ref.contents });
 * console.log(t.intact, t.equal);
 * ```
 */
export async function crashTrial(opts: {
  profile: string;
  storePath: string;
  killAfterMs: number;
  killAfterCompleted?: number;
  reference: Map<string, string>;
  jobs?: number;
}): Promise<CrashTrial> {
  const { profile, storePath, killAfterMs, reference } = opts;
  const jobs = opts.jobs ?? 2;
  const killAfterCompleted = opts.killAfterCompleted ?? 0;
  const problems: string[] = [];
  const { child, stderr } = spawnCli(runArgs(profile, storePath, jobs));
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  while (!exited && killAfterCompleted > 0 && storedCompleted(storePath) < killAfterCompleted) {
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, killAfterMs));
  let killSent = false;
  if (!exited) {
    try {
      child.kill("SIGKILL");
      killSent = true;
    } catch {
      // The process ended between the check and the kill: it finished before the kill.
    }
  }
  const st = await status;
  const lines = await stderr;
  // A run that exits 0 although the kill was sent ended on its own a moment before it.
  const finishedBeforeKill = !killSent || (st.signal === null && st.code === 0);
  if (!finishedBeforeKill && st.signal !== "SIGKILL") {
    problems.push(`run ended with ${st.signal ?? st.code}, not SIGKILL`);
  }
  const reported = new Set<string>();
  let reportedComplete = 0;
  for (const l of lines) {
    const m = LINE.exec(l);
    if (m) {
      reported.add(`${m[3]}#${m[4]}`);
      reportedComplete = Math.max(reportedComplete, Number(m[1]));
    }
  }

  // 1. The store opens, is consistent, and holds every reported case intact.
  let before: ReturnType<typeof storedRecords> = {
    runId: null,
    finished: false,
    records: new Map(),
  };
  try {
    before = storedRecords(storePath);
    const ic = integrity(storePath);
    if (ic !== "ok") problems.push(`integrity_check: ${ic}`);
  } catch (e) {
    problems.push(`store after kill: ${(e as Error).message}`);
  }
  const completedBefore = [...before.records.values()].filter((r) => r.status === "completed");
  for (const k of reported) {
    if (before.records.get(k)?.status !== "completed") problems.push(`reported ${k} missing`);
  }
  if (completedBefore.length < reportedComplete) {
    problems.push(`${reportedComplete} reported complete, ${completedBefore.length} stored`);
  }
  for (const [k, r] of before.records) {
    if (r.status === "completed" && reference.get(k) !== recordContent(r)) {
      problems.push(`${k} differs from the reference`);
    }
  }
  const intact = problems.length === 0;

  // 2. Resume: only the missing cases run; the rest stay byte-identical.
  const snapshot = new Map([...before.records].map(([k, r]) => [k, JSON.stringify(r)]));
  const resume = spawnCli([...runArgs(profile, storePath, jobs), "--resume"]);
  const rs = await resume.child.status;
  const rlines = await resume.stderr;
  if (rs.code !== 0) problems.push(`resume exited ${rs.code}: ${rlines.slice(-2).join(" | ")}`);
  let resumeWrote = 0;
  let resumeOnlyMissing = false;
  let equal = false;
  try {
    const after = storedRecords(storePath);
    if (before.runId !== null && after.runId !== before.runId) {
      problems.push(`resume made a new run ${after.runId}`);
    }
    let rewroteCompleted = 0;
    for (const [k, r] of after.records) {
      const old = snapshot.get(k);
      if (old !== JSON.stringify(r)) {
        resumeWrote++;
        if (before.records.get(k)?.status === "completed") rewroteCompleted++;
      }
    }
    const missing = reference.size - completedBefore.length;
    resumeOnlyMissing = rewroteCompleted === 0 && resumeWrote === missing;
    if (!resumeOnlyMissing) {
      problems.push(
        `resume wrote ${resumeWrote} (missing ${missing}, rewrote ${rewroteCompleted} completed)`,
      );
    }
    equal = after.finished && after.records.size === reference.size &&
      [...reference].every(([k, c]) =>
        after.records.has(k) && recordContent(after.records.get(k)!) === c
      );
    if (!equal) problems.push("final results differ from the uninterrupted run");
  } catch (e) {
    problems.push(`store after resume: ${(e as Error).message}`);
  }
  return {
    killAfterMs,
    killAfterCompleted,
    finishedBeforeKill,
    runStarted: before.runId !== null,
    reportedComplete,
    completedAtKill: completedBefore.length,
    intact,
    resumeWrote,
    resumeOnlyMissing,
    equal,
    problems,
  };
}
