/**
 * The ridge head (SPEC section 4) in its cheaper form: the p x p system when n >= p, the n x n one when n < p,
 * on the min-norm head's factorization with n lambda added to the Gram's diagonal. When n lambda is lost in
 * rounding against the Gram (a tiny lambda with a rank-deficient X), the Gram's eigen fallback applies: it
 * drops the directions whose eigenvalue of G + n lambda I is below max(n, p) eps lambda_max, as the min-norm
 * head does, so that ridge tends to min-norm as lambda -> 0 instead of failing.
 */
import { ArgumentError } from "../errors.js";
import type { Matrix } from "../linalg/matrix.js";
import { assertFiniteNumber, assertMatrix } from "../validate.js";
import { assertTargets, factorGram, solveGram, type MinNormPath } from "./minnorm.js";

/**
 * B = (X^T X + n lambda I)^{-1} X^T Y = X^T (X X^T + n lambda I)^{-1} Y, by Cholesky of the smaller system
 * (eigen fallback when n lambda is lost in rounding; see the file header).
 * @param X n x p features
 * @param Y n x k targets
 * @param lambda ridge penalty, > 0 (lambda = 0 is the min-norm head: fitMinNorm, or head kind "minnorm")
 * @returns B (p x k) and path: "primal-cholesky" (n >= p), "dual-cholesky" (n < p) or "eigen" (fallback)
 * @throws {ArgumentError} lambda is not a finite number > 0 (the message points lambda = 0 to the min-norm
 *   head), n lambda overflows, X or Y is not a Matrix, or X is too small for f64.
 * @throws {ShapeError} Y.rows != X.rows.
 * @throws {NonFiniteError} X or Y has NaN or Infinity.
 * @throws {HeadtuneError} code E_NON_FINITE: the Gram, X^T Y or B overflows f64.
 * @throws {NoConvergenceError} the eigensolver of the fallback failed.
 * @example const { B } = fitRidge(X, Y, 0.1);
 */
export function fitRidge(X: Matrix, Y: Matrix, lambda: number): { B: Matrix; path: MinNormPath } {
  assertRidgeLambda("lambda", lambda);
  assertMatrix("X", X);
  assertTargets(X, Y);
  const shift = X.rows * lambda;
  if (!Number.isFinite(shift)) {
    throw new ArgumentError(`lambda is too large: n lambda = ${X.rows} * ${lambda} overflows f64. Value: ${lambda}.`, {
      name: "lambda",
      value: lambda,
    });
  }
  const f = factorGram(X, shift);
  return { B: solveGram(f, Y), path: f.path };
}

/**
 * A ridge penalty must be a finite number > 0; lambda = 0 is rejected with a pointer to the min-norm head
 * (the ridge formula's limit, which needs the pseudo-inverse).
 * @param name the argument's name in the message ("lambda", "heads[1].lambda")
 * @param lambda the candidate
 * @throws {ArgumentError} lambda is not a finite number > 0.
 * @example assertRidgeLambda("heads[0].lambda", 0) // throws: "... lambda = 0 is the min-norm head ..."
 */
export function assertRidgeLambda(name: string, lambda: unknown): asserts lambda is number {
  assertFiniteNumber(name, lambda);
  if (!(lambda > 0)) {
    const zero = lambda === 0 ? ' (lambda = 0 is the min-norm head: use fitMinNorm, or the head {"kind": "minnorm"})' : "";
    throw new ArgumentError(`${name} must be > 0${zero}. Value: ${lambda}.`, { name, value: lambda });
  }
}
