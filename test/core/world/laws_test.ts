import assert from "node:assert/strict";
import { Rng } from "../../../src/core/random.ts";
import {
  gennormKurtosis,
  gennormScale,
  lawName,
  logGamma,
  parseLaw,
  sampleLatents,
} from "../../../src/core/world/laws.ts";

Deno.test("logGamma() matches reference values to 1e-12 relative", () => {
  // Reference: CPython math.lgamma.
  const ref: [number, number][] = [
    [1 / 32, 3.4484891277979584],
    [0.1, 2.2527126517342055],
    [0.5, 0.5723649429247004],
    [1.5, -0.12078223763524543],
    [3 / 32, 2.319927711404447],
    [24, 51.60667556776438],
    [100, 359.1342053695754],
    [1e-3, 6.907178885383854],
    [7.5, 7.534364236758734],
  ];
  for (const [x, want] of ref) {
    const got = logGamma(x);
    assert.ok(
      Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)),
      `lgamma(${x}) = ${got}, want ${want}`,
    );
  }
  assert.equal(logGamma(1), 0);
  assert.equal(logGamma(2), 0);
  assert.throws(() => logGamma(0), RangeError);
});

Deno.test("gennormScale() gives the closed forms and stays finite over the ablation grid", () => {
  assert.ok(Math.abs(gennormScale(2) - Math.SQRT2) < 1e-13);
  assert.ok(Math.abs(gennormScale(1) - Math.SQRT1_2) < 1e-13);
  assert.ok(Math.abs(gennormScale(0.125) / 4.415379673366567e-10 - 1) < 1e-11);
  assert.ok(Math.abs(gennormScale(32) / 1.7581826813965187 - 1) < 1e-12);
  for (const a of [0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32]) {
    assert.ok(Number.isFinite(gennormScale(a)) && gennormScale(a) > 0, `alpha ${a}`);
    assert.ok(Number.isFinite(gennormKurtosis(a)) && gennormKurtosis(a) > 1, `alpha ${a}`);
  }
  assert.ok(Math.abs(gennormKurtosis(2) - 3) < 1e-12);
  assert.ok(Math.abs(gennormKurtosis(1) - 6) < 1e-12);
  // alpha -> infinity tends to uniform, kurtosis 9/5.
  assert.ok(Math.abs(gennormKurtosis(1e4) - 1.8) < 1e-3);
});

Deno.test("parseLaw() accepts the three spellings and lawName() round-trips", () => {
  assert.deepEqual(parseLaw("gaussian"), { kind: "gaussian" });
  assert.deepEqual(parseLaw("laplace"), { kind: "gennorm", alpha: 1 });
  assert.deepEqual(parseLaw("gennorm(0.25)"), { kind: "gennorm", alpha: 0.25 });
  assert.equal(lawName(parseLaw("gennorm(0.25)")), "gennorm(0.25)");
  assert.equal(lawName(parseLaw("laplace")), "gennorm(1)");
  assert.equal(lawName({ kind: "gaussian" }), "gaussian");
  for (const a of [0.125, 2, 32]) {
    assert.deepEqual(parseLaw(lawName({ kind: "gennorm", alpha: a })), {
      kind: "gennorm",
      alpha: a,
    });
  }
  for (const bad of ["normal", "gennorm()", "gennorm(0)", "gennorm(-1)", "gennorm(abc)", ""]) {
    assert.throws(() => parseLaw(bad), RangeError, bad);
  }
});

/** Sample moments E x^2 and the kurtosis m4 / m2^2. */
function moments(x: Float64Array): { m2: number; kurt: number } {
  let s2 = 0;
  let s4 = 0;
  for (const v of x) {
    s2 += v * v;
    s4 += v * v * v * v;
  }
  const m2 = s2 / x.length;
  return { m2, kurt: s4 / x.length / (m2 * m2) };
}

/** Absolute moment E|x|^p of unit-variance gennorm(alpha). */
function absMoment(alpha: number, p: number): number {
  const s = gennormScale(alpha);
  return s ** p * Math.exp(logGamma((p + 1) / alpha) - logGamma(1 / alpha));
}

Deno.test("sampleLatents() has unit variance and the theoretical kurtosis (5 standard errors)", () => {
  const n = 200_000;
  for (const alpha of [0.5, 1, 2, 8]) {
    const x = sampleLatents({ kind: "gennorm", alpha }, n, 1, new Rng(7, "law", alpha));
    const { m2, kurt } = moments(x);
    const m4 = absMoment(alpha, 4);
    const m6 = absMoment(alpha, 6);
    const m8 = absMoment(alpha, 8);
    const k = gennormKurtosis(alpha);
    assert.ok(Math.abs(m4 - k) < 1e-9 * k, "moment formula agrees with gennormKurtosis");
    // Standard errors: Var(x^2) = m4 - 1; delta method for m4 / m2^2.
    const seVar = Math.sqrt((m4 - 1) / n);
    const seKurt = Math.sqrt((m8 - m4 * m4 - 4 * k * (m6 - m4) + 4 * k * k * (m4 - 1)) / n);
    assert.ok(Math.abs(m2 - 1) < 5 * seVar, `alpha ${alpha}: var ${m2} (se ${seVar})`);
    assert.ok(
      Math.abs(kurt - k) < 5 * seKurt,
      `alpha ${alpha}: kurtosis ${kurt} vs ${k} (se ${seKurt})`,
    );
  }
  const g = moments(sampleLatents({ kind: "gaussian" }, n, 1, new Rng(7, "gauss")));
  assert.ok(Math.abs(g.m2 - 1) < 5 * Math.sqrt(2 / n));
  assert.ok(Math.abs(g.kurt - 3) < 5 * Math.sqrt(24 / n), `gaussian kurtosis ${g.kurt}`);
});

Deno.test("sampleLatents() distinguishes heavy and light tails", () => {
  const heavy = moments(sampleLatents({ kind: "gennorm", alpha: 0.5 }, 50_000, 2, new Rng(1)));
  const light = moments(sampleLatents({ kind: "gennorm", alpha: 8 }, 50_000, 2, new Rng(1)));
  assert.ok(heavy.kurt > 10 && light.kurt < 2.2, `${heavy.kurt} ${light.kurt}`);
});

Deno.test("sampleLatents() is a pure function of the seed", () => {
  for (const law of [parseLaw("gaussian"), parseLaw("gennorm(0.25)")]) {
    const a = sampleLatents(law, 100, 3, new Rng(42, "z"));
    const b = sampleLatents(law, 100, 3, new Rng(42, "z"));
    const c = sampleLatents(law, 100, 3, new Rng(43, "z"));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.equal(a.length, 300);
  }
  assert.throws(() => sampleLatents(parseLaw("gaussian"), 2, 0, new Rng(1)), RangeError);
});
