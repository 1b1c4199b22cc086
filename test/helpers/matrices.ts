/**
 * Test-data helpers shared by the test suites: a tiny seeded generator (splitmix32: test data only, not the
 * library's RNG), random general / lower-triangular / SPD matrices, and entrywise norms.
 */
import type { Matrix } from "../../src/linalg/matrix.js";

/** Unit roundoff times 2: the spacing of f64 at 1. */
export const EPS = Number.EPSILON;

/** Uniforms on [0, 1) with 32 random bits each, from a splitmix32 stream seeded by `seed`. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
  };
}

/** rows x cols with entries uniform on [-scale, scale). */
export function randomMatrix(rows: number, cols: number, rand: () => number, scale = 1): Matrix {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = scale * (2 * rand() - 1);
  return { rows, cols, data };
}

/**
 * A well-conditioned n x n lower-triangular matrix: off-diagonal entries uniform on [-1/n, 1/n), diagonal
 * entries of random sign with magnitude in [1, 2). The strict upper triangle holds `upper` (default 0), so
 * that tests can check it is never read.
 */
export function randomLower(n: number, rand: () => number, upper = 0): Matrix {
  const L = randomMatrix(n, n, rand, 1 / Math.max(1, n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) L.data[i * n + j] = upper;
    L.data[i * n + i] = (rand() < 0.5 ? -1 : 1) * (1 + rand());
  }
  return L;
}

/** A symmetric positive definite S = G G^T / n + I with G uniform on [-1, 1): eigenvalues in [1, ~1.5 n]. */
export function randomSpd(n: number, rand: () => number): Matrix {
  const G = randomMatrix(n, n, rand);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += G.data[i * n + p]! * G.data[j * n + p]!;
      s = s / n + (i === j ? 1 : 0);
      data[i * n + j] = s;
      data[j * n + i] = s;
    }
  }
  return { rows: n, cols: n, data };
}

/** s M, a fresh matrix. */
export function scaled(M: Matrix, s: number): Matrix {
  return { rows: M.rows, cols: M.cols, data: M.data.map((v) => v * s) };
}

/** |M| entrywise. */
export function absolute(M: Matrix): Matrix {
  return { rows: M.rows, cols: M.cols, data: M.data.map(Math.abs) };
}

/** The Frobenius norm sqrt(sum M_ij^2). */
export function frobenius(M: Matrix): number {
  let s = 0;
  for (let i = 0; i < M.data.length; i++) s += M.data[i]! * M.data[i]!;
  return Math.sqrt(s);
}

/** max |A_ij - B_ij| (A and B of the same shape). */
export function maxAbsDiff(A: Matrix, B: Matrix): number {
  let m = 0;
  for (let i = 0; i < A.data.length; i++) m = Math.max(m, Math.abs(A.data[i]! - B.data[i]!));
  return m;
}

/**
 * max_ij |A_ij - B_ij| / bound_ij: at most 1 when A and B agree within the entrywise bound (a NaN anywhere
 * gives Infinity).
 */
export function boundRatio(A: Matrix, B: Matrix, bound: Matrix): number {
  let worst = 0;
  for (let i = 0; i < A.data.length; i++) {
    const r = Math.abs(A.data[i]! - B.data[i]!) / (bound.data[i]! + Number.MIN_VALUE);
    if (Number.isNaN(r)) return Infinity;
    worst = Math.max(worst, r);
  }
  return worst;
}

/** tr(M) = sum_i M_ii of a square M, summed in index order. */
export function trace(M: Matrix): number {
  let t = 0;
  for (let i = 0; i < M.rows; i++) t += M.data[i * M.cols + i]!;
  return t;
}
