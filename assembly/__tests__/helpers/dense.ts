// Dense-matrix helpers for the kernel tests: unmanaged row-major buffers with a leading dimension, a tiny
// seeded generator (test data only, not the library's RNG) and the naive triple loop used as the oracle.

import { GEMM_CANDIDATES, gemmBlock, gemmSelect } from "../../linalg/gemmcore";

/** Unit roundoff of f64 times 2: the spacing of f64 at 1. */
export const EPS: f64 = 2.220446049250313e-16;

let state: u64 = 0x9e3779b97f4a7c15;

/** Restarts the test generator. */
export function seedRandom(seed: u64): void {
  state = seed * 0x9e3779b97f4a7c15 + 1;
}

/** Uniform on [-1, 1) from a splitmix64 step. */
export function random(): f64 {
  state += 0x9e3779b97f4a7c15;
  let z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  z = z ^ (z >> 31);
  return <f64>(z >> 11) * (1.0 / 4503599627370496.0) - 1.0;
}

/** rows x ld f64, filled with `value` (padding past the columns included); free with release(). */
export function newMatrix(rows: i32, ld: i32, value: f64 = 0.0): usize {
  const count = max(1, rows * ld);
  const p = heap.alloc(<usize>count << 3);
  for (let i = 0; i < count; i++) store<f64>(p + (<usize>i << 3), value);
  return p;
}

export function release(p: usize): void {
  heap.free(p);
}

/** M[i][j] for a row-major matrix with leading dimension ld. */
export function get(p: usize, ld: i32, i: i32, j: i32): f64 {
  return load<f64>(p + ((<usize>i * ld + j) << 3));
}

export function set(p: usize, ld: i32, i: i32, j: i32, v: f64): void {
  store<f64>(p + ((<usize>i * ld + j) << 3), v);
}

/** Fills the rows x cols part with uniforms on [-1, 1), leaving the padding as it was. */
export function fillRandom(p: usize, rows: i32, cols: i32, ld: i32): void {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) set(p, ld, i, j, random());
}

/** Copies rows x cols from src (leading dimension lds) to dst (ldd). */
export function copyMatrix(rows: i32, cols: i32, src: usize, lds: i32, dst: usize, ldd: i32): void {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) set(dst, ldd, i, j, get(src, lds, i, j));
}

/** op(X)(i, j): X[i][j], or X[j][i] when trans = 1. */
export function opGet(trans: i32, p: usize, ld: i32, i: i32, j: i32): f64 {
  return trans == 0 ? get(p, ld, i, j) : get(p, ld, j, i);
}

/** True when every entry of the padding columns [cols, ld) of the rows still holds `value` (NaN matches NaN). */
export function paddingIntact(p: usize, rows: i32, cols: i32, ld: i32, value: f64): bool {
  for (let i = 0; i < rows; i++) {
    for (let j = cols; j < ld; j++) {
      const v = get(p, ld, i, j);
      if (isNaN(value) ? !isNaN(v) : v != value) return false;
    }
  }
  return true;
}

/**
 * Largest ratio |C[i][j] - (alpha op(A) op(B) + beta C0)[i][j]| / bound[i][j] over the m x n entries, where
 * bound = (k + 2) eps (|alpha| |op(A)| |op(B)| + |beta| |C0|) + tiny: twice the standard bound gamma_k of a
 * dot product of length k (Higham, "Accuracy and Stability of Numerical Algorithms", 3.5), covering both the
 * kernel's and this naive loop's rounding, plus the alpha and beta roundings. A result <= 1 passes.
 */
export function gemmErrorRatio(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32, b: usize, ldb: i32,
  beta: f64, c0: usize, c: usize, ldc: i32,
): f64 {
  let worst = 0.0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0.0;
      let t = 0.0;
      for (let p = 0; p < k; p++) {
        const x = opGet(transA, a, lda, i, p);
        const y = opGet(transB, b, ldb, p, j);
        s += x * y;
        t += Math.abs(x * y);
      }
      const cij = beta == 0.0 ? 0.0 : beta * get(c0, ldc, i, j);
      const expected = alpha * s + cij;
      const bound = <f64>(k + 2) * EPS * (Math.abs(alpha) * t + Math.abs(cij)) + 1e-300;
      const r = Math.abs(get(c, ldc, i, j) - expected) / bound;
      if (isNaN(r)) return Infinity;
      if (r > worst) worst = r;
    }
  }
  return worst;
}

/**
 * A random lower-triangular n x n matrix with unit-order off-diagonal entries scaled by 1/n and diagonal
 * entries in [1, 2) of random sign: well conditioned, so solves lose few digits. The strict upper triangle
 * is set to `upper`.
 */
export function randomLower(n: i32, ld: i32, upper: f64): usize {
  const l = newMatrix(n, ld, upper);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) set(l, ld, i, j, random() / <f64>n);
    const d = 1.5 + 0.5 * random();
    set(l, ld, i, i, random() < 0.0 ? -d : d);
  }
  return l;
}

/** A random symmetric positive definite S = G G^T / n + I (n x n, both triangles filled). */
export function randomSpd(n: i32, ld: i32): usize {
  const g = newMatrix(n, n);
  fillRandom(g, n, n, n);
  const s = newMatrix(n, ld);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let t = 0.0;
      for (let p = 0; p < n; p++) t += get(g, n, i, p) * get(g, n, j, p);
      t /= <f64>n;
      if (i == j) t += 1.0;
      set(s, ld, i, j, t);
      set(s, ld, j, i, t);
    }
  }
  release(g);
  return s;
}

/**
 * Runs body once per candidate product kernel (gemmSelect id), with its MR, NR, MC and NC, then selects
 * candidate 0 again. body must not capture locals (an AssemblyScript closure limit).
 */
export function forEachKernel(body: (mr: i32, nr: i32, mc: i32, nc: i32) => void): void {
  for (let id = 0; id < GEMM_CANDIDATES; id++) {
    gemmSelect(id);
    body(gemmBlock(0), gemmBlock(1), gemmBlock(2), gemmBlock(3));
  }
  gemmSelect(0);
}
