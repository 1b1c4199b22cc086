/** Triangular solves on the WebAssembly dtrsm kernel (friendly tier: validate, copy in, run, copy out). */
import { ArgumentError, ShapeError } from "../errors.js";
import { assertBoolean, assertMatrix, assertSquare } from "../validate.js";
import { getCore } from "../wasm/core.js";
import type { Matrix } from "./matrix.js";

export interface TriangularSolveOptions {
  /** Solve with L^T in place of L. */
  transpose?: boolean;
  /** "left" (default): op(L) X = B; "right": X op(L) = B. */
  side?: "left" | "right";
}

/**
 * Checks a triangular system op(L) X = B (side "left") or X op(L) = B (side "right") at the public boundary:
 * L a square finite Matrix with a non-zero diagonal, B a finite Matrix with as many rows (left) or columns
 * (right) as L.
 * @param L n x n
 * @param B n x m (left) or m x n (right)
 * @param side which side L multiplies X from
 * @throws {ArgumentError} when L or B is not a Matrix, or L has a zero on its diagonal
 * @throws {ShapeError} when L is not square or B does not match it
 * @throws {NonFiniteError} when L or B holds NaN or Infinity
 * @example assertTriangularSystem(L, B, "left") // then call the kernel unvalidated
 */
export function assertTriangularSystem(L: Matrix, B: Matrix, side: "left" | "right"): void {
  assertMatrix("L", L);
  assertMatrix("B", B);
  assertSquare("L", L);
  const n = L.rows;
  const matched = side === "left" ? B.rows : B.cols;
  if (matched !== n) {
    const what = side === "left" ? "rows" : "columns";
    throw new ShapeError(`B must have ${n} ${what} to match L (${n} x ${n}). Value: B is ${B.rows} x ${B.cols}.`, {
      side,
      n,
      rows: B.rows,
      cols: B.cols,
    });
  }
  for (let i = 0; i < n; i++) {
    if (L.data[i * n + i] === 0) {
      throw new ArgumentError(`L must have a non-zero diagonal (it is singular). Value at L[${i}][${i}]: 0.`, { index: i });
    }
  }
}

/**
 * X = op(L)^-1 B (side "left": op(L) X = B) or X = B op(L)^-1 (side "right": X op(L) = B), op(L) = L or L^T,
 * L lower triangular; only the lower triangle of L is read.
 * @param L n x n, lower triangular with a non-zero diagonal
 * @param B n x m (left) or m x n (right)
 * @param opts transpose (boolean, default false), side ("left" default, or "right")
 * @returns X, a fresh Matrix shaped like B
 * @throws {ArgumentError} when L or B is not a Matrix, an option is invalid, or L has a zero on its diagonal
 * @throws {ShapeError} when L is not square or B does not match it
 * @throws {NonFiniteError} when L or B holds NaN or Infinity
 * @throws {TooLargeError} when L and B do not fit in WebAssembly memory
 * @example triangularSolve(L, B, { transpose: true }) // L^T X = B
 */
export function triangularSolve(L: Matrix, B: Matrix, opts: TriangularSolveOptions = {}): Matrix {
  const { transpose = false, side = "left" } = opts;
  assertBoolean("opts.transpose", transpose);
  if (side !== "left" && side !== "right") {
    throw new ArgumentError(`opts.side must be "left" or "right". Value: ${String(side)}.`, { name: "opts.side", value: side });
  }
  assertTriangularSystem(L, B, side);
  return triangularSolveUnchecked(L, B, { transpose, side });
}

/**
 * X = op(L)^-1 B or B op(L)^-1 for a checked or computed system (triangularSolve without its validation).
 * @param L n x n lower triangular, non-zero diagonal
 * @param B n x m (left) or m x n (right)
 * @param opts transpose, side
 * @throws {TooLargeError} when L and B do not fit in WebAssembly memory
 * @example triangularSolveUnchecked(L, B, { transpose: true })
 */
export function triangularSolveUnchecked(L: Matrix, B: Matrix, opts: TriangularSolveOptions = {}): Matrix {
  const { transpose = false, side = "left" } = opts;
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const l = arena.allocFrom(L.data, "L");
    const b = arena.allocFrom(B.data, "B");
    exports.dtrsm(side === "left" ? 0 : 1, +transpose, B.rows, B.cols, 1, l, Math.max(1, L.cols), b, Math.max(1, B.cols));
    return { rows: B.rows, cols: B.cols, data: arena.read(b, B.rows * B.cols) };
  });
}
