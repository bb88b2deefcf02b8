import assert from "node:assert/strict";
import { initBackend, tensorMemory, tf } from "../../../src/core/engine/mod.ts";
import { Rng } from "../../../src/core/random.ts";
import { CaseFailure } from "../../../src/core/suite.ts";
import { trainLeJepa, type TrainSpec } from "../../../src/core/train/mod.ts";

await initBackend("wasm");

function spec(overrides: Partial<TrainSpec> = {}): TrainSpec {
  return {
    inputDim: 2,
    latentDim: 2,
    encoder: { kind: "mlp", width: 32, depth: 2 },
    regulariser: "sigreg",
    lambda: 0.05,
    steps: 30,
    batch: 64,
    views: 2,
    lr: 3e-3,
    weightDecay: 0.01,
    slices: 32,
    seed: 7,
    ...overrides,
  };
}

/** Two OU views (rho 0.9) of Gaussian latents, observed through a fixed linear map. */
function sampler(seed: number, batch: number, scale = 1) {
  return (step: number): Float32Array[] => {
    const rng = new Rng(seed, "data", step);
    const z = rng.split("z").normals(batch * 2);
    return [0, 1].map((v) => {
      const e = rng.split("view", v).normals(batch * 2);
      const out = new Float32Array(batch * 2);
      for (let b = 0; b < batch; b++) {
        const z0 = 0.9 * z[2 * b] + Math.sqrt(0.19) * e[2 * b];
        const z1 = 0.9 * z[2 * b + 1] + Math.sqrt(0.19) * e[2 * b + 1];
        out[2 * b] = scale * (2 * z0 + z1);
        out[2 * b + 1] = scale * (z0 - 0.5 * z1);
      }
      return out;
    });
  };
}

/** 200 held-out observations from the training distribution. */
const probe = Float64Array.from(sampler(99, 200)(0)[0]);

/** Mean over the 2 coordinates of the per-coordinate standard deviation. */
function stdOf(h: Float64Array): number {
  const n = h.length / 2;
  let total = 0;
  for (let j = 0; j < 2; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += h[2 * i + j] / n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (h[2 * i + j] - m) ** 2 / n;
    total += Math.sqrt(s) / 2;
  }
  return total;
}

// Flat memory over 2000 steps is test/core/train/memory_test.ts; this is the short form.
Deno.test("trainLeJepa keeps tensor memory flat, reports its phases and frees every tensor", async () => {
  const counts = new Map<number, number>();
  const before = tensorMemory().numTensors;
  const res = await trainLeJepa(
    spec({ steps: 100, batch: 32, slices: 8, encoder: { kind: "mlp", width: 16, depth: 2 } }),
    sampler(1, 32),
    {
      onProgress: (step) => {
        if (step === 20 || step === 100) counts.set(step, tf.memory().numTensors);
      },
    },
  );
  assert.equal(counts.get(20), counts.get(100));
  assert.equal(res.steps, 100);
  assert.ok(res.peakTensorBytes > 0);
  assert.ok(res.trainSeconds > 0);
  for (const k of ["data", "forward", "objective", "backward", "optimiser"]) {
    assert.ok(k in res.phaseMs, k);
  }
  res.encoder.dispose();
  assert.equal(tensorMemory().numTensors, before);
});

Deno.test("trainLeJepa is bit-identical for the same seed on wasm and on cpu", async () => {
  for (const backend of ["wasm", "cpu"]) {
    await initBackend(backend);
    const runs = [];
    for (let r = 0; r < 2; r++) {
      const res = await trainLeJepa(spec({ steps: backend === "cpu" ? 12 : 30 }), sampler(3, 64), {
        curveEvery: 1,
      });
      runs.push({
        loss: res.curves.loss.map((p) => p[1]),
        h: await res.encoder.encode(probe, 200),
      });
      res.encoder.dispose();
    }
    assert.deepEqual(runs[0].loss, runs[1].loss, backend);
    assert.deepEqual(runs[0].h, runs[1].h, backend);
    const other = await trainLeJepa(spec({ steps: 5, seed: 8 }), sampler(3, 64), { curveEvery: 1 });
    assert.notDeepEqual(other.curves.loss.map((p) => p[1]), runs[0].loss.slice(0, 5));
    other.encoder.dispose();
  }
  await initBackend("wasm");
});

