/**
 * The divide-and-conquer path of the symmetric eigensolver (n above DC_CROSSOVER, so above the leaf size 25
 * too), kernel and plain-TS reference alike: random matrices, and the inputs that drive deflation (equal
 * and nearly equal eigenvalues, zero couplings, tiny z components) and the secular solver's extremes.
 * Bounds: the C n eps of eigen.test.ts (Gu and Eisenstat's merge is backward stable and keeps the vectors
 * orthogonal to O(n eps) like QL). Measured on these inputs, both solvers, Frobenius norms: residual
 * <= 0.04 n eps ||S||, orthogonality <= 0.67 n eps, so C = 10 leaves a margin >= 15.
 */
import { describe, expect, it } from "vitest";
import { identity, matrix, type Matrix } from "../../src/linalg/matrix.js";
import { DC_CROSSOVER } from "../../src/ref/eigen.js";
import { C, EIGEN_SOLVERS, errors, expectDecomposition, randomGram, randomOrthogonal, randomSymmetric, refEigen, withSpectrum } from "../helpers/eigen.js";
import { EPS, frobenius, seededRandom } from "../helpers/matrices.js";

/** A size on the divide-and-conquer path: 135 = 67 + 68, three merge levels above leaves of 16 and 17. */
const N = 2 * DC_CROSSOVER + 7;

/** The symmetric tridiagonal matrix with diagonal d and subdiagonal e (e[i] = T[i+1][i]). */
function tridiagonal(d: number[], e: number[]): Matrix {
  const n = d.length;
  const T = matrix(n, n);
  for (let i = 0; i < n; i++) {
    T.data[i * n + i] = d[i]!;
    if (i > 0) T.data[i * n + i - 1] = T.data[(i - 1) * n + i] = e[i - 1]!;
  }
  return T;
}

/** Wilkinson's W_{2m+1}^+: diagonal |m - i|, off-diagonal 1; its eigenvalues come in pairs equal to ~ 1 / m!. */
function wilkinson(m: number): { d: number[]; e: number[] } {
  const n = 2 * m + 1;
  return { d: Array.from({ length: n }, (_, i) => Math.abs(m - i)), e: new Array<number>(n - 1).fill(1) };
}

/** Eigenvalues within 2 C n eps ||S||_F of expected ones (each solver is backward stable: Weyl). */
function expectValues(values: Float64Array, expected: ArrayLike<number>, S: Matrix): void {
  const bound = 2 * C * S.rows * EPS * frobenius(S);
  for (let k = 0; k < values.length; k++) expect(Math.abs(values[k]! - expected[k]!)).toBeLessThanOrEqual(bound);
}

describe.each(EIGEN_SOLVERS)("divide and conquer (%s)", (_name, eig) => {
  it.each([N, N + 64])("decomposes a random symmetric matrix of order %i; eigenvalues as the reference's", (n) => {
    const S = randomSymmetric(n, 2000 + n);
    const result = eig(S);
    expectDecomposition(S, result);
    expectValues(result.values, refEigen(S).values, S);
  });

  it("gives the identity ones and an orthonormal basis (everything deflates)", () => {
    const S = identity(N);
    const result = eig(S);
    expectDecomposition(S, result);
    expect(Array.from(result.values)).toEqual(new Array(N).fill(1));
  });

  it("resolves three eigenvalues of multiplicity ~ N / 3: Q diag(1, ..., 2, ..., 5, ...) Q^T, Q random orthogonal", () => {
    const l = Array.from({ length: N }, (_, k) => (k < N / 3 ? 1 : k < (2 * N) / 3 ? 2 : 5));
    const S = withSpectrum(randomOrthogonal(N, 9), l);
    const result = eig(S);
    expectDecomposition(S, result);
    expectValues(result.values, l, S);
  });

  it("finds exactly p - n null eigenvalues of a rank-deficient Gram X^T X (X n x p, p = N, n = 60)", () => {
    const p = N;
    const n = 60;
    const G = randomGram(n, p, 12);
    const result = eig(G);
    expectDecomposition(G, result);
    // Null eigenvalues come out at O(p eps lmax); the others are >= ~ (sqrt p - sqrt n)^2 / 3 ~ 22.
    const cut = C * p * EPS * result.values[p - 1]!;
    expect(Array.from(result.values).filter((v) => Math.abs(v) <= cut).length).toBe(p - n);
    expect(result.values[p - n]!).toBeGreaterThan(1e6 * cut);
  });

  it("splits pairs of eigenvalues equal to ~ 1 / m! in Wilkinson's W+ (m = 130) and in glued copies of W21+", () => {
    const w = wilkinson(130);
    // Fourteen copies of W21+ (n = 294) glued by off-diagonal entries 1e-10 (Demmel's glued Wilkinson matrices).
    const g = wilkinson(10);
    const glued = { d: [] as number[], e: [] as number[] };
    for (let k = 0; k < 14; k++) {
      glued.d.push(...g.d);
      glued.e.push(...g.e, 1e-10);
    }
    glued.e.pop();
    for (const { d, e } of [w, glued]) {
      const S = tridiagonal(d, e);
      expectDecomposition(S, eig(S));
    }
  });

  it("takes a tridiagonal with zero couplings, at the cuts and elsewhere (already split)", () => {
    const rand = seededRandom(13);
    const d = Array.from({ length: N }, () => 2 * rand() - 1);
    const e = Array.from({ length: N - 1 }, (_, i) => (i % 17 === 0 || i === (N >> 1) - 1 || i === (N >> 2) - 1 ? 0 : 2 * rand() - 1));
    const S = tridiagonal(d, e);
    expectDecomposition(S, eig(S));
  });

  it("is accurate relative to ||S|| on a graded spectrum 10^(-12 k / (N - 1))", () => {
    const l = Array.from({ length: N }, (_, k) => 10 ** (-12 + (12 * k) / (N - 1)));
    const S = withSpectrum(randomOrthogonal(N, 14), l);
    const result = eig(S);
    expectDecomposition(S, result);
    expectValues(result.values, l, S);
  });

  it.each([1e-300, 1e300])("scales: S * %s keeps its eigenpairs through the power-of-two scaling", (scale) => {
    const S = randomSymmetric(N, 15);
    const scaled = matrix(N, N, S.data.map((v) => v * scale));
    const base = eig(S);
    const result = eig(scaled);
    const { residual, orthogonality } = errors(scaled, result);
    expect(residual).toBeLessThanOrEqual(C * N * EPS);
    expect(orthogonality).toBeLessThanOrEqual(C * N * EPS);
    const bound = 2 * C * N * EPS * frobenius(S);
    for (let k = 0; k < N; k++) expect(Math.abs(result.values[k]! / scale - base.values[k]!)).toBeLessThanOrEqual(bound);
  });
});
