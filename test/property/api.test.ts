/**
 * Fuzzing the numerical API with matrices of every shape (0 and 1 rows or columns included), scales 2^[-300,
 * 300], a NaN or Infinity at one entry, or not a matrix at all: each call returns finite numbers or throws a
 * documented HeadtuneError. The products and solves (matmul, gram, choleskySolve, triangularSolve) are BLAS-like
 * and may overflow to Infinity as BLAS does, so their results are held finite only for entries within
 * 2^[-100, 100]; the heads, risks, factorizations and eigenvalues must be finite (or an E_NON_FINITE error)
 * at every scale. Where the call is the min-norm head on a well-conditioned X, ridge with a tiny lambda agrees
 * with it to the bound of first-order perturbation theory.
 */
import { describe } from "vitest";
import {
  cholesky,
  choleskySolve,
  fitMinNorm,
  fitRidge,
  gram,
  matmul,
  symmetricEigen,
  testRisk,
  triangularSolve,
  tridiagonalEigenvalues,
  type Matrix,
} from "../../src/index.js";
import { apiCase, damaged, gaussianMatrix } from "./generators/matrices.js";
import { fuzzSurface, outcomeOf } from "./harness.js";

/** Every number in the result (matrices, arrays, numbers, nested objects) is finite. */
function allFinite(value: unknown, where: string): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${where} is ${value}`);
  } else if (value instanceof Float64Array) {
    const bad = value.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`${where}[${bad}] is ${value[bad]}`);
  } else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) allFinite(v, `${where}.${key}`);
  }
}

const EPS = Number.EPSILON;

/** ||A - B||_F. */
function distance(A: Matrix, B: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += (A.data[i]! - B.data[i]!) ** 2;
  return Math.sqrt(s);
}

/**
 * Ridge with lambda -> 0 is min-norm: for X of full rank with singular values s_1 >= ... >= s_r,
 * ||B_ridge - B_mn|| <= (n lambda / s_r^2) ||B_mn|| to first order; each solve through a Gram carries a
 * relative error of about (n + p) eps (s_1 / s_r)^2, hence the bound below (checked below condition 1e6).
 */
function ridgeLimit(X: Matrix, Y: Matrix): void {
  const { rows: n, cols: p } = X;
  if (n === 0 || p === 0 || Y.cols === 0 || Math.abs(n - p) < 2) return;
  const values = symmetricEigen(gram(X, n >= p ? "XtX" : "XXt")).values;
  const cond2 = values[values.length - 1]! / values[0]!;
  if (!(values[0]! > 0) || cond2 > 1e6) return;
  const lambda = (1e-9 * values[values.length - 1]!) / n;
  const mn = fitMinNorm(X, Y).B;
  const ridge = fitRidge(X, Y, lambda).B;
  let norm = 0;
  for (const v of mn.data) norm += v * v;
  const bound = ((n * lambda) / values[0]! + 100 * (n + p) * EPS * cond2) * Math.sqrt(norm);
  if (distance(ridge, mn) > bound) throw new Error(`ridge(${lambda}) is ${distance(ridge, mn)} from min-norm, past ${bound}`);
}

describe("the numerical API", () => {
  fuzzSurface(
    "api",
    apiCase,
    async ({ fn, m, n, k, seed, scale, flags, lambda, damageA, damageB }) => {
      const A = gaussianMatrix(m, n, seed, scale);
      const square = gaussianMatrix(n, n, seed + 1, scale);
      const spd: Matrix = { rows: n, cols: n, data: Float64Array.from(matmul(square, square, { transB: true }).data) };
      for (let i = 0; i < n; i++) spd.data[i * n + i]! += n * 2 ** (2 * scale);
      const B = gaussianMatrix(m, k, seed + 2, scale);
      const a = (M: Matrix) => damaged(M, damageA) as Matrix;
      const b = (M: Matrix) => damaged(M, damageB) as Matrix;
      return outcomeOf(
        (): unknown => {
          switch (fn) {
            case "matmul": {
              const { transA, transB } = flags;
              return matmul(a(transA ? gaussianMatrix(n, m, seed, scale) : A), b(transB ? gaussianMatrix(k, n, seed + 2, scale) : gaussianMatrix(n, k, seed + 2, scale)), { transA, transB });
            }
            case "gram":
              return gram(a(A), flags.form ? "XtX" : "XXt");
            case "cholesky":
              return cholesky(a(spd));
            case "choleskySolve":
              return choleskySolve(a(cholesky(spd)), b(gaussianMatrix(n, k, seed + 3, scale)));
            case "triangularSolve":
              return triangularSolve(a(cholesky(spd)), b(flags.right ? gaussianMatrix(k, n, seed + 3, scale) : gaussianMatrix(n, k, seed + 3, scale)), { side: flags.right ? "right" : "left", transpose: flags.transA });
            case "symmetricEigen":
              return symmetricEigen(a(spd));
            case "tridiagonalEigenvalues": {
              const d = a(gaussianMatrix(1, n, seed, scale));
              const e = b(gaussianMatrix(1, Math.max(n - 1, 0), seed + 1, scale));
              return tridiagonalEigenvalues(d?.data as Float64Array, e?.data as Float64Array);
            }
            case "fitMinNorm":
              return fitMinNorm(a(A), b(B));
            case "fitRidge":
              return fitRidge(a(A), b(B), lambda);
            case "testRisk":
              return testRisk(a(A), b(B), gaussianMatrix(n, k, seed + 4, scale));
          }
        },
        (result) => {
          const blasLike = ["matmul", "gram", "choleskySolve", "triangularSolve"].includes(fn);
          const moderate = Math.abs(scale) <= 100 && damageA.kind !== "entry" && damageB.kind !== "entry";
          // The mean over no test rows is NaN by design (README: testRisk when nTest = 0).
          const emptyMean = fn === "testRisk" && m === 0 && Number.isNaN(result);
          if ((!blasLike || moderate) && !emptyMean) allFinite(result, fn);
          if (fn === "fitMinNorm" && damageA.kind === "none" && damageB.kind === "none" && scale === 0) ridgeLimit(A, B);
        },
      );
    },
    { seed: 28, sample: 400, caseLimitMs: 5_000 },
  );
});
