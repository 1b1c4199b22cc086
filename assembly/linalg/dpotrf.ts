// dpotrf: in-place Cholesky factorization A = L L^T of a symmetric positive definite n x n matrix, row-major,
// lower triangle read. L overwrites the lower triangle and the strict upper triangle is zeroed.
// Algorithm: right-looking blocked Cholesky with POTRF_NB x POTRF_NB diagonal blocks. For each block column:
//   1. L_jj = chol(A_jj) by the unblocked dot-product algorithm (dpotf2);
//   2. the panel below solves L_ij L_jj^T = A_ij (dtrsm, right side, transposed);
//   3. the trailing lower triangle gets A_22 -= L_i2 L_i2^T (the GEMM update restricted to i >= j).
// A pivot that is not positive (d <= 0 or NaN) stops the factorization: the result is j + 1, with j the
// 0-based index of that pivot, as LAPACK's INFO. Never traps.
// See: LAPACK dpotrf (blocked, lower) and dpotf2 (unblocked); Golub and Van Loan, "Matrix Computations" 4.2.
import { dtrsm } from "./dtrsm";
import { gemmUpdate } from "./gemmcore";
import { dot } from "./vector";

/** Order of the diagonal blocks. */
export const POTRF_NB = 48;

/** A = L L^T in place (lower); returns 0, or j + 1 for the first pivot j that is not positive. */
export function dpotrf(n: i32, a: usize, lda: i32): i32 {
  const row = <usize>lda << 3;
  let info = 0;
  for (let j = 0; j < n; j += POTRF_NB) {
    const jb = min(POTRF_NB, n - j);
    const ajj = a + <usize>j * row + (<usize>j << 3);
    const status = potf2(jb, ajj, lda);
    if (status != 0) {
      info = j + status;
      break;
    }
    const rest = n - j - jb;
    if (rest > 0) {
      const panel = ajj + <usize>jb * row;
      dtrsm(1, 1, rest, jb, 1.0, ajj, lda, panel, lda);
      gemmUpdate(0, 1, rest, rest, jb, -1.0, panel, lda, panel, lda, panel + (<usize>jb << 3), lda, true);
    }
  }
  for (let i = 0; i < n; i++) {
    const r = a + <usize>i * row;
    for (let q = i + 1; q < n; q++) store<f64>(r + (<usize>q << 3), 0.0);
  }
  return info;
}

/**
 * Unblocked Cholesky of an n x n block (dot-product form, row by row of L):
 * L[j][j] = sqrt(A[j][j] - L_j . L_j), L[i][j] = (A[i][j] - L_i . L_j) / L[j][j] for i > j,
 * with L_i the first j entries of row i. Returns 0, or j + 1 for the first pivot j that is not positive.
 */
function potf2(n: i32, a: usize, lda: i32): i32 {
  const row = <usize>lda << 3;
  for (let j = 0; j < n; j++) {
    const rj = a + <usize>j * row;
    const d = load<f64>(rj + (<usize>j << 3)) - dot(j, rj, rj);
    // !(d > 0) also catches NaN.
    if (!(d > 0.0)) return j + 1;
    const ljj = Math.sqrt(d);
    store<f64>(rj + (<usize>j << 3), ljj);
    const r = 1.0 / ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = a + <usize>i * row;
      store<f64>(ri + (<usize>j << 3), (load<f64>(ri + (<usize>j << 3)) - dot(j, ri, rj)) * r);
    }
  }
  return 0;
}
