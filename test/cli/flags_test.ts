/**
 * Every command's flags are declared once: what parseArgs accepts, what
 * `--help` lists and what the table says are the same set, for every command
 * of the registry; an unknown flag is one `error:` line and exit 2.
 */
import assert from "node:assert/strict";
import { HELP, main } from "../../src/cli.ts";
import { COMMANDS } from "../../src/cli/commands.ts";
import type { CliIo } from "../../src/cli/common.ts";
import {
  defineFlags,
  type FlagTable,
  formatFlags,
  HELP_WIDTH,
  parseArgsOptions,
  parseFlags,
  wrapText,
} from "../../src/cli/flags.ts";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), errIsTty: false };
  return { code: await main(args, io), out, err };
}

/** One flag as a help text lists it. */
interface HelpRow {
  name: string;
  short?: string;
  value?: string;
  description: string;
  /** Column where the description starts, when beside the label. */
  column?: number;
}

const LABEL = /^ {2}(?:-([A-Za-z]), )?--([a-z0-9-]+)(?: ([<[]\S+[>\]]))?(?:( {2,})(\S.*))?$/;

/** The rows of a help text's `flags:` section (up to a blank line before unindented text). */
function helpRows(help: string): HelpRow[] {
  const at = help.indexOf("\nflags:\n");
  assert.ok(at >= 0, "no flags: section");
  const rest = help.slice(at + "\nflags:\n".length);
  const end = rest.search(/\n\n(?! )/);
  const lines = (end < 0 ? rest : rest.slice(0, end)).split("\n").filter((l) => l !== "");
  const rows: HelpRow[] = [];
  for (const line of lines) {
    const m = LABEL.exec(line);
    if (m !== null) {
      const [, short, name, value, gap, text] = m;
      rows.push({
        name,
        short,
        value,
        description: text ?? "",
        column: text === undefined ? undefined : line.length - text.length,
      });
      assert.ok(gap === undefined || gap.length >= 2);
    } else {
      assert.match(line, /^ {4,}\S/, `neither a flag nor its description: ${JSON.stringify(line)}`);
      assert.ok(rows.length > 0, `description before any flag: ${line}`);
      rows[rows.length - 1].description += ` ${line.trim()}`;
    }
  }
  return rows;
}

function sampleArgs(table: FlagTable): { args: string[]; expected: Record<string, unknown> } {
  const args: string[] = [];
  const expected: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    if (spec.type === "boolean") {
      args.push(spec.short !== undefined ? `-${spec.short}` : `--${name}`);
      expected[name] = true;
    } else if (spec.multiple) {
      args.push(`--${name}`, `${name}-1`, `--${name}=${name}-2`);
      expected[name] = [`${name}-1`, `${name}-2`];
    } else {
      // A negative number is a value, not a flag.
      args.push(`--${name}`, "-1");
      expected[name] = "-1";
    }
  }
  return { args, expected };
}

const names = Object.keys(COMMANDS);

Deno.test("the registry holds every command, the top-level help names each and lists no flag", () => {
  const files = [...Deno.readDirSync(new URL("../../src/cli/", import.meta.url))]
    .map((e) => e.name);
  for (const name of names) assert.ok(files.includes(`${name}.ts`), name);
  assert.equal(names.length, 16);
  for (const name of names) assert.match(HELP, new RegExp(`\\n  ${name}( |\\n)`), name);
  const flags = [...HELP.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]);
  assert.deepEqual([...new Set(flags)], ["--help"]);
  for (const line of HELP.split("\n")) assert.ok(line.length <= HELP_WIDTH, line);
});

