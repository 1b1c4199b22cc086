// The blocked GEMM update shared by dgemm, dsyrk, dtrsm and dpotrf (private to assembly/linalg):
//   C += alpha op(A) op(B), op(A) m x k, op(B) k x n, all row-major; with lower = true only the entries
//   i >= j of C are computed and written (the rest of C is not touched).
// Algorithm (GotoBLAS / BLIS loop order): for each NC-column block of op(B) and KC-deep slice, pack the
// KC x NC panel of op(B) (L3); for each MC-row block of op(A), pack the MC x KC block (L2); then sweep
// NR-column micro-panels of B (L1) against the MR-row micro-panels of A with the micro-kernel. Tiles on the
// block's edge or across the diagonal run on a zeroed scratch tile and are added back entry by entry.
// The micro-kernel and its MR, NR, MC, NC are one of the candidates of gemmSelect (the planner times them);
// KC and the order of the sum over k are the same for all, so every candidate gives the same bits: each
// entry gets, per KC slice in order, the slice's sum accumulated from +0 in order of k, added to C.
// Scratch lives in static memory: the kernels never allocate. C must not overlap A or B.
// See: Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (TOMS 2008); BLIS.
import { kernel2x6, kernel2x8, kernel4x4, kernel4x4s, TILE_MAX } from "./microkernel";
import { packA, packB } from "./pack";

/** Depth of the packed blocks, the same for every candidate (a KC x 8 micro-panel of B is 16 KiB: L1). */
export const KC = 256;
/** Largest MC of any candidate (MC_MAX x KC f64 = 256 KiB). */
const MC_MAX = 128;
/** Largest NC of any candidate (KC x NC_MAX f64 = 1 MiB). */
const NC_MAX = 512;

const PACK_A: usize = memory.data(MC_MAX * KC * 8, 16);
const PACK_B: usize = memory.data(KC * NC_MAX * 8, 16);
const TILE: usize = memory.data(TILE_MAX * 8, 16);

type MicroKernel = (kc: i32, a: usize, b: usize, c: usize, ldc: usize) => void;

/** Number of candidates gemmSelect accepts (ids 0 .. GEMM_CANDIDATES - 1; src/wasm/kernels.ts names them). */
export const GEMM_CANDIDATES = 5;

/** Multiply-adds the micro-kernel has run since instantiation (edge tiles counted whole), for gemmIssued. */
let issued: f64 = 0;

/**
 * The multiply-adds every product has run through the micro-kernel since the core started (edge tiles counted
 * whole): a benchmark's difference of two readings is the work its products really did.
 */
export function gemmIssued(): f64 {
  return issued;
}

// The selected candidate (0: 2 x 8, MC = 128, NC = 512 until gemmSelect says otherwise).
let kernel: MicroKernel = kernel2x8;
let MR = 2;
let NR = 8;
let MC = 128;
let NC = 512;

/**
 * Selects the micro-kernel and blocking of every later product (MR x NR tile, MC, NC):
 * 0 = 2 x 8, 128, 512; 1 = 2 x 8, 64, 256 (for small L2 caches); 2 = 2 x 6, 128, 510; 3 = 4 x 4, 128, 512;
 * 4 = 4 x 4 with swapped pairs, 128, 512. Returns 0, or -1 (nothing changed) for an unknown id.
 */
export function gemmSelect(id: i32): i32 {
  switch (id) {
    case 0: use(kernel2x8, 2, 8, 128, 512); break;
    case 1: use(kernel2x8, 2, 8, 64, 256); break;
    case 2: use(kernel2x6, 2, 6, 128, 510); break;
    case 3: use(kernel4x4, 4, 4, 128, 512); break;
    case 4: use(kernel4x4s, 4, 4, 128, 512); break;
    default: return -1;
  }
  return 0;
}

/** The MR, NR, MC or NC (what = 0, 1, 2, 3) of the selected candidate, for tests of the block edges. */
export function gemmBlock(what: i32): i32 {
  return what == 0 ? MR : what == 1 ? NR : what == 2 ? MC : NC;
}

function use(k: MicroKernel, mr: i32, nr: i32, mc: i32, nc: i32): void {
  kernel = k;
  MR = mr;
  NR = nr;
  MC = mc;
  NC = nc;
}

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
      packB(transB, kc, nc, NR, bBlock, ldb, PACK_B);
      for (let ic = icStart; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        const aBlock = transA == 0 ? a + ((<usize>ic * lda + pc) << 3) : a + ((<usize>pc * lda + ic) << 3);
        packA(transA, mc, kc, MR, aBlock, lda, alpha, PACK_A);
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
  const mr = MR;
  const nr = NR;
  const tile = <f64>(kc * mr * nr);
  const aStride = <usize>kc * (<usize>mr << 3);
  const bStride = <usize>kc * (<usize>nr << 3);
  for (let jr = 0; jr < nc; jr += nr) {
    const w = min(nr, nc - jr);
    const bPanel = PACK_B + <usize>(jr / nr) * bStride;
    // Global column of this panel's first entry, relative to the block's first row: jr + diag.
    const j0 = jr + diag;
    // With lower, the first useful tile is the one holding row i = j0 (rows below it all qualify).
    let irStart = 0;
    if (lower && j0 > 0) {
      if (j0 >= mc) continue;
      irStart = (j0 / mr) * mr;
    }
    // The panel's tiles, rows irStart .. mc in steps of mr.
    issued += tile * <f64>((mc - irStart + mr - 1) / mr);
    for (let ir = irStart; ir < mc; ir += mr) {
      const h = min(mr, mc - ir);
      const cTile = c + <usize>ir * ld + (<usize>jr << 3);
      const aPanel = PACK_A + <usize>(ir / mr) * aStride;
      // A tile is whole when it is inside the block and, under lower, its last column j0 + nr - 1 <= ir.
      if (h == mr && w == nr && (!lower || j0 + nr - 1 <= ir)) {
        kernel(kc, aPanel, bPanel, cTile, ld);
      } else {
        edgeTile(kc, aPanel, bPanel, cTile, ld, h, w, lower ? j0 - ir : I32.MIN_VALUE);
      }
    }
  }
}

/** A partial tile: the kernel runs on the zeroed scratch tile; entries r < h, q < w (and q + off <= r) go to C. */
function edgeTile(kc: i32, a: usize, b: usize, c: usize, ld: usize, h: i32, w: i32, off: i32): void {
  const nr = NR;
  for (let i = 0; i < TILE_MAX; i += 2) v128.store(TILE + (<usize>i << 3), f64x2.splat(0.0));
  kernel(kc, a, b, TILE, <usize>nr << 3);
  for (let r = 0; r < h; r++) {
    let cols = w;
    if (off != I32.MIN_VALUE) cols = min(w, r - off + 1);
    const row = c + <usize>r * ld;
    const t = TILE + <usize>(r * nr) * 8;
    for (let q = 0; q < cols; q++) store<f64>(row + (<usize>q << 3), load<f64>(row + (<usize>q << 3)) + load<f64>(t + (<usize>q << 3)));
  }
}
