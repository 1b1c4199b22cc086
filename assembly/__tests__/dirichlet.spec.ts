import { dirichletRows } from "./helpers/tokens";
import { EPS, get, release } from "./helpers/dense";

/**
 * Draws `rows` rows of Dirichlet(a 1_K) and returns the worst |sum - 1| / (K EPS) over the rows, or Infinity
 * when an entry is negative or not finite, or a row has no positive entry. The row is G / sum(G): each entry
 * carries one rounding of the division, and summing K of them adds K - 1 more, so <= 2 passes.
 */
function simplexError(seed: u32, rows: i32, K: i32, a: f64): f64 {
  const w = dirichletRows(seed, rows, K, a);
  let worst = 0.0;
  for (let r = 0; r < rows; r++) {
    let sum = 0.0;
    let top = 0.0;
    for (let j = 0; j < K; j++) {
      const x = get(w, K, r, j);
      if (!(x >= 0.0 && x < Infinity)) worst = Infinity;
      sum += x;
      top = Math.max(top, x);
    }
    if (!(top > 0.0)) worst = Infinity;
    worst = Math.max(worst, Math.abs(sum - 1.0) / (<f64>K * EPS));
  }
  release(w);
  return worst;
}

describe("rngDirichlet", () => {
  it("puts every row on the simplex, for shapes above, at and below 1 (down to 1e-3, where most entries round to 0)", () => {
    const shapes: f64[] = [2.5, 1.0, 0.5, 0.1, 0.001];
    const sizes: i32[] = [1, 2, 3, 50];
    for (let s = 0; s < shapes.length; s++) {
      for (let k = 0; k < sizes.length; k++) expect(simplexError(7, 40, sizes[k], shapes[s])).toBeLessThanOrEqual(2.0);
    }
  });

  it("has the marginal moments of Beta(a, (K - 1) a): E[w] = 1/K, E[w^2] = (a + 1) / (K (K a + 1))", () => {
    // K = 4, 40000 rows, entry 0 of each row. a = 0.5: var(w) = (1/4)(3/4) / 3 = 0.0625, se of the mean
    // 0.25 / 200 = 0.00125; E[w^2] = 0.125, E[w^4] = (0.5 1.5 2.5 3.5) / (2 3 4 5) = 0.0547, so
    // sd(w^2) = sqrt(0.0547 - 0.125^2) = 0.198 and se 0.00099. a = 2: var(w) = 0.1875 / 9 = 0.0208, se 0.00072;
    // E[w^2] = 3 / 36 = 0.0833, E[w^4] = (2 3 4 5) / (8 9 10 11) = 0.0152, sd(w^2) = 0.0906, se 0.00045.
    // Bounds: 5 se each (a shape off by 20% moves E[w^2] by 6 se or more).
    const shapes: f64[] = [0.5, 2.0];
    const meanSe: f64[] = [0.00125, 0.00072];
    const squareSe: f64[] = [0.00099, 0.00045];
    const rows = 40000;
    const K = 4;
    for (let s = 0; s < shapes.length; s++) {
      const a = shapes[s];
      const w = dirichletRows(11, rows, K, a);
      let m1 = 0.0;
      let m2 = 0.0;
      for (let r = 0; r < rows; r++) {
        const x = get(w, K, r, 0);
        m1 += x;
        m2 += x * x;
      }
      expect(Math.abs(m1 / <f64>rows - 0.25)).toBeLessThanOrEqual(5.0 * meanSe[s]);
      expect(Math.abs(m2 / <f64>rows - (a + 1.0) / (<f64>K * (<f64>K * a + 1.0)))).toBeLessThanOrEqual(5.0 * squareSe[s]);
      release(w);
    }
  });

  it("gives the same rows from the same stream, drawn at once or in two calls", () => {
    const once = dirichletRows(3, 8, 5, 0.3);
    const split = dirichletRows(3, 8, 5, 0.3, 3);
    let same = true;
    for (let i = 0; i < 8 * 5; i++) if (load<f64>(once + (<usize>i << 3)) != load<f64>(split + (<usize>i << 3))) same = false;
    expect(same).toBe(true);
    release(once);
    release(split);
  });
});
