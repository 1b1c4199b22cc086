// Eigenvalues (no vectors) of a symmetric tridiagonal matrix by the Pal-Walker-Kahan variant of the QL or QR
// algorithm, root-free: the iteration works on the squares of the off-diagonal, O(n^2) time, O(1) extra memory.
// The matrix splits where an off-diagonal entry is negligible against its diagonal neighbours; each block is
// scaled into a safe range, iterated by QL when its top is the larger end (QR otherwise), with 2 x 2 blocks
// solved directly; at most 30 n iterations in all. The eigenvalues end ascending in d.
// see: LAPACK dsterf (and dlae2, dlapy2, dlascl, dlasrt) 3.12, whose steps this follows one for one.
import { ldf, stf } from "./elem";

const MAX_IT = 30;
/** dlamch('E'), 'S': the unit roundoff 2^-53 and the smallest normal number 2^-1022. */
const EPS: f64 = 1.1102230246251565e-16;
const SAFMIN: f64 = 2.2250738585072014e-308;

/**
 * Overwrites d (n f64) with the eigenvalues of the tridiagonal with diagonal d and off-diagonal e (n - 1 f64,
 * destroyed), ascending. Returns 0, or the number of off-diagonal entries that had not converged to zero after
 * 30 n iterations (LAPACK's info; d is then unsorted).
 */
export function dsterf(n: i32, d: usize, e: usize): i32 {
  if (n <= 1) return 0;
  const eps2 = EPS * EPS;
  const ssfmax = Math.sqrt(1.0 / SAFMIN) / 3.0;
  const ssfmin = Math.sqrt(SAFMIN) / eps2;
  const nmaxit = n * MAX_IT;
  let jtot = 0;
  let l1 = 0;
  while (l1 < n) {
    if (l1 > 0) stf(e, l1 - 1, 0.0);
    let m = l1;
    while (m < n - 1) {
      if (Math.abs(ldf(e, m)) <= Math.sqrt(Math.abs(ldf(d, m))) * Math.sqrt(Math.abs(ldf(d, m + 1))) * EPS) {
        stf(e, m, 0.0);
        break;
      }
      m++;
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend == l) continue;
    // Scale the block into [ssfmin, ssfmax] (dlanst 'M', dlascl), then square its off-diagonal.
    let anorm = 0.0;
    for (let i = l; i <= lend; i++) anorm = Math.max(anorm, Math.abs(ldf(d, i)));
    for (let i = l; i < lend; i++) anorm = Math.max(anorm, Math.abs(ldf(e, i)));
    if (anorm == 0.0) continue;
    let scale = 1.0;
    if (anorm > ssfmax) scale = ssfmax / anorm;
    else if (anorm < ssfmin) scale = ssfmin / anorm;
    if (scale != 1.0) {
      for (let i = l; i <= lend; i++) stf(d, i, ldf(d, i) * scale);
      for (let i = l; i < lend; i++) stf(e, i, ldf(e, i) * scale);
    }
    for (let i = l; i < lend; i++) stf(e, i, ldf(e, i) * ldf(e, i));
    if (Math.abs(ldf(d, lend)) < Math.abs(ldf(d, l))) {
      lend = lsv;
      l = lendsv;
    }
    if (lend >= l) jtot = qlBlock(d, e, l, lend, jtot, nmaxit, eps2);
    else jtot = qrBlock(d, e, l, lend, jtot, nmaxit, eps2);
    if (scale != 1.0) for (let i = lsv; i <= lendsv; i++) stf(d, i, ldf(d, i) / scale);
    if (jtot >= nmaxit) {
      let info = 0;
      for (let i = 0; i < n - 1; i++) if (ldf(e, i) != 0.0) info++;
      return info;
    }
  }
  heapSort(d, n);
  return 0;
}

/** QL iterations on the block l..lend (lend >= l) of squared off-diagonals; returns the iteration count. */
function qlBlock(d: usize, e: usize, l: i32, lend: i32, jtot: i32, nmaxit: i32, eps2: f64): i32 {
  while (l <= lend) {
    let m = l;
    while (m < lend && !(Math.abs(ldf(e, m)) <= eps2 * Math.abs(ldf(d, m) * ldf(d, m + 1)))) m++;
    if (m < lend) stf(e, m, 0.0);
    let p = ldf(d, l);
    if (m == l) {
      l++;
      continue;
    }
    if (m == l + 1) {
      eig2(d, l, Math.sqrt(ldf(e, l)), l + 1);
      stf(e, l, 0.0);
      l += 2;
      continue;
    }
    if (jtot == nmaxit) return jtot;
    jtot++;
    const sigma = shift(p, ldf(d, l + 1), ldf(e, l));
    let c = 1.0;
    let s = 0.0;
    let gamma = ldf(d, m) - sigma;
    p = gamma * gamma;
    for (let i = m - 1; i >= l; i--) {
      const bb = ldf(e, i);
      const r = p + bb;
      if (i != m - 1) stf(e, i + 1, s * r);
      const oldc = c;
      c = p / r;
      s = bb / r;
      const oldgam = gamma;
      const alpha = ldf(d, i);
      gamma = c * (alpha - sigma) - s * oldgam;
      stf(d, i + 1, oldgam + (alpha - gamma));
      p = c != 0.0 ? (gamma * gamma) / c : oldc * bb;
    }
    stf(e, l, s * p);
    stf(d, l, sigma + gamma);
  }
  return jtot;
}

