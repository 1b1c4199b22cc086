/**
 * The ridge head (SPEC section 4) in its cheaper form: the p x p system when n >= p, the n x n one when n < p.
 */
import { cholesky, choleskySolve } from "../linalg/cholesky.js";
import { gram } from "../linalg/gram.js";
import { matmul } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import { assertMatrix, assertPositiveNumber } from "../validate.js";
import { assertTargets } from "./minnorm.js";

/**
 * B = (X^T X + n lambda I)^{-1} X^T Y = X^T (X X^T + n lambda I)^{-1} Y, by Cholesky of the smaller system.
 * @param X n x p features
 * @param Y n x k targets
 * @param lambda ridge penalty, > 0
 * @returns B (p x k) and path: "primal-cholesky" (n >= p) or "dual-cholesky" (n < p)
 * @throws {ArgumentError} lambda is not a finite number > 0.
 * @throws {ShapeError} Y.rows != X.rows.
 * @throws {NonFiniteError} X or Y has NaN or Infinity.
 * @throws {NotPositiveDefiniteError} n lambda is lost in rounding against ||X||^2 (lambda far too small).
 * @example const { B } = fitRidge(X, Y, 0.1);
 */
export function fitRidge(X: Matrix, Y: Matrix, lambda: number): { B: Matrix; path: "primal-cholesky" | "dual-cholesky" } {
  assertPositiveNumber("lambda", lambda);
  assertMatrix("X", X);
  assertTargets(X, Y);
  const { rows: n, cols: p } = X;
  const primal = n >= p;
  const G = gram(X, primal ? "XtX" : "XXt");
  const m = G.rows;
  for (let i = 0; i < m; i++) G.data[i * m + i]! += n * lambda;
  const L = cholesky(G, primal ? "X^T X + n lambda I" : "X X^T + n lambda I");
  return primal
    ? { B: choleskySolve(L, matmul(X, Y, { transA: true })), path: "primal-cholesky" }
    : { B: matmul(X, choleskySolve(L, Y), { transA: true }), path: "dual-cholesky" };
}
