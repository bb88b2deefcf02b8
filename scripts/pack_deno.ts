/**
 * The offline pack's Deno: the `deno` binary of the npm package
 * `@deno/linux-x64-glibc` (the same build `npx deno` runs), fetched with
 * `npm pack` at pack time (npm checks the tarball's integrity), or a local
 * binary given with `--deno`. Either way its `--version` must be the pinned
 * version.
 *
 * @module
 */

/** The Deno version the project pins (README: `npx -y deno@2.9.6`). */
export const PACK_DENO_VERSION = "2.9.6";

/** The npm package holding the Linux x86-64 (glibc) `deno` binary. */
export const PACK_DENO_PACKAGE = "@deno/linux-x64-glibc";

async function output(cmd: string, args: string[], cwd?: string): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    throw new Error(`cannot run ${cmd} (${(e as Error).message.split("\n")[0]})`);
  }
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-1)[0] ?? "";
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${out.code}): ${err}`);
  }
  return text;
}

/**
 * Check that `path` is a runnable Deno of {@link PACK_DENO_VERSION}; throws
 * an Error naming what it found otherwise.
 *
 * @example
 * ```ts
 * import { assertDenoVersion } from "./pack_deno.ts";
 * await assertDenoVersion(Deno.execPath());
 * ```
 */
export async function assertDenoVersion(path: string): Promise<void> {
  const first = (await output(path, ["--version"])).split("\n")[0];
  if (!first.startsWith(`deno ${PACK_DENO_VERSION} `)) {
    throw new Error(`${path} is "${first}", not deno ${PACK_DENO_VERSION}`);
  }
}

/**
 * Fetch the `deno` binary of `@deno/linux-x64-glibc@<version>` with `npm pack`
 * into `dir` (a scratch folder) and return its path, checked with
 * {@link assertDenoVersion}. Needs npm and access to its registry (or npm's
 * cache).
 *
 * @example
 * ```ts
 * import { fetchDenoBinary } from "./pack_deno.ts";
 * const deno = await fetchDenoBinary(await Deno.makeTempDir());
 * ```
 */
export async function fetchDenoBinary(dir: string): Promise<string> {
  const spec = `${PACK_DENO_PACKAGE}@${PACK_DENO_VERSION}`;
  const out = await output("npm", ["pack", spec, "--silent", "--pack-destination", dir], dir)
    .catch((e) => {
      throw new Error(
        `could not fetch ${spec} with npm pack (${(e as Error).message}); pass --deno <path> ` +
          `to use a local deno ${PACK_DENO_VERSION} binary instead`,
      );
    });
  const tgz = out.trim().split("\n").slice(-1)[0];
  if (!tgz?.endsWith(".tgz")) throw new Error(`npm pack ${spec} printed no tarball name`);
  await output("tar", ["-xzf", `${dir}/${tgz}`, "-C", dir, "package/deno"]);
  const deno = `${dir}/package/deno`;
  await Deno.chmod(deno, 0o755);
  await assertDenoVersion(deno);
  return deno;
}
