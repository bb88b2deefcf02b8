/**
 * The results corpus: the committed `corpus/` folder verifies (its index and its files agree,
 * every document validates and its commit is in HEAD's history); `corpus add` refuses what is
 * not verified and never replaces a document; `corpus verify` names every broken document.
 * Runs are real toy-suite runs whose git header is set as if made from a clean checkout of a
 * temporary repository's commit.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  addToCorpus,
  coarsenCurve,
  CORPUS_INDEX_FILE,
  corpusDocumentJson,
  corpusEntry,
  listCorpusFiles,
  parseCorpusIndex,
  readCorpusIndex,
  verifyCorpus,
  writeCorpusIndex,
} from "../../src/core/corpus/mod.ts";
import { main } from "../../src/cli.ts";
import type { CliIo } from "../../src/cli/common.ts";
import { asNewRun } from "../../src/core/store/io.ts";
import type { Curve, RunDocument } from "../../src/core/store/record.ts";
import { validateRunDocument } from "../../src/core/store/validate.ts";
import { makeCompleted, makeHeader } from "../fixtures/records.ts";
import {
  cleanAt,
  storeWith,
  type TempRepo,
  tempRepo,
  toyRun,
} from "../fixtures/corpus_fixtures.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

let fast: Promise<RunDocument> | undefined;
let smoke: Promise<RunDocument> | undefined;
/** A real toy run with 6 completed records (run once per test file). */
const fastRun = () => (fast ??= toyRun({ fastOnly: true }));
/** A real toy run with 6 completed and 6 failed records. */
const smokeRun = () => (smoke ??= toyRun({ fastOnly: false }));

interface Ctx {
  repo: TempRepo;
  head: string;
  /** The corpus folder inside the repository (not created yet). */
  dir: string;
}

async function withCorpus(fn: (ctx: Ctx) => Promise<void>): Promise<void> {
  const repo = await tempRepo();
  try {
    await fn({ repo, head: await repo.git("rev-parse", "HEAD"), dir: join(repo.dir, "corpus") });
  } finally {
    await Deno.remove(repo.dir, { recursive: true });
  }
}

function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = "", err = "";
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    errIsTty: false,
    stdout: () => out,
    stderr: () => err,
  };
}

async function files(dir: string): Promise<string[]> {
  return (await listCorpusFiles(dir).catch(() => [])).sort();
}

Deno.test("the committed corpus: index.json lists exactly the document files, and every document verifies", async () => {
  const dir = join(ROOT, "corpus");
  const text = await Deno.readTextFile(join(dir, CORPUS_INDEX_FILE));
  const index = parseCorpusIndex(text);
  // The index is the tool's own writing (sorted by path, its formatting), never hand-edited.
  const probe = await Deno.makeTempDir();
  await writeCorpusIndex(probe, index);
  assert.equal(text, await Deno.readTextFile(join(probe, CORPUS_INDEX_FILE)));
  await Deno.remove(probe, { recursive: true });
  assert.deepEqual(index.documents.map((d) => d.path).sort(), await files(dir));
  const report = await verifyCorpus(dir);
  const failures = report.checks.filter((c) => !c.ok).map((c) => `${c.path}: ${c.reason}`);
  assert.deepEqual(failures, []);
  assert.equal(report.documents, index.documents.length);
  assert.equal(report.bytes, index.documents.reduce((n, d) => n + d.bytes, 0));
  assert.ok(report.bytes < 20_000_000, `${report.bytes} bytes`);
  for (const entry of index.documents) {
    assert.match(entry.path, new RegExp(`^${entry.suite}@${entry.version}/`));
    assert.ok(
      report.checks.some((c) => c.ok && c.path === entry.path),
      `${entry.path} not checked`,
    );
  }
  const readme = await Deno.readTextFile(join(dir, "README.md"));
  for (const needle of ["corpus add", "corpus verify", "at most 50 points", "clean"]) {
    assert.ok(readme.includes(needle), `corpus/README.md does not say "${needle}"`);
  }
});

