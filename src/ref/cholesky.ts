/**
 * Plain-TypeScript twin of the dpotrf kernel (assembly/linalg/dpotrf.ts): the unblocked Cholesky-
 * Banachiewicz algorithm (row by row of L, one dot product per entry), reading the lower triangle only.
 */
import type { Matrix } from "../linalg/matrix.js";

/** Either the factor, or the 0-based index of the first pivot that was not positive (NaN included). */
export type RefCholeskyResult = { L: Matrix } | { pivot: number };

/**
 * S = L L^T with L lower triangular (strict upper zero) and a positive diagonal.
 * @param S n x n, row-major, symmetric positive definite; only the lower triangle is read (not checked:
 *   this is the reference, not the public API)
 * @returns { L }, or { pivot } when pivot `pivot` is not positive
 * @example refCholesky(fromRows([[4, 2], [2, 5]])) // { L: [[2, 0], [1, 2]] }
 */
export function refCholesky(S: Matrix): RefCholeskyResult {
  const n = S.rows;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S.data[i * n + j]!;
      for (let p = 0; p < j; p++) s -= l[i * n + p]! * l[j * n + p]!;
      if (i === j) {
        if (!(s > 0)) return { pivot: j };
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  return { L: { rows: n, cols: n, data: l } };
}
