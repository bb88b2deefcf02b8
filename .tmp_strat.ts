import { Rng } from "./src/core/random.ts";
import { stratifiedBootstrapCI, iqm } from "./src/core/stats/mod.ts";
for (const K of [2, 5, 10, 20]) for (const n of [3, 5]) {
  const rng = new Rng(5, K, n);
  let cov = 0, covIqm = 0; const T = 600;
  for (let t = 0; t < T; t++) {
    const g = Array.from({ length: K }, (_, k) => Array.from({ length: n }, () => k + rng.normal()));
    const ci = stratifiedBootstrapCI(g, undefined, { seed: t, resamples: 500 });
    const truth = (K - 1) / 2;
    if (ci.ciLow <= truth && truth <= ci.ciHigh) cov++;
  }
  console.log(K, n, (cov / T).toFixed(3));
}
