/**
 * Plain-TypeScript twin of the symmetric eigensolver kernel (assembly/linalg/dsyev.ts): the same steps,
 * written to be read, not to be fast. Householder tridiagonalization T = Q^T S Q from the lower triangle
 * (EISPACK tred2) and the basis Z = Q^T formed in place. Up to DC_CROSSOVER rows: implicit QL with Wilkinson
 * shifts on T whose rotations act on the rows of Z (EISPACK tql2, ql.ts), a selection sort of the rows by
 * eigenvalue, and one transpose. Above: divide and conquer on T (dstedc.ts) for T = W diag(values) W^T,
 * then V = Q W (LAPACK dsyevd). S is first scaled by a power of two into [2^-484, 2^484] when its largest
 * entry lies outside (LAPACK dsyev), and the eigenvalues scaled back. The kernel computes the same
 * quantities in a faster order (fused update and product in the reduction, the basis in blocks of
 * reflectors, rotations applied in batches, the merges in place with dgemm), so the two agree to rounding,
 * not bit for bit.
 */
import type { Matrix } from "../linalg/matrix.js";
import { refDivideAndConquer } from "./dstedc.js";
import { ql } from "./ql.js";

/** Largest n solved by QL; divide and conquer above (the kernel's crossover, measured there). */
export const DC_CROSSOVER = 64;
const RMIN = 2 ** -484;
const RMAX = 2 ** 484;

export interface RefEigenResult {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Column j is the unit eigenvector of values[j]. */
  vectors: Matrix;
  /**
   * 0, or l + 1 if the QL iteration for eigenvalue l did not converge, or (above DC_CROSSOVER) a leaf's QL
   * or a merge's secular equation at row l (values and vectors then unusable).
   */
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
  if (n > DC_CROSSOVER) {
    const { values, Z, info } = refDivideAndConquer(d, e.subarray(1));
    // V = Q W with Q^T in a: V[r][c] = sum_k a[k][r] W[k][c].
    const V = new Float64Array(n * n);
    for (let k = 0; k < n; k++) {
      for (let r = 0; r < n; r++) {
        const q = a[k * n + r]!;
        for (let c = 0; c < n; c++) V[r * n + c]! += q * Z[k * n + c]!;
      }
    }
    return { values: values.map((v) => v / sigma), vectors: { rows: n, cols: n, data: V }, info };
  }
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
    // Below the smallest normal number, 1 / scale overflows: the row is taken as reduced (the entries
    // dropped are under n 2^-1022, far below eps ||S|| once S is scaled into [2^-484, 2^484]).
    if (l === 0 || scale < 2 ** -1022) {
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
