/**
 * `show` never prints terminal escape codes from an imported run: every
 * control character in stored text comes out as a visible `\uXXXX` escape,
 * with the same helper `submit --validate` uses.
 */
import assert from "node:assert/strict";
import { openStore } from "../../src/core/store/sqlite.ts";
import type { RunDocument } from "../../src/core/store/record.ts";
import { showCommand } from "../../src/cli/show.ts";
import { submitCommand } from "../../src/cli/submit.ts";
import type { CliIo } from "../../src/cli/common.ts";
import { printable, quoted } from "../../src/core/printable.ts";
import { makeCompleted, makeFailed, makeHeader } from "../fixtures/records.ts";

/** Retitle the terminal, clear the screen, recolour with C1 CSI, ring the bell, erase a line. */
const ESC = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\r\u007f";
/** Any control character but the newlines that separate output lines. */
// deno-lint-ignore no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function capture(): { io: CliIo; out: () => string } {
  let text = "";
  return {
    io: { out: (t) => (text += t), err: (t) => (text += t), errIsTty: false },
    out: () => text,
  };
}

function hostileDoc(): RunDocument {
  const header = makeHeader({
    runId: "esc-run",
    git: { commit: `abc${ESC}`, dirty: false, branch: `main${ESC}` },
    tags: { entry: `entry${ESC}`, submitter: `me${ESC}`, [`k${ESC}`]: `v${ESC}` },
  });
  header.env = { ...header.env, cpu: `cpu${ESC}`, os: `linux${ESC}` };
  const done = makeCompleted("esc-run", `case${ESC}`, 0, { [`m${ESC}`]: 1 });
  const failed = makeFailed("esc-run", `fail${ESC}`, 1);
  failed.error = { kind: "exception", message: `boom${ESC}`, step: 3 };
  return { schemaVersion: 1, header, records: [done, failed] };
}

Deno.test("show prints an imported run's control characters as escapes, never raw", async () => {
  const dir = await Deno.makeTempDir({ prefix: "jepa-show-" });
  try {
    const path = `${dir}/results.db`;
    const store = openStore(path);
    store.importDocument(hostileDoc());
    store.close();
    const text = capture();
    assert.equal(await showCommand(["esc-run", "--store", path], text.io), 0);
    assert.doesNotMatch(text.out(), RAW_CONTROL);
    const shown = printable(ESC);
    assert.equal(shown, "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u000d\\u007f");
    for (
      const s of [`entry${shown}`, `main${shown}`, `cpu${shown}`, `boom${shown}`, `fail${shown}`]
    ) {
      assert.ok(text.out().includes(s), `missing ${s}`);
    }
    const json = capture();
    assert.equal(await showCommand(["esc-run", "--store", path, "--json"], json.io), 0);
    assert.doesNotMatch(json.out(), RAW_CONTROL);
    const back = JSON.parse(json.out()) as RunDocument;
    assert.equal(
      back.header.tags.entry,
      `entry${ESC}`,
      "the JSON still decodes to the stored text",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("submit --validate escapes control characters with the same helper", async () => {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(file, JSON.stringify(hostileDoc()));
    const text = capture();
    assert.equal(await submitCommand(["--validate", file], text.io), 0);
    assert.doesNotMatch(text.out(), RAW_CONTROL);
    assert.ok(text.out().startsWith(`valid: ${quoted(`entry${ESC}`)} by ${quoted(`me${ESC}`)}`));
    assert.ok(text.out().includes("\\u009b31m"), "C1 CSI escaped, which JSON.stringify leaves raw");
  } finally {
    await Deno.remove(file);
  }
});
