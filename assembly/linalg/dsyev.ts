// Symmetric eigendecomposition A = V diag(w) V^T of a row-major matrix whose lower triangle is read.
// Eigenvalues ascending in w; eigenvector j overwrites column j of A; work holds n f64.
//
// Algorithm: scale A into [RMIN, RMAX] by an exact power of two when its largest entry lies outside
// (LAPACK dsyev), reduce to tridiagonal T = Q^T A Q (dsytrd), form Q^T (tridiagBasis), diagonalize T by
// implicit QL with the rotations applied to the rows of Q^T (dsteqr), sort the rows by eigenvalue, then
// transpose once so that the eigenvectors become columns, and undo the scaling of the eigenvalues.
// Keeping the basis transposed makes every rotation, reflector and swap run along contiguous rows.
// Scratch: work (n f64) and the 512 KiB static scratch of tridiagScratch; nothing is allocated.
//
// see: LAPACK dsyev; EISPACK tred2 + tql2.
import { dsteqr } from "./dsteqr";
import { dsytrd } from "./dsytrd";
import { tridiagBasis } from "./tridiagBasis";

/** LAPACK dsyev's rmin = sqrt(safe minimum / eps) = 2^-484.5, as the power of two 2^-484. */
const RMIN: f64 = reinterpret<f64>(<u64>(1023 - 484) << 52);
/** 1 / RMIN = 2^484 (LAPACK dsyev's rmax). */
const RMAX: f64 = reinterpret<f64>(<u64>(1023 + 484) << 52);

/** Returns 0, or i + 1 if the QL iteration for eigenvalue i did not converge (A and w then undefined). */
export function dsyev(n: i32, a: usize, lda: i32, w: usize, work: usize): i32 {
  if (n <= 0) return 0;
  const anrm = maxAbsLower(n, a, lda);
  let sigma = 1.0;
  if (anrm > 0 && anrm < RMIN) sigma = pow2Floor(RMIN / anrm);
  else if (anrm > RMAX) sigma = pow2Floor(RMAX / anrm);
  if (sigma != 1) scaleLower(n, a, lda, sigma);
  dsytrd(n, a, lda, w, work);
  tridiagBasis(n, a, lda, w);
  const info = dsteqr(n, w, work, a, lda);
  if (info != 0) return info;
  sortRows(n, w, a, lda);
  transpose(n, a, lda);
  if (sigma != 1) {
    const inv = 1 / sigma;
    for (let i = 0; i < n; i++) store<f64>(w + (<usize>i << 3), load<f64>(w + (<usize>i << 3)) * inv);
  }
  return 0;
}

/** The largest power of two <= x, for a normal positive x. */
function pow2Floor(x: f64): f64 {
  return reinterpret<f64>(reinterpret<u64>(x) & 0x7ff0000000000000);
}

/** max |A[i][j]| over j <= i. */
function maxAbsLower(n: i32, a: usize, lda: i32): f64 {
  const rs = <usize>lda << 3;
  let acc = f64x2.splat(0);
  let m = 0.0;
  for (let i = 0; i < n; i++) {
    const row = a + <usize>i * rs;
    const len = i + 1;
    let k = 0;
    for (; k + 2 <= len; k += 2) acc = f64x2.max(acc, f64x2.abs(v128.load(row + (<usize>k << 3))));
    for (; k < len; k++) m = Math.max(m, Math.abs(load<f64>(row + (<usize>k << 3))));
  }
  return Math.max(m, Math.max(f64x2.extract_lane(acc, 0), f64x2.extract_lane(acc, 1)));
}

/** A[i][j] *= sigma for j <= i (sigma a power of two: exact). */
function scaleLower(n: i32, a: usize, lda: i32, sigma: f64): void {
  const rs = <usize>lda << 3;
  const vs = f64x2.splat(sigma);
  for (let i = 0; i < n; i++) {
    const row = a + <usize>i * rs;
    const len = i + 1;
    let k = 0;
    for (; k + 2 <= len; k += 2) {
      const off = <usize>k << 3;
      v128.store(row + off, f64x2.mul(v128.load(row + off), vs));
    }
    for (; k < len; k++) store<f64>(row + (<usize>k << 3), load<f64>(row + (<usize>k << 3)) * sigma);
  }
}

/** Sorts w ascending (selection sort, as tql2), swapping the rows of Z with their eigenvalues. */
function sortRows(n: i32, w: usize, z: usize, ldz: i32): void {
  const rs = <usize>ldz << 3;
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = load<f64>(w + (<usize>i << 3));
    for (let j = i + 1; j < n; j++) {
      const wj = load<f64>(w + (<usize>j << 3));
      if (wj < p) {
        k = j;
        p = wj;
      }
    }
    if (k != i) {
      store<f64>(w + (<usize>k << 3), load<f64>(w + (<usize>i << 3)));
      store<f64>(w + (<usize>i << 3), p);
      swapRows(z + <usize>i * rs, z + <usize>k * rs, n);
    }
  }
}

/** Exchanges x[0:len) and y[0:len). */
function swapRows(x: usize, y: usize, len: i32): void {
  let k = 0;
  for (; k + 2 <= len; k += 2) {
    const off = <usize>k << 3;
    const t = v128.load(x + off);
    v128.store(x + off, v128.load(y + off));
    v128.store(y + off, t);
  }
  for (; k < len; k++) {
    const off = <usize>k << 3;
    const t = load<f64>(x + off);
    store<f64>(x + off, load<f64>(y + off));
    store<f64>(y + off, t);
  }
}

/** A <- A^T in place (n x n, row stride lda). */
function transpose(n: i32, a: usize, lda: i32): void {
  const rs = <usize>lda << 3;
  for (let i = 1; i < n; i++) {
    const row = a + <usize>i * rs;
    for (let j = 0; j < i; j++) {
      const x = row + (<usize>j << 3);
      const y = a + <usize>j * rs + (<usize>i << 3);
      const t = load<f64>(x);
      store<f64>(x, load<f64>(y));
      store<f64>(y, t);
    }
  }
}
