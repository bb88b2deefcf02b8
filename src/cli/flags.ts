/**
 * Command-line flags declared once: each command has one flag table, and both
 * the `node:util` parseArgs options and the flag section of its `--help` text
 * are derived from it. Core-free: this module imports only `node:util`.
 *
 * @example
 * ```ts
 * import { defineFlags, formatHelp, parseFlags } from "./flags.ts";
 * const FLAGS = defineFlags({
 *   out: { type: "string", value: "<file>", default: "stdout", help: "where to write" },
 *   json: { type: "boolean", help: "print JSON" },
 * });
 * const { values } = parseFlags("demo", ["--out", "x.json"], FLAGS);
 * console.log(values.out); // "x.json"
 * console.log(formatHelp("demo", { usage: ["[flags]"], about: "A demo." }, FLAGS));
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { UsageError } from "./usage_error.ts";

/**
 * One flag: its type, aliases, default and help.
 *
 * @example
 * ```ts
 * import type { FlagSpec } from "./flags.ts";
 * const seeds: FlagSpec = { type: "string", value: "<list>", help: "seeds, e.g. 0,1,2 or 0-4" };
 * ```
 */
export interface FlagSpec {
  /** `string` takes a value, `boolean` takes none. */
  readonly type: "string" | "boolean";
  /** A string flag that may be repeated; its value is the list of every occurrence. */
  readonly multiple?: boolean;
  /** A one-letter alias, e.g. `h` for `-h`. */
  readonly short?: string;
  /**
   * What the command uses when the flag is absent, as help shows it: a value (`ci`) that the
   * command reads from the table, or words (`the profile's`). parseFlags never fills it in, so a
   * command can tell "not given" from "given the default".
   */
  readonly default?: string;
  /** The value's placeholder in help (string flags only), e.g. `<file>` or `[runId]`. */
  readonly value?: string;
  /** What the flag does, one line (help wraps it; a `\n` starts a new line). */
  readonly help: string;
}

/**
 * A command's flags by name (without the leading `--`), in help order.
 *
 * @example
 * ```ts
 * import type { FlagTable } from "./flags.ts";
 * const table: FlagTable = { json: { type: "boolean", help: "print JSON" } };
 * ```
 */
export type FlagTable = { readonly [name: string]: FlagSpec };

/**
 * The parsed value of one flag: a boolean, a string, or for a `multiple` flag a list.
 *
 * @example
 * ```ts
 * import type { FlagValue } from "./flags.ts";
 * const v: FlagValue<{ type: "string"; multiple: true; help: "" }> = ["a", "b"];
 * ```
 */
export type FlagValue<S extends FlagSpec> = S extends { readonly type: "boolean" } ? boolean
  : S extends { readonly multiple: true } ? string[]
  : string;

/**
 * The parsed flags of a table; a flag not given is absent.
 *
 * @example
 * ```ts
 * import type { FlagValues } from "./flags.ts";
 * const v: FlagValues<{ json: { type: "boolean"; help: "" } }> = { json: true };
 * ```
 */
export type FlagValues<T extends FlagTable> = { -readonly [K in keyof T]?: FlagValue<T[K]> };

/**
 * `-h, --help`, which {@link defineFlags} adds to every table.
 *
 * @example
 * ```ts
 * import { HELP_FLAG } from "./flags.ts";
 * console.log(HELP_FLAG.short); // "h"
 * ```
 */
export const HELP_FLAG = { type: "boolean", short: "h", help: "this help" } as const;

/**
 * A table with `help` added.
 *
 * @example
 * ```ts
 * import type { WithHelp } from "./flags.ts";
 * type T = WithHelp<{ json: { type: "boolean"; help: "print JSON" } }>;
 * ```
 */
export type WithHelp<T extends FlagTable> = T & { readonly help: typeof HELP_FLAG };

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PLACEHOLDER = /^(<[^<>\s]+>|\[[^[\]\s]+\])$/;

/**
 * Check a command's flag table and add `-h, --help` to it; a malformed table
 * (bad name, a string flag without a value placeholder, an empty description,
 * a repeated alias, its own `help`) is a TypeError when the module loads.
 *
 * @example
 * ```ts
 * import { defineFlags } from "./flags.ts";
 * const FLAGS = defineFlags({ json: { type: "boolean", help: "print JSON" } });
 * console.log(Object.keys(FLAGS)); // ["json", "help"]
 * ```
 */
