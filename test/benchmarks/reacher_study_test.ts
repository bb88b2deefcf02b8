import assert from "node:assert/strict";
import { knnR2, parseStudyArgs, studyMarkdown, studyRun } from "../../benchmarks/reacher_study.ts";
import { initBackend } from "../../src/core/engine/mod.ts";
import { Rng } from "../../src/core/random.ts";

Deno.test("study arguments: defaults, lists and knobs are read", () => {
  const d = parseStudyArgs([]);
  assert.deepEqual(d.rhos, [0.9, 0.95, 0.99]);
  assert.equal(d.steps, 2000);
  assert.equal(d.every, 250);
  assert.equal(d.pair, "views");
  assert.equal(d.channels, null);
  assert.equal(d.out, null);
  assert.equal(d.angleScale, 1);
  const o = parseStudyArgs([
    "--rho",
    "0.95",
    "--steps",
    "40",
    "--channels",
    "8,16,16",
    "--pair",
    "anchor",
    "--lambda",
    "5e-2",
    "--out",
    "x/y",
  ]);
  assert.deepEqual(o.rhos, [0.95]);
  assert.equal(o.steps, 40);
  assert.deepEqual(o.channels, [8, 16, 16]);
  assert.equal(o.pair, "anchor");
  assert.equal(o.lambda, 0.05);
  assert.equal(o.out, "x/y");
});

Deno.test("study arguments: bad input is a one-line RangeError naming the flag", () => {
  const bad: [string[], RegExp][] = [
    [["--steps", "1.5"], /--steps must be an integer/],
    [["--rho", "0.9,1"], /--rho values must lie in \(0, 1\)/],
    [["--rho", "abc"], /--rho must be a number/],
    [["--pair", "both"], /--pair must be "views" or "anchor"/],
    [["--every", "0"], /--every must be positive/],
    [["--eval-size", "3"], /--eval-size must be at least 10/],
    [["--angle-scale", "0"], /--angle-scale must be positive/],
    [["--nope", "1"], /nope/],
  ];
  for (const [args, re] of bad) {
    assert.throws(() => parseStudyArgs(args), (e: Error) => {
      assert.ok(e instanceof RangeError, `${args}: ${e}`);
      assert.match(e.message, re);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  }
});

Deno.test("kNN R2 is near 1 for an invertible nonlinear map of z, near 0 for a joint h lacks", () => {
  const n = 1000;
  const z = new Rng(7, "knn").normals(2 * n);
  // Invertible and nonlinear: a linear probe loses some of z, the kNN probe almost none.
  const [a, b] = knnR2(z, z.map((v) => v + 0.2 * v ** 3), n);
  assert.ok(a > 0.95 && b > 0.95, `${a} ${b}`);
  // h carries only z0: joint 0 recovered, joint 1 not.
  const h = z.map((v, i) => (i % 2 === 0 ? v : 0));
  const [c, e] = knnR2(z, h, n);
  assert.ok(c > 0.95 && e < 0.2, `${c} ${e}`);
});

Deno.test("a tiny study run checkpoints every `every` steps, is deterministic and tabulates", async () => {
  await initBackend("wasm");
  const o = parseStudyArgs([
    "--rho",
    "0.9",
    "--steps",
    "5",
    "--every",
    "2",
    "--size",
    "8",
    "--batch",
    "16",
    "--hidden",
    "8",
    "--slices",
    "8",
    "--eval-size",
    "32",
  ]);
  const lines: string[] = [];
  const a = await studyRun(o, 0.9, (l) => lines.push(l));
  const b = await studyRun(o, 0.9);
  assert.deepEqual(a.checkpoints.map((c) => c.step), [1, 3, 5]);
  assert.equal(lines.length, 3);
  assert.deepEqual(a.checkpoints, b.checkpoints);
  for (const c of a.checkpoints) {
    assert.ok(c.r2_hz >= 0 && c.r2_hz <= 1, `${c.r2_hz}`);
    assert.ok(Number.isFinite(c.align) && Number.isFinite(c.reg));
  }
  assert.ok(a.stepsPerSecond > 0 && a.wallSeconds >= a.trainSeconds);
  const md = studyMarkdown([a, { ...a, rho: 0.99 }]).split("\n");
  assert.equal(md[0], "| step | rho 0.9 R2(h->z) | rho 0.99 R2(h->z) |");
  assert.equal(md.length, 2 + 3 + 2);
  const r = a.checkpoints[2].r2_hz.toFixed(3);
  assert.equal(md[4], `| 5 | ${r} | ${r} |`);
  assert.match(md[5], /^\| steps\/s \| [0-9.]+ \| [0-9.]+ \|$/);
});
