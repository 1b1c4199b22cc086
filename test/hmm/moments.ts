/**
 * Test helpers for second-moment checks of zero-mean Gaussian samples. For rows r_i iid N(0, S) (q dims),
 * the estimate S_hat_ab = (1/N) sum_i r_ia r_ib has mean S_ab and variance (S_aa S_bb + S_ab^2) / N
 * (Isserlis: E[r_a^2 r_b^2] = S_aa S_bb + 2 S_ab^2), which gives each entry's standard error.
 */
import type { Matrix } from "../../src/linalg/matrix.js";

/** [A B]: the columns of A then those of B (same number of rows). */
export function hstack(A: Matrix, B: Matrix): Matrix {
  const n = A.rows;
  const q = A.cols + B.cols;
  const data = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    data.set(A.data.subarray(i * A.cols, (i + 1) * A.cols), i * q);
    data.set(B.data.subarray(i * B.cols, (i + 1) * B.cols), i * q + A.cols);
  }
  return { rows: n, cols: q, data };
}

/** [[A, B], [B^T, C]] for square A (a x a), C (c x c) and B (a x c). */
export function blocks(A: Matrix, B: Matrix, C: Matrix): Matrix {
  const a = A.rows;
  const q = a + C.rows;
  const data = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      data[i * q + j] =
        i < a && j < a ? A.data[i * a + j]!
        : i < a ? B.data[i * B.cols + (j - a)]!
        : j < a ? B.data[j * B.cols + (i - a)]!
        : C.data[(i - a) * C.cols + (j - a)]!;
    }
  }
  return { rows: q, cols: q, data };
}

/** (1/N) M^T M for M N x q (second moments of rows with known zero mean). */
export function secondMoments(M: Matrix): Matrix {
  const { rows: N, cols: q } = M;
  const S = new Float64Array(q * q);
  for (let i = 0; i < N; i++) {
    const r = M.data.subarray(i * q, (i + 1) * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) S[a * q + b]! += r[a]! * r[b]!;
  }
  for (let a = 0; a < S.length; a++) S[a]! /= N;
  return { rows: q, cols: q, data: S };
}

/** Standard error of secondMoments' entry (a, b) for N rows iid N(0, S). */
export function momentSe(S: Matrix, a: number, b: number, N: number): number {
  const q = S.cols;
  return Math.sqrt((S.data[a * q + a]! * S.data[b * q + b]! + S.data[a * q + b]! ** 2) / N);
}

/**
 * max over entries of |Shat - S| / (c se), se = momentSe(seFrom, ...): c = sqrt(2) compares two independent
 * estimates (Shat and S), whose standard errors both come from the true covariance seFrom.
 */
export function maxZ(Shat: Matrix, S: Matrix, N: number, c = 1, seFrom: Matrix = S): number {
  let z = 0;
  for (let a = 0; a < S.rows; a++) {
    for (let b = 0; b < S.cols; b++) {
      z = Math.max(z, Math.abs(Shat.data[a * S.cols + b]! - S.data[a * S.cols + b]!) / (c * momentSe(seFrom, a, b, N)));
    }
  }
  return z;
}

/** Mean and standard error of the mean of xs. */
export function meanSe(xs: ArrayLike<number>): { mean: number; se: number } {
  const n = xs.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += xs[i]!;
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i]! - m) ** 2;
  return { mean: m, se: Math.sqrt(v / (n - 1) / n) };
}
