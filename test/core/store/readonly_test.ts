/**
 * Read-only stores: opening with `{ readOnly: true }` never creates or changes
 * the file, refuses writes with a clear error, and reports a missing store as
 * such; a store in a genuinely read-only folder (a read-only bind mount, when
 * this machine allows `unshare -m`) can still be listed, and the errors of a
 * writable open there name the path and SQLite's real cause. An empty path is
 * refused (SQLite would open a temporary database and lose every result).
 */
import assert from "node:assert/strict";
import { openStore } from "../../../src/core/store/sqlite.ts";
import { exportRuns } from "../../../src/core/store/io.ts";
import { makeCompleted, makeDocument, makeHeader } from "../../fixtures/records.ts";

function storeWithRun(dir: string): string {
  const path = `${dir}/results.db`;
  const store = openStore(path);
  store.importDocument(makeDocument("r1"));
  store.close();
  return path;
}

function fileState(path: string): { bytes: string; mtime: number | undefined } {
  const bytes = Deno.readFileSync(path);
  return { bytes: [...bytes].join(","), mtime: Deno.statSync(path).mtime?.getTime() };
}

Deno.test("a read-only open lists, shows and exports without changing the store file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-ro-" });
  try {
    const path = storeWithRun(dir);
    const before = fileState(path);
    const store = openStore(path, { readOnly: true });
    assert.equal(store.readOnly, true);
    assert.deepEqual(store.listRuns().map((r) => r.header.runId), ["r1"]);
    assert.equal(store.getRun("r1")!.records.length, 3);
    assert.equal(exportRuns(store).length, 1);
    store.close();
    assert.deepEqual(fileState(path), before, "same bytes and mtime");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a read-only store refuses every write with an error naming it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-ro-" });
  try {
    const path = storeWithRun(dir);
    const store = openStore(path, { readOnly: true });
    const refused = { message: `store "${path}" is open read-only; it cannot be written` };
    assert.throws(() => store.beginRun(makeHeader({ runId: "r2" })), refused);
    assert.throws(() => store.putResult(makeCompleted("r1", "x", 0)), refused);
    assert.throws(() => store.importDocument(makeDocument("r3")), refused);
    assert.throws(() => store.finishRun("r1", "2026-01-01T00:00:09Z"), refused);
    store.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a read-only open of a missing store is an error and creates nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-ro-" });
  try {
    const path = `${dir}/nested/results.db`;
    assert.throws(() => openStore(path, { readOnly: true }), {
      message: `no store at "${path}"; run \`deno task cli run\` first, or give --store <path>`,
    });
    assert.deepEqual([...Deno.readDirSync(dir)], [], "no folder or file created");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an empty store path is refused instead of opening a temporary database", () => {
  assert.throws(() => openStore(""), {
    name: "TypeError",
    message: 'store path is empty (give a file path, or ":memory:")',
  });
  assert.throws(() => openStore("", { readOnly: true }), TypeError);
});

/** Whether this process can make a private mount namespace (root, unshare available). */
function canUnshare(): boolean {
  try {
    return new Deno.Command("unshare", { args: ["-m", "true"], stderr: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "a store in a read-only mount is listed and shown, and a writable open names the cause",
  ignore: Deno.build.os !== "linux" || !canUnshare(),
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "jepa-ro-mount-" });
    try {
      await Deno.mkdir(`${dir}/data`);
      await Deno.mkdir(`${dir}/ro`);
      storeWithRun(`${dir}/data`); // closed cleanly: no -wal or -shm left
      const sqlite = new URL("../../../src/core/store/sqlite.ts", import.meta.url).href;
      const script = `${dir}/probe.ts`;
      await Deno.writeTextFile(
        script,
        `import { openStore } from ${JSON.stringify(sqlite)};
        const path = Deno.args[0];
        const ro = openStore(path, { readOnly: true });
        console.log("runs", ro.listRuns().map((r) => r.header.runId).join(","));
        console.log("records", ro.getRun("r1").records.length);
        ro.close();
        try { openStore(path); console.log("writable open: no error"); }
        catch (e) { console.log("writable open:", e.message); }`,
      );
      const ro = `${dir}/ro`;
      const cli = new URL("../../../src/cli.ts", import.meta.url).pathname;
      const deno = `"${Deno.execPath()}" run -A -q`;
      const sh = `mount --bind ${dir}/data ${ro} && mount -o remount,bind,ro ${ro} && ` +
        `${deno} ${script} ${ro}/results.db && ${deno} ${cli} list --runs --store ${ro}/results.db` +
        ` && ${deno} ${cli} show r1 --store ${ro}/results.db`;
      const out = await new Deno.Command("unshare", { args: ["-m", "sh", "-c", sh] }).output();
      const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
      assert.ok(out.success, text);
      const lines = text.trim().split("\n");
      assert.equal(lines[0], "runs r1");
      assert.equal(lines[1], "records 3");
      assert.match(lines[2], new RegExp(`^writable open: store "${ro}/results\\.db" `));
      assert.match(lines[2], /read-only|readonly/);
      assert.doesNotMatch(lines[2], /not SQLite/);
      // The CLI's list and show read it too.
      assert.match(lines[3], /^run\s+suite\s+profile/);
      assert.match(lines[4], /^r1\s+toy@1\s+smoke\s+wasm/);
      assert.ok(lines.some((l) => l.startsWith("run       r1")), text);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
