/**
 * The pointer tier: a matrix in WebAssembly memory as { ptr, rows, cols, ld } (row-major, ptr a byte offset, ld
 * the leading dimension in f64), the kernels' flags by name, element access, and the kernels called on such
 * matrices, their sizes and leading dimensions read off the operands. Nothing here validates: callers hold
 * matrices they allocated (validate at the boundary); no call allocates except allocMatrix and copyIn.
 */
import type { Matrix } from "../linalg/matrix.js";
import { getCore } from "./core.js";

/** A rows x cols matrix at byte offset ptr, row i starting ld f64 after row i - 1 (ld >= cols). */
export interface WasmMatrix {
  readonly ptr: number;
  readonly rows: number;
  readonly cols: number;
  readonly ld: number;
}

/** op(A) = A. */
export const NO_TRANSPOSE = 0;
/** op(A) = A^T. */
export const TRANSPOSE = 1;
/** The kernels' transpose flag. */
export type Transpose = typeof NO_TRANSPOSE | typeof TRANSPOSE;

/** dtrsm solves op(L) X = B. */
export const LEFT = 0;
/** dtrsm solves X op(L) = B. */
export const RIGHT = 1;
/** dtrsm's side. */
export type Side = typeof LEFT | typeof RIGHT;

/**
 * A fresh rows x cols matrix in the arena (uninitialized, ld = cols), released with the enclosing arena scope.
 * @param rows rows
 * @param cols columns
 * @param what its name in a TooLargeError
 * @example const K = allocMatrix(n, n, "K = X~ X~^T");
 */
export function allocMatrix(rows: number, cols: number, what: string): WasmMatrix {
  return { ptr: getCore().arena.alloc(rows * cols, what), rows, cols, ld: cols };
}

/**
 * A copy of M in the arena (ld = M.cols).
 * @param M a Matrix
 * @param what its name in a TooLargeError
 */
export function copyIn(M: Matrix, what: string): WasmMatrix {
  return { ptr: getCore().arena.allocFrom(M.data, what), rows: M.rows, cols: M.cols, ld: M.cols };
}

/**
 * The rows x cols block of A whose first entry is A[row][col] (same memory, same ld).
 * @example const Y = block(sample, 0, p, n, k); // the last k columns of [X Y]
 */
export function block(A: WasmMatrix, row: number, col: number, rows: number, cols: number): WasmMatrix {
  return { ptr: A.ptr + 8 * (row * A.ld + col), rows, cols, ld: A.ld };
}

/**
 * The index of A[i][j] in the arena's f64 view (arena.f64[index(A, i, j)]); the view dies at the next allocation.
 * @example arena.f64[index(L, i, i)] += shift;
 */
export function index(A: WasmMatrix, i: number, j: number): number {
  return A.ptr / 8 + i * A.ld + j;
}

/** A view of a compact A (ld = cols) as rows * cols f64, valid until the next allocation. */
export function viewOf(A: WasmMatrix): Float64Array {
  return getCore().arena.view(A.ptr, A.rows * A.cols);
}

/** A copy of A as a Matrix (compact: ld = cols). */
export function readMatrix(A: WasmMatrix): Matrix {
  const { arena, exports: kx } = getCore();
  if (A.ld === A.cols) return { rows: A.rows, cols: A.cols, data: arena.read(A.ptr, A.rows * A.cols) };
  return arena.scope(() => {
    const packed = arena.alloc(A.rows * A.cols, "packed block");
    kx.dlacpy(A.rows, A.cols, A.ptr, A.ld, packed, A.cols);
    return { rows: A.rows, cols: A.cols, data: arena.read(packed, A.rows * A.cols) };
  });
}

/** C = alpha op(A) op(B) + beta C (dgemm); C is m x n, the inner dimension is op(A)'s columns. */
export function gemm(transA: Transpose, transB: Transpose, alpha: number, A: WasmMatrix, B: WasmMatrix, beta: number, C: WasmMatrix): void {
  const k = transA === TRANSPOSE ? A.rows : A.cols;
  getCore().exports.dgemm(transA, transB, C.rows, C.cols, k, alpha, A.ptr, A.ld, B.ptr, B.ld, beta, C.ptr, C.ld);
}

/** C = alpha A A^T + beta C (NO_TRANSPOSE) or alpha A^T A + beta C (TRANSPOSE), exactly symmetric (dsyrk). */
export function syrk(trans: Transpose, alpha: number, A: WasmMatrix, beta: number, C: WasmMatrix): void {
  const k = trans === TRANSPOSE ? A.rows : A.cols;
  getCore().exports.dsyrk(trans, C.rows, k, alpha, A.ptr, A.ld, beta, C.ptr, C.ld);
}

/** The f64 of scratch weightedSyrk needs for an A of `rows` rows and `cols` columns (one 256-column block). */
export function weightedSyrkScratch(rows: number, cols: number): number {
  return rows * Math.min(256, cols);
}

/**
 * C = beta C + (A diag(w)) (A diag(w))^T, exactly symmetric (dsyrkWeighted), w a vector of A.cols f64 at byte
 * offset w; scratch holds weightedSyrkScratch(A.rows, A.cols) f64 at byte offset scratch.
 */
export function weightedSyrk(A: WasmMatrix, w: number, beta: number, C: WasmMatrix, scratch: number): void {
  getCore().exports.dsyrkWeighted(A.rows, A.cols, A.ptr, A.ld, w, beta, C.ptr, C.ld, scratch);
}

/** C = A diag(x) + beta C (ddgmm), x a vector of A.cols f64 at byte offset x; C may be A. */
export function scaleColumns(A: WasmMatrix, x: number, beta: number, C: WasmMatrix): void {
  getCore().exports.ddgmm(A.rows, A.cols, A.ptr, A.ld, x, beta, C.ptr, C.ld);
}

/** B = A for blocks of one shape (dlacpy). */
export function copyBlock(A: WasmMatrix, B: WasmMatrix): void {
  getCore().exports.dlacpy(A.rows, A.cols, A.ptr, A.ld, B.ptr, B.ld);
}

/** X = op(L)^{-1} B (LEFT) or B op(L)^{-1} (RIGHT), in place in B, L lower triangular (dtrsm). */
export function trsm(side: Side, trans: Transpose, L: WasmMatrix, B: WasmMatrix): void {
  getCore().exports.dtrsm(side, trans, B.rows, B.cols, 1, L.ptr, L.ld, B.ptr, B.ld);
}

/** sum_ij A_ij B_ij over two compact matrices of one shape (ddot). */
export function dot(A: WasmMatrix, B: WasmMatrix): number {
  return getCore().exports.ddot(A.rows * A.cols, A.ptr, B.ptr);
}

/** sum_ij (A_ij - B_ij)^2 over two blocks of one shape (dsqdiff). */
export function squaredDistance(A: WasmMatrix, B: WasmMatrix): number {
  return getCore().exports.dsqdiff(A.rows, A.cols, A.ptr, A.ld, B.ptr, B.ld);
}
