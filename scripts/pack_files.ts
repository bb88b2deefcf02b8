/**
 * The small text files of the offline pack: the `jepa-bench` launcher, the two
 * entry stubs around the CLI bundle, the pack's Deno config and its README.
 *
 * Layout of an unpacked pack (`<pack>/`):
 *
 * ```
 * jepa-bench                 launcher (bash)
 * bin/deno                   Deno (npm:@deno/linux-x64-glibc)
 * lib/bundle/cli/lib.js      src/cli.ts and its npm modules, bundled (exports main)
 * lib/bundle/cli/cli.js      entry: main(Deno.args)
 * lib/bundle/cli/worker.ts   entry of the runner's worker processes: main(["__worker"])
 * lib/bundle/cli/*.wasm      tfjs-backend-wasm binaries (read next to lib.js)
 * deno.json                  config of the main and the worker processes
 * baselines/                 the committed baselines (default of `check`)
 * licenses/                  licence files of Deno and the bundled packages
 * README.md, PACK.json       what is inside and how it was built
 * ```
 *
 * The worker path follows src/core/runner/worker_process.ts: it spawns
 * `deno run -A --quiet --config <dir>/../../../deno.json <dir>/worker.ts`,
 * `<dir>` being the folder of the module that holds it (here lib.js), so
 * the bundle sits three folders below the pack's deno.json and the workers run
 * on the pack's config, never on one found in the working directory.
 *
 * @module
 */

/** Folder of the bundle and its stubs, relative to the pack root (three levels: see above). */
export const BUNDLE_DIR = "lib/bundle/cli";

/**
 * The pack's Deno config: no node_modules, no lockfile, nothing to resolve.
 *
 * @example
 * ```ts
 * import { PACK_DENO_JSON } from "./pack_files.ts";
 * console.log(JSON.parse(PACK_DENO_JSON).nodeModulesDir); // "none"
 * ```
 */
export const PACK_DENO_JSON = JSON.stringify({ nodeModulesDir: "none", lock: false }, null, 2) +
  "\n";

/**
 * `cli.js`: runs the bundled CLI with the process arguments.
 *
 * @example
 * ```ts
 * import { CLI_STUB } from "./pack_files.ts";
 * console.log(CLI_STUB.includes("main(Deno.args)")); // true
 * ```
 */
export const CLI_STUB = `// jepa-bench offline pack: the CLI (lib.js is src/cli.ts bundled).
import { main } from "./lib.js";
Deno.exit(await main(Deno.args));
`;

/**
 * `worker.ts`: a runner worker process (the CLI's hidden \`__worker\` command).
 *
 * @example
 * ```ts
 * import { WORKER_STUB } from "./pack_files.ts";
 * console.log(WORKER_STUB.includes("__worker")); // true
 * ```
 */
export const WORKER_STUB =
  `// jepa-bench offline pack: a runner worker process, spawned by the CLI as
// \`deno run -A --quiet --config ../../../deno.json worker.ts\` (src/core/runner/worker_process.ts).
import { main } from "./lib.js";
await main(["__worker"]);
Deno.exit(0);
`;

/**
 * The `jepa-bench` launcher: the packed Deno on the packed CLI, DENO_DIR inside
 * the pack (or in $TMPDIR when the pack is read-only), no remote modules, no
 * npm, no update check; arguments pass through. `check` without
 * `--baselines` compares with the packed baselines/.
 *
 * @example
 * ```ts
 * import { LAUNCHER } from "./pack_files.ts";
 * console.log(LAUNCHER.startsWith("#!/usr/bin/env bash")); // true
 * ```
 */