Deno.test("trainLeJepa records curves every curveEvery steps plus the last, with evaluate's keys", async () => {
  let calls = 0;
  const res = await trainLeJepa(spec({ steps: 25 }), sampler(4, 64), {
    curveEvery: 10,
    evaluate: async (enc) => {
      calls++;
      return { hStd: stdOf(await enc.encode(probe, 200)) };
    },
  });
  assert.deepEqual(res.curves.loss.map((p) => p[0]), [0, 10, 20, 24]);
  assert.deepEqual(res.curves.hStd.map((p) => p[0]), [0, 10, 20, 24]);
  assert.equal(calls, 4);
  for (const [, v] of res.curves.align) assert.ok(v >= 0);
  // loss = lambda * reg + (1 - lambda) * align at every point
  res.curves.loss.forEach(([, l], i) => {
    const want = 0.05 * res.curves.reg[i][1] + 0.95 * res.curves.align[i][1];
    assert.ok(Math.abs(l - want) < 1e-5 * Math.max(1, Math.abs(l)));
  });
  res.encoder.dispose();
});

Deno.test("SIGReg keeps the embedding spread while alignment alone collapses it", async () => {
  const common = { steps: 150, lr: 1e-2, lambda: 0.5 };
  const sig = await trainLeJepa(spec({ ...common, regulariser: "sigreg" }), sampler(5, 64));
  const none = await trainLeJepa(spec({ ...common, regulariser: "none" }), sampler(5, 64));
  const sigStd = stdOf(await sig.encoder.encode(probe, 200));
  const noneStd = stdOf(await none.encoder.encode(probe, 200));
  assert.ok(sigStd > 0.5, `sigreg std ${sigStd}`);
  assert.ok(noneStd < 0.02 * sigStd, `none std ${noneStd} vs sigreg ${sigStd}`);
  // SIGReg itself went down during training.
  assert.ok(sig.curves.reg.at(-1)![1] < sig.curves.reg[0][1]);
  sig.encoder.dispose();
  none.encoder.dispose();
});

Deno.test("a NaN loss raises CaseFailure('nan') with its step and frees every tensor", async () => {
  const before = tensorMemory().numTensors;
  const good = sampler(6, 64);
  const bad = (step: number) => step < 3 ? good(step) : good(step).map((a) => a.map(() => NaN));
  await assert.rejects(() => trainLeJepa(spec(), bad, { curveEvery: 1 }), (e: unknown) => {
    assert.ok(e instanceof CaseFailure);
    assert.equal(e.kind, "nan");
    assert.equal(e.step, 3);
    assert.match(e.message, /loss became NaN at step 3/);
    assert.equal(e.partial.curves.loss.length, 3);
    return true;
  });
  assert.equal(tensorMemory().numTensors, before);
});

Deno.test("an aborted signal stops training with Error('interrupted') and frees every tensor", async () => {
  const before = tensorMemory().numTensors;
  const ctl = new AbortController();
  let last = 0;
  await assert.rejects(
    () =>
      trainLeJepa(spec({ steps: 100 }), sampler(7, 64), {
        signal: ctl.signal,
        onProgress: (step) => {
          last = step;
          if (step === 5) ctl.abort();
        },
      }),
    /interrupted/,
  );
  assert.equal(last, 5);
  assert.equal(tensorMemory().numTensors, before);
});

Deno.test("trainLeJepa trains the coupling encoder and validates its spec", async () => {
  const res = await trainLeJepa(
    spec({ encoder: { kind: "coupling", layers: 4 }, steps: 10 }),
    sampler(8, 64),
  );
  assert.equal(res.encoder.params.length, 4);
  res.encoder.dispose();
  await assert.rejects(() => trainLeJepa(spec({ batch: 0 }), sampler(8, 64)), /TrainSpec.batch/);
  await assert.rejects(
    () => trainLeJepa(spec({ regulariser: "nope" }), sampler(8, 64)),
    RangeError,
  );
  await assert.rejects(
    () =>
      trainLeJepa(spec({ encoder: { kind: "coupling", layers: 2 }, latentDim: 4 }), sampler(8, 64)),
    /inputDim === latentDim/,
  );
});
