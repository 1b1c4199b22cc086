import { describe, expect, it } from "vitest";
import { ArgumentError, NonFiniteError, NotPositiveDefiniteError, ShapeError } from "../../src/errors.js";
import { cholesky, choleskySolve } from "../../src/linalg/cholesky.js";
import { fromRows, identity, type Matrix } from "../../src/linalg/matrix.js";
import { refCholesky } from "../../src/ref/cholesky.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refTriangularSolve } from "../../src/ref/triangular.js";
import { EPS, absolute, boundRatio, frobenius, randomMatrix, randomSpd, seededRandom } from "../helpers/matrices.js";

/** refCholesky behind the public signature: the pivot becomes the typed error. */
function refFactor(S: Matrix, name = "S"): Matrix {
  const result = refCholesky(S);
  if ("pivot" in result) throw new NotPositiveDefiniteError(name, result.pivot);
  return result.L;
}

/** (L L^T)^-1 B by two reference substitutions. */
function refSolve(L: Matrix, B: Matrix): Matrix {
  return refTriangularSolve(L, refTriangularSolve(L, B), { transpose: true });
}

const implementations = [
  { name: "ref", factor: refFactor, solve: refSolve },
  { name: "wasm", factor: cholesky, solve: choleskySolve },
];

/** D_ij = sqrt(S_ii S_jj), which bounds (|L| |L^T|)_ij by Cauchy-Schwarz since S_ii = |row i of L|^2. */
function diagonalScale(S: Matrix): Matrix {
  const n = S.rows;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = Math.sqrt(S.data[i * n + i]! * S.data[j * n + j]!);
  return { rows: n, cols: n, data };
}

/** S with the pivot at `pivot` moved to `d`: its leading pivot x pivot block stays SPD. */
function withPivot(n: number, pivot: number, d: number): Matrix {
  const S = randomSpd(n, seededRandom(n + pivot));
  // The pivot is the Schur complement S_pp - s^T S_11^-1 s = L_pp^2 of the leading (pivot + 1) block.
  const lead = { rows: pivot + 1, cols: pivot + 1, data: new Float64Array((pivot + 1) ** 2) };
  for (let i = 0; i <= pivot; i++) for (let j = 0; j <= pivot; j++) lead.data[i * (pivot + 1) + j] = S.data[i * n + j]!;
  const lpp = refFactor(lead).data[(pivot + 1) ** 2 - 1]!;
  S.data[pivot * n + pivot] = S.data[pivot * n + pivot]! - lpp * lpp + d;
  return S;
}

