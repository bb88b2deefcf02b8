/**
 * The shell command that reproduces a recorded run: check out its commit and
 * run its suite, profile, backend and seeds again (with its overrides, shard
 * and user regulariser when its header records them), plus what may still
 * keep the numbers from being the same.
 *
 * @module
 */
import { BACKENDS } from "../engine/backends.ts";
import type { RunHeader } from "../store/record.ts";

/** How to run a recorded run again. */
export interface Reproduction {
  /** One shell line; null when the run was not made by `run` (an imported result). */
  command: string | null;
  /** What may keep the run from being reproduced exactly, in words. */
  caveats: string[];
}

/** The Deno the command runs when the header's version is not a plain x.y.z. */
const FALLBACK_DENO = "2.9.6";

/** Name of the configuration file the command writes when the run had overrides. */
export const REPRODUCE_CONFIG_FILE = "reproduce-config.json";

/**
 * Quote `arg` for a POSIX shell unless it is made of plainly safe characters.
 *
 * @example
 * ```ts
 * import { shellQuote } from "./reproduce.ts";
 * console.log(shellQuote("identifiability")); // identifiability
 * console.log(shellQuote("it's")); // 'it'\''s'
 * ```
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9._\/:=@%+,-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * Seeds as `run --seeds` reads them: runs of three or more consecutive seeds
 * as ranges, in the recorded order.
 *
 * @example
 * ```ts
 * import { formatSeeds } from "./reproduce.ts";
 * console.log(formatSeeds([0, 1, 2, 3, 7, 9, 10])); // "0-3,7,9,10"
 * ```
 */
export function formatSeeds(seeds: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < seeds.length;) {
    let j = i;
    while (j + 1 < seeds.length && seeds[j + 1] === seeds[j] + 1) j++;
    if (j - i >= 2) parts.push(`${seeds[i]}-${seeds[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(seeds[k]));
    i = j + 1;
  }
  return parts.join(",");
}

/**
 * The command that reproduces the run of `header`:
 * `git checkout <commit> && npx -y deno@<deno> task cli run --suite <id> --profile <p>
 * --backend <b> --seeds <list>`, with `--config` (a file the command writes
 * first, holding `tags.overrides`), `--shard` and `--regulariser` when the
 * header records them.
 *
 * @example
 * ```ts
 * import { reproduction } from "./reproduce.ts";
 * // reproduction(doc.header).command
 * // -> "git checkout 1a2b… && npx -y deno@2.9.6 task cli run --suite identifiability --profile smoke --backend wasm --seeds 0-2"
 * ```
 */
export function reproduction(header: RunHeader): Reproduction {
  const caveats: string[] = [];
  const backend = header.env.backend;
  if (!(BACKENDS as readonly string[]).includes(backend)) {
    return {
      command: null,
      caveats: [
        `backend "${backend}" is not one jepa-bench runs: these results were imported, not made ` +
        "by `run`",
      ],
    };
  }
  const deno = /^\d+\.\d+\.\d+$/.test(header.env.deno) ? header.env.deno : FALLBACK_DENO;
  const steps: string[] = [];
  if (header.git.commit === null) caveats.push("the commit was not recorded");
  else steps.push(`git checkout ${shellQuote(header.git.commit)}`);
  if (header.git.dirty === true) {
    caveats.push("the run was made from a tree with uncommitted changes, which the commit lacks");
  }
  const args = [
    "--suite",
    header.suite.id,
    "--profile",
    header.profile,
    "--backend",
    backend,
    "--seeds",
    formatSeeds(header.seeds),
  ];
  const overrides = header.tags.overrides;
  if (overrides !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(overrides);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      const config = JSON.stringify({
        suite: header.suite.id,
        profile: header.profile,
        overrides: parsed,
      });
      steps.push(`printf '%s\\n' ${shellQuote(config)} > ${REPRODUCE_CONFIG_FILE}`);
      args.push("--config", REPRODUCE_CONFIG_FILE);
    } else {
      caveats.push("its overrides tag is not a JSON object, so the overrides are left out");
    }
  }
  if (header.tags.shard !== undefined) args.push("--shard", header.tags.shard);
  const module = header.tags.regulariser_module;
  if (module !== undefined) {
    args.push("--regulariser", module);
    caveats.push(
      `it needs the user regulariser module ${module}` +
        (header.tags.regulariser_hash === undefined
          ? ""
          : ` with sha-256 ${header.tags.regulariser_hash}`),
    );
  }
  steps.push(`npx -y deno@${deno} task cli run ${args.map(shellQuote).join(" ")}`);
  return { command: steps.join(" && "), caveats };
}
