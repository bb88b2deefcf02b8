/**
 * Seeded discrete environments for the generalisation suite: a gridworld with
 * walls and slip, four-rooms, a random MDP with a planted rank plus noise, and
 * a chain. Each is a pure function of its options and its {@link Rng}.
 *
 * @module
 */
import { Rng } from "../random.ts";
import type { Mdp } from "./mdp.ts";

/** Grid moves: up, down, left, right. */
const MOVES: ReadonlyArray<readonly [number, number]> = [[-1, 0], [1, 0], [0, -1], [0, 1]];

/** Options of {@link gridworld}. */
export interface GridworldOptions {
  /** Side of the square grid (cells = side^2 before walls). */
  side: number;
  /** Fraction of cells turned into walls at random, in [0, 0.5). Default 0.15. */
  wallDensity?: number;
  /** Probability that a uniformly random move replaces the chosen one. Default 0.1. */
  slip?: number;
  /** Discount. Default 0.9. */
  gamma?: number;
}

/** Options of {@link fourRooms}. */
export interface FourRoomsOptions {
  /** Side of the square interior, at least 5; the room walls are its middle row and column. */
  side: number;
  /** Slip probability. Default 0.1. */
  slip?: number;
  /** Discount. Default 0.9. */
  gamma?: number;
}

/** Options of {@link chain}. */
export interface ChainOptions {
  /** Number of states, at least 2. */
  nS: number;
  /** Probability that the move goes the other way. Default 0.1. */
  slip?: number;
  /** Discount. Default 0.9. */
  gamma?: number;
}

/** Options of {@link plantedRank}. */
export interface PlantedRankOptions {
  nS: number;
  nA: number;
  /** Planted rank r of the clean kernel. */
  rank: number;
  /** Weight of the full-rank noise kernel, in [0, 1). Default 0.05. */
  noise?: number;
  /** Dirichlet concentration of each (s, a)'s mixture over the r factors. Default 0.3. */
  mixConcentration?: number;
  /** Dirichlet concentration of each factor's next-state distribution. Default 0.1. */
  factorConcentration?: number;
  /** Discount. Default 0.9. */
  gamma?: number;
}

function checkProb(name: string, x: number, hi = 1): void {
  if (!(x >= 0 && x < hi)) throw new RangeError(`${name} must be in [0, ${hi}), got ${x}`);
}

/** Build a grid MDP over the free cells of `free` (row-major side x side). */
function gridMdp(
  side: number,
  free: boolean[],
  slip: number,
  gamma: number,
  goal: number,
  name: string,
): Mdp {
  const index = new Int32Array(side * side).fill(-1);
  let nS = 0;
  for (let c = 0; c < side * side; c++) if (free[c]) index[c] = nS++;
  const nA = 4;
  const P = new Float64Array(nS * nA * nS);
  const reward = new Float64Array(nS);
  for (let c = 0; c < side * side; c++) {
    if (!free[c]) continue;
    const s = index[c];
    const row = Math.floor(c / side);
    const col = c % side;
    const dest = MOVES.map(([dr, dc]) => {
      const r2 = row + dr;
      const c2 = col + dc;
      if (r2 < 0 || r2 >= side || c2 < 0 || c2 >= side || !free[r2 * side + c2]) return s;
      return index[r2 * side + c2];
    });
    for (let a = 0; a < nA; a++) {
      const base = (s * nA + a) * nS;
      P[base + dest[a]] += 1 - slip;
      for (let b = 0; b < nA; b++) P[base + dest[b]] += slip / nA;
    }
  }
  reward[index[goal]] = 1;
  return { nS, nA, P, reward, gamma, name };
}

