/**
 * Plain-TypeScript twin of the symmetric eigensolver kernel (assembly/linalg/dsyev.ts): the same steps,
 * written to be read, not to be fast. Householder tridiagonalization T = Q^T S Q from the lower triangle
 * (EISPACK tred2), the basis Z = Q^T formed in place, implicit QL with Wilkinson shifts on T whose rotations
 * act on the rows of Z (EISPACK tql2), a selection sort of the rows by eigenvalue, and one transpose. S is
 * first scaled by a power of two into [2^-484, 2^484] when its largest entry lies outside (LAPACK dsyev),
 * and the eigenvalues scaled back. The kernel computes the same quantities in a faster order (fused
 * update and product in the reduction, the basis in blocks of reflectors, rotations applied in batches),
 * so the two agree to rounding, not bit for bit.
 */
import type { Matrix } from "../linalg/matrix.js";

/** Sweeps allowed per eigenvalue before giving up (tql2). */
const MAX_ITER = 30;
const RMIN = 2 ** -484;
const RMAX = 2 ** 484;

export interface RefEigenResult {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Column j is the unit eigenvector of values[j]. */
  vectors: Matrix;
  /** 0, or l + 1 if the QL iteration for eigenvalue l did not converge (values and vectors then unusable). */
  info: number;
}

/**
 * S = V diag(values) V^T for a symmetric S, reading only its lower triangle (the strict upper is ignored).
 * @param S n x n, row-major, finite (not checked: this is the reference, not the public API)
 * @returns values ascending, vectors n x n with the eigenvectors as columns, and the kernel's status
 * @example refSymmetricEigen(fromRows([[2, 1], [1, 2]])).values // Float64Array [1, 3]
 */
export function refSymmetricEigen(S: Matrix): RefEigenResult {
  const n = S.rows;
  const a = Float64Array.from(S.data);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: { rows: 0, cols: 0, data: a }, info: 0 };
  const sigma = scaleFactor(n, a);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j]! *= sigma;
  tridiagonalize(n, a, d, e);
  formBasis(n, a, d);
  const info = ql(n, d, e, a);
  if (info === 0) {
    sortRows(n, d, a);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) swap(a, i * n + j, j * n + i);
    for (let i = 0; i < n; i++) d[i] = d[i]! / sigma;
  }
  return { values: d, vectors: { rows: n, cols: n, data: a }, info };
}

/** A power of two that brings max |S[i][j]| (j <= i) into [RMIN, RMAX], or 1 if it is already there or 0. */
function scaleFactor(n: number, a: Float64Array): number {
  let anrm = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) anrm = Math.max(anrm, Math.abs(a[i * n + j]!));
  if (anrm > 0 && anrm < RMIN) return 2 ** Math.floor(Math.log2(RMIN / anrm));
  if (anrm > RMAX) return 2 ** Math.floor(Math.log2(RMAX / anrm));
  return 1;
}

/**
 * tred2: for i = n-1 down to 2 the reflector H = I - u u^T / h from row i (columns 0..i-1, scaled by their
 * 1-norm) zeroes A[i][0..i-2]; the leading block takes A -= u q^T + q u^T, p = A u / h, q = p - (u^T p / 2h) u.
 * Leaves T[i][i] in A[i][i], T[i][i-1] in e[i], u_i in row i and h_i in d[i] (0 when no reflector).
 */
function tridiagonalize(n: number, a: Float64Array, d: Float64Array, e: Float64Array): void {
  for (let i = n - 1; i >= 1; i--) {
    const row = i * n;
    const l = i - 1;
    let h = 0;
    let scale = 0;
    for (let k = 0; k <= l; k++) scale += Math.abs(a[row + k]!);
    if (l === 0 || scale === 0) {
      e[i] = a[row + l]!;
    } else {
      for (let k = 0; k <= l; k++) {
        a[row + k]! *= 1 / scale;
        h += a[row + k]! * a[row + k]!;
      }
      const f = a[row + l]!;
      const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
      e[i] = scale * g;
      h -= f * g;
      a[row + l] = f - g;
      // p = A u / h (lower triangle of the leading i x i block), kept in e[0..l].
      for (let j = 0; j <= l; j++) e[j] = 0;
      for (let r = 0; r <= l; r++) {
        for (let k = 0; k < r; k++) {
          e[r]! += a[r * n + k]! * a[row + k]!;
          e[k]! += a[r * n + k]! * a[row + r]!;
        }
        e[r]! += a[r * n + r]! * a[row + r]!;
      }
      let fp = 0;
      for (let j = 0; j <= l; j++) {
        e[j] = e[j]! / h;
        fp += e[j]! * a[row + j]!;
      }
      const hh = fp / (h + h);
      for (let j = 0; j <= l; j++) e[j] = e[j]! - hh * a[row + j]!;
      for (let r = 0; r <= l; r++) {
        for (let k = 0; k <= r; k++) a[r * n + k]! -= a[row + r]! * e[k]! + e[r]! * a[row + k]!;
      }
    }
    d[i] = h;
  }
  d[0] = 0;
  e[0] = 0;
}

/** Z = Q^T = H_2 ... H_{n-1} in place (step i: each row z of the leading block gets z -= (z.u / h) u). */
function formBasis(n: number, a: Float64Array, d: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const h = d[i]!;
    if (h !== 0) {
      for (let j = 0; j < i; j++) {
        let g = 0;
        for (let k = 0; k < i; k++) g += a[j * n + k]! * a[row + k]!;
        g /= h;
        for (let k = 0; k < i; k++) a[j * n + k]! -= g * a[row + k]!;
      }
    }
    d[i] = a[row + i]!;
    a[row + i] = 1;
    for (let j = 0; j < i; j++) {
      a[row + j] = 0;
      a[j * n + i] = 0;
    }
  }
}

/** tql2 on (d, e) with e[i] = T[i][i-1]; rotation (i, i+1) acts on rows i, i+1 of z. Returns 0 or l + 1. */
function ql(n: number, d: Float64Array, e: Float64Array, z: Float64Array): number {
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

/** Selection sort of d ascending, swapping the rows of z along. */
function sortRows(n: number, d: Float64Array, z: Float64Array): void {
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    for (let j = i + 1; j < n; j++) if (d[j]! < d[k]!) k = j;
    if (k !== i) {
      swap(d, i, k);
      for (let c = 0; c < n; c++) swap(z, i * n + c, k * n + c);
    }
  }
}

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i]!;
  x[i] = x[j]!;
  x[j] = t;
}
