// dtrsm: triangular solve with many right-hand sides, L lower triangular (non-zero diagonal), row-major,
// B m x n overwritten by X:
//   side 0: op(L) X = alpha B (L m x m)     side 1: X op(L) = alpha B (L n x n)     op(L) = L or L^T.
// Algorithm: blocked substitution. The solve walks TRSM_NB x TRSM_NB diagonal blocks of L in the order the
// substitution needs them; each diagonal block is solved by unblocked substitution with the reciprocals of
// its diagonal (left side: SIMD along the rows of B; right side: SIMD across rows of B, trsmrows.ts), and
// its contribution to the unsolved part of B is removed by one GEMM update (gemmcore.ts), where most of
// the flops run.
// See: reference BLAS dtrsm (the four lower-triangular cases), LAPACK-style blocking (Dongarra et al.,
// "A set of level 3 BLAS", TOMS 1990).
import { gemmUpdate } from "./gemmcore";
import { scaleBlock } from "./scale";
import { RECIP, reciprocals, solveRightBlock } from "./trsmrows";
import { axpy, scal } from "./vector";

/** Order of the diagonal blocks solved by substitution (at most trsmrows.ts SOLVE_MAX). */
export const TRSM_NB = 48;
/** Columns of B swept together by the left-side substitutions (TRSM_NB rows x 64 columns stay in L1). */
const CHUNK = 64;

/** Solves op(L) X = alpha B (side 0) or X op(L) = alpha B (side 1) in place of B; pointers in bytes. */
export function dtrsm(side: i32, trans: i32, m: i32, n: i32, alpha: f64, l: usize, ldl: i32, b: usize, ldb: i32): void {
  if (m <= 0 || n <= 0) return;
  scaleBlock(m, n, alpha, b, ldb, false);
  if (alpha == 0.0) return;
  const lRow = <usize>ldl << 3;
  const bRow = <usize>ldb << 3;
  if (side == 0) {
    const last = ((m - 1) / TRSM_NB) * TRSM_NB;
    if (trans == 0) {
      // L X = B, top to bottom: X_k = L_kk^-1 B_k, then B_below -= L_below,k X_k.
      for (let kb = 0; kb < m; kb += TRSM_NB) {
        const bs = min(TRSM_NB, m - kb);
        const lkk = l + <usize>kb * lRow + (<usize>kb << 3);
        const bk = b + <usize>kb * bRow;
        solveLeft(0, bs, n, lkk, ldl, bk, ldb);
        const rest = m - kb - bs;
        if (rest > 0) gemmUpdate(0, 0, rest, n, bs, -1.0, lkk + <usize>bs * lRow, ldl, bk, ldb, bk + <usize>bs * bRow, ldb, false);
      }
    } else {
      // L^T X = B, bottom to top: X_k = L_kk^-T B_k, then B_above -= (L_k,above)^T X_k.
      for (let kb = last; kb >= 0; kb -= TRSM_NB) {
        const bs = min(TRSM_NB, m - kb);
        const bk = b + <usize>kb * bRow;
        solveLeft(1, bs, n, l + <usize>kb * lRow + (<usize>kb << 3), ldl, bk, ldb);
        if (kb > 0) gemmUpdate(1, 0, kb, n, bs, -1.0, l + <usize>kb * lRow, ldl, bk, ldb, b, ldb, false);
      }
    }
  } else {
    const last = ((n - 1) / TRSM_NB) * TRSM_NB;
    if (trans == 0) {
      // X L = B, right to left: X_k = B_k L_kk^-1, then B_left -= X_k L_k,left.
      for (let kb = last; kb >= 0; kb -= TRSM_NB) {
        const bs = min(TRSM_NB, n - kb);
        const bk = b + (<usize>kb << 3);
        solveRightBlock(0, m, bs, l + <usize>kb * lRow + (<usize>kb << 3), ldl, bk, ldb);
        if (kb > 0) gemmUpdate(0, 0, m, kb, bs, -1.0, bk, ldb, l + <usize>kb * lRow, ldl, b, ldb, false);
      }
    } else {
      // X L^T = B, left to right: X_k = B_k L_kk^-T, then B_right -= X_k (L_right,k)^T.
      for (let kb = 0; kb < n; kb += TRSM_NB) {
        const bs = min(TRSM_NB, n - kb);
        const lkk = l + <usize>kb * lRow + (<usize>kb << 3);
        const bk = b + (<usize>kb << 3);
        solveRightBlock(1, m, bs, lkk, ldl, bk, ldb);
        const rest = n - kb - bs;
        if (rest > 0) gemmUpdate(0, 1, m, rest, bs, -1.0, bk, ldb, lkk + <usize>bs * lRow, ldl, bk + (<usize>bs << 3), ldb, false);
      }
    }
  }
}

/**
 * op(L) X = B in place of B for a bs x bs block L and bs x n B, CHUNK columns of B at a time:
 *   trans 0: row i of X = (row i of B - sum_{j<i} L[i][j] X_j) / L[i][i], for i = 0, 1, ...
 *   trans 1: from the last row up, X_i = B_i / L[i][i], then B_j -= L[i][j] X_i for j < i.
 */
function solveLeft(trans: i32, bs: i32, n: i32, l: usize, ldl: i32, b: usize, ldb: i32): void {
  reciprocals(bs, l, ldl);
  const lRow = <usize>ldl << 3;
  const bRow = <usize>ldb << 3;
  for (let j0 = 0; j0 < n; j0 += CHUNK) {
    const w = min(CHUNK, n - j0);
    const bc = b + (<usize>j0 << 3);
    if (trans == 0) {
      for (let i = 0; i < bs; i++) {
        const xi = bc + <usize>i * bRow;
        const li = l + <usize>i * lRow;
        for (let j = 0; j < i; j++) axpy(w, -load<f64>(li + (<usize>j << 3)), bc + <usize>j * bRow, xi);
        scal(w, load<f64>(RECIP + (<usize>i << 3)), xi);
      }
    } else {
      for (let i = bs - 1; i >= 0; i--) {
        const xi = bc + <usize>i * bRow;
        const li = l + <usize>i * lRow;
        scal(w, load<f64>(RECIP + (<usize>i << 3)), xi);
        for (let j = 0; j < i; j++) axpy(w, -load<f64>(li + (<usize>j << 3)), xi, bc + <usize>j * bRow);
      }
    }
  }
}