for (const name of names) {
  const entry = COMMANDS[name];

  Deno.test(`${name}: --help lists exactly the flags parseArgs accepts, each with a description`, async () => {
    const r = await cli([name, "--help"]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, "");
    const rows = helpRows(r.out);
    const options = parseArgsOptions(entry.flags);
    assert.deepEqual(rows.map((x) => x.name).sort(), Object.keys(options).sort());
    for (const row of rows) {
      const option = options[row.name];
      assert.equal(row.short, option.short, `--${row.name}: alias`);
      assert.equal(row.value !== undefined, option.type === "string", `--${row.name}: value`);
      assert.ok(row.description.trim().length > 0, `--${row.name} has no description`);
      const spec = entry.flags[row.name];
      if (spec.default !== undefined) {
        assert.ok(row.description.includes(`(default: ${spec.default})`), `--${row.name} default`);
      }
      if (spec.multiple) assert.ok(row.description.includes("(repeatable)"), row.name);
    }
    // Aligned: every description beside its label starts in the same column.
    const columns = new Set(rows.flatMap((x) => x.column === undefined ? [] : [x.column]));
    assert.equal(columns.size, 1, `columns ${[...columns]}`);
    for (const line of r.out.split("\n")) assert.ok(line.length <= HELP_WIDTH, line);
    // And the command itself accepts each listed flag (parsing comes before --help).
    for (const row of rows) {
      const args = row.value !== undefined ? [`--${row.name}`, "x"] : [`--${row.name}`];
      const probe = await cli([name, ...args, "--help"]);
      assert.equal(probe.code, 0, `${name} --${row.name}: ${probe.err}`);
    }
  });

  Deno.test(`${name}: an unknown flag, or another command's, is one error line and exit 2`, async () => {
    const r = await cli([name, "--no-such-flag"]);
    assert.equal(r.code, 2);
    assert.equal(r.out, "");
    assert.equal(r.err, `error: ${name}: unknown flag '--no-such-flag' (see: ${name} --help)\n`);
    const others = new Set(names.flatMap((n) => Object.keys(COMMANDS[n].flags)));
    for (const flag of others) {
      if (Object.hasOwn(entry.flags, flag)) continue;
      const probe = await cli([name, `--${flag}`, "--help"]);
      assert.equal(probe.code, 2, `${name} accepts --${flag}, which its table does not declare`);
      assert.equal(probe.err.split("\n").length, 2, probe.err);
    }
  });

  Deno.test(`${name}: table -> parseArgs options -> parsed values round trip`, () => {
    const options = parseArgsOptions(entry.flags);
    assert.deepEqual(Object.keys(options), Object.keys(entry.flags));
    for (const [flag, spec] of Object.entries(entry.flags)) {
      assert.deepEqual(options[flag], {
        type: spec.type,
        ...(spec.multiple ? { multiple: true } : {}),
        ...(spec.short !== undefined ? { short: spec.short } : {}),
      });
    }
    const { args, expected } = sampleArgs(entry.flags);
    assert.deepEqual({ ...parseFlags(name, args, entry.flags).values }, expected);
    // Nothing given, nothing filled in: a default is the command's to apply.
    assert.deepEqual({ ...parseFlags(name, [], entry.flags).values }, {});
  });
}

Deno.test("only flags.ts calls parseArgs, and each command parses with its registry table", async () => {
  const dir = new URL("../../src/cli/", import.meta.url);
  const sources = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".ts"))
    .map((e) => [e.name, Deno.readTextFileSync(new URL(e.name, dir))] as const);
  sources.push(["../cli.ts", Deno.readTextFileSync(new URL("../cli.ts", dir))]);
  for (const [file, text] of sources) {
    if (file !== "flags.ts") assert.doesNotMatch(text, /\bparseArgs\b/, file);
  }
  for (const name of names) {
    const text = sources.find(([f]) => f === `${name}.ts`)![1];
    const calls = [...text.matchAll(/parseFlags\(\s*"([a-z]+)",[^,]+,\s*([A-Z_]+)\b/g)];
    assert.equal(calls.length, 1, `${name}.ts: one parseFlags call with a table`);
    assert.equal(calls[0][1], name);
    const mod = await import(new URL(`${name}.ts`, dir).href);
    assert.equal(mod[calls[0][2]], COMMANDS[name].flags, `${name}: ${calls[0][2]}`);
  }
});

Deno.test("flags.ts is core-free: it imports node:util and the usage error only", () => {
  const text = Deno.readTextFileSync(new URL("../../src/cli/flags.ts", import.meta.url));
  const imports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
  assert.deepEqual(imports, ["node:util", "./usage_error.ts"]);
});

Deno.test("a flag without a description, value placeholder or valid name is refused", () => {
  assert.throws(
    () => defineFlags({ quiet: { type: "boolean", help: " " } }),
    /--quiet: needs a description/,
  );
  assert.throws(
    () => defineFlags({ out: { type: "string", help: "where" } }),
    /--out: a string flag needs a value placeholder/,
  );
  assert.throws(() => defineFlags({ Out: { type: "boolean", help: "x" } }), /--Out: a name/);
  assert.throws(
    () => defineFlags({ a: { type: "boolean", short: "h", help: "x" } }),
    /-h is taken/,
  );
  assert.throws(() => defineFlags({ help: { type: "boolean", help: "x" } }), /added by/);
});

Deno.test("a flag added to a table shows in help, under a long label when it does not fit", () => {
  const table = defineFlags({
    json: { type: "boolean", help: "print JSON" },
    "a-very-long-flag-name": { type: "string", value: "<seconds>", help: "long", default: "9" },
  });
  assert.equal(
    formatFlags(table),
    [
      "  --json      print JSON",
      "  --a-very-long-flag-name <seconds>",
      "              long (default: 9)",
      "  -h, --help  this help",
    ].join("\n"),
  );
});

Deno.test("wrapping keeps words whole, honours line breaks and their indentation", () => {
  assert.deepEqual(wrapText("aa bb cc", 5), ["aa bb", "cc"]);
  assert.deepEqual(wrapText("one:\n  x y z", 5), ["one:", "  x y", "  z"]);
  assert.deepEqual(wrapText("abcdefgh ij", 4), ["abcdefgh", "ij"]);
});