Deno.test("corpus add writes a clean finished run as a verified document that corpus verify accepts", async () => {
  await withCorpus(async ({ head, dir }) => {
    const run = cleanAt(await fastRun(), head);
    const r = await addToCorpus(dir, run);
    const path = `toy@1/smoke-wasm-${run.header.runId}.json`;
    assert.equal(r.status, "added");
    assert.equal(r.entry.path, path);
    const bytes = await Deno.readFile(join(dir, path));
    assert.equal(r.bytesWritten, bytes.length);
    assert.deepEqual(r.entry, await corpusEntry(path, run, bytes));
    assert.deepEqual((await readCorpusIndex(dir))!.documents, [r.entry]);
    assert.deepEqual(r.entry, {
      ...r.entry,
      suite: "toy",
      version: 1,
      profile: "smoke",
      backend: "wasm",
      runId: run.header.runId,
      commit: head,
      records: 6,
    });
    const doc = validateRunDocument(JSON.parse(new TextDecoder().decode(bytes)));
    assert.equal(doc.header.tags.verified, "corpus");
    assert.equal(doc.header.tags.verified_commit, head);
    // Everything the run recorded is kept (its curves are short enough to stay whole).
    assert.deepEqual(doc.records, run.records);
    const report = await verifyCorpus(dir);
    assert.deepEqual(report.checks.map((c) => [c.path, c.ok, c.reason]), [[path, true, null]]);
  });
});

Deno.test("corpus add refuses a run from a dirty checkout, with an unknown git state or commit, and writes nothing", async () => {
  await withCorpus(async ({ head, dir }) => {
    const base = cleanAt(await fastRun(), head);
    const id = base.header.runId;
    const cases: Array<[RunDocument["header"]["git"], RegExp]> = [
      [{ commit: head, dirty: true, branch: "main" }, /made from a dirty checkout/],
      [{ commit: head, dirty: null, branch: "main" }, /git state is unknown/],
      [{ commit: null, dirty: false, branch: null }, /commit is unknown/],
      [{ commit: "not a sha", dirty: false, branch: null }, /is not a commit id/],
    ];
    for (const [git, why] of cases) {
      const run = { ...base, header: { ...base.header, git } };
      await assert.rejects(() => addToCorpus(dir, run), (e: Error) => {
        assert.match(e.message, new RegExp(`^run ${id} is not verified: `));
        assert.match(e.message, why);
        return true;
      });
    }
    assert.deepEqual(await files(dir), []);
    assert.equal(await readCorpusIndex(dir), null);
  });
});

Deno.test("corpus add refuses failed records and an unfinished run unless allowFailed", async () => {
  await withCorpus(async ({ head, dir }) => {
    const run = cleanAt(await smokeRun(), head);
    assert.equal(run.records.filter((r) => r.status === "failed").length, 6);
    await assert.rejects(
      () => addToCorpus(dir, run),
      new RegExp(
        `^Error: run ${run.header.runId} has 6 failed record\\(s\\) \\(first: .*--allow-failed`,
      ),
    );
    const unfinished = { ...run, header: { ...run.header, finishedAt: null } };
    await assert.rejects(() => addToCorpus(dir, unfinished), /is unfinished \(no finishedAt\)/);
    const shard = { ...run, header: { ...run.header, tags: { shard: "1/2" } } };
    await assert.rejects(
      () => addToCorpus(dir, shard, { allowFailed: true }),
      /is shard 1\/2 of a run/,
    );
    assert.deepEqual(await files(dir), []);
    const r = await addToCorpus(dir, run, { allowFailed: true });
    assert.equal(r.status, "added");
    assert.equal(r.entry.records, 12);
    assert.equal((await verifyCorpus(dir)).ok, true);
  });
});

