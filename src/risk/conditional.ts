/**
 * The exact bias and variance of the min-norm head given the training features X (SPEC section 5): the
 * expectation of its excess risk over the training noise e = y - x B*, which is independent of x.
 */
import { ShapeError } from "../errors.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import { factorMinNorm, type MinNormFactor } from "../head/minnorm.js";
import { assertComputedFinite } from "../range.js";
import { assertMatrix } from "../validate.js";
import { frobenius2 } from "../linalg/norms.js";
import type { RiskPopulation } from "./oracle.js";

/**
 * bias_X = tr(B*^T (I - P) Sx (I - P) B*) = ||Lx^T (I - P) B*||_F^2 and
 * var_X = tr(Se) tr(Sx (X^T X)^+), with P = X^+ X.
 * Primal side (n >= p, G = X^T X = H H^T pseudo-inversely): P = G^+ G (= I on the Cholesky path, where
 * bias_X is exactly 0) and tr(Sx G^+) = ||H^T Lx||_F^2.
 * Dual side (n < p, K = X X^T): P B* = X^T K^+ (X B*) and, since (X^T X)^+ = X^T K^{+2} X,
 * tr(Sx (X^T X)^+) = ||K^+ X Lx||_F^2. Both are sums of squares: never negative.
 * @param pop Lx (p x p), Bstar (p x k), noise = tr(Se)
 * @param X n x p training features
 * @param factor factorMinNorm(X), when the caller already has it (must be of this X)
 * @returns { biasX, varX } (totals over k)
 * @throws {ShapeError} X.cols != p.
 * @throws {NonFiniteError} X has NaN or Infinity.
 * @throws {NoConvergenceError} the eigensolver of the fallback failed.
 * @throws {HeadtuneError} code E_NON_FINITE: bias_X or var_X overflows f64.
 * @example const { biasX, varX } = conditionalBiasVariance(pop, X);
 */
export function conditionalBiasVariance(
  pop: RiskPopulation,
  X: Matrix,
  factor?: MinNormFactor,
): { biasX: number; varX: number } {
  assertMatrix("X", X);
  const p = pop.Lx.rows;
  if (X.cols !== p) throw new ShapeError(`X must have p = ${p} columns. Value: ${X.cols}.`, { name: "X", cols: X.cols });
  return biasVarianceOf(pop, factor ?? factorMinNorm(X));
}

/**
 * conditionalBiasVariance of the factor's X without checking it: the sweep's replicate calls it with the
 * training features it drew (validate at the boundary, trust inside).
 * @param pop Lx (p x p), Bstar (p x k), noise = tr(Se)
 * @param f factorMinNorm(X) of an n x p X
 * @throws {NoConvergenceError} the eigensolver of the fallback failed.
 * @throws {HeadtuneError} code E_NON_FINITE: bias_X or var_X overflows f64.
 */
export function biasVarianceOf(pop: RiskPopulation, f: MinNormFactor): { biasX: number; varX: number } {
  const { X } = f;
  const { Lx, Bstar } = pop;
  const XB = matmulUnchecked(X, Bstar);
  let biasX = 0;
  let trace: number;
  if (f.side === "primal") {
    if (f.pinv.kind === "eigen") biasX = residualBias(Lx, Bstar, f.pinv.solve(matmulUnchecked(X, XB, { transA: true })));
    trace = frobenius2(f.pinv.whiten(Lx));
  } else {
    biasX = residualBias(Lx, Bstar, matmulUnchecked(X, f.pinv.solve(XB), { transA: true }));
    trace = frobenius2(f.pinv.solve(matmulUnchecked(X, Lx)));
  }
  return checkedBiasVariance(biasX, pop.noise, trace);
}

/** { biasX, varX: noise trace } with trace = tr(Sx (X^T X)^+), both checked finite. */
export function checkedBiasVariance(biasX: number, noise: number, trace: number): { biasX: number; varX: number } {
  const varX = noise * trace;
  assertComputedFinite("bias_X and var_X", [biasX, varX], () =>
    `bias ${biasX}, tr(Se) ${noise} times tr(Sx (X^T X)^+) ${trace}: y is too large, or X too small. ` +
      "Scale y down: the risks scale with the square of y's scale.",
  );
  return { biasX, varX };
}

/** ||Lx^T (B* - PB)||_F^2, PB = P B*. */
function residualBias(Lx: Matrix, Bstar: Matrix, PB: Matrix): number {
  const R = { rows: Bstar.rows, cols: Bstar.cols, data: Bstar.data.map((v, i) => v - PB.data[i]!) };
  return frobenius2(matmulUnchecked(Lx, R, { transA: true }));
}
