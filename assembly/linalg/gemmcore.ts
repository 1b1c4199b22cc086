// The blocked GEMM update shared by dgemm, dsyrk, dtrsm and dpotrf (private to assembly/linalg):
//   C += alpha op(A) op(B), op(A) m x k, op(B) k x n, all row-major; with lower = true only the entries
//   i >= j of C are computed and written (the rest of C is not touched).
// Algorithm (GotoBLAS / BLIS loop order): for each NC-column block of op(B) and KC-deep slice, pack the
// KC x NC panel of op(B) (L3); for each MC-row block of op(A), pack the MC x KC block (L2); then sweep
// NR-column micro-panels of B (L1) against the MR-row micro-panels of A with the micro-kernel. Tiles on the
// block's edge or across the diagonal run on a zeroed scratch tile and are added back entry by entry.
// Scratch lives in static memory: the kernels never allocate. C must not overlap A or B.
// See: Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (TOMS 2008); BLIS.
import { MR, NR, microKernel } from "./microkernel";
import { packA, packB } from "./pack";

/** Rows of the packed A block (MC x KC f64 = 256 KiB: lives in the 1 MiB L2). */
export const MC = 128;
/** Depth of the packed blocks (a KC x NR micro-panel of B is 16 KiB: lives in the 48 KiB L1). */
export const KC = 256;
/** Columns of the packed B panel (KC x NC f64 = 1 MiB). */
export const NC = 512;

const PACK_A: usize = memory.data(MC * KC * 8, 16);
const PACK_B: usize = memory.data(KC * NC * 8, 16);
const TILE: usize = memory.data(MR * NR * 8, 16);

/**
 * C += alpha op(A) op(B) (only i >= j when lower). op(A)(i, p) = a[i * lda + p] (transA = 0) or
 * a[p * lda + i] (transA = 1); op(B)(p, j) = b[p * ldb + j] (transB = 0) or b[j * ldb + p] (transB = 1).
 * Pointers in bytes, leading dimensions in elements; m, n, k >= 0.
 */
export function gemmUpdate(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, lower: bool,
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    // With lower, rows above jc hold no entry of the lower triangle in these columns.
    const icStart = lower ? (jc / MC) * MC : 0;
    if (icStart >= m) break;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const bBlock = transB == 0 ? b + ((<usize>pc * ldb + jc) << 3) : b + ((<usize>jc * ldb + pc) << 3);
      packB(transB, kc, nc, bBlock, ldb, PACK_B);
      for (let ic = icStart; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        const aBlock = transA == 0 ? a + ((<usize>ic * lda + pc) << 3) : a + ((<usize>pc * lda + ic) << 3);
        packA(transA, mc, kc, aBlock, lda, alpha, PACK_A);
        macroKernel(mc, nc, kc, c + ((<usize>ic * ldc + jc) << 3), ldc, lower ? jc - ic : I32.MIN_VALUE);
      }
    }
  }
}

/**
 * C[0..mc)[0..nc) += PACK_A PACK_B (alpha is already in PACK_A). diag is the block's first column minus its
 * first row in the whole C, so local entry (i, j) lies on or below the diagonal when j + diag <= i; the other
 * entries are skipped. diag = I32.MIN_VALUE means no restriction.
 */
function macroKernel(mc: i32, nc: i32, kc: i32, c: usize, ldc: i32, diag: i32): void {
  const ld = <usize>ldc << 3;
  const lower = diag != I32.MIN_VALUE;
  const aStride = <usize>kc * (MR << 3);
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const bPanel = PACK_B + <usize>(jr / NR) * (<usize>kc * (NR << 3));
    // Global column of this panel's first entry, relative to the block's first row: jr + diag.
    const j0 = jr + diag;
    // With lower, the first useful tile is the one holding row i = j0 (rows below it all qualify).
    let irStart = 0;
    if (lower && j0 > 0) {
      if (j0 >= mc) continue;
      irStart = (j0 / MR) * MR;
    }
    for (let ir = irStart; ir < mc; ir += MR) {
      const mr = min(MR, mc - ir);
      const cTile = c + <usize>ir * ld + (<usize>jr << 3);
      const aPanel = PACK_A + <usize>(ir / MR) * aStride;
      // A tile is whole when it is inside the block and, under lower, its last column j0 + NR - 1 <= ir.
      if (mr == MR && nr == NR && (!lower || j0 + NR - 1 <= ir)) {
        microKernel(kc, aPanel, bPanel, cTile, ld);
      } else {
        edgeTile(kc, aPanel, bPanel, cTile, ld, mr, nr, lower ? j0 - ir : I32.MIN_VALUE);
      }
    }
  }
}

/** A partial tile: the kernel runs on the zeroed scratch tile; entries r < mr, c < nr (and c + off <= r) go to C. */
function edgeTile(kc: i32, a: usize, b: usize, c: usize, ld: usize, mr: i32, nr: i32, off: i32): void {
  for (let i = 0; i < MR * NR; i += 2) v128.store(TILE + (<usize>i << 3), f64x2.splat(0.0));
  microKernel(kc, a, b, TILE, NR << 3);
  for (let r = 0; r < mr; r++) {
    let w = nr;
    if (off != I32.MIN_VALUE) w = min(nr, r - off + 1);
    const row = c + <usize>r * ld;
    const t = TILE + <usize>(r * NR) * 8;
    for (let q = 0; q < w; q++) store<f64>(row + (<usize>q << 3), load<f64>(row + (<usize>q << 3)) + load<f64>(t + (<usize>q << 3)));
  }
}
