import assert from "node:assert/strict";
import { acceptsGzip, compressible, gzip } from "../../../dashboard/http/gzip.ts";

Deno.test("gzip is taken when offered with a positive q, never when refused", () => {
  assert.ok(acceptsGzip("gzip"));
  assert.ok(acceptsGzip("gzip, deflate, br, zstd"));
  assert.ok(acceptsGzip("br;q=1.0, GZIP;q=0.5"));
  assert.ok(acceptsGzip("x-gzip"));
  assert.ok(acceptsGzip("*"));
  assert.ok(!acceptsGzip(null));
  assert.ok(!acceptsGzip(""));
  assert.ok(!acceptsGzip("br, deflate"));
  assert.ok(!acceptsGzip("gzip;q=0"));
  assert.ok(!acceptsGzip("gzip;q=0, *"), "an explicit refusal beats the wildcard");
  assert.ok(!acceptsGzip("*;q=0"));
  assert.ok(!acceptsGzip("identity"));
});

Deno.test("text types are compressible, images are not", () => {
  for (
    const t of ["text/html; charset=utf-8", "application/json", "text/javascript", "image/svg+xml"]
  ) {
    assert.ok(compressible(t), t);
  }
  for (const t of ["image/png", "application/octet-stream"]) assert.ok(!compressible(t), t);
});

Deno.test("gzip output inflates back to the input and is smaller for repetitive text", async () => {
  const input = new TextEncoder().encode("<tr><td>sigreg</td></tr>".repeat(2000));
  const packed = await gzip(input);
  assert.ok(packed.length < input.length / 10, `${packed.length} bytes`);
  assert.deepEqual([packed[0], packed[1]], [0x1f, 0x8b], "gzip magic");
  const back = await new Response(
    new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip")),
  ).arrayBuffer();
  assert.deepEqual(new Uint8Array(back), input);
});
