// Eigenvalues and eigenvectors of a symmetric tridiagonal T (diagonal d, subdiagonal e[i] = T[i+1][i]) by
// divide and conquer: T = Z diag(d) Z^T with Z (n x n, row stride n) at the start of the workspace.
//
// Algorithm: T is scaled by a power of two to max |T_ij| in [1, 2) (exact; dstedc scales to 1). A block of
// m > LEAF rows is torn at n1 = floor(m / 2): T = diag(T1, T2) + |beta| u u^T with beta = T[n1][n1-1],
// the two diagonal entries next to the cut lowered by |beta|; both halves are solved recursively and merged
// by dlaed1.ts. A leaf (m <= LEAF) runs implicit QL (dsteqr) on the rows of the identity, transposed into
// columns afterwards. Every block keeps its eigenvectors in place in its diagonal block of Z, unsorted, with
// its ascending order in indxq (the permutation LAPACK calls INDXQ), so that nothing is moved but by the
// merges. The recursion is at most log2(n) deep and allocates nothing.
//
// Workspace (dstedcWork(n) f64): Z n^2, the packed columns n^2, S^T n^2, 6 vectors of n f64 (5 for the
// merges, the scaled subdiagonal) and 8 of n i32 (indxq first, 7 for the merges): 3 n^2 + 10 n.
//
// see: LAPACK dstedc, dlaed0 (Cuppen 1981; Gu and Eisenstat, SIMAX 1995); the plain-TS twin src/ref/dstedc.ts.
import { merge, mergeBegin } from "./dlaed1";
import { dsteqr } from "./dsteqr";
import { ldf, ldi, stf, sti } from "./elem";

/** Largest block solved by QL (LAPACK's SMLSIZ). */
const LEAF = 25;

let n0 = 0;
let dp: usize = 0;
let ep: usize = 0;
let zp: usize = 0;
let iqp: usize = 0;
let leafE: usize = 0;

/** f64 the workspace of dstedc needs for order n: 3 n^2 + 10 n. */
export function dstedcWork(n: f64): f64 {
  return 3 * n * n + 10 * n;
}

/** Where dstedc leaves indxq (n i32: the ascending order of d) in its workspace. */
export function dstedcOrder(n: i32, work: usize): usize {
  return work + ((3 * <usize>n * <usize>n + 6 * <usize>n) << 3);
}

/**
 * Diagonalizes T (d: n, e: n - 1; e is not modified) into d (unsorted, order in dstedcOrder) and the
 * columns of Z = the first n^2 f64 of work. Returns 0, or k + 1 when the QL iteration of a leaf or a
 * secular equation of a merge failed, k = the block's first row + the eigenvalue's index in the block.
 */
export function dstedc(n: i32, d: usize, e: usize, work: usize): i32 {
  if (n <= 0) return 0;
  const nn = <usize>n * <usize>n;
  let tmax = 0.0;
  for (let i = 0; i < n; i++) tmax = Math.max(tmax, Math.abs(ldf(d, i)));
  for (let i = 0; i + 1 < n; i++) tmax = Math.max(tmax, Math.abs(ldf(e, i)));
  // sigma = 2^-floor(log2 tmax): one over the power of two just below tmax.
  const sigma = tmax > 0 ? reinterpret<f64>((<u64>2046 << 52) - (reinterpret<u64>(tmax) & 0x7ff0000000000000)) : 1.0;
  n0 = n;
  dp = d;
  zp = work;
  const vec = work + ((3 * nn) << 3);
  iqp = dstedcOrder(n, work);
  // The scaled subdiagonal lives in the sixth f64 vector; a leaf's copy of it in the merges' first one.
  ep = vec + ((<usize>n * 5) << 3);
  leafE = vec;
  for (let i = 0; i < n; i++) stf(d, i, ldf(d, i) * sigma);
  for (let i = 0; i + 1 < n; i++) stf(ep, i, ldf(e, i) * sigma);
  memory.fill(work, 0, nn << 3);
  mergeBegin(n, work, work + (nn << 3), work + ((2 * nn) << 3), vec, iqp + (<usize>n << 2));
  const info = solve(0, n);
  const inv = 1 / sigma;
  for (let i = 0; i < n; i++) stf(d, i, ldf(d, i) * inv);
  return info;
}

/** Solves the block of rows s .. s+m (see the header). */
function solve(s: i32, m: i32): i32 {
  if (m <= LEAF) return leaf(s, m);
  const n1 = m >> 1;
  const beta = ldf(ep, s + n1 - 1);
  stf(dp, s + n1 - 1, ldf(dp, s + n1 - 1) - Math.abs(beta));
  stf(dp, s + n1, ldf(dp, s + n1) - Math.abs(beta));
  let info = solve(s, n1);
  if (info != 0) return info;
  info = solve(s + n1, m - n1);
  if (info != 0) return info;
  info = merge(s, n1, m - n1, beta, dp, iqp);
  return info != 0 ? s + info : 0;
}

/** QL from the identity on the block s .. s+m, transposed into columns, with its ascending order. */
function leaf(s: i32, m: i32): i32 {
  const rs = <usize>n0 << 3;
  const b = zp + <usize>s * rs + (<usize>s << 3);
  for (let i = 0; i < m; i++) store<f64>(b + <usize>i * rs + (<usize>i << 3), 1);
  // dsteqr wants e'[i] = T[s+i][s+i-1] (e'[0] ignored) and destroys it: a copy in leafE.
  stf(leafE, 0, 0);
  for (let i = 1; i < m; i++) stf(leafE, i, ldf(ep, s + i - 1));
  const d = dp + (<usize>s << 3);
  const info = dsteqr(m, d, leafE, b, n0);
  if (info != 0) return s + info;
  for (let i = 1; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const x = b + <usize>i * rs + (<usize>j << 3);
      const y = b + <usize>j * rs + (<usize>i << 3);
      const t = load<f64>(x);
      store<f64>(x, load<f64>(y));
      store<f64>(y, t);
    }
  }
  // Insertion sort of the indices by eigenvalue (m <= LEAF).
  const iq = iqp + (<usize>s << 2);
  for (let i = 0; i < m; i++) {
    const v = ldf(d, i);
    let t = i;
    while (t > 0 && ldf(d, ldi(iq, t - 1)) > v) {
      sti(iq, t, ldi(iq, t - 1));
      t--;
    }
    sti(iq, t, i);
  }
  return 0;
}