/** Keep only the largest 4-connected component of free cells. */
function largestComponent(side: number, free: boolean[]): boolean[] {
  const label = new Int32Array(side * side).fill(-1);
  let best = -1;
  let bestSize = 0;
  let next = 0;
  for (let c0 = 0; c0 < side * side; c0++) {
    if (!free[c0] || label[c0] >= 0) continue;
    const stack = [c0];
    label[c0] = next;
    let size = 0;
    while (stack.length) {
      const c = stack.pop()!;
      size++;
      const r = Math.floor(c / side);
      const k = c % side;
      for (const [dr, dc] of MOVES) {
        const r2 = r + dr;
        const k2 = k + dc;
        if (r2 < 0 || r2 >= side || k2 < 0 || k2 >= side) continue;
        const c2 = r2 * side + k2;
        if (free[c2] && label[c2] < 0) {
          label[c2] = next;
          stack.push(c2);
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = next;
    }
    next++;
  }
  return free.map((f, c) => f && label[c] === best);
}

/**
 * A side x side gridworld with random interior walls (the largest connected
 * region is kept), four moves, slip, and reward 1 in one goal cell.
 *
 * @example
 * ```ts
 * import { gridworld } from "./envs.ts";
 * import { Rng } from "../random.ts";
 * const m = gridworld({ side: 5 }, new Rng(0, "env"));
 * console.assert(m.nA === 4 && m.nS <= 25);
 * ```
 */
export function gridworld(opts: GridworldOptions, rng: Rng): Mdp {
  const { side, wallDensity = 0.15, slip = 0.1, gamma = 0.9 } = opts;
  if (!(Number.isInteger(side) && side >= 2)) {
    throw new RangeError(`side must be an integer >= 2, got ${side}`);
  }
  checkProb("wallDensity", wallDensity, 0.5);
  checkProb("slip", slip);
  checkProb("gamma", gamma);
  const wallRng = rng.split("walls");
  let free = Array.from({ length: side * side }, () => wallRng.uniform() >= wallDensity);
  free = largestComponent(side, free);
  const cells = free.flatMap((f, c) => (f ? [c] : []));
  const goal = cells[rng.split("goal").int(cells.length)];
  return gridMdp(side, free, slip, gamma, goal, `gridworld-${side}`);
}

/**
 * Four rooms: a side x side interior split by a wall along its middle row and
 * column, one doorway in each of the four wall segments; reward 1 in the
 * corner cell of a seeded room.
 *
 * @example
 * ```ts
 * import { fourRooms } from "./envs.ts";
 * import { Rng } from "../random.ts";
 * const m = fourRooms({ side: 7 }, new Rng(0));
 * console.assert(m.nS === 49 - 13 + 4);
 * ```
 */
export function fourRooms(opts: FourRoomsOptions, rng: Rng): Mdp {
  const { side, slip = 0.1, gamma = 0.9 } = opts;
  if (!(Number.isInteger(side) && side >= 5)) {
    throw new RangeError(`side must be an integer >= 5, got ${side}`);
  }
  checkProb("slip", slip);
  checkProb("gamma", gamma);
  const mid = Math.floor(side / 2);
  const free = Array.from({ length: side * side }, (_, c) => {
    const r = Math.floor(c / side);
    const k = c % side;
    return r !== mid && k !== mid;
  });
  const doorRng = rng.split("doors");
  const lo = () => doorRng.int(mid);
  const hi = () => mid + 1 + doorRng.int(side - mid - 1);
  free[mid * side + lo()] = true; // left segment of the horizontal wall
  free[mid * side + hi()] = true; // right segment
  free[lo() * side + mid] = true; // upper segment of the vertical wall
  free[hi() * side + mid] = true; // lower segment
  const corners = [0, side - 1, (side - 1) * side, side * side - 1];
  const goal = corners[rng.split("goal").int(4)];
  return gridMdp(side, free, slip, gamma, goal, `four-rooms-${side}`);
}

/**
 * A chain of nS states with actions left and right (each slips the other way
 * with probability `slip`): reward 0.05 at the left end, 1 at the right end.
 *
 * @example
 * ```ts
 * import { chain } from "./envs.ts";
 * const m = chain({ nS: 8 });
 * console.assert(m.nA === 2 && m.reward[7] === 1);
 * ```
 */
export function chain(opts: ChainOptions): Mdp {
  const { nS, slip = 0.1, gamma = 0.9 } = opts;
  if (!(Number.isInteger(nS) && nS >= 2)) {
    throw new RangeError(`nS must be an integer >= 2, got ${nS}`);
  }
  checkProb("slip", slip);
  checkProb("gamma", gamma);
  const nA = 2;
  const P = new Float64Array(nS * nA * nS);
  for (let s = 0; s < nS; s++) {
    const left = Math.max(0, s - 1);
    const right = Math.min(nS - 1, s + 1);
    P[(s * nA + 0) * nS + left] += 1 - slip;
    P[(s * nA + 0) * nS + right] += slip;
    P[(s * nA + 1) * nS + right] += 1 - slip;
    P[(s * nA + 1) * nS + left] += slip;
  }
  const reward = new Float64Array(nS);
  reward[0] = 0.05;
  reward[nS - 1] = 1;
  return { nS, nA, P, reward, gamma, name: `chain-${nS}` };
}

function dirichlet(rng: Rng, n: number, alpha: number, out: Float64Array, offset = 0): void {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const g = rng.gamma(alpha);
    out[offset + i] = g;
    sum += g;
  }
  if (!(sum > 0)) {
    out[offset + rng.int(n)] = 1;
    return;
  }
  for (let i = 0; i < n; i++) out[offset + i] /= sum;
}

/**
 * A random MDP whose kernel is a planted rank-r mixture plus noise:
 * `P(.|s, a) = (1 - noise) * sum_j phi_j(s, a) mu_j + noise * N(.|s, a)`, with
 * phi(s, a) ~ Dirichlet(mixConcentration), mu_j ~ Dirichlet(factorConcentration)
 * and N(.|s, a) ~ Dirichlet(1); rewards uniform in [0, 1].
 *
 * @example
 * ```ts
 * import { plantedRank } from "./envs.ts";
 * import { Rng } from "../random.ts";
 * const m = plantedRank({ nS: 16, nA: 2, rank: 3 }, new Rng(0));
 * console.assert(m.P.length === 16 * 2 * 16);
 * ```
 */
export function plantedRank(opts: PlantedRankOptions, rng: Rng): Mdp {
  const {
    nS,
    nA,
    rank,
    noise = 0.05,
    mixConcentration = 0.3,
    factorConcentration = 0.1,
    gamma = 0.9,
  } = opts;
  if (!(Number.isInteger(nS) && nS >= 2)) {
    throw new RangeError(`nS must be an integer >= 2, got ${nS}`);
  }
  if (!(Number.isInteger(nA) && nA >= 1)) {
    throw new RangeError(`nA must be a positive integer, got ${nA}`);
  }
  if (!(Number.isInteger(rank) && rank >= 1 && rank <= nS)) {
    throw new RangeError(`rank must be an integer in [1, nS], got ${rank}`);
  }
  checkProb("noise", noise);
  checkProb("gamma", gamma);
  const phi = new Float64Array(nS * nA * rank);
  const mu = new Float64Array(rank * nS);
  const phiRng = rng.split("phi");
  const muRng = rng.split("mu");
  const noiseRng = rng.split("noise");
  for (let r = 0; r < nS * nA; r++) dirichlet(phiRng, rank, mixConcentration, phi, r * rank);
  for (let j = 0; j < rank; j++) dirichlet(muRng, nS, factorConcentration, mu, j * nS);
  const P = new Float64Array(nS * nA * nS);
  const row = new Float64Array(nS);
  for (let r = 0; r < nS * nA; r++) {
    dirichlet(noiseRng, nS, 1, row);
    const base = r * nS;
    for (let t = 0; t < nS; t++) P[base + t] = noise * row[t];
    for (let j = 0; j < rank; j++) {
      const w = (1 - noise) * phi[r * rank + j];
      if (w === 0) continue;
      for (let t = 0; t < nS; t++) P[base + t] += w * mu[j * nS + t];
    }
  }
  const reward = new Float64Array(nS);
  const rewRng = rng.split("reward");
  for (let s = 0; s < nS; s++) reward[s] = rewRng.uniform();
  return { nS, nA, P, reward, gamma, name: `planted-rank-${nS}-r${rank}` };
}
