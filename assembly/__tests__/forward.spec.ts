import { hmmForward } from "../hmm/forward";
import { EPS, get, newMatrix, random, release, seedRandom, set } from "./helpers/dense";

/** n x T i32 token strings, entries from the list row by row. */
function tokensOf(n: i32, T: i32, values: i32[]): usize {
  const p = heap.alloc(<usize>max(1, n * T) << 2);
  for (let i = 0; i < n * T; i++) store<i32>(p + (<usize>i << 2), values[i]);
  return p;
}

/** alpha_T of n strings and hmmForward's status; alpha is freed by the caller. */
class Filtered {
  constructor(public status: i32, public alpha: usize) {}
}

/** Runs hmmForward on the strings `values` (n x T, row by row), with its own token and work buffers. */
function filter(n: i32, T: i32, H: i32, pi: usize, P: usize, Et: usize, values: i32[]): Filtered {
  const tokens = tokensOf(n, T, values);
  const alpha = newMatrix(n, H);
  const work = newMatrix(n, H);
  const status = hmmForward(n, T, H, pi, P, Et, tokens, alpha, work);
  heap.free(tokens);
  release(work);
  return new Filtered(status, alpha);
}

/** Frees matrices of newMatrix. */
function releaseAll(ptrs: usize[]): void {
  for (let i = 0; i < ptrs.length; i++) release(ptrs[i]);
}

/** rows x cols with positive entries, each row summing to 1 (a random stochastic matrix). */
function randomStochastic(rows: i32, cols: i32): usize {
  const m = newMatrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    let s = 0.0;
    for (let j = 0; j < cols; j++) {
      const v = Math.abs(random()) + 0.05;
      set(m, cols, i, j, v);
      s += v;
    }
    for (let j = 0; j < cols; j++) set(m, cols, i, j, get(m, cols, i, j) / s);
  }
  return m;
}

/** The transpose (cols x rows) of a rows x cols matrix. */
function transpose(rows: i32, cols: i32, a: usize): usize {
  const t = newMatrix(cols, rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) set(t, rows, j, i, get(a, cols, i, j));
  return t;
}

/**
 * The posterior of h_T given one string by brute force: the joint weight of every state path,
 *   pi(h_1) E(h_1, o_1) prod_{t >= 2} P(h_{t-1}, h_t) E(h_t, o_t),
 * summed by last state and normalized (H^T paths). out holds H.
 */
function bruteForce(H: i32, T: i32, pi: usize, P: usize, E: usize, V: i32, tokens: usize, out: usize): void {
  for (let h = 0; h < H; h++) store<f64>(out + (<usize>h << 3), 0.0);
  let paths = 1;
  for (let t = 0; t < T; t++) paths *= H;
  let total = 0.0;
  for (let code = 0; code < paths; code++) {
    let c = code;
    let prev = -1;
    let weight = 1.0;
    for (let t = 0; t < T; t++) {
      const h = c % H;
      c /= H;
      const o = load<i32>(tokens + (<usize>t << 2));
      weight *= (prev < 0 ? load<f64>(pi + (<usize>h << 3)) : get(P, H, prev, h)) * get(E, V, h, o);
      prev = h;
    }
    store<f64>(out + (<usize>prev << 3), load<f64>(out + (<usize>prev << 3)) + weight);
    total += weight;
  }
  for (let h = 0; h < H; h++) store<f64>(out + (<usize>h << 3), load<f64>(out + (<usize>h << 3)) / total);
}

