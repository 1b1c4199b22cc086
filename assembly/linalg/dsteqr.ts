// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by the implicit QL method with Wilkinson
// shifts, applying the rotations to the rows of Z (the transposed basis): on return row j of Z holds the
// eigenvector of d[j] (unsorted).
//
// Algorithm (tql2): for l = 0, 1, ... find the first negligible off-diagonal e[m] (m >= l), |e[m]| below
// eps * max_{j <= l} (|d[j]| + |e[j]|); while e[l] is not negligible, shift by the eigenvalue of the
// leading 2 x 2 block nearer d[l] and chase the bulge from m up to l with plane rotations. The tridiagonal
// recurrence costs O(n) per sweep; the rotations are logged and applied to Z by tridiagRotate, many sweeps
// per pass over Z. At most MAX_ITER sweeps per eigenvalue.
//
// see: EISPACK tql2 (Bowdler, Martin, Reinsch and Wilkinson 1968); JAMA; LAPACK dsteqr.
import { ldf, stf } from "./elem";
import { rotationsBegin, rotationsFlush, rotationsPush, rotationsSweep } from "./tridiagRotate";

/** Sweeps allowed per eigenvalue before giving up (tql2, dsteqr). */
const MAX_ITER = 30;
/** Bounds on x^2 + y^2 within which hypot squares directly: 2^-900 and 2^900. */
const HYPOT_LOW: f64 = reinterpret<f64>(<u64>(1023 - 900) << 52);
const HYPOT_HIGH: f64 = reinterpret<f64>(<u64>(1023 + 900) << 52);

/**
 * Diagonalizes the tridiagonal (d, e), e[i] = T[i][i-1] for i >= 1 (e[0] ignored, e is destroyed), with
 * Z <- G^T Z for the accumulated rotations G (Z is n x n, row stride ldz). Eigenvalues end in d.
 * Returns 0, or l + 1 if eigenvalue l did not converge in MAX_ITER sweeps.
 */
export function dsteqr(n: i32, d: usize, e: usize, z: usize, ldz: i32): i32 {
  if (n <= 1) return 0;
  for (let i = 1; i < n; i++) stf(e, i - 1, ldf(e, i));
  stf(e, n - 1, 0);
  rotationsBegin(n, z, ldz);
  let f = 0.0;
  let tst1 = 0.0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(ldf(d, l)) + Math.abs(ldf(e, l)));
    let m = l;
    while (m < n - 1 && tst1 + Math.abs(ldf(e, m)) != tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (iter == MAX_ITER) return l + 1;
        iter++;
        // Wilkinson shift: the eigenvalue of the leading 2 x 2 block nearer d[l].
        let g = ldf(d, l);
        let p = (ldf(d, l + 1) - g) / (2 * ldf(e, l));
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        stf(d, l, ldf(e, l) / (p + r));
        stf(d, l + 1, ldf(e, l) * (p + r));
        const dl1 = ldf(d, l + 1);
        let h = g - ldf(d, l);
        for (let i = l + 2; i < n; i++) stf(d, i, ldf(d, i) - h);
        f += h;
        // The QL sweep from m up to l.
        p = ldf(d, m);
        let c = 1.0;
        let c2 = c;
        let c3 = c;
        const el1 = ldf(e, l + 1);
        let s = 0.0;
        let s2 = 0.0;
        rotationsSweep(m - 1);
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * ldf(e, i);
          h = c * p;
          r = hypot(p, ldf(e, i));
          stf(e, i + 1, s * r);
          s = ldf(e, i) / r;
          c = p / r;
          p = c * ldf(d, i) - s * g;
          stf(d, i + 1, h + s * (c * g + s * ldf(d, i)));
          rotationsPush(c, s);
        }
        p = (-s * s2 * c3 * el1 * ldf(e, l)) / dl1;
        stf(e, l, s * p);
        stf(d, l, c * p);
      } while (tst1 + Math.abs(ldf(e, l)) != tst1);
    }
    stf(d, l, ldf(d, l) + f);
    stf(e, l, 0);
  }
  rotationsFlush();
  return 0;
}

/**
 * sqrt(x^2 + y^2): directly when the sum of squares is safely normal (one rounding less than the scaled
 * form, which keeps the rotations closer to orthogonal), else scaled as LAPACK dlapy2 to avoid overflow
 * and destructive underflow.
 */
function hypot(x: f64, y: f64): f64 {
  const q2 = x * x + y * y;
  if (q2 > HYPOT_LOW && q2 < HYPOT_HIGH) return Math.sqrt(q2);
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const w = Math.max(ax, ay);
  const v = Math.min(ax, ay);
  if (v == 0) return w;
  const q = v / w;
  return w * Math.sqrt(1 + q * q);
}
