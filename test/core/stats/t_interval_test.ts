import assert from "node:assert/strict";
import {
  differenceIntervalCaption,
  incompleteBeta,
  meanIntervalCaption,
  seedCountPhrase,
  seedDifferenceInterval,
  studentTCdf,
  studentTQuantile,
  tInterval,
  welchInterval,
} from "../../../src/core/stats/mod.ts";

const close = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want} (tol ${tol})`);

Deno.test("the t quantile matches the printed table at 1e-4", () => {
  const table: [number, number, number][] = [
    [0.975, 1, 12.7062],
    [0.975, 2, 4.3027],
    [0.975, 3, 3.1824],
    [0.975, 4, 2.7764],
    [0.975, 9, 2.2622],
    [0.975, 30, 2.0423],
    [0.95, 3, 2.3534],
    [0.995, 5, 4.0321],
  ];
  for (const [p, df, want] of table) close(studentTQuantile(p, df), want, 1e-4, `t_{${p},${df}}`);
});

Deno.test("the t quantile handles fractional and large df and is odd about p = 0.5", () => {
  // Reference values from scipy.stats.t.ppf.
  close(studentTQuantile(0.975, 2.5), 3.5746548420036817, 1e-9, "df 2.5");
  close(studentTQuantile(0.975, 4.7), 2.62072607535317, 1e-9, "df 4.7");
  close(studentTQuantile(0.999, 3), 10.214531852407383, 1e-8, "p 0.999");
  close(studentTQuantile(0.975, 100), 1.9839715185235518, 1e-9, "df 100");
  close(studentTQuantile(0.6, 7), 0.2631668613520229, 1e-9, "p 0.6");
  close(studentTQuantile(0.025, 4), -studentTQuantile(0.975, 4), 1e-12, "symmetry");
  assert.equal(studentTQuantile(0.5, 3), 0);
  for (const df of [1, 1.5, 3, 8.2, 50]) {
    close(studentTCdf(studentTQuantile(0.975, df), df), 0.975, 1e-12, `cdf(quantile) df ${df}`);
  }
});

Deno.test("the t CDF and incomplete beta match scipy", () => {
  close(studentTCdf(1.5, 3.3), 0.8887484016403541, 1e-10, "t cdf");
  close(incompleteBeta(0.3, 2.5, 0.5), 0.018927124071945658, 1e-12, "betainc");
  assert.equal(studentTCdf(0, 5), 0.5);
});

Deno.test("the t quantile rejects p outside (0, 1) and df <= 0 in one line", () => {
  assert.throws(() => studentTQuantile(1, 3), /p in \(0, 1\)/);
  assert.throws(() => studentTQuantile(0.9, 0), /degrees of freedom > 0/);
  assert.throws(() => studentTQuantile(0.9, NaN), /degrees of freedom > 0/);
});

Deno.test("tInterval is mean ± t·sd/√n and gives no interval for one value", () => {
  const ci = tInterval([1, 2, 3]);
  const half = 4.302652729911275 / Math.sqrt(3);
  close(ci.estimate, 2, 1e-15, "mean");
  close(ci.ciLow, 2 - half, 1e-9, "low");
  close(ci.ciHigh, 2 + half, 1e-9, "high");
  assert.equal(ci.df, 2);
  const one = tInterval([0.7]);
  assert.equal(one.estimate, 0.7);
  assert.ok(Number.isNaN(one.ciLow) && Number.isNaN(one.ciHigh));
  assert.ok(Number.isNaN(tInterval([]).estimate));
  assert.throws(() => tInterval([1, NaN]), /finite/);
});

Deno.test("with two seeds the t-interval is wider than their range", () => {
  const ci = tInterval([0.90, 0.92]);
  assert.ok(ci.ciLow < 0.90 - 0.05 && ci.ciHigh > 0.92 + 0.05, `${ci.ciLow}, ${ci.ciHigh}`);
});

Deno.test("welchInterval matches scipy's Welch test interval", () => {
  // scipy: ttest_ind(b, a, equal_var=False).confidence_interval() for these samples.
  const a = [0.9, 0.95, 0.92];
  const b = [0.8, 0.86, 0.81, 0.83];
  const d = welchInterval(a, b);
  close(d.df, 4.5882213251009265, 1e-9, "df");
  close(d.ciLow, -0.15023895010870317, 1e-9, "low");
  close(d.ciHigh, -0.046427716557963385, 1e-9, "high");
  assert.ok(Number.isNaN(welchInterval([1], [2, 3]).ciLow));
  const flat = welchInterval([1, 1], [2, 2]);
  assert.deepEqual([flat.ciLow, flat.ciHigh], [1, 1]);
});

Deno.test("seedDifferenceInterval pairs identical seed sets and falls back to Welch", () => {
  const a = new Map([[1, 0.90], [2, 0.95], [3, 0.92]]);
  const b = new Map([[1, 0.88], [2, 0.93], [3, 0.90]]);
  const paired = seedDifferenceInterval(a, b);
  assert.equal(paired.method, "paired");
  // Every seed lost exactly 0.02: the paired interval is (numerically) that point.
  close(paired.ciLow, -0.02, 1e-12, "paired low");
  close(paired.ciHigh, -0.02, 1e-12, "paired high");
  const fresh = new Map([[11, 0.88], [12, 0.93], [13, 0.90]]);
  const welch = seedDifferenceInterval(a, fresh);
  assert.equal(welch.method, "welch");
  assert.ok(welch.ciLow < -0.05 && welch.ciHigh > 0.01, `${welch.ciLow}, ${welch.ciHigh}`);
  assert.deepEqual([welch.nA, welch.nB], [3, 3]);
});

Deno.test("a lone seed against three gets the pooled-variance interval", () => {
  const a = new Map([[1, 0.90], [2, 0.91], [3, 0.92]]);
  const d = seedDifferenceInterval(a, new Map([[1, 0.70]]));
  assert.equal(d.method, "pooled");
  assert.equal(d.df, 2);
  // sp = 0.01 (from a), half = t_{0.975,2} * 0.01 * sqrt(1/3 + 1).
  const half = 4.302652729911275 * 0.01 * Math.sqrt(4 / 3);
  close(d.ciLow, -0.21 - half, 1e-9, "low");
  close(d.ciHigh, -0.21 + half, 1e-9, "high");
  const none = seedDifferenceInterval(new Map([[1, 0.9]]), new Map([[2, 0.8]]));
  assert.ok(Number.isNaN(none.ciLow) && Number.isNaN(none.ciHigh));
  const onePaired = seedDifferenceInterval(new Map([[1, 0.9]]), new Map([[1, 0.8]]));
  assert.ok(Number.isNaN(onePaired.ciLow), "one shared seed gives no interval");
});

Deno.test("captions say which interval and over how many seeds", () => {
  assert.equal(seedCountPhrase([3, 3]), "3 seeds");
  assert.equal(seedCountPhrase([1]), "1 seed");
  assert.equal(seedCountPhrase([2, 3]), "2–3 seeds");
  assert.equal(
    meanIntervalCaption([3]),
    "95 % t-interval of the mean over 3 seeds",
  );
  assert.equal(
    meanIntervalCaption([1, 3]),
    "95 % t-interval of the mean over 1–3 seeds (none with 1 seed)",
  );
  assert.equal(
    differenceIntervalCaption({ paired: 4, welch: 0 }, [3]),
    "95 % paired t-interval of the difference over 3 shared seeds",
  );
  assert.match(differenceIntervalCaption({ paired: 0, welch: 2 }, [3]), /Welch .* 3 seeds a side/);
});