describe.each(implementations)("cholesky ($name)", ({ factor, solve }) => {
  it("factors a small matrix exactly", () => {
    expect(Array.from(factor(fromRows([[4, 2], [2, 5]])).data)).toEqual([2, 0, 1, 2]);
    expect(factor({ rows: 0, cols: 0, data: new Float64Array(0) }).data.length).toBe(0);
  });

  // Backward error: L L^T = S + dS with |dS| <= gamma_{n+1} |L| |L^T| <= gamma_{n+1} D (Higham, "Accuracy and
  // Stability", Thm 10.3), and evaluating L L^T adds gamma_n D: (n + 2) eps D entrywise covers both and one
  // more rounding from multiplying by 1 / L_jj. In norm: ||L L^T - S||_F / ||S||_F <= (n + 2) eps tr(S) / ||S||_F,
  // that is c n eps with c <= (1 + 2 / n) sqrt(n).
  it.each([1, 2, 3, 5, 8, 17, 31, 47, 48, 49, 64, 95, 96, 97, 129, 200])("satisfies L L^T = S to backward-error accuracy, n = %i", (n) => {
    const S = randomSpd(n, seededRandom(n));
    const L = factor(S);
    const D = diagonalScale(S);
    const bound = { ...D, data: D.data.map((v) => (n + 2) * EPS * v) };
    const LLt = refMatmul(L, L, { transB: true });
    expect(boundRatio(LLt, S, bound)).toBeLessThanOrEqual(1);
    const residual = { ...S, data: LLt.data.map((v, i) => v - S.data[i]!) };
    let trace = 0;
    for (let i = 0; i < n; i++) trace += S.data[i * n + i]!;
    expect(frobenius(residual) / frobenius(S)).toBeLessThanOrEqual(((n + 2) * EPS * trace) / frobenius(S));
    for (let i = 0; i < n; i++) {
      expect(L.data[i * n + i]).toBeGreaterThan(0);
      for (let j = i + 1; j < n; j++) expect(L.data[i * n + j]).toBe(0);
    }
  });

  it("reads only the lower triangle of S", () => {
    const S = randomSpd(70, seededRandom(1));
    const skewed = { ...S, data: Float64Array.from(S.data) };
    for (let i = 0; i < 70; i++) for (let j = i + 1; j < 70; j++) skewed.data[i * 70 + j] = -5;
    expect(factor(skewed).data).toEqual(factor(S).data);
  });

  it.each([
    [6, 3],
    [6, 0],
    [140, 133],
    [140, 139],
  ])("names the first pivot that is not positive: n = %i, pivot %i", (n, pivot) => {
    const S = withPivot(n, pivot, -1);
    expect(() => factor(S, "Sx")).toThrow(NotPositiveDefiniteError);
    expect(() => factor(S, "Sx")).toThrow(`Sx is not positive definite: pivot ${pivot} is not positive.`);
  });

  it("treats an exactly zero pivot as not positive", () => {
    expect(() => factor(fromRows([[1, 1], [1, 1]]))).toThrow("pivot 1 is not positive");
    expect(() => factor(fromRows([[0]]))).toThrow("pivot 0 is not positive");
  });

  // Both substitutions are backward stable (Thm 8.5), so (L + dL1)(L^T + dL2) X = B with |dLi| <= gamma_n |L|;
  // with the factorization's own dS: |S X - B| <= (3 gamma_{n+1} + gamma_n) D |X| for the computed residual,
  // below 2 (n + 2) eps D |X|.
  it.each([[1, 1], [3, 2], [17, 5], [65, 66], [130, 3]])("choleskySolve satisfies S X = B: n = %i, %i columns", (n, m) => {
    const rand = seededRandom(100 * n + m);
    const S = randomSpd(n, rand);
    const B = randomMatrix(n, m, rand);
    const X = solve(factor(S), B);
    const bound = refMatmul(diagonalScale(S), absolute(X));
    bound.data.forEach((v, i) => (bound.data[i] = 2 * (n + 2) * EPS * v));
    expect(boundRatio(refMatmul(S, X), B, bound)).toBeLessThanOrEqual(1);
  });
});

describe("choleskySolve (wasm) against the reference substitutions", () => {
  // Two solutions whose residuals r satisfy the bound above differ by S^-1 (r1 - r2), so entrywise by at most
  // |S^-1| (4 (n + 2) eps D |X|).
  it.each([[2, 3], [33, 4], [70, 70]])("n = %i, %i columns", (n, m) => {
    const rand = seededRandom(n * 13 + m);
    const S = randomSpd(n, rand);
    const B = randomMatrix(n, m, rand);
    const L = refFactor(S);
    const X = choleskySolve(L, B);
    const residualBound = refMatmul(diagonalScale(S), absolute(X));
    const bound = refMatmul(absolute(refSolve(L, identity(n))), residualBound);
    bound.data.forEach((v, i) => (bound.data[i] = 4 * (n + 2) * EPS * v));
    expect(boundRatio(X, refSolve(L, B), bound)).toBeLessThanOrEqual(1);
  });
});

describe("cholesky input checks", () => {
  it("rejects a non-square matrix, NaN and Infinity, naming the argument", () => {
    expect(() => cholesky(randomMatrix(3, 2, seededRandom(1)), "G")).toThrow(ShapeError);
    expect(() => cholesky(randomMatrix(3, 2, seededRandom(1)), "G")).toThrow("G must be square. Value: 3 x 2.");
    expect(() => cholesky(fromRows([[1, Number.NaN], [0, 1]]))).toThrow(NonFiniteError);
    expect(() => cholesky(fromRows([[1, 0], [0, Infinity]]), "Sx")).toThrow("Sx must be finite. Value at index 3: Infinity.");
  });

  it("rejects a solve whose shapes do not match or whose factor is singular", () => {
    const L = cholesky(randomSpd(3, seededRandom(2)));
    expect(() => choleskySolve(L, randomMatrix(2, 2, seededRandom(3)))).toThrow(ShapeError);
    expect(() => choleskySolve(fromRows([[1, 0], [1, 0]]), randomMatrix(2, 1, seededRandom(4)))).toThrow(ArgumentError);
    expect(() => choleskySolve(L, fromRows([[1], [Number.NaN], [2]]))).toThrow(NonFiniteError);
  });
});
