/**
 * Which Chromium the browser tests use: Debian's when it runs, else the one
 * that npm:@sparticuz/chromium ships, so `deno task test` needs no apt
 * package. Each case points the finder at a path that is absent, present but
 * not executable, or present and running.
 */
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { findChromium } from "./chromium.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test(
  "a missing /usr/bin/chromium falls back to the Chromium from npm, which launches",
  opts,
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const found = await findChromium({ debianPath: `${dir}/chromium`, env: undefined });
      assert.equal(found.source, "@sparticuz/chromium");
      const browser = await chromium.launch({ executablePath: found.path, args: found.args });
      try {
        const page = await browser.newPage();
        await page.setContent("<p id=x>ok</p>");
        assert.equal(await page.textContent("#x"), "ok");
      } finally {
        await browser.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test(
  "a /usr/bin/chromium that is not executable (or does not run) is passed over",
  opts,
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const notExec = `${dir}/chromium`;
      await Deno.writeTextFile(notExec, "#!/bin/sh\necho Chromium 1.0\n");
      await Deno.chmod(notExec, 0o644);
      assert.equal(
        (await findChromium({ debianPath: notExec, env: undefined })).source,
        "@sparticuz/chromium",
      );
      const broken = `${dir}/broken`;
      await Deno.writeTextFile(broken, "#!/bin/sh\nexit 1\n");
      await Deno.chmod(broken, 0o755);
      assert.equal(
        (await findChromium({ debianPath: broken, env: undefined })).source,
        "@sparticuz/chromium",
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test(
  "a /usr/bin/chromium that runs is preferred; a JEPA_CHROMIUM that does not run is an error",
  opts,
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const fake = `${dir}/chromium`;
      await Deno.writeTextFile(fake, "#!/bin/sh\necho Chromium 156.0\n");
      await Deno.chmod(fake, 0o755);
      const found = await findChromium({ debianPath: fake, env: undefined });
      assert.deepEqual([found.source, found.path], ["debian", fake]);
      await assert.rejects(
        () => findChromium({ debianPath: fake, env: `${dir}/nope` }),
        /JEPA_CHROMIUM=.*nope does not run/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);
