/**
 * The min-norm least-squares head B = X^+ Y (SPEC section 4): primal (p x p Gram) when n >= p, dual
 * (n x n Gram) when n < p, each by Cholesky, with the eigen fallback of gram-pinv.ts. The ridge head shares
 * the factorization, with n lambda added to the Gram's diagonal (factorGram).
 * Scales: the Gram, X^T Y and B are checked as they are formed, so that a product past the f64 range is an
 * error naming it, and an X so small that its squares are subnormal is rejected before it is used.
 */
import { ArgumentError, ShapeError } from "../errors.js";
import { gramUnchecked } from "../linalg/gram.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import { assertComputedFinite, maxAbs, MIN_VARIANCE } from "../range.js";
import { assertMatrix } from "../validate.js";
import { gramPinv, type GramPinv } from "./gram-pinv.js";

export type MinNormPath = "primal-cholesky" | "dual-cholesky" | "eigen";

/** Which Gram of X the head is fitted through: primal X^T X (p x p), dual X X^T (n x n). */
export type GramSide = "primal" | "dual";

/**
 * The side of an n x p X: the smaller Gram, primal when n >= p, dual when n < p.
 * @example gramSide(200, 1000) // "dual"
 */
export function gramSide(n: number, p: number): GramSide {
  return n >= p ? "primal" : "dual";
}

/** The factored smaller Gram of X, reusable for the fit and for its conditional risk. */
export interface MinNormFactor {
  X: Matrix;
  /** primal: G = X^T X (p x p, n >= p); dual: G = X X^T (n x n, n < p). */
  side: GramSide;
  pinv: GramPinv;
  path: MinNormPath;
}

/**
 * Factors the smaller Gram matrix of X: X^T X when n >= p, X X^T when n < p.
 * @param X n x p features
 * @throws {ArgumentError} X is not a Matrix, or its largest entry is non-zero but its square is below
 *   MIN_VARIANCE (2^-970: f64 loses the Gram's precision).
 * @throws {NonFiniteError} X has NaN or Infinity.
 * @throws {HeadtuneError} code E_NON_FINITE: the Gram overflows f64 (X too large).
 * @throws {NoConvergenceError} the eigensolver of the fallback failed.
 * @example const f = factorMinNorm(X); f.path; // "primal-cholesky" for a tall well-conditioned X
 */
export function factorMinNorm(X: Matrix): MinNormFactor {
  assertMatrix("X", X);
  return factorGram(X, 0);
}

/**
 * The smaller Gram of X plus shift I (shift = 0: min-norm; n lambda: ridge), factored by gramPinv.
 * Internal: X is a validated Matrix, shift a finite number >= 0.
 * @param X n x p features
 * @param shift added to the Gram's diagonal
 * @throws {ArgumentError} X's largest square is non-zero but below MIN_VARIANCE.
 * @throws {HeadtuneError} code E_NON_FINITE: the Gram overflows f64.
 * @throws {NoConvergenceError} the eigensolver of the fallback failed.
 */
export function factorGram(X: Matrix, shift: number): MinNormFactor {
  const { rows: n, cols: p } = X;
  const big = maxAbs(X.data);
  if (big > 0 && big * big < MIN_VARIANCE) {
    throw new ArgumentError(
      `X is too small for f64: its largest entry is ${big}, whose square is below 2^-970 (about 1e-292), where ` +
        "f64 loses relative precision. Scale X up (B scales down by the same factor).",
      { name: "X", value: big },
    );
  }
  const side = gramSide(n, p);
  const G = gramUnchecked(X, side === "primal" ? "XtX" : "XXt");
  const m = G.rows;
  for (let i = 0; i < m; i++) G.data[i * m + i]! += shift;
  const name = `${side === "primal" ? "X^T X" : "X X^T"}${shift > 0 ? " + n lambda I" : ""}`;
  assertComputedFinite(name, G.data, () =>
    `X is too large (largest entry ${big}${shift > 0 ? `; n lambda = ${shift}` : ""}). Scale X down (B scales up by the same factor).`,
  );
  const pinv = gramPinv(G, Math.max(n, p));
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
 * @throws {HeadtuneError} code E_NON_FINITE: X^T Y or B overflows f64.
 */
export function solveMinNorm(f: MinNormFactor, Y: Matrix): Matrix {
  assertTargets(f.X, Y);
  return solveGram(f, Y);
}

/**
 * B = X^+ Y, the minimum-norm least-squares solution, and the path taken.
 * @param X n x p features
 * @param Y n x k targets
 * @returns B (p x k) and path: "primal-cholesky" (n >= p), "dual-cholesky" (n < p) or "eigen" (fallback)
 * @throws {ArgumentError} X or Y is not a Matrix, or X is too small for f64 (see factorMinNorm).
 * @throws {ShapeError} Y.rows != X.rows.
 * @throws {NonFiniteError} X or Y has NaN or Infinity.
 * @throws {HeadtuneError} code E_NON_FINITE: the Gram, X^T Y or B overflows f64.
 * @throws {NoConvergenceError} the eigensolver of the fallback failed.
 * @example const { B, path } = fitMinNorm(X, Y);
 */
export function fitMinNorm(X: Matrix, Y: Matrix): { B: Matrix; path: MinNormPath } {
  assertMatrix("X", X);
  assertTargets(X, Y);
  const f = factorGram(X, 0);
  return { B: solveGram(f, Y), path: f.path };
}

/**
 * (G + shift I)^+ applied as the factor's side requires: primal (G + shift I)^+ X^T Y, dual X^T (G + shift I)^+ Y,
 * each product checked. Internal: Y validated against f.X.
 * @throws {HeadtuneError} code E_NON_FINITE: X^T Y or B overflows f64.
 */
export function solveGram(f: MinNormFactor, Y: Matrix): Matrix {
  const { X } = f;
  const big = (): string => `largest |X_ij| = ${maxAbs(X.data)}, largest |Y_ij| = ${maxAbs(Y.data)}`;
  const tooSmall = (): string => `X is too small relative to Y (${big()}). Scale X up or Y down: B scales like Y / X.`;
  let B: Matrix;
  if (f.side === "primal") {
    const XtY = matmulUnchecked(X, Y, { transA: true });
    assertComputedFinite("X^T Y", XtY.data, () => `X and Y are too large (${big()}). Scale them down.`);
    B = f.pinv.solve(XtY);
  } else {
    const Z = f.pinv.solve(Y);
    assertComputedFinite("(X X^T)^+ Y", Z.data, tooSmall);
    B = matmulUnchecked(X, Z, { transA: true });
  }
  assertComputedFinite("B", B.data, tooSmall);
  return B;
}

/** Y must be a finite matrix with as many rows as X. */
export function assertTargets(X: Matrix, Y: Matrix): void {
  assertMatrix("Y", Y);
  if (Y.rows !== X.rows) {
    throw new ShapeError(`Y must have as many rows as X (${X.rows}). Value: ${Y.rows}.`, { name: "Y", rows: Y.rows });
  }
}