Deno.test("re-adding the same run is a no-op; the same run with other content is refused and nothing changes", async () => {
  await withCorpus(async ({ head, dir }) => {
    const run = cleanAt(await fastRun(), head);
    const first = await addToCorpus(dir, run);
    const file = join(dir, first.entry.path);
    const before = [
      await Deno.readTextFile(file),
      await Deno.readTextFile(join(dir, "index.json")),
    ];
    const again = await addToCorpus(dir, structuredClone(run));
    assert.equal(again.status, "unchanged");
    assert.equal(again.bytesWritten, 0);
    assert.deepEqual(again.entry, first.entry);
    assert.deepEqual(again.documents, 1);
    const changed = structuredClone(run);
    const rec = changed.records[0];
    if (rec.status !== "completed") throw new Error("expected a completed record");
    rec.metrics.score += 1e-9;
    await assert.rejects(
      () => addToCorpus(dir, changed),
      new RegExp(`already holds run ${run.header.runId} at .* with different content`),
    );
    const after = [await Deno.readTextFile(file), await Deno.readTextFile(join(dir, "index.json"))];
    assert.deepEqual(after, before);
    assert.deepEqual(await files(dir), [first.entry.path]);
  });
});

Deno.test("corpus add refuses a commit outside HEAD's history or unknown to the repository", async () => {
  await withCorpus(async ({ repo, dir }) => {
    await repo.git("checkout", "-q", "-b", "side");
    const side = await repo.commit("side work");
    await repo.git("checkout", "-q", "main");
    await repo.commit("main moves on");
    const run = await fastRun();
    await assert.rejects(
      () => addToCorpus(dir, cleanAt(run, side)),
      new RegExp(`cannot be added: commit ${side} is not an ancestor of HEAD`),
    );
    const stranger = "0123456789abcdef0123456789abcdef01234567";
    await assert.rejects(
      () => addToCorpus(dir, cleanAt(run, stranger)),
      new RegExp(`commit ${stranger} is not in this repository`),
    );
    assert.deepEqual(await files(dir), []);
  });
});

Deno.test("curves are coarsened to at most 50 evenly spaced points, first and last kept, and the document says so", async () => {
  assert.deepEqual(coarsenCurve([[1, 9], [2, 8], [3, 7], [4, 6], [5, 5]], 3), [[1, 9], [3, 7], [
    5,
    5,
  ]]);
  assert.throws(() => coarsenCurve([], 1), RangeError);
  await withCorpus(async ({ head, dir }) => {
    const long: Curve = Array.from({ length: 200 }, (_, i) => [10 * (i + 1), 1 / (i + 1)]);
    const short: Curve = Array.from({ length: 50 }, (_, i) => [i, i * i]);
    const just: Curve = Array.from({ length: 51 }, (_, i) => [i, -i]);
    const runId = "20260101T000000Z-curves";
    const rec = makeCompleted(runId, "fast/a", 0);
    rec.curves = { loss: long, r2: short, edge: just };
    const run: RunDocument = {
      schemaVersion: 1,
      header: makeHeader({ runId, seeds: [0], finishedAt: "2026-01-01T00:01:00.000Z" }),
      records: [rec],
    };
    const clean = cleanAt(run, head);
    const r = await addToCorpus(dir, clean);
    const doc = validateRunDocument(
      JSON.parse(await Deno.readTextFile(join(dir, r.entry.path))),
    );
    const out = doc.records[0];
    if (out.status !== "completed") throw new Error("expected a completed record");
    assert.equal(out.curves.loss.length, 50);
    assert.deepEqual(out.curves.loss[0], [10, 1]);
    assert.deepEqual(out.curves.loss[49], [2000, 1 / 200]);
    // Evenly spaced over the points: index round(i * 199 / 49).
    for (let i = 0; i < 50; i++) {
      assert.deepEqual(out.curves.loss[i], long[Math.round((i * 199) / 49)]);
    }
    assert.deepEqual(out.curves.r2, short);
    assert.equal(out.curves.edge.length, 50);
    assert.deepEqual(out.curves.edge.at(-1), [50, -50]);
    assert.deepEqual(out.metrics, rec.metrics);
    assert.equal(doc.header.tags.corpus_max_curve_points, "50");
    assert.match(doc.header.tags.corpus_note, /at most 50 points each/);
    // The input run is left as it was.
    const input = clean.records[0];
    assert.equal(input.status === "completed" && input.curves.loss.length, 200);
  });
});