/** QR iterations on the block lend..l (lend < l) of squared off-diagonals; returns the iteration count. */
function qrBlock(d: usize, e: usize, l: i32, lend: i32, jtot: i32, nmaxit: i32, eps2: f64): i32 {
  while (l >= lend) {
    let m = l;
    while (m > lend && !(Math.abs(ldf(e, m - 1)) <= eps2 * Math.abs(ldf(d, m) * ldf(d, m - 1)))) m--;
    if (m > lend) stf(e, m - 1, 0.0);
    let p = ldf(d, l);
    if (m == l) {
      l--;
      continue;
    }
    if (m == l - 1) {
      eig2(d, l, Math.sqrt(ldf(e, l - 1)), l - 1);
      stf(e, l - 1, 0.0);
      l -= 2;
      continue;
    }
    if (jtot == nmaxit) return jtot;
    jtot++;
    const sigma = shift(p, ldf(d, l - 1), ldf(e, l - 1));
    let c = 1.0;
    let s = 0.0;
    let gamma = ldf(d, m) - sigma;
    p = gamma * gamma;
    for (let i = m; i < l; i++) {
      const bb = ldf(e, i);
      const r = p + bb;
      if (i != m) stf(e, i - 1, s * r);
      const oldc = c;
      c = p / r;
      s = bb / r;
      const oldgam = gamma;
      const alpha = ldf(d, i + 1);
      gamma = c * (alpha - sigma) - s * oldgam;
      stf(d, i, oldgam + (alpha - gamma));
      p = c != 0.0 ? (gamma * gamma) / c : oldc * bb;
    }
    stf(e, l - 1, s * p);
    stf(d, l, sigma + gamma);
  }
  return jtot;
}

/**
 * The shift of a QL or QR step: the eigenvalue nearer p of the 2 x 2 block at the iteration's end, with p its
 * corner, q the next diagonal entry and e2 the squared off-diagonal between them.
 */
function shift(p: f64, q: f64, e2: f64): f64 {
  const rte = Math.sqrt(e2);
  const sigma = (q - p) / (2.0 * rte);
  const r = hypotOne(sigma);
  return p - rte / (sigma + (sigma >= 0.0 ? r : -r));
}

/**
 * The eigenvalues of [[a, b], [b, c]] with a = d[i], c = d[j]: the one of larger magnitude into d[i], the other
 * into d[j] (LAPACK dlae2, which avoids overflow and cancellation).
 */
function eig2(d: usize, i: i32, b: f64, j: i32): void {
  const a = ldf(d, i);
  const c = ldf(d, j);
  const sm = a + c;
  const adf = Math.abs(a - c);
  const ab = Math.abs(b + b);
  const acmx = Math.abs(a) > Math.abs(c) ? a : c;
  const acmn = Math.abs(a) > Math.abs(c) ? c : a;
  let rt: f64;
  if (adf > ab) rt = adf * Math.sqrt(1.0 + (ab / adf) * (ab / adf));
  else if (adf < ab) rt = ab * Math.sqrt(1.0 + (adf / ab) * (adf / ab));
  else rt = ab * Math.SQRT2;
  let rt1: f64;
  let rt2: f64;
  if (sm != 0.0) {
    rt1 = 0.5 * (sm < 0.0 ? sm - rt : sm + rt);
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else {
    rt1 = 0.5 * rt;
    rt2 = -0.5 * rt;
  }
  stf(d, i, rt1);
  stf(d, j, rt2);
}

/** sqrt(x^2 + 1) without overflow (LAPACK dlapy2 with y = 1). */
function hypotOne(x: f64): f64 {
  const w = Math.max(Math.abs(x), 1.0);
  const z = Math.min(Math.abs(x), 1.0);
  return w * Math.sqrt(1.0 + (z / w) * (z / w));
}

/** Sorts d[0..n) ascending in place (heapsort: O(n log n), no extra memory). */
function heapSort(d: usize, n: i32): void {
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(d, start, n);
  for (let end = n - 1; end > 0; end--) {
    const top = ldf(d, 0);
    stf(d, 0, ldf(d, end));
    stf(d, end, top);
    siftDown(d, 0, end);
  }
}

function siftDown(d: usize, root: i32, n: i32): void {
  const v = ldf(d, root);
  let i = root;
  while (true) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && ldf(d, child + 1) > ldf(d, child)) child++;
    if (!(ldf(d, child) > v)) break;
    stf(d, i, ldf(d, child));
    i = child;
  }
  stf(d, i, v);
}
