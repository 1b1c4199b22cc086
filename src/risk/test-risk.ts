/**
 * The empirical risk of a head on a held-out sample (SPEC section 5).
 */
import { ShapeError } from "../errors.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import { assertComputedFinite } from "../range.js";
import { assertMatrix } from "../validate.js";
import { frobeniusDistance2 } from "../linalg/norms.js";

/**
 * (1/n) sum_i ||y_i - x_i B||^2 = ||Y - X B||_F^2 / n (total over the k outputs; NaN when n = 0).
 * @param X n x p test features
 * @param Y n x k test targets
 * @param B p x k head
 * @throws {ShapeError} the shapes disagree.
 * @throws {NonFiniteError} an input has NaN or Infinity.
 * @throws {HeadtuneError} code E_NON_FINITE: the sum of squares overflows f64.
 * @example testRisk(Xtest, Ytest, B);
 */
export function testRisk(X: Matrix, Y: Matrix, B: Matrix): number {
  assertMatrix("X", X);
  assertMatrix("Y", Y);
  assertMatrix("B", B);
  if (Y.rows !== X.rows || B.rows !== X.cols || B.cols !== Y.cols) {
    throw new ShapeError(
      `testRisk needs X n x p, Y n x k, B p x k. Value: X ${X.rows} x ${X.cols}, Y ${Y.rows} x ${Y.cols}, B ${B.rows} x ${B.cols}.`,
      { X: [X.rows, X.cols], Y: [Y.rows, Y.cols], B: [B.rows, B.cols] },
    );
  }
  return meanSquaredError(Y, matmulUnchecked(X, B));
}

/**
 * ||Y - P||_F^2 / n for predictions P of Y (both n x k; NaN when n = 0), the sum checked finite.
 * Internal: the shapes agree.
 */
export function meanSquaredError(Y: Matrix, P: Matrix): number {
  const s = frobeniusDistance2(Y, P);
  assertComputedFinite("the test risk's sum of squares ||Y - X B||_F^2", [s], () =>
    "Scale y down: the risks scale with the square of y's scale.",
  );
  return s / Y.rows;
}
