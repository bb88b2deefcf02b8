/**
 * Every source module stays under 400 lines (issue "One answer everywhere":
 * one concept per file). A module that grows past it is split, not waived.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const LIMIT = 400;

async function* sources(dir: URL): AsyncGenerator<URL> {
  for await (const e of Deno.readDir(dir)) {
    const u = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
    if (e.isDirectory && e.name !== "static") yield* sources(u);
    else if (e.isFile && /\.tsx?$/.test(e.name)) yield u;
  }
}

Deno.test("every module of src/, dashboard/, scripts/ and benchmarks/ is under 400 lines", async () => {
  const over: string[] = [];
  let count = 0;
  for (const top of ["src/", "dashboard/", "scripts/", "benchmarks/"]) {
    for await (const u of sources(new URL(top, ROOT))) {
      count++;
      const lines = (await Deno.readTextFile(u)).split("\n").length - 1;
      if (lines >= LIMIT) over.push(`${u.pathname.slice(ROOT.pathname.length)}: ${lines} lines`);
    }
  }
  assert.ok(count > 150, `${count} modules read`);
  assert.deepEqual(over, [], `modules of ${LIMIT} lines or more`);
});
