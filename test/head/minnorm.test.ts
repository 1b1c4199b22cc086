import { describe, expect, it } from "vitest";
import { NonFiniteError, ShapeError } from "../../src/errors.js";
import { fitMinNorm } from "../../src/head/minnorm.js";
import { matrix, type Matrix } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS, frobenius } from "../helpers/matrices.js";

function minus(A: Matrix, B: Matrix): Matrix {
  return { rows: A.rows, cols: A.cols, data: A.data.map((v, i) => v - B.data[i]!) };
}

/** X^+ Y for X of full column rank: V diag(1 / lambda) V^T X^T Y from the reference eigensolver, and cond(X^T X). */
function refPinvSolve(X: Matrix, Y: Matrix): { B: Matrix; cond: number } {
  const { values, vectors } = refSymmetricEigen(refMatmul(X, X, { transA: true }));
  const p = X.cols;
  const VtR = refMatmul(vectors, refMatmul(X, Y, { transA: true }), { transA: true });
  for (let i = 0; i < p; i++) for (let j = 0; j < VtR.cols; j++) VtR.data[i * VtR.cols + j]! /= values[i]!;
  return { B: refMatmul(vectors, VtR), cond: values[p - 1]! / values[0]! };
}

/** The transpose trick for wide X: X^+ = (X^T)^+ ^T, so X^+ Y = X^T (X X^T)^{-1} Y, checked here through refPinvSolve on X^T. */
function refPinvSolveWide(X: Matrix, Y: Matrix): { B: Matrix; cond: number } {
  const { values, vectors } = refSymmetricEigen(refMatmul(X, X, { transB: true }));
  const n = X.rows;
  const VtY = refMatmul(vectors, Y, { transA: true });
  for (let i = 0; i < n; i++) for (let j = 0; j < VtY.cols; j++) VtY.data[i * VtY.cols + j]! /= values[i]!;
  return { B: refMatmul(X, refMatmul(vectors, VtY), { transA: true }), cond: values[n - 1]! / values[0]! };
}

function draw(n: number, p: number, k: number, seed: number): { X: Matrix; Y: Matrix } {
  const s = new RandomStream(seed, n, p);
  return { X: s.normalMatrix(n, p), Y: s.normalMatrix(n, k) };
}

describe("fitMinNorm", () => {
  it.each([
    [30, 8, "primal-cholesky"],
    [12, 12, "primal-cholesky"],
    [1, 1, "primal-cholesky"],
    [8, 30, "dual-cholesky"],
    [1, 5, "dual-cholesky"],
  ] as const)("n = %i, p = %i: equals the reference pseudo-inverse solution (path %s)", (n, p, path) => {
    const { X, Y } = draw(n, p, 3, 1);
    const fit = fitMinNorm(X, Y);
    expect(fit.path).toBe(path);
    const ref = n >= p ? refPinvSolve(X, Y) : refPinvSolveWide(X, Y);
    // Both solve a system with condition cond(Gram): relative error <= c cond m eps, c = 10.
    expect(frobenius(minus(fit.B, ref.B)) / frobenius(ref.B)).toBeLessThanOrEqual(10 * ref.cond * Math.max(n, p) * EPS);
  });

  it("interpolates when p > n: X B = Y", () => {
    const { X, Y } = draw(20, 50, 4, 2);
    const { B } = fitMinNorm(X, Y);
    const cond = refPinvSolveWide(X, Y).cond;
    expect(frobenius(minus(refMatmul(X, B), Y)) / frobenius(Y)).toBeLessThanOrEqual(10 * cond * 50 * EPS);
  });

  it.each([
    [20, 5],
    [8, 5],
  ])("rank-deficient X = [X1 X1] (n = %i, q = %i): B = [B1; B1] / 2 with B1 = X1^+ Y, by the eigen path", (n, q) => {
    // [X1 X1]^+ = [X1^+; X1^+] / 2 exactly. Primal side when n >= 2q (X^T X singular), dual when n < 2q (X X^T of rank q < n).
    const { X: X1, Y } = draw(n, q, 2, 3);
    const X = matrix(n, 2 * q);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < q; j++) {
        X.data[i * 2 * q + j] = X1.data[i * q + j]!;
        X.data[i * 2 * q + q + j] = X1.data[i * q + j]!;
      }
    }
    const fit = fitMinNorm(X, Y);
    expect(fit.path).toBe("eigen");
    const { B: B1, cond } = refPinvSolve(X1, Y);
    const want = matrix(2 * q, 2);
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < 2; j++) {
        want.data[i * 2 + j] = B1.data[i * 2 + j]! / 2;
        want.data[(q + i) * 2 + j] = B1.data[i * 2 + j]! / 2;
      }
    }
    expect(frobenius(minus(fit.B, want)) / frobenius(want)).toBeLessThanOrEqual(100 * cond * n * EPS);
  });

  it("takes the eigen path for a full-rank X whose Gram is beyond f64 (two columns 1e-10 apart)", () => {
    const { X, Y } = draw(20, 4, 1, 4);
    const s = new RandomStream(5);
    const bump = s.normal(20);
    for (let i = 0; i < 20; i++) X.data[i * 4 + 1] = X.data[i * 4]! + 1e-10 * bump[i]!;
    const fit = fitMinNorm(X, Y);
    expect(fit.path).toBe("eigen");
    // The cut-off drops the direction v = (e_0 - e_1) / sqrt 2 (eigenvalue ~ 1e-19 against ~ 40); the
    // normal equations X^T (X B - Y) = 0 then hold up to that direction's share, ||X v|| ||X|| ||Y|| ~ 1e-9
    // ||X|| ||Y||, and to rounding, 100 m eps ||X||^2 ||B||.
    const R = refMatmul(X, minus(refMatmul(X, fit.B), Y), { transA: true });
    const [x, y, b] = [frobenius(X), frobenius(Y), frobenius(fit.B)];
    expect(frobenius(R)).toBeLessThanOrEqual(1e-9 * x * y + 100 * 4 * EPS * x * x * b);
  });

  it("handles zero sizes", () => {
    expect(fitMinNorm(matrix(0, 3), matrix(0, 2)).B.data).toEqual(new Float64Array(6));
    expect(fitMinNorm(matrix(5, 0), matrix(5, 2)).B.rows).toBe(0);
  });

  it("names the bad argument", () => {
    const { X, Y } = draw(5, 3, 2, 6);
    expect(() => fitMinNorm(X, matrix(4, 2))).toThrow(ShapeError);
    expect(() => fitMinNorm(X, matrix(4, 2))).toThrow(/Y must have as many rows as X \(5\)\. Value: 4/);
    X.data[3] = NaN;
    expect(() => fitMinNorm(X, Y)).toThrow(NonFiniteError);
    expect(() => fitMinNorm(X, Y)).toThrow(/^X must be finite/);
  });
});
