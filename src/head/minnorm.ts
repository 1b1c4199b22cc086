/**
 * The min-norm least-squares head B = X^+ Y (SPEC section 4): primal (p x p Gram) when n >= p, dual
 * (n x n Gram) when n < p, each by Cholesky, with the eigen fallback of gram-pinv.ts.
 */
import { ShapeError } from "../errors.js";
import { gram } from "../linalg/gram.js";
import { matmul } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import { assertMatrix } from "../validate.js";
import { gramPinv, type GramPinv } from "./gram-pinv.js";

export type MinNormPath = "primal-cholesky" | "dual-cholesky" | "eigen";

/** The factored smaller Gram of X, reusable for the fit and for its conditional risk. */
export interface MinNormFactor {
  X: Matrix;
  /** primal: G = X^T X (p x p, n >= p); dual: G = X X^T (n x n, n < p). */
  side: "primal" | "dual";
  pinv: GramPinv;
  path: MinNormPath;
}

/**
 * Factors the smaller Gram matrix of X: X^T X when n >= p, X X^T when n < p.
 * @param X n x p features
 * @throws {NonFiniteError} X has NaN or Infinity.
 * @throws {NoConvergenceError} the eigensolver of the fallback failed.
 * @example const f = factorMinNorm(X); f.path; // "primal-cholesky" for a tall well-conditioned X
 */
export function factorMinNorm(X: Matrix): MinNormFactor {
  assertMatrix("X", X);
  const { rows: n, cols: p } = X;
  const side = n >= p ? "primal" : "dual";
  const pinv = gramPinv(gram(X, side === "primal" ? "XtX" : "XXt"), Math.max(n, p));
  const path = pinv.kind === "eigen" ? "eigen" : side === "primal" ? "primal-cholesky" : "dual-cholesky";
  return { X, side, pinv, path };
}

/**
 * B = X^+ Y from a factor of X: (X^T X)^+ X^T Y (primal) or X^T (X X^T)^+ Y (dual).
 * @param f factor from factorMinNorm (X n x p)
 * @param Y n x k targets
 * @returns B, p x k
 * @throws {ShapeError} Y.rows != n.
 * @throws {NonFiniteError} Y has NaN or Infinity.
 */
export function solveMinNorm(f: MinNormFactor, Y: Matrix): Matrix {
  assertTargets(f.X, Y);
  return solve(f, Y);
}

/**
 * B = X^+ Y, the minimum-norm least-squares solution, and the path taken.
 * @param X n x p features
 * @param Y n x k targets
 * @returns B (p x k) and path: "primal-cholesky" (n >= p), "dual-cholesky" (n < p) or "eigen" (fallback)
 * @throws {ShapeError} Y.rows != X.rows.
 * @throws {NonFiniteError} X or Y has NaN or Infinity.
 * @throws {NoConvergenceError} the eigensolver of the fallback failed.
 * @example const { B, path } = fitMinNorm(X, Y);
 */
export function fitMinNorm(X: Matrix, Y: Matrix): { B: Matrix; path: MinNormPath } {
  assertMatrix("X", X);
  assertTargets(X, Y);
  const f = factorMinNorm(X);
  return { B: solve(f, Y), path: f.path };
}

function solve(f: MinNormFactor, Y: Matrix): Matrix {
  return f.side === "primal"
    ? f.pinv.solve(matmul(f.X, Y, { transA: true }))
    : matmul(f.X, f.pinv.solve(Y), { transA: true });
}

/** Y must be a finite matrix with as many rows as X. */
export function assertTargets(X: Matrix, Y: Matrix): void {
  assertMatrix("Y", Y);
  if (Y.rows !== X.rows) {
    throw new ShapeError(`Y must have as many rows as X (${X.rows}). Value: ${Y.rows}.`, { name: "Y", rows: Y.rows });
  }
}