describe("hmmForward", () => {
  beforeEach(() => {
    seedRandom(23);
  });

  it("matches the H = 2 case computed by hand", () => {
    // pi = (0.6, 0.4) is stationary for P: 0.6 * 0.7 + 0.4 * 0.45 = 0.6. Tokens (0, 1, 1):
    // alpha_1 = (0.54, 0.08) / 0.62 = (27, 4) / 31; alpha_1 P = (20.7, 10.3) / 31;
    // alpha_2 = (2.07, 8.24) / 10.31 = (207, 824) / 1031; alpha_2 P = (515.7, 515.3) / 1031;
    // alpha_3 = (51.57, 412.24) / 463.81 = (5157, 41224) / 46381.
    const pi = newMatrix(1, 2);
    store<f64>(pi, 0.6);
    store<f64>(pi, 0.4, 8);
    const P = newMatrix(2, 2);
    set(P, 2, 0, 0, 0.7);
    set(P, 2, 0, 1, 0.3);
    set(P, 2, 1, 0, 0.45);
    set(P, 2, 1, 1, 0.55);
    // E = [[0.9, 0.1], [0.2, 0.8]]; the kernel reads E^T.
    const Et = newMatrix(2, 2);
    set(Et, 2, 0, 0, 0.9);
    set(Et, 2, 0, 1, 0.2);
    set(Et, 2, 1, 0, 0.1);
    set(Et, 2, 1, 1, 0.8);
    const f = filter(1, 3, 2, pi, P, Et, [0, 1, 1]);
    const alpha = f.alpha;
    expect(f.status).toBe(0);
    // Three steps of a few roundings each (the inputs 0.7, 0.45, ... carry their own): 32 eps relative.
    expect(Math.abs(get(alpha, 2, 0, 0) - 5157.0 / 46381.0)).toBeLessThanOrEqual(32.0 * EPS * (5157.0 / 46381.0));
    expect(Math.abs(get(alpha, 2, 0, 1) - 41224.0 / 46381.0)).toBeLessThanOrEqual(32.0 * EPS);
    releaseAll([pi, P, Et, alpha]);
  });

  it("gives every string's posterior of brute-force enumeration, rows on the simplex, for H = 2, 3, 5 (SIMD body and tail)", () => {
    const Hs: i32[] = [2, 3, 5];
    const V = 2;
    const T = 4;
    const n = 16;
    for (let s = 0; s < Hs.length; s++) {
      const H = Hs[s];
      const P = randomStochastic(H, H);
      const E = randomStochastic(H, V);
      const Et = transpose(H, V, E);
      const pi = randomStochastic(1, H);
      // All 2^4 strings of length 4 over {0, 1}, one per row.
      const values = new Array<i32>(n * T);
      for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) values[i * T + t] = (i >> t) & 1;
      const tokens = tokensOf(n, T, values);
      const alpha = newMatrix(n, H);
      const work = newMatrix(n, H);
      expect(hmmForward(n, T, H, pi, P, Et, tokens, alpha, work)).toBe(0);
      const exact = newMatrix(1, H);
      let worst = 0.0;
      let worstSum = 0.0;
      for (let i = 0; i < n; i++) {
        bruteForce(H, T, pi, P, E, V, tokens + ((<usize>i * <usize>T) << 2), exact);
        let sum = 0.0;
        for (let h = 0; h < H; h++) {
          const a = get(alpha, H, i, h);
          sum += a;
          if (!(a >= 0.0)) worst = Infinity;
          worst = Math.max(worst, Math.abs(a - load<f64>(exact + (<usize>h << 3))));
        }
        worstSum = Math.max(worstSum, Math.abs(sum - 1.0));
      }
      // T steps, each an H-term product and a normalization: a few H eps per step on entries <= 1 (both sides).
      expect(worst).toBeLessThanOrEqual(<f64>(8 * H * T) * EPS);
      // The normalization makes each row sum to 1 up to the H - 1 additions of the sum: H eps.
      expect(worstSum).toBeLessThanOrEqual(<f64>H * EPS);
      releaseAll([P, E, Et, pi, tokens, alpha, work, exact]);
    }
  });

  it("gives equal rows for equal strings, whatever else is in the batch", () => {
    const H = 7;
    const V = 3;
    const T = 6;
    const P = randomStochastic(H, H);
    const E = randomStochastic(H, V);
    const Et = transpose(H, V, E);
    const pi = randomStochastic(1, H);
    const f = filter(3, T, H, pi, P, Et, [0, 1, 2, 2, 1, 0, 2, 2, 2, 2, 2, 2, 0, 1, 2, 2, 1, 0]);
    expect(f.status).toBe(0);
    let same = true;
    for (let h = 0; h < H; h++) if (get(f.alpha, H, 0, h) != get(f.alpha, H, 2, h)) same = false;
    expect(same).toBe(true);
    releaseAll([P, E, Et, pi, f.alpha]);
  });

  it("returns i + 1 for the first string of probability zero", () => {
    // Every state emits token 0 only: the second string's token 1 has probability zero.
    const H = 2;
    const P = randomStochastic(H, H);
    const Et = newMatrix(2, 2);
    set(Et, 2, 0, 0, 1.0);
    set(Et, 2, 0, 1, 1.0);
    const pi = randomStochastic(1, H);
    const f = filter(3, 2, H, pi, P, Et, [0, 0, 0, 1, 0, 0]);
    expect(f.status).toBe(2);
    releaseAll([P, Et, pi, f.alpha]);
  });
});
