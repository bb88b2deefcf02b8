/**
 * Whether a corpus document's commit is in the history of the repository that holds the
 * corpus: `git merge-base --is-ancestor <commit> HEAD`, run in the corpus folder (or the
 * nearest folder above it that exists). Changes no git state.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { COMMIT_ID_PATTERN } from "./document.ts";

/**
 * How a commit stands to HEAD: in its history (`ancestor`, HEAD itself included), a commit
 * the repository has but outside it (`not-ancestor`), a commit the repository does not have
 * (`unknown-commit`: a shallow clone, or another repository's commit), or no repository at all.
 *
 * @example
 * ```ts
 * import type { Ancestry } from "./git.ts";
 * const ok: Ancestry = "ancestor";
 * ```
 */
export type Ancestry = "ancestor" | "not-ancestor" | "unknown-commit" | "no-repository";

async function gitCode(dir: string, args: string[]): Promise<number> {
  try {
    const out = await new Deno.Command("git", {
      args: ["--no-optional-locks", "-C", dir, ...args],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output();
    return out.code;
  } catch {
    return -1; // git missing or not runnable
  }
}

/** `path`, or the nearest folder above it that exists. */
async function existingFolder(path: string): Promise<string> {
  let p = resolve(path);
  while (true) {
    try {
      if ((await Deno.stat(p)).isDirectory) return p;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    const up = dirname(p);
    if (up === p) return p;
    p = up;
  }
}

/**
 * How `commit` stands to HEAD of the git repository that holds `dir` (see {@link Ancestry}).
 * A string that is not a commit id is `unknown-commit`, never passed to git.
 *
 * @example
 * ```ts
 * import { commitAncestry } from "./git.ts";
 * console.log(await commitAncestry("0123456789abcdef0123456789abcdef01234567", "corpus"));
 * ```
 */
export async function commitAncestry(commit: string, dir: string): Promise<Ancestry> {
  const at = await existingFolder(dir);
  if (await gitCode(at, ["rev-parse", "--verify", "--quiet", "HEAD"]) !== 0) {
    return "no-repository";
  }
  if (!COMMIT_ID_PATTERN.test(commit)) return "unknown-commit";
  if (await gitCode(at, ["cat-file", "-e", `${commit}^{commit}`]) !== 0) return "unknown-commit";
  const code = await gitCode(at, ["merge-base", "--is-ancestor", commit, "HEAD"]);
  return code === 0 ? "ancestor" : code === 1 ? "not-ancestor" : "unknown-commit";
}

/**
 * Why `commit` does not qualify a corpus document held in `dir`, or null when it is an
 * ancestor of HEAD there.
 *
 * @example
 * ```ts
 * import { ancestryProblem } from "./git.ts";
 * const why = await ancestryProblem("0123456789abcdef0123456789abcdef01234567", "corpus");
 * ```
 */
export async function ancestryProblem(commit: string, dir: string): Promise<string | null> {
  const a = await commitAncestry(commit, dir);
  if (a === "ancestor") return null;
  if (a === "not-ancestor") {
    return `commit ${commit} is not an ancestor of HEAD (git merge-base --is-ancestor)`;
  }
  if (a === "unknown-commit") {
    return `commit ${commit} is not in this repository (another repository's commit, or a ` +
      "shallow clone: fetch the full history)";
  }
  return `"${dir}" is not inside a git repository with a commit, so commit ${commit} cannot be ` +
    "checked";
}