Deno.test("corpus verify names a corrupt file, a sha mismatch, an unknown commit, an unmarked document, an unlisted and a missing file", async () => {
  await withCorpus(async ({ head, dir }) => {
    const base = cleanAt(await fastRun(), head);
    const docs = ["aaaaaa", "bbbbbb", "cccccc"].map((s) => asNewRun(base, `20260101T000000Z-${s}`));
    const added = [];
    for (const d of docs) added.push((await addToCorpus(dir, d)).entry);
    const [a, b, c] = added;
    assert.equal((await verifyCorpus(dir)).ok, true);
    const index = (await readCorpusIndex(dir))!;
    // a: one metric changed by hand, the index left as it was.
    const aText = await Deno.readTextFile(join(dir, a.path));
    await Deno.writeTextFile(join(dir, a.path), aText.replace(/"score": \d/, '"score": 7'));
    // b: not JSON any more, and an index entry that agrees with the broken file.
    const broken = new TextEncoder().encode('{"schemaVersion": 1, "header": ');
    await Deno.writeFile(join(dir, b.path), broken);
    const bEntry = {
      ...b,
      bytes: broken.length,
      sha256: (await corpusEntry(b.path, base, broken)).sha256,
    };
    // c: written by hand at a commit the repository does not have.
    const stranger = "fedcba9876543210fedcba9876543210fedcba98";
    const cDoc = structuredClone(
      validateRunDocument(JSON.parse(await Deno.readTextFile(join(dir, c.path)))),
    );
    cDoc.header.git.commit = stranger;
    cDoc.header.tags.verified_commit = stranger;
    const cBytes = new TextEncoder().encode(corpusDocumentJson(cDoc));
    await Deno.writeFile(join(dir, c.path), cBytes);
    // d: a valid run document that corpus add never marked.
    const dRun = asNewRun(base, "20260101T000000Z-dddddd");
    const dPath = `toy@1/smoke-wasm-${dRun.header.runId}.json`;
    const dBytes = new TextEncoder().encode(corpusDocumentJson(dRun));
    await Deno.writeFile(join(dir, dPath), dBytes);
    // An unlisted file, and an entry whose file is gone.
    await Deno.writeTextFile(join(dir, "toy@1", "stray.json"), "{}");
    const gone = {
      ...a,
      path: "toy@1/smoke-wasm-20260101T000000Z-eeeeee.json",
      runId: "20260101T000000Z-eeeeee",
    };
    await writeCorpusIndex(dir, {
      schemaVersion: 1,
      documents: [
        ...index.documents.filter((d) => d.path !== b.path && d.path !== c.path),
        bEntry,
        await corpusEntry(c.path, cDoc, cBytes),
        await corpusEntry(dPath, dRun, dBytes),
        gone,
      ],
    });
    const report = await verifyCorpus(dir);
    assert.equal(report.ok, false);
    const reasons = new Map(report.checks.map((x) => [x.path, x.reason]));
    assert.equal(report.checks.filter((x) => x.ok).length, 0, [...reasons].join("\n"));
    assert.match(
      reasons.get(a.path)!,
      /^sha256 [0-9a-f]{12}\.\.\. \(\d+ bytes\) does not match index\.json/,
    );
    assert.match(reasons.get(b.path)!, /^not a valid run document \(record schema\): /);
    assert.match(reasons.get(c.path)!, new RegExp(`^commit ${stranger} is not in this repository`));
    assert.match(reasons.get(dPath)!, /^not marked verified \(tags\.verified is null\)/);
    assert.equal(
      reasons.get("toy@1/stray.json"),
      "not listed in index.json (add runs with corpus add)",
    );
    assert.equal(reasons.get(gone.path), "file is missing (index.json lists it)");
    assert.equal(reasons.size, 6);

    // The CLI prints one line per document and exits 1.
    const io = capture();
    assert.equal(await main(["corpus", "verify", "--corpus", dir], io), 1);
    const lines = io.stdout().trimEnd().split("\n");
    assert.equal(lines.length, 7);
    assert.ok(lines.slice(0, 6).every((l) => l.startsWith("FAIL  ")), lines.join("\n"));
    assert.match(lines[6], /: 6 of 6 check\(s\) failed$/);
  });
});