export function defineFlags<const T extends FlagTable>(table: T): WithHelp<T> {
  if (Object.hasOwn(table, "help")) {
    throw new TypeError("flag table: --help is added by defineFlags");
  }
  const full = { ...table, help: HELP_FLAG } as WithHelp<T>;
  const shorts = new Set<string>();
  for (const [name, spec] of Object.entries(full as FlagTable)) {
    const bad = (why: string) => new TypeError(`flag table: --${name}: ${why}`);
    if (!NAME.test(name)) throw bad("a name is lower-case words joined by -");
    if (spec.type !== "string" && spec.type !== "boolean") throw bad("type is string or boolean");
    if (spec.help.trim() === "") throw bad("needs a description for --help");
    if (spec.type === "string" && (spec.value === undefined || !PLACEHOLDER.test(spec.value))) {
      throw bad('a string flag needs a value placeholder such as "<file>"');
    }
    if (spec.type === "boolean" && (spec.value !== undefined || spec.multiple)) {
      throw bad("a boolean flag takes no value and does not repeat");
    }
    if (spec.short !== undefined) {
      if (!/^[a-zA-Z]$/.test(spec.short)) throw bad("a short alias is one letter");
      if (shorts.has(spec.short)) throw bad(`-${spec.short} is taken`);
      shorts.add(spec.short);
    }
  }
  return full;
}

/** An option of `node:util` parseArgs. */
type ParseArgsOption = { type: "string" | "boolean"; multiple?: boolean; short?: string };

/**
 * The `node:util` parseArgs options of a table: type, multiple and short of
 * each flag (defaults are not passed: see {@link FlagSpec.default}).
 *
 * @example
 * ```ts
 * import { defineFlags, parseArgsOptions } from "./flags.ts";
 * console.log(parseArgsOptions(defineFlags({ json: { type: "boolean", help: "JSON" } })));
 * // { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }
 * ```
 */
export function parseArgsOptions(table: FlagTable): Record<string, ParseArgsOption> {
  const options: Record<string, ParseArgsOption> = {};
  for (const [name, spec] of Object.entries(table)) {
    options[name] = {
      type: spec.type,
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.short !== undefined ? { short: spec.short } : {}),
    };
  }
  return options;
}

/**
 * `--flag -1` as `--flag=-1` for string flags, so that a negative number
 * reaches the flag's own validation (and its clear message) instead of
 * parseArgs' "argument is ambiguous".
 */
function joinNegativeValues(args: readonly string[], table: FlagTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : undefined;
    const next = args[i + 1];
    if (
      name !== undefined && Object.hasOwn(table, name) && table[name].type === "string" &&
      next !== undefined && /^-\.?\d/.test(next)
    ) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

/**
 * Parse a command's flags strictly with the options derived from its table;
 * any parse problem, and more than `maxPositionals` arguments, is a
 * UsageError naming the command.
 *
 * @example
 * ```ts
 * import { defineFlags, parseFlags } from "./flags.ts";
 * const FLAGS = defineFlags({ run: { type: "string", multiple: true, value: "<id>", help: "a run" } });
 * const { values, positionals } = parseFlags("check", ["--run", "a", "--run", "b", "x"], FLAGS, 1);
 * console.log(values.run, positionals); // ["a", "b"] ["x"]
 * ```
 */
export function parseFlags<T extends FlagTable>(
  command: string,
  args: readonly string[],
  table: T,
  maxPositionals = 0,
): { values: FlagValues<T>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, table),
      options: parseArgsOptions(table),
      strict: true,
      allowPositionals: maxPositionals > 0,
    });
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0]
      .replace(/\. To specify a positional argument.*$/, "")
      .replace(/^Unknown option/, "unknown flag");
    throw new UsageError(`${command}: ${msg} (see: ${command} --help)`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(
      `${command}: unexpected argument "${
        parsed.positionals[maxPositionals]
      }" (see: ${command} --help)`,
    );
  }
  return { values: parsed.values as FlagValues<T>, positionals: parsed.positionals };
}

/** Help lines are wrapped at this many characters. */
export const HELP_WIDTH = 100;
/** Flag labels longer than this put their description on the next line. */
const MAX_LABEL = 20;

/**
 * A flag as help names it: `--suite <ids>`, `-h, --help`.
 *
 * @example
 * ```ts
 * import { flagLabel } from "./flags.ts";
 * console.log(flagLabel("out", { type: "string", value: "<file>", help: "" })); // "--out <file>"
 * ```
 */
