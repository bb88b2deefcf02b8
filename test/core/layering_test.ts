import assert from "node:assert/strict";

/** Resolved paths (from the repository root) that src/core must not import. */
const FORBIDDEN = /^\/(src\/suites\/|src\/cli\/|src\/cli\.ts$|dashboard\/)/;

async function* tsFiles(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory) yield* tsFiles(p);
    else if (/\.tsx?$/.test(e.name)) yield p;
  }
}

function specifiers(source: string): string[] {
  const out: string[] = [];
  const re =
    /(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;
  for (const m of source.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function backImports(file: string, source: string): string[] {
  const base = new URL(file, "file:///");
  return specifiers(source)
    .filter((s) => s.startsWith("."))
    .filter((s) => FORBIDDEN.test(new URL(s, base).pathname))
    .map((s) => `${file} -> ${s}`);
}

Deno.test("src/core imports nothing from src/suites, src/cli or dashboard", async () => {
  const found: string[] = [];
  for await (const file of tsFiles("src/core")) {
    found.push(...backImports(file, await Deno.readTextFile(file)));
  }
  assert.deepEqual(found, [], `back-imports from src/core:\n${found.join("\n")}`);
});

Deno.test("the layering check sees a back-import, static or dynamic", () => {
  const src =
    `import { x } from "../../suites/registry.ts";\nconst m = await import("../../cli/run.ts");\n` +
    `export * from "../../../dashboard/data/mod.ts";\nimport "../stats/mod.ts";\nimport { ok } from "./fine.ts";`;
  assert.deepEqual(backImports("src/core/analysis/x.ts", src), [
    "src/core/analysis/x.ts -> ../../suites/registry.ts",
    "src/core/analysis/x.ts -> ../../cli/run.ts",
    "src/core/analysis/x.ts -> ../../../dashboard/data/mod.ts",
  ]);
});
