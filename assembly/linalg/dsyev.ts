// Symmetric eigendecomposition A = V diag(w) V^T of a row-major matrix whose lower triangle is read.
// Eigenvalues ascending in w; eigenvector j overwrites column j of A; work holds dsyevWorkSize(n) f64.
//
// Algorithm: scale A into [RMIN, RMAX] by an exact power of two when its largest entry lies outside
// (LAPACK dsyev), reduce to tridiagonal T = Q^T A Q (dsytrd), then
//   n <= CROSSOVER: form Q^T (tridiagBasis), diagonalize T by implicit QL with the rotations applied to the
//     rows of Q^T (dsteqr), sort the rows by eigenvalue, and transpose once so that the eigenvectors become
//     columns (keeping the basis transposed makes every rotation, reflector and swap run along contiguous
//     rows);
//   n > CROSSOVER: diagonalize T = W diag(w) W^T by divide and conquer (dstedc), apply the reflectors to W
//     (V = Q W, dormtr: blocked, Q never formed) and copy the columns of V into A in ascending order of w
//     (LAPACK dsyevd);
// and undo the scaling of the eigenvalues. Scratch: work and the 512 KiB static scratch of tridiagScratch
// (and gemmcore's packing buffers); nothing is allocated.
//
// see: LAPACK dsyev, dsyevd; EISPACK tred2 + tql2.
import { dormtr } from "./dormtr";
import { dstedc, dstedcOrder, dstedcWork } from "./dstedc";
import { dsteqr } from "./dsteqr";
import { dsytrd } from "./dsytrd";
import { tridiagBasis } from "./tridiagBasis";

/**
 * Largest n solved by QL; divide and conquer above. Measured: D&C is faster from n ~ CROSSOVER on
 * (src/ref/eigen.ts's DC_CROSSOVER must match).
 */
const CROSSOVER = 64;

/** LAPACK dsyev's rmin = sqrt(safe minimum / eps) = 2^-484.5, as the power of two 2^-484. */
const RMIN: f64 = reinterpret<f64>(<u64>(1023 - 484) << 52);
/** 1 / RMIN = 2^484 (LAPACK dsyev's rmax). */
const RMAX: f64 = reinterpret<f64>(<u64>(1023 + 484) << 52);

/**
 * f64 of workspace dsyev needs for order n: n up to CROSSOVER (the subdiagonal); above, 3 n^2 + 12 n: the
 * subdiagonal, the reflectors' factors and dstedc's 3 n^2 + 10 n, whose second n^2 then holds dormtr's
 * scratch and third the sorted eigenvalues. In f64 arithmetic, exact for any n < 2^26.
 */
export function dsyevWorkSize(n: f64): f64 {
  return n <= CROSSOVER ? n : 2 * n + dstedcWork(n);
}

/**
 * Returns 0, or i + 1 if the QL iteration for eigenvalue i did not converge; above CROSSOVER, i is the row
 * of the failed eigenvalue: its block's first row plus its index in a leaf's QL or a merge's secular
 * equation (A and w are then undefined).
 */
export function dsyev(n: i32, a: usize, lda: i32, w: usize, work: usize): i32 {
  if (n <= 0) return 0;
  const anrm = maxAbsLower(n, a, lda);
  let sigma = 1.0;
  if (anrm > 0 && anrm < RMIN) sigma = pow2Floor(RMIN / anrm);
  else if (anrm > RMAX) sigma = pow2Floor(RMAX / anrm);
  if (sigma != 1) scaleLower(n, a, lda, sigma);
  dsytrd(n, a, lda, w, work);
  if (n > CROSSOVER) {
    const tau = work + (<usize>n << 3);
    const dc = work + (<usize>n << 4);
    const nn = <usize>n * <usize>n;
    splitReflectors(n, a, lda, w, tau);
    // e[i] = T[i][i-1] for i >= 1: the subdiagonal dstedc wants starts at work[1].
    const info = dstedc(n, w, work + 8, dc);
    if (info != 0) return info;
    dormtr(n, a, lda, tau, dc, dc + (nn << 3));
    sortedColumns(n, a, lda, w, dc);
  } else {
    tridiagBasis(n, a, lda, w);
    const info = dsteqr(n, w, work, a, lda);
    if (info != 0) return info;
    sortRows(n, w, a, lda);
    transpose(n, a, lda);
  }
  if (sigma != 1) {
    const inv = 1 / sigma;
    for (let i = 0; i < n; i++) store<f64>(w + (<usize>i << 3), load<f64>(w + (<usize>i << 3)) * inv);
  }
  return 0;
}

/**
 * From dsytrd's output: tau[i] = 1 / h_i (0 for no reflector), w[i] = T[i][i] = A[i][i], and A[i][i:n) = 0,
 * so that A holds exactly the reflectors (dormtr's input).
 */
function splitReflectors(n: i32, a: usize, lda: i32, w: usize, tau: usize): void {
  const rs = <usize>lda << 3;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const h = load<f64>(w + off);
    store<f64>(tau + off, h != 0 ? 1 / h : 0.0);
    const row = a + <usize>i * rs;
    store<f64>(w + off, load<f64>(row + off));
    memory.fill(row + off, 0, <usize>(n - i) << 3);
  }
}

/**
 * A <- V with its columns in ascending order of w, and w sorted, from V in the first n^2 f64 of dc and its
 * order at dstedcOrder; the third n^2 of dc holds a copy of w.
 */
function sortedColumns(n: i32, a: usize, lda: i32, w: usize, dc: usize): void {
  const nn = <usize>n * <usize>n;
  const order = dstedcOrder(n, dc);
  const rs = <usize>lda << 3;
  for (let i = 0; i < n; i++) {
    const src = dc + <usize>i * (<usize>n << 3);
    const dst = a + <usize>i * rs;
    for (let j = 0; j < n; j++) store<f64>(dst + (<usize>j << 3), load<f64>(src + (<usize>load<i32>(order + (<usize>j << 2)) << 3)));
  }
  const tmp = dc + ((2 * nn) << 3);
  memory.copy(tmp, w, <usize>n << 3);
  for (let j = 0; j < n; j++) store<f64>(w + (<usize>j << 3), load<f64>(tmp + (<usize>load<i32>(order + (<usize>j << 2)) << 3)));
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
