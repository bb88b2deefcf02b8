/**
 * `env`: the reproducibility facts of this machine and which backends
 * initialise here (each probed in its own worker process).
 *
 * @module
 */
import { BACKENDS, parseBackend } from "../core/engine/backends.ts";
import { gitState, runEnvironment } from "../core/runner/environment.ts";
import { probeBackend } from "../core/runner/runner.ts";
import { asUsage, type CliIo, commaList } from "./common.ts";
import { defineFlags, formatHelp, parseFlags } from "./flags.ts";

/**
 * The flags of `env`.
 *
 * @example
 * ```ts
 * import { ENV_FLAGS } from "./env.ts";
 * console.log(ENV_FLAGS.backend.value); // "<list>"
 * ```
 */
export const ENV_FLAGS = defineFlags({
  backend: {
    type: "string",
    value: "<list>",
    default: `all: ${BACKENDS.join(", ")}`,
    help: "backends to try",
  },
  json: { type: "boolean", help: "print JSON" },
});

/** Help text of `env`. */
export const ENV_HELP = formatHelp("env", {
  usage: ["[flags]"],
  about: `Print the environment a run would record (git, Deno/V8/TypeScript, OS, CPU) and try to
initialise each backend in a fresh process, printing ok (with tfjs version and GPU) or why not.`,
}, ENV_FLAGS);

/**
 * The `env` command; resolves with the exit code.
 *
 * @example
 * ```ts
 * import { envCommand } from "./env.ts";
 * import { processIo } from "./common.ts";
 * const code = await envCommand(["--backend", "wasm"], processIo());
 * ```
 */
export async function envCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags("env", args, ENV_FLAGS);
  if (values.help) {
    io.out(ENV_HELP + "\n");
    return 0;
  }
  const names = values.backend !== undefined
    ? commaList(values.backend).map((b) => asUsage(() => parseBackend(b)))
    : [...BACKENDS];
  const git = await gitState();
  const env = runEnvironment("-", null);
  const backends: Array<{ backend: string; ok: boolean; detail: string }> = [];
  for (const name of names) {
    const r = await probeBackend(name);
    backends.push(
      r.ok
        ? {
          backend: name,
          ok: true,
          detail: `tfjs ${r.facts.tfjsVersion}${r.facts.gpu ? `, gpu ${r.facts.gpu}` : ""}`,
        }
        : { backend: name, ok: false, detail: r.message },
    );
  }
  if (values.json) {
    const { backend: _b, tfjs: _t, gpu: _g, ...machine } = env;
    io.out(JSON.stringify({ git, env: machine, backends }, null, 2) + "\n");
    return 0;
  }
  const gitLine = git.commit === null
    ? "not a git checkout (or git missing)"
    : `${git.commit}${git.dirty ? " (dirty)" : ""}${git.branch ? ` on ${git.branch}` : ""}`;
  io.out(
    [
      `git        ${gitLine}`,
      `deno       ${env.deno} (v8 ${env.v8}, typescript ${env.typescript})`,
      `os/arch    ${env.os}/${env.arch}`,
      `cpu        ${env.cpu} (${env.cpuCount} logical CPUs)`,
      "backends:",
      ...backends.map((b) =>
        `  ${b.backend.padEnd(15)} ${b.ok ? "ok" : "unavailable"}: ${b.detail}`
      ),
    ].join("\n") + "\n",
  );
  return 0;
}
