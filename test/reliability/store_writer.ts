/**
 * Helper process for the concurrent-writer test:
 * `deno run -A store_writer.ts <store> <runId> <prefix> <count>` opens the
 * store (creating it if needed), begins the run (idempotent) and writes
 * `count` results `${prefix}/${i}` seed 0, one transaction each, as fast as it
 * can. Prints `ok <count>`; any error exits non-zero.
 *
 * @module
 */
import { openStore } from "../../src/core/store/sqlite.ts";
import { makeCompleted, makeHeader } from "../fixtures/records.ts";

if (import.meta.main) {
  const [path, runId, prefix, countText] = Deno.args;
  const count = Number(countText);
  const store = openStore(path);
  try {
    store.beginRun(makeHeader({ runId }));
    for (let i = 0; i < count; i++) {
      store.putResult(
        makeCompleted(runId, `${prefix}/${i}`, 0, { score: i, writer: prefix.length }),
      );
    }
  } finally {
    store.close();
  }
  console.log(`ok ${count}`);
}
