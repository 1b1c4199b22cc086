/**
 * Cholesky factorization and solves on the WebAssembly dpotrf and dtrsm kernels (friendly tier): cholesky and
 * choleskySolve validate, their Unchecked forms take checked or computed operands.
 */
import { NotPositiveDefiniteError } from "../errors.js";
import { assertMatrix, assertSquare } from "../validate.js";
import { getCore } from "../wasm/core.js";
import type { Matrix } from "./matrix.js";
import { assertTriangularSystem } from "./triangular.js";

/**
 * S = L L^T: the lower Cholesky factor of a symmetric positive definite S (only its lower triangle is read).
 * @param S n x n, symmetric positive definite
 * @param name how S is named in errors (default "S")
 * @returns L, a fresh n x n lower-triangular Matrix (strict upper triangle zero, positive diagonal)
 * @throws {ArgumentError} when S is not a Matrix
 * @throws {ShapeError} when S is not square or its data length disagrees with rows x cols
 * @throws {NonFiniteError} when S holds NaN or Infinity
 * @throws {NotPositiveDefiniteError} when a pivot is not positive; `pivot` is its 0-based index
 * @throws {TooLargeError} when S does not fit in WebAssembly memory
 * @example cholesky(fromRows([[4, 2], [2, 5]])) // [[2, 0], [1, 2]]
 */
export function cholesky(S: Matrix, name = "S"): Matrix {
  assertMatrix(name, S);
  assertSquare(name, S);
  return choleskyUnchecked(S, name);
}

/**
 * S = L L^T for a checked or computed square S (cholesky without its validation).
 * @param S n x n, symmetric positive definite
 * @param name how S is named in errors
 * @throws {NotPositiveDefiniteError} when a pivot is not positive
 * @throws {TooLargeError} when S does not fit in WebAssembly memory
 * @example choleskyUnchecked(gramUnchecked(X), "X^T X")
 */
export function choleskyUnchecked(S: Matrix, name = "S"): Matrix {
  const n = S.rows;
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const a = arena.allocFrom(S.data, name);
    const status = exports.dpotrf(n, a, Math.max(1, n));
    if (status !== 0) throw new NotPositiveDefiniteError(name, status - 1);
    return { rows: n, cols: n, data: arena.read(a, n * n) };
  });
}

/**
 * X = (L L^T)^-1 B: solves L Y = B, then L^T X = Y, with L a Cholesky factor (lower triangle read).
 * @param L n x n, lower triangular with a non-zero diagonal
 * @param B n x m
 * @returns X, a fresh n x m Matrix
 * @throws {ArgumentError} when L or B is not a Matrix, or L has a zero on its diagonal
 * @throws {ShapeError} when L is not square or B does not have n rows
 * @throws {NonFiniteError} when L or B holds NaN or Infinity
 * @throws {TooLargeError} when L and B do not fit in WebAssembly memory
 * @example choleskySolve(cholesky(S), B) // S^-1 B
 */
export function choleskySolve(L: Matrix, B: Matrix): Matrix {
  assertTriangularSystem(L, B, "left");
  return choleskySolveUnchecked(L, B);
}

/**
 * X = (L L^T)^-1 B for a checked or computed factor L and right-hand side B (choleskySolve without its validation).
 * @param L n x n Cholesky factor
 * @param B n x m
 * @throws {TooLargeError} when L and B do not fit in WebAssembly memory
 * @example choleskySolveUnchecked(choleskyUnchecked(G), XtY)
 */
export function choleskySolveUnchecked(L: Matrix, B: Matrix): Matrix {
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const l = arena.allocFrom(L.data, "L");
    const b = arena.allocFrom(B.data, "B");
    const ldl = Math.max(1, L.cols);
    const ldb = Math.max(1, B.cols);
    exports.dtrsm(0, 0, B.rows, B.cols, 1, l, ldl, b, ldb);
    exports.dtrsm(0, 1, B.rows, B.cols, 1, l, ldl, b, ldb);
    return { rows: B.rows, cols: B.cols, data: arena.read(b, B.rows * B.cols) };
  });
}
