/**
 * The pointer tier: a matrix in WebAssembly memory as { ptr, rows, cols, ld } (row-major, ptr a byte offset, ld
 * the leading dimension in f64) and a vector as { ptr, length }, the kernels' flags by name, element access, and
 * the kernels called on such operands, their sizes and leading dimensions read off the operands. Domain code
 * reaches WebAssembly memory only through here: no byte offsets, no arena views held across calls. Nothing here
 * validates: callers hold operands they allocated (validate at the boundary); no call allocates except
 * allocMatrix, allocVector, copyIn, vectorIn and readMatrix's scratch (released before it returns).
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

/** length f64 at byte offset ptr, contiguous. */
export interface WasmVector {
  readonly ptr: number;
  readonly length: number;
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
 * Runs fn and releases every matrix and vector allocated inside it, also when it throws (the arena's stack order).
 * @example const risk = scope(() => { const K = allocMatrix(n, n, "K"); ...; return dot(K, K); });
 */
export function scope<T>(fn: () => T): T {
  return getCore().arena.scope(fn);
}

/**
 * A copy of values in the arena.
 * @param values the entries
 * @param what its name in a TooLargeError
 * @example const sqrtSx = vectorIn(sx.map(Math.sqrt), "sqrt(Sx)");
 */
export function vectorIn(values: Float64Array, what: string): WasmVector {
  return { ptr: getCore().arena.allocFrom(values, what), length: values.length };
}

/**
 * A fresh vector of length f64 in the arena (uninitialized), released with the enclosing scope.
 * @param length entries
 * @param what its name in a TooLargeError
 */
export function allocVector(length: number, what: string): WasmVector {
  return { ptr: getCore().arena.alloc(length, what), length };
}

/** x as a compact rows x cols matrix (rows * cols = x.length, same memory). */
export function asMatrix(x: WasmVector, rows: number, cols: number): WasmMatrix {
  return { ptr: x.ptr, rows, cols, ld: cols };
}

/**
 * The rows x cols block of A whose first entry is A[row][col] (same memory, same ld).
 * @example const Y = block(sample, 0, p, n, k); // the last k columns of [X Y]
 */
export function block(A: WasmMatrix, row: number, col: number, rows: number, cols: number): WasmMatrix {
  return { ptr: A.ptr + 8 * (row * A.ld + col), rows, cols, ld: A.ld };
}

/** The index of A[i][j] in the arena's f64 view (private: the view dies at the next allocation). */
function at(A: WasmMatrix, i: number, j: number): number {
  return A.ptr / 8 + i * A.ld + j;
}

/** A[i][j]. */
export function get(A: WasmMatrix, i: number, j: number): number {
  return getCore().arena.f64[at(A, i, j)]!;
}

/** A = value everywhere (every row of a block, its ld gaps untouched). */
export function fill(A: WasmMatrix, value: number): void {
  const f64 = getCore().arena.f64;
  for (let i = 0; i < A.rows; i++) f64.fill(value, at(A, i, 0), at(A, i, A.cols));
}

/** A = I (square A). */
export function setIdentity(A: WasmMatrix): void {
  fill(A, 0);
  const f64 = getCore().arena.f64;
  for (let i = 0; i < A.rows; i++) f64[at(A, i, i)] = 1;
}

/** A := A + shift I (square A), in place. */
export function addToDiagonal(A: WasmMatrix, shift: number): void {
  const f64 = getCore().arena.f64;
  for (let i = 0; i < A.rows; i++) f64[at(A, i, i)]! += shift;
}

/** tr(A) = sum_i A_ii (square A), summed in index order. */
export function trace(A: WasmMatrix): number {
  const f64 = getCore().arena.f64;
  let s = 0;
  for (let i = 0; i < A.rows; i++) s += f64[at(A, i, i)]!;
  return s;
}

/** A = M, M a Matrix of A's shape. */
export function writeMatrix(A: WasmMatrix, M: Matrix): void {
  const f64 = getCore().arena.f64;
  for (let i = 0; i < A.rows; i++) f64.set(M.data.subarray(i * A.cols, (i + 1) * A.cols), at(A, i, 0));
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

/** The core's depth of a packed block (KC of assembly/linalg/gemmcore.ts): dsyrkWeighted scales A this many columns at a time. */
const KC = 256;

/** The f64 of scratch weightedSyrk needs for an A of `rows` rows and `cols` columns (one KC-column block). */
export function weightedSyrkScratch(rows: number, cols: number): number {
  return rows * Math.min(KC, cols);
}

/**
 * C = beta C + (A diag(w)) (A diag(w))^T, exactly symmetric (dsyrkWeighted), w of A.cols entries; scratch holds
 * weightedSyrkScratch(A.rows, A.cols) f64.
 */
export function weightedSyrk(A: WasmMatrix, w: WasmVector, beta: number, C: WasmMatrix, scratch: WasmVector): void {
  getCore().exports.dsyrkWeighted(A.rows, A.cols, A.ptr, A.ld, w.ptr, beta, C.ptr, C.ld, scratch.ptr);
}

/** C = A diag(x) + beta C (ddgmm), x of A.cols entries; C may be A. */
export function scaleColumns(A: WasmMatrix, x: WasmVector, beta: number, C: WasmMatrix): void {
  getCore().exports.ddgmm(A.rows, A.cols, A.ptr, A.ld, x.ptr, beta, C.ptr, C.ld);
}

/** B = A for blocks of one shape (dlacpy). */
export function copyBlock(A: WasmMatrix, B: WasmMatrix): void {
  getCore().exports.dlacpy(A.rows, A.cols, A.ptr, A.ld, B.ptr, B.ld);
}

/**
 * A = L L^T in place (dpotrf): L overwrites A's lower triangle, the strict upper triangle is zeroed.
 * @returns 0, or j + 1 for the first pivot j that is not positive (LAPACK's info; A is then partly overwritten)
 */
export function potrf(A: WasmMatrix): number {
  return getCore().exports.dpotrf(A.rows, A.ptr, A.ld);
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