Deno.test("corpus verify fails on an index that is not one, and on an index entry that disagrees with its document", async () => {
  await withCorpus(async ({ head, dir }) => {
    const r = await addToCorpus(dir, cleanAt(await fastRun(), head));
    const indexPath = join(dir, "index.json");
    const good = await Deno.readTextFile(indexPath);
    await Deno.writeTextFile(indexPath, good.replace('"records": 6', '"records": 7'));
    const wrong = await verifyCorpus(dir);
    assert.deepEqual(wrong.checks.map((c) => [c.path, c.reason]), [
      [r.entry.path, "index.json says records 7, the document 6"],
    ]);
    await Deno.writeTextFile(indexPath, good.replace('"schemaVersion": 1', '"schemaVersion": 2'));
    const bad = await verifyCorpus(dir);
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.checks.map((c) => c.path), ["index.json"]);
    assert.match(bad.checks[0].reason!, /schemaVersion: expected 1, got 2$/);
    await Deno.remove(indexPath);
    assert.match(
      (await verifyCorpus(dir)).checks[0].reason!,
      /^no .*index\.json \(corpus add writes it\)$/,
    );
  });
});

Deno.test("corpus add through the CLI prints the bytes written; a refusal is one error line and exit 1", async () => {
  await withCorpus(async ({ repo, head, dir }) => {
    const run = cleanAt(await fastRun(), head);
    const dirty = asNewRun({
      ...run,
      header: { ...run.header, git: { ...run.header.git, dirty: true } },
    }, "20260101T000000Z-dirty1");
    const store = storeWith(repo.dir, run, dirty);
    const add = (id: string, io: CliIo) =>
      main(["corpus", "add", "--store", store, "--run", id, "--corpus", dir], io);
    const io = capture();
    assert.equal(await add(run.header.runId, io), 0, io.stderr());
    const m = /^added (.+): 6 records, (\d+) bytes written; corpus: 1 document\(s\), (\d+) bytes/
      .exec(io.stdout());
    assert.ok(m, io.stdout());
    assert.equal(Number(m[2]), (await Deno.stat(m[1])).size);
    assert.equal(m[3], m[2]);
    const again = capture();
    assert.equal(await add(run.header.runId, again), 0);
    assert.match(again.stdout(), /^unchanged .*0 bytes written/);
    const refused = capture();
    assert.equal(await add("20260101T000000Z-dirty1", refused), 1);
    assert.equal(refused.stdout(), "");
    assert.match(
      refused.stderr(),
      /^error: run 20260101T000000Z-dirty1 is not verified: it was made from a dirty checkout[^\n]*\n$/,
    );
    const missing = capture();
    assert.equal(await add("no-such-run", missing), 1);
    assert.match(missing.stderr(), /^error: no run "no-such-run" in store/);
    const usage = capture();
    assert.equal(await main(["corpus", "add", "--store", store, "--corpus", dir], usage), 2);
    assert.equal(usage.stderr(), "error: corpus add: --run <runId> is required\n");
    const ok = capture();
    assert.equal(await main(["corpus", "verify", "--corpus", dir], ok), 0);
    assert.match(
      ok.stdout(),
      /^ok {4}toy@1\/smoke-wasm-.*6 records, \d+ bytes, commit [0-9a-f]{12}\n.*all verified\n$/,
    );
  });
});
