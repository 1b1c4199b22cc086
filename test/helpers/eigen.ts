/**
 * Test helpers of the symmetric eigensolver: random symmetric and orthogonal matrices, matrices with a given
 * spectrum, and the backward-error checks ||S V - V diag(l)||_F / ||S||_F and ||V^T V - I||_F.
 */
import { expect } from "vitest";
import { symmetricEigen, type SymmetricEigen } from "../../src/linalg/eigen.js";
import { matrix, type Matrix } from "../../src/linalg/matrix.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { refGram } from "../../src/ref/gram.js";
import { EPS, frobenius, randomMatrix, seededRandom } from "./matrices.js";

/** A random symmetric n x n matrix, entries uniform on [-1, 1): the lower triangle of a random matrix, mirrored. */
export function randomSymmetric(n: number, seed: number): Matrix {
  const S = randomMatrix(n, n, seededRandom(seed));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) S.data[j * n + i] = S.data[i * n + j]!;
  return S;
}

/** A random n x n orthogonal matrix: modified Gram-Schmidt, done twice, on random columns. */
export function randomOrthogonal(n: number, seed: number): Matrix {
  const Q = randomMatrix(n, n, seededRandom(seed));
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += Q.data[i * n + k]! * Q.data[i * n + j]!;
        for (let i = 0; i < n; i++) Q.data[i * n + j]! -= dot * Q.data[i * n + k]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += Q.data[i * n + j]! ** 2;
    for (let i = 0; i < n; i++) Q.data[i * n + j]! /= Math.sqrt(norm);
  }
  return Q;
}

/** The p x p Gram X^T X of X (n x p) uniform on [-1, 1), exactly symmetric: rank n when n < p. */
export function randomGram(n: number, p: number, seed: number): Matrix {
  return refGram(randomMatrix(n, p, seededRandom(seed)));
}

/** Q diag(l) Q^T, mirrored so that it is exactly symmetric. */
export function withSpectrum(Q: Matrix, l: number[]): Matrix {
  const n = Q.rows;
  const S = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q.data[i * n + k]! * l[k]! * Q.data[j * n + k]!;
      S.data[i * n + j] = s;
      S.data[j * n + i] = s;
    }
  }
  return S;
}

/**
 * ||S V - V diag(l)||_F / ||S||_F and ||V^T V - I||_F, S read from its lower triangle. S and l are divided
 * by max |S| first, so that the check itself neither overflows nor underflows at extreme scales.
 */
export function errors(S: Matrix, { values, vectors: V }: SymmetricEigen): { residual: number; orthogonality: number } {
  const n = S.rows;
  const m = S.data.reduce((acc, v) => Math.max(acc, Math.abs(v)), 0) || 1;
  const s = (i: number, j: number) => (i >= j ? S.data[i * n + j]! : S.data[j * n + i]!) / m;
  const R = new Float64Array(n * n);
  const O = new Float64Array(n * n);
  let sNorm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      sNorm += s(i, j) ** 2;
      let sv = 0;
      let vv = 0;
      for (let k = 0; k < n; k++) {
        sv += s(i, k) * V.data[k * n + j]!;
        vv += V.data[k * n + i]! * V.data[k * n + j]!;
      }
      R[i * n + j] = sv - V.data[i * n + j]! * (values[j]! / m);
      O[i * n + j] = vv - (i === j ? 1 : 0);
    }
  }
  const r = frobenius(matrix(n, n, R));
  return { residual: sNorm === 0 ? r : r / Math.sqrt(sNorm), orthogonality: frobenius(matrix(n, n, O)) };
}

export function expectAscending(values: Float64Array): void {
  for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
}

/**
 * Backward-stable bounds (Householder + QL: Wilkinson; Demmel, "Applied Numerical Linear Algebra" 5.3;
 * divide and conquer with Loewner's z: Gu and Eisenstat 1995): the residual and the loss of orthogonality
 * are O(n eps) in norm. Measured on the inputs of eigen.test.ts and eigen-dc.test.ts (both solvers,
 * Frobenius norms): residual <= 0.7 n eps, orthogonality <= 1.9 n eps; C = 10 leaves a margin >= 5.
 */
export const C = 10;

/** Expects ||S V - V diag(l)||_F <= C n eps ||S||_F, ||V^T V - I||_F <= C n eps and ascending values. */
export function expectDecomposition(S: Matrix, result: SymmetricEigen): void {
  const n = S.rows;
  expect(result.values.length).toBe(n);
  expect(result.vectors.rows).toBe(n);
  expect(result.vectors.cols).toBe(n);
  const { residual, orthogonality } = errors(S, result);
  expect(residual).toBeLessThanOrEqual(C * Math.max(n, 1) * EPS);
  expect(orthogonality).toBeLessThanOrEqual(C * Math.max(n, 1) * EPS);
  expectAscending(result.values);
}

/** The two solvers every eigen test runs: the WebAssembly kernel and the plain-TS reference (its info checked 0). */
export const EIGEN_SOLVERS: [string, (S: Matrix) => SymmetricEigen][] = [
  ["wasm", (S) => symmetricEigen(S)],
  ["ref", refEigen],
];

/** The plain-TS reference's decomposition, expecting it converged. */
export function refEigen(S: Matrix): SymmetricEigen {
  const { values, vectors, info } = refSymmetricEigen(S);
  expect(info).toBe(0);
  return { values, vectors };
}
