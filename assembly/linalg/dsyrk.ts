// dsyrk: C = alpha A A^T + beta C (trans = 0, A n x k) or C = alpha A^T A + beta C (trans = 1, A k x n),
// C n x n row-major. Algorithm: scale the lower triangle by beta, run the blocked GEMM update of
// gemmcore.ts on the tiles that touch the lower triangle only (about half the flops of a GEMM), then mirror
// the lower triangle into the upper one, so the result is exactly symmetric.
// See: reference BLAS dsyrk (semantics, with UPLO = 'L' followed by a symmetric copy); BLIS herk.
import { ddgmm } from "./ddgmm";
import { gemmUpdate, KC } from "./gemmcore";
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

/**
 * C = beta C + (A diag(w)) (A diag(w))^T, the weighted Gram A diag(w^2) A^T of A (n x k row-major; w: k f64):
 * A diag(w) is formed KC columns at a time in scratch (n x KC f64), each block's update goes into the lower
 * triangle, which is mirrored once at the end. Every entry gets the bits of scaling A's columns by w (ddgmm)
 * and calling dsyrk on successive KC-column blocks with beta, then 1: the same products, slices and order,
 * without a beta pass and a mirror per block. Pointers in bytes; C must not overlap A, w or scratch.
 */
export function dsyrkWeighted(n: i32, k: i32, a: usize, lda: i32, w: usize, beta: f64, c: usize, ldc: i32, scratch: usize): void {
  if (n <= 0) return;
  scaleBlock(n, n, beta, c, ldc, true);
  for (let j = 0; j < k; j += KC) {
    const kc = min(KC, k - j);
    ddgmm(n, kc, a + (<usize>j << 3), lda, w + (<usize>j << 3), 0.0, scratch, kc);
    gemmUpdate(0, 1, n, n, kc, 1.0, scratch, kc, scratch, kc, c, ldc, true);
  }
  mirrorLower(n, c, ldc);
}

/**
 * C[j][i] = C[i][j] for j < i, tile by tile so that both the reads and the strided writes stay in cache; rows
 * i, i + 1 and columns j, j + 1 go as one 2 x 2 transpose of f64 pairs (two 16-byte loads and stores).
 */
function mirrorLower(n: i32, c: usize, ldc: i32): void {
  const ld = <usize>ldc << 3;
  for (let ib = 0; ib < n; ib += MIRROR_TILE) {
    const iEnd = min(n, ib + MIRROR_TILE);
    for (let jb = 0; jb <= ib; jb += MIRROR_TILE) {
      const jbEnd = jb + MIRROR_TILE;
      let i = ib;
      for (; i + 2 <= iEnd; i += 2) {
        const r0 = c + <usize>i * ld;
        const r1 = r0 + ld;
        // Columns j < min(i, jbEnd) hold entries of both rows below the diagonal; row i + 1 also has j = i.
        const jEnd = min(i, jbEnd);
        let j = jb;
        for (; j + 2 <= jEnd; j += 2) {
          const x = v128.load(r0 + (<usize>j << 3));
          const y = v128.load(r1 + (<usize>j << 3));
          const o = c + <usize>j * ld + (<usize>i << 3);
          // (C[j][i], C[j][i+1]) = (C[i][j], C[i+1][j]); (C[j+1][i], C[j+1][i+1]) = (C[i][j+1], C[i+1][j+1])
          v128.store(o, f64x2.shuffle(x, y, 0, 2));
          v128.store(o + ld, f64x2.shuffle(x, y, 1, 3));
        }
        for (; j < jEnd; j++) {
          const o = c + <usize>j * ld + (<usize>i << 3);
          store<f64>(o, load<f64>(r0 + (<usize>j << 3)));
          store<f64>(o, load<f64>(r1 + (<usize>j << 3)), 8);
        }
        if (i < jbEnd) store<f64>(c + <usize>i * ld + (<usize>(i + 1) << 3), load<f64>(r1 + (<usize>i << 3)));
      }
      if (i < iEnd) {
        const row = c + <usize>i * ld;
        const jEnd = min(i, jbEnd);
        for (let j = jb; j < jEnd; j++) store<f64>(c + <usize>j * ld + (<usize>i << 3), load<f64>(row + (<usize>j << 3)));
      }
    }
  }
}