export function flagLabel(name: string, spec: FlagSpec): string {
  return `${spec.short !== undefined ? `-${spec.short}, ` : ""}--${name}` +
    (spec.value !== undefined ? ` ${spec.value}` : "");
}

/**
 * Greedy word wrap to `width` columns; `\n` in the text starts a new line,
 * whose leading spaces indent each of its lines. A word longer than the width
 * gets a line of its own.
 *
 * @example
 * ```ts
 * import { wrapText } from "./flags.ts";
 * console.log(wrapText("a bb ccc", 4)); // ["a bb", "ccc"]
 * ```
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    const lead = /^ */.exec(paragraph)![0];
    let line = "";
    for (const word of paragraph.split(" ").filter((w) => w !== "")) {
      if (line !== "" && lead.length + line.length + 1 + word.length > width) {
        lines.push(lead + line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    lines.push(line === "" ? "" : lead + line);
  }
  return lines;
}

/**
 * Two aligned columns, as help shows flags and commands: each label, then its
 * text in a column (under a label too long to fit beside it), wrapped at
 * {@link HELP_WIDTH}; a `\n` in a text starts a new line.
 *
 * @example
 * ```ts
 * import { formatColumns } from "./flags.ts";
 * console.log(formatColumns([["--json", "print JSON"], ["-h, --help", "this help"]]));
 * //   --json      print JSON
 * //   -h, --help  this help
 * ```
 */
export function formatColumns(entries: ReadonlyArray<readonly [string, string]>): string {
  const fitting = entries.map(([label]) => label.length).filter((n) => n <= MAX_LABEL);
  const column = 2 + Math.max(0, ...fitting) + 2;
  const indent = " ".repeat(column);
  const out: string[] = [];
  for (const [label, text] of entries) {
    const lines = wrapText(text, HELP_WIDTH - column);
    if (label.length + 4 > column) out.push(`  ${label}`);
    else out.push(`  ${label.padEnd(column - 4)}  ${lines.shift()}`);
    for (const line of lines) out.push(line === "" ? "" : indent + line);
  }
  return out.join("\n");
}

/**
 * The flag section of a help text: one entry per flag in table order, its
 * description, "(repeatable)" for a `multiple` flag and its default in an
 * aligned column ({@link formatColumns}).
 *
 * @example
 * ```ts
 * import { defineFlags, formatFlags } from "./flags.ts";
 * console.log(formatFlags(defineFlags({ json: { type: "boolean", help: "print JSON" } })));
 * //   --json      print JSON
 * //   -h, --help  this help
 * ```
 */
export function formatFlags(table: FlagTable): string {
  return formatColumns(
    Object.entries(table).map(([name, spec]) => [
      flagLabel(name, spec),
      spec.help + (spec.multiple ? " (repeatable)" : "") +
      (spec.default !== undefined ? ` (default: ${spec.default})` : ""),
    ]),
  );
}

/**
 * What a command's help says besides its flags.
 *
 * @example
 * ```ts
 * import type { HelpProse } from "./flags.ts";
 * const prose: HelpProse = { usage: ["<file.json> [flags]"], about: "Import runs." };
 * ```
 */
export interface HelpProse {
  /** The usage lines after the command's name, e.g. `["[flags]"]`. */
  readonly usage: readonly string[];
  /** What the command does (and examples), before the flags; wrapped by hand. */
  readonly about: string;
  /** Text after the flags, e.g. the exit codes. */
  readonly after?: string;
}

/**
 * A command's whole `--help` text: usage lines, its prose, the flag section
 * generated from its table, then the text after.
 *
 * @example
 * ```ts
 * import { defineFlags, formatHelp } from "./flags.ts";
 * const FLAGS = defineFlags({ json: { type: "boolean", help: "print JSON" } });
 * console.log(formatHelp("env", { usage: ["[flags]"], about: "The environment." }, FLAGS));
 * ```
 */
export function formatHelp(command: string, prose: HelpProse, table: FlagTable): string {
  const usage = prose.usage.map((u, i) => `${i === 0 ? "usage:" : "      "} ${command} ${u}`);
  return [
    usage.join("\n"),
    prose.about,
    `flags:\n${formatFlags(table)}`,
    ...(prose.after !== undefined ? [prose.after] : []),
  ].join("\n\n");
}
