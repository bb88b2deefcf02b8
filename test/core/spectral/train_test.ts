import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { Rng } from "../../../src/core/random.ts";
import { plantedRank } from "../../../src/core/planning/envs.ts";
import {
  cooccurrence,
  exactSvd,
  normalizedCooccurrence,
  optimalLoss,
  sampleCooccurrence,
  trainSpectral,
} from "../../../src/core/spectral/mod.ts";

Deno.test("gradient descent on the spectral loss approaches L* from above as steps grow", async () => {
  assert.equal(await tf.setBackend("wasm"), true);
  const mdp = plantedRank({ nS: 32, nA: 4, rank: 4 }, new Rng(0, "env"));
  const co = cooccurrence(mdp);
  const s = exactSvd(normalizedCooccurrence(co)).s;
  const k = 4;
  const Lstar = optimalLoss(s, k);
  const r = await trainSpectral(co, k, { rng: new Rng(1), steps: 400, lr: 0.03, evalEvery: 50 });
  const gaps = r.curve.map(([, L]) => L - Lstar);
  for (const g of gaps) assert.ok(g >= -1e-12 * Math.abs(Lstar), `loss below L* by ${-g}`);
  assert.ok(gaps[0] > 0.1 * Math.abs(Lstar), `initial gap ${gaps[0]} should be large`);
  assert.ok(gaps[2] < gaps[0] / 2, `gap after 100 steps ${gaps[2]} vs start ${gaps[0]}`);
  assert.ok(gaps[4] < gaps[2] / 10, `gap after 200 steps ${gaps[4]} vs 100 steps ${gaps[2]}`);
  assert.ok(gaps[gaps.length - 1] < 1e-6 * Math.abs(Lstar), `final gap ${gaps[gaps.length - 1]}`);
  assert.equal(tf.memory().numTensors, 0, "no tensors leaked");
});

Deno.test("training on an empirical co-occurrence leaves a population gap that shrinks with n", async () => {
  assert.equal(await tf.setBackend("wasm"), true);
  const mdp = plantedRank({ nS: 32, nA: 4, rank: 4 }, new Rng(0, "env"));
  const co = cooccurrence(mdp);
  const Lstar = optimalLoss(exactSvd(normalizedCooccurrence(co)).s, 4);
  const gap = async (n: number) => {
    const emp = sampleCooccurrence(mdp, n, new Rng(2, n));
    const r = await trainSpectral(emp, 4, { rng: new Rng(1), steps: 300, lr: 0.03, evalCo: co });
    return r.finalLoss - Lstar;
  };
  const small = await gap(2000);
  const large = await gap(100000);
  assert.ok(
    large > 0 && small > large * 5,
    `population gap ${small} at n=2e3 vs ${large} at n=1e5`,
  );
});
