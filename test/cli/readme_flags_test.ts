/**
 * The README's CLI table names commands and flags by hand; this holds it to
 * the flag tables the commands parse with (src/cli/commands.ts), so the
 * README cannot advertise a flag that a command does not take.
 */
import assert from "node:assert/strict";
import { COMMANDS } from "../../src/cli/commands.ts";

const README = await Deno.readTextFile(new URL("../../README.md", import.meta.url));

/** Rows of the table under "## CLI": [commands of the first cell, flags named in the row]. */
function cliTableRows(): Array<{ commands: string[]; flags: string[] }> {
  const section = README.split(/^## CLI$/m)[1]?.split(/^## /m)[0] ?? "";
  return section.split("\n").filter((l) => /^\| `/.test(l)).map((line) => {
    const [first, ...rest] = line.split(/(?<!\\)\|/).slice(1);
    const commands = [...first.matchAll(/`([a-z]+)/g)].map((m) => m[1]);
    const flags = [...rest.join("|").matchAll(/`--([a-z][a-z-]*)/g)].map((m) => m[1]);
    return { commands, flags };
  });
}

Deno.test("every flag the README's CLI table names is taken by the command of its row", () => {
  const rows = cliTableRows();
  assert.ok(rows.length >= 15, `${rows.length} rows in the README's CLI table`);
  let named = 0;
  for (const { commands, flags } of rows) {
    for (const c of commands) assert.ok(Object.hasOwn(COMMANDS, c), `README names command "${c}"`);
    for (const f of flags) {
      named++;
      assert.ok(
        commands.some((c) => Object.hasOwn(COMMANDS[c].flags, f)),
        `README's row for ${commands.join("/")} names --${f}, which none of them takes`,
      );
    }
  }
  assert.ok(named >= 20, `${named} flags named`);
});

Deno.test("every command has a row in the README's CLI table", () => {
  const documented = new Set(cliTableRows().flatMap((r) => r.commands));
  for (const c of Object.keys(COMMANDS)) assert.ok(documented.has(c), `no README row for ${c}`);
});
