/**
 * The matrix product on the WebAssembly dgemm kernel (friendly tier: copy in, run, copy out): matmul validates
 * its operands, matmulUnchecked is the same product for checked or computed operands (no finiteness rescan).
 */
import { ShapeError } from "../errors.js";
import { assertBoolean, assertFiniteNumber, assertMatrix } from "../validate.js";
import { getCore } from "../wasm/core.js";
import type { Matrix } from "./matrix.js";

export interface MatmulOptions {
  /** Use A^T in place of A. */
  transA?: boolean;
  /** Use B^T in place of B. */
  transB?: boolean;
  /** Scale of the product (default 1). */
  alpha?: number;
}

/**
 * C = alpha op(A) op(B), op(X) = X or X^T.
 * @param A row-major; op(A) is m x k
 * @param B row-major; op(B) is k x n
 * @param opts transA, transB (booleans), alpha (finite)
 * @returns C, a fresh m x n Matrix
 * @throws {ArgumentError} when A or B is not a Matrix, or an option has the wrong type or is not finite
 * @throws {ShapeError} when a data length disagrees with rows x cols, or op(A) and op(B) do not chain
 * @throws {NonFiniteError} when A or B holds NaN or Infinity
 * @throws {TooLargeError} when the operands do not fit in WebAssembly memory
 * @example matmul(A, B, { transA: true }) // A^T B
 */
export function matmul(A: Matrix, B: Matrix, opts: MatmulOptions = {}): Matrix {
  assertMatrix("A", A);
  assertMatrix("B", B);
  const { transA = false, transB = false, alpha = 1 } = opts;
  assertBoolean("opts.transA", transA);
  assertBoolean("opts.transB", transB);
  assertFiniteNumber("opts.alpha", alpha);
  return matmulUnchecked(A, B, opts);
}

/**
 * C = alpha op(A) op(B) on operands the caller has checked or computed (matmul without its validation; the
 * inner dimensions are still compared, an O(1) guard on the kernel's reads).
 * @param A row-major Matrix
 * @param B row-major Matrix
 * @param opts transA, transB, alpha
 * @throws {ShapeError} when op(A) and op(B) do not chain
 * @throws {TooLargeError} when the operands do not fit in WebAssembly memory
 * @example matmulUnchecked(W, ST, { transA: true }) // W^T S_T
 */
export function matmulUnchecked(A: Matrix, B: Matrix, opts: MatmulOptions = {}): Matrix {
  const { transA = false, transB = false, alpha = 1 } = opts;
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const kB = transB ? B.cols : B.rows;
  const n = transB ? B.rows : B.cols;
  if (k !== kB) {
    throw new ShapeError(
      `matmul: op(A) is ${m} x ${k} but op(B) is ${kB} x ${n}; the inner dimensions must agree.`,
      { m, k, kB, n, transA, transB },
    );
  }
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const a = arena.allocFrom(A.data, "A");
    const b = arena.allocFrom(B.data, "B");
    const c = arena.alloc(m * n, "C");
    exports.dgemm(+transA, +transB, m, n, k, alpha, a, Math.max(1, A.cols), b, Math.max(1, B.cols), 0, c, Math.max(1, n));
    return { rows: m, cols: n, data: arena.read(c, m * n) };
  });
}