export const LAUNCHER = `#!/usr/bin/env bash
# jepa-bench offline pack: runs the packed Deno on the packed CLI. Needs no network, no Deno, no
# npm, no node. Usage: ./jepa-bench <command> [flags]   (./jepa-bench --help; README.md here)
set -euo pipefail
here=$(dirname "$(readlink -f "\${BASH_SOURCE[0]}")")
if [[ -z "\${JEPA_BENCH_DENO_DIR:-}" ]]; then
  if [[ -w "$here" ]]; then
    JEPA_BENCH_DENO_DIR="$here/cache"
  else
    JEPA_BENCH_DENO_DIR="\${TMPDIR:-/tmp}/jepa-bench-pack-cache-$(id -u)"
  fi
fi
export DENO_DIR="$JEPA_BENCH_DENO_DIR" DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1
args=("$@")
# \`check\` compares with the packed baselines unless --baselines is given.
if [[ "\${1:-}" == check ]]; then
  given=0
  for a in "$@"; do [[ "$a" == --baselines || "$a" == --baselines=* ]] && given=1; done
  [[ $given == 1 ]] || args=(check --baselines "$here/baselines" "\${@:2}")
fi
exec "$here/bin/deno" run -A --cached-only --no-remote --config "$here/deno.json" \\
  "$here/${BUNDLE_DIR}/cli.js" "\${args[@]}"
`;

/**
 * Facts about a pack, written to PACK.json and its README.
 *
 * @example
 * ```ts
 * import type { PackInfo } from "./pack_files.ts";
 * const label = (i: PackInfo) => `${i.version} (deno ${i.deno})`;
 * ```
 */
export interface PackInfo {
  /** The pack's version (the commit it was built from, or --version). */
  version: string;
  /** The git commit of the checkout, or null. */
  commit: string | null;
  /** Whether the checkout had uncommitted changes. */
  dirty: boolean;
  /** ISO time of the build. */
  built: string;
  /** The packed Deno's version. */
  deno: string;
  /** Bundled npm packages (name@version). */
  packages: string[];
}

/**
 * The pack's README.md.
 *
 * @example
 * ```ts
 * import { packReadme } from "./pack_files.ts";
 * const text = packReadme({
 *   version: "abc", commit: null, dirty: false, built: "2026-01-01T00:00:00Z", deno: "2.9.6",
 *   packages: [],
 * });
 * console.log(text.startsWith("# jepa-bench")); // true
 * ```
 */
export function packReadme(info: PackInfo): string {
  const commit = info.commit === null ? "unknown" : `${info.commit}${info.dirty ? " (dirty)" : ""}`;
  return `# jepa-bench offline pack ${info.version}

The jepa-bench CLI with everything it runs on: Deno ${info.deno}, the CLI and
its npm modules bundled, the tfjs wasm binaries, and the committed baselines.
It needs no network, no Deno, no npm and no node on this machine: Linux x86-64
with glibc, bash.

Built from commit ${commit} on ${info.built}.

\`\`\`sh
./jepa-bench env                                   # backends that initialise here
./jepa-bench run --suite identifiability --profile ci --jobs 2
./jepa-bench check --jobs 2                        # ci profile against baselines/ here
./jepa-bench perf --backend wasm,webgpu            # throughput per backend
./jepa-bench export --out results.json             # take the results home, then \`import\`
\`\`\`

Results go to \`.jepa-bench/results.db\` in the working directory (\`--store\`
to change it). Deno's cache is \`cache/\` here (or \`$TMPDIR\` when this folder
is read-only; \`JEPA_BENCH_DENO_DIR\` overrides it). Runs from the pack record
no git commit (the working directory is not the checkout): this file names it.

Backends: \`wasm\` (default), \`cpu\`, \`webgpu\` (needs a Vulkan loader,
libvulkan.so.1, and the GPU's Vulkan driver; see docs/gpu.md of the project).
The native \`tensorflow\` and \`tensorflow-gpu\` backends are not in the pack.
Suite and regulariser modules given by path (\`--suite ./my_suite.ts\`) load at
run time and may import only relative files and \`node:\` modules (no npm, no
URLs): the pack resolves nothing.

Bundled npm packages: ${info.packages.join(", ")}.
Their licences and Deno's are in licenses/.
`;
}
