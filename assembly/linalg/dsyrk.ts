// dsyrk: C = alpha A A^T + beta C (trans = 0, A n x k) or C = alpha A^T A + beta C (trans = 1, A k x n),
// C n x n row-major. Algorithm: scale the lower triangle by beta, run the blocked GEMM update of
// gemmcore.ts on the tiles that touch the lower triangle only (about half the flops of a GEMM), then mirror
// the lower triangle into the upper one, so the result is exactly symmetric.
// See: reference BLAS dsyrk (semantics, with UPLO = 'L' followed by a symmetric copy); BLIS herk.
import { gemmUpdate } from "./gemmcore";
import { scaleBlock } from "./scale";

/** Side of the square tiles of the lower-to-upper copy (a 32 x 32 tile of f64 is 8 KiB). */
const MIRROR_TILE = 32;

/** C = alpha op(A) op(A)^T + beta C with op(A) = A (trans = 0) or A^T (trans = 1); pointers in bytes. */
export function dsyrk(trans: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32, beta: f64, c: usize, ldc: i32): void {
  if (n <= 0) return;
  scaleBlock(n, n, beta, c, ldc, true);
  if (alpha != 0.0 && k > 0) {
    // trans = 0: C += alpha A (A^T), op(B)(p, j) = A[j][p]; trans = 1: C += alpha (A^T) A, op(A)(i, p) = A[p][i].
    if (trans == 0) gemmUpdate(0, 1, n, n, k, alpha, a, lda, a, lda, c, ldc, true);
    else gemmUpdate(1, 0, n, n, k, alpha, a, lda, a, lda, c, ldc, true);
  }
  mirrorLower(n, c, ldc);
}

/** C[j][i] = C[i][j] for j < i, tile by tile so that both the reads and the strided writes stay in cache. */
function mirrorLower(n: i32, c: usize, ldc: i32): void {
  const ld = <usize>ldc << 3;
  for (let ib = 0; ib < n; ib += MIRROR_TILE) {
    const iEnd = min(n, ib + MIRROR_TILE);
    for (let jb = 0; jb <= ib; jb += MIRROR_TILE) {
      for (let i = ib; i < iEnd; i++) {
        const row = c + <usize>i * ld;
        const jEnd = min(i, jb + MIRROR_TILE);
        for (let j = jb; j < jEnd; j++) store<f64>(c + <usize>j * ld + (<usize>i << 3), load<f64>(row + (<usize>j << 3)));
      }
    }
  }
}
