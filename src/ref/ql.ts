/**
 * Plain-TypeScript twin of assembly/linalg/dsteqr.ts: the eigenvalues and vectors of a symmetric tridiagonal
 * matrix by the implicit QL method with Wilkinson shifts (EISPACK tql2), the rotations applied to the rows of
 * z (the transposed basis), one rotation at a time. At most 30 sweeps per eigenvalue.
 */

/** Sweeps allowed per eigenvalue before giving up (tql2). */
const MAX_ITER = 30;

/**
 * tql2 on (d, e), e[i] = T[i][i-1] (e[0] ignored, e destroyed): eigenvalues (unsorted) into d, and z <- G^T z
 * for the rotations G, so that rows of an identity z end as the eigenvectors.
 * @param n order
 * @param d diagonal (n), overwritten by the eigenvalues
 * @param e subdiagonal as above (n)
 * @param z n x n row-major
 * @returns 0, or l + 1 if eigenvalue l did not converge in 30 sweeps
 * @example ql(2, Float64Array.of(2, 2), Float64Array.of(0, 1), Float64Array.of(1, 0, 0, 1)) // 0; d = [1, 3]
 */
export function ql(n: number, d: Float64Array, e: Float64Array, z: Float64Array): number {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n - 1 && tst1 + Math.abs(e[m]!) !== tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (iter === MAX_ITER) return l + 1;
        iter++;
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < n; k++) {
            const x = z[(i + 1) * n + k]!;
            const y = z[i * n + k]!;
            z[(i + 1) * n + k] = s * y + c * x;
            z[i * n + k] = c * y - s * x;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (tst1 + Math.abs(e[l]!) !== tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  return 0;
}

/** sqrt(x^2 + y^2): squared directly when safely normal, else scaled (LAPACK dlapy2). */
function hypot(x: number, y: number): number {
  const q2 = x * x + y * y;
  if (q2 > 2 ** -900 && q2 < 2 ** 900) return Math.sqrt(q2);
  const w = Math.max(Math.abs(x), Math.abs(y));
  const v = Math.min(Math.abs(x), Math.abs(y));
  if (v === 0) return w;
  const q = v / w;
  return w * Math.sqrt(1 + q * q);
}

