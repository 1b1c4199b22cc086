import { aliasDraw } from "../hmm/alias";
import { EPS, newMatrix, random, release, seedRandom } from "./helpers/dense";
import { AliasTables } from "./helpers/tokens";

/**
 * The law a table row gives: drawing column j uniformly (1/K), keeping it with prob[j], else taking alias[j],
 *   mass_i = (prob_i + sum_{j: alias_j = i} (1 - prob_j)) / K.
 * Returns the largest |mass_i - w_i / sum(w)| over the row divided by K EPS, or Infinity when an entry is out
 * of its range (prob outside [0, 1], alias outside 0..K-1). Vose's construction rounds each prob at most once
 * per pairing and a column pairs at most K times, so each mass is off by at most about K eps: <= 4 passes.
 */
function massError(K: i32, w: usize, prob: usize, alias: usize): f64 {
  let sum = 0.0;
  for (let i = 0; i < K; i++) sum += load<f64>(w + (<usize>i << 3));
  const mass = newMatrix(1, K);
  for (let j = 0; j < K; j++) {
    const q = load<f64>(prob + (<usize>j << 3));
    const a = load<i32>(alias + (<usize>j << 2));
    if (!(q >= 0.0 && q <= 1.0) || a < 0 || a >= K) {
      release(mass);
      return Infinity;
    }
    store<f64>(mass + (<usize>j << 3), load<f64>(mass + (<usize>j << 3)) + q / <f64>K);
    store<f64>(mass + (<usize>a << 3), load<f64>(mass + (<usize>a << 3)) + (1.0 - q) / <f64>K);
  }
  let worst = 0.0;
  for (let i = 0; i < K; i++) {
    const r = Math.abs(load<f64>(mass + (<usize>i << 3)) - load<f64>(w + (<usize>i << 3)) / sum) / (<f64>K * EPS);
    if (!(r <= worst)) worst = isNaN(r) ? Infinity : r;
  }
  release(mass);
  return worst;
}

/** Builds the tables of `rows` rows of K weights w and returns the worst massError over the rows. */
function tableError(rows: i32, K: i32, w: usize): f64 {
  const t = new AliasTables(rows, K, w);
  let worst = 0.0;
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * <usize>K;
    const e = massError(K, w + (off << 3), t.prob + (off << 3), t.alias + (off << 2));
    if (!(e <= worst)) worst = e;
  }
  t.free();
  return worst;
}

/** rows x K weights: |uniform| with every third entry zero when `zeros`, each row's first entry kept positive. */
function randomWeights(rows: i32, K: i32, zeros: bool): usize {
  const w = newMatrix(rows, K);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < K; j++) {
      const v = zeros && j % 3 == 2 ? 0.0 : Math.abs(random()) + (j == 0 ? 0.5 : 0.0);
      store<f64>(w + ((<usize>r * <usize>K + <usize>j) << 3), v);
    }
  }
  return w;
}

describe("aliasBuild", () => {
  beforeEach(() => {
    seedRandom(17);
  });

  it("gives each index its weight's share exactly (mass sums over the table) for K = 1, 2, 3, odd and large", () => {
    const sizes: i32[] = [1, 2, 3, 7, 32, 50, 257];
    for (let s = 0; s < sizes.length; s++) {
      const w = randomWeights(3, sizes[s], false);
      expect(tableError(3, sizes[s], w)).toBeLessThanOrEqual(4.0);
      release(w);
    }
  });

  it("gives zero weights zero mass and keeps the law with very uneven weights", () => {
    const w = randomWeights(4, 10, true);
    expect(tableError(4, 10, w)).toBeLessThanOrEqual(4.0);
    release(w);
    // One weight of 1, the others spanning 1e-300 to 1e-3: the small ones must not borrow mass.
    const K = 6;
    const skew = newMatrix(1, K);
    const values: f64[] = [1e-300, 1.0, 1e-3, 1e-17, 0.0, 1e-150];
    for (let j = 0; j < K; j++) store<f64>(skew + (<usize>j << 3), values[j]);
    expect(tableError(1, K, skew)).toBeLessThanOrEqual(4.0);
    release(skew);
  });

  it("takes weights on any scale: w and 2^600 w give the same table", () => {
    const K = 9;
    const w = randomWeights(1, K, false);
    const big = newMatrix(1, K);
    // 2^600 from its exponent bits
    const scale = reinterpret<f64>(<u64>(1023 + 600) << 52);
    for (let j = 0; j < K; j++) store<f64>(big + (<usize>j << 3), load<f64>(w + (<usize>j << 3)) * scale);
    const t1 = new AliasTables(1, K, w);
    const t2 = new AliasTables(1, K, big);
    let same = true;
    // 2^600 is exact in f64, so sum and K w_i / sum scale exactly: the same bits.
    for (let j = 0; j < K; j++) {
      if (load<f64>(t1.prob + (<usize>j << 3)) != load<f64>(t2.prob + (<usize>j << 3)) || load<i32>(t1.alias + (<usize>j << 2)) != load<i32>(t2.alias + (<usize>j << 2))) same = false;
    }
    expect(same).toBe(true);
    release(w);
    release(big);
    t1.free();
    t2.free();
  });
});

describe("aliasDraw", () => {
  it("draws each index with its weight's share on an even grid of uniforms, to the grid's resolution", () => {
    seedRandom(5);
    const K = 7;
    const M = 4096;
    const w = randomWeights(1, K, true);
    const t = new AliasTables(1, K, w);
    let sum = 0.0;
    for (let j = 0; j < K; j++) sum += load<f64>(w + (<usize>j << 3));
    const counts = new Array<i32>(K).fill(0);
    // u = (m + 1/2) / (K M): M points per column; each column's keep/alias split is off by at most one point,
    // and an index takes points from at most K columns, so its frequency is within K / (K M) = 1 / M.
    for (let m = 0; m < K * M; m++) {
      const i = aliasDraw(K, t.prob, t.alias, (<f64>m + 0.5) / <f64>(K * M));
      counts[i] = counts[i] + 1;
    }
    let worst = 0.0;
    for (let i = 0; i < K; i++) {
      const gap = Math.abs(<f64>counts[i] / <f64>(K * M) - load<f64>(w + (<usize>i << 3)) / sum) * <f64>M;
      if (gap > worst) worst = gap;
    }
    expect(worst).toBeLessThanOrEqual(1.0);
    // Zero weights are never drawn; the largest uniform below 1 stays in range.
    for (let i = 2; i < K; i += 3) expect(counts[i]).toBe(0);
    const top = aliasDraw(K, t.prob, t.alias, 1.0 - EPS / 2.0);
    expect(top >= 0 && top < K).toBe(true);
    release(w);
    t.free();
  });
});
