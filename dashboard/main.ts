/**
 * `deno task dashboard`: serve the dashboard live from the local store.
 *
 * Flags: `--store PATH` (default .jepa-bench/results.db), `--port N` (8000),
 * `--hostname H` (127.0.0.1), `--baselines DIR` (baselines), `--base-path /sub/path/` (/: the
 * path a reverse proxy serves the site under, where the not-found page links from).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { DEFAULT_STORE_PATH } from "../src/core/store/store.ts";
import { bundleIslands } from "./bundle.ts";
import { createHandler, normalizeRootPath } from "./server.ts";
import { openDashboardData } from "./setup.ts";

function fail(message: string, code: number): never {
  console.error(`error: ${message}`);
  Deno.exit(code);
}

let values: {
  store: string;
  port: string;
  hostname: string;
  baselines: string;
  "base-path": string;
};
try {
  ({ values } = parseArgs({
    args: Deno.args,
    options: {
      store: { type: "string", default: DEFAULT_STORE_PATH },
      port: { type: "string", default: "8000" },
      hostname: { type: "string", default: "127.0.0.1" },
      baselines: { type: "string", default: "baselines" },
      "base-path": { type: "string", default: "/" },
    },
  }));
} catch (e) {
  fail(e instanceof Error ? e.message : String(e), 2);
}
if (values.store.trim() === "") fail("--store: expected a file path, got an empty string", 2);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  fail(`--port: expected an integer in 0..65535, got "${values.port}"`, 2);
}
let rootPath = "/";
try {
  rootPath = normalizeRootPath(values["base-path"]);
} catch (e) {
  fail((e as Error).message, 2);
}
let data: Awaited<ReturnType<typeof openDashboardData>>;
try {
  data = await openDashboardData({ storePath: values.store, baselinesDir: values.baselines });
} catch (e) {
  fail(e instanceof Error ? e.message : String(e), 1);
}
const handler = createHandler({ data, bundle: await bundleIslands(), rootPath });
Deno.serve({
  port,
  hostname: values.hostname,
  onListen: ({ hostname, port }) =>
    console.log(`dashboard: http://${hostname}:${port}/ (store ${values.store})`),
}, handler);
