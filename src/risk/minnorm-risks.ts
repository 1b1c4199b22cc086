/**
 * The risks of the min-norm head B = X^+ Y as the sweep (and the fit command) record them: the excess and
 * oracle risks, the conditional bias_X and var_X, and the test risk.
 * On the primal side (n >= p) B is formed and measured by oracle.ts, conditional.ts and test.ts.
 * On the dual side (n < p) B = X^T Z with Z = K^+ Y (K = X X^T, n x n) is never formed: every product of B
 * with a p-row matrix folds into one with the n x p matrix M = X Lx (Sx = Lx Lx^T) or with the n x n Gram,
 *   Lx^T B = M^T Z,   Lx^T P B* = M^T K^+ (X B*)   (P = X^+ X = X^T K^+ X),
 *   tr(Sx (X^T X)^+) = ||K^+ M||_F^2,   Xt B = (Xt X^T) Z,
 * so that with C = Lx^T B* computed once per model a replicate costs O(n p (p + k) + nTest n (p + k)) instead
 * of the O(p^2 k + nTest p k) of forming B and multiplying it by Lx^T and Xt: at the paper's largest size
 * (n = 200, p = k = 1000, nTest = 500) about 2 GFLOP instead of 7. Both sides give the same quantities up to
 * rounding (test/risk/minnorm-risks.test.ts compares them).
 */
import { ShapeError } from "../errors.js";
import { assertTargets, gramSide, solveGram, type MinNormFactor } from "../head/minnorm.js";
import type { Sample } from "../hmm/sample.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import { assertComputedFinite } from "../range.js";
import { assertMatrix } from "../validate.js";
import { biasVarianceOf, checkedBiasVariance } from "./conditional.js";
import { frobenius2, frobeniusDistance2 } from "../linalg/norms.js";
import { checkedExcess, oracleRiskParts, riskPartsOfExcess, type RiskPopulation } from "./oracle.js";
import { meanSquaredError } from "./test-risk.js";
import type { MemoryStep } from "../wasm/memory.js";

/** The risks the sweep records for one head (totals over the k outputs; bias_X, var_X NaN for ridge). */
export interface HeadRisks {
  excess: number;
  oracleRisk: number;
  testRisk: number;
  biasX: number;
  varX: number;
}

/**
 * The excess and oracle risks, bias_X, var_X and the test risk of B = X^+ Y (totals over the k outputs).
 * @param pop Lx (p x p), Bstar (p x k), noise = tr(Se)
 * @param factor factorMinNorm(X) (X n x p)
 * @param Y n x k training targets
 * @param test held-out sample: X nTest x p, Y nTest x k (nTest = 0: testRisk is NaN)
 * @param LxtBstar Lx^T B* (p x k) for the dual side, when the caller keeps it across replicates (computed
 *   here when absent)
 * @throws {ShapeError} a shape disagrees with X, Lx or B*.
 * @throws {ArgumentError} Y or a matrix of the test sample is not a Matrix.
 * @throws {NonFiniteError} Y or the test sample has NaN or Infinity.
 * @throws {HeadtuneError} code E_NON_FINITE: B, K^+ Y or a risk overflows f64 (the message names it).
 * @example const { excess, biasX, varX } = minNormRisks(pop, factorMinNorm(X), Y, { X: Xt, Y: Yt });
 */
export function minNormRisks(pop: RiskPopulation, factor: MinNormFactor, Y: Matrix, test: Sample, LxtBstar?: Matrix): HeadRisks {
  assertTargets(factor.X, Y);
  assertMatrix("test.X", test.X);
  assertMatrix("test.Y", test.Y);
  return measureMinNorm(pop, factor, Y, test, LxtBstar);
}

/**
 * minNormRisks without checking its inputs: the sweep's replicate calls it with matrices it built (validate at
 * the boundary, trust inside). Computed quantities are still checked as they are formed.
 * @throws {ShapeError} (dual side) a shape disagrees with X, Lx or B*.
 * @throws {HeadtuneError} code E_NON_FINITE: B, K^+ Y or a risk overflows f64 (the message names it).
 */
export function measureMinNorm(pop: RiskPopulation, factor: MinNormFactor, Y: Matrix, test: Sample, LxtBstar?: Matrix): HeadRisks {
  if (factor.side === "primal") {
    const B = solveGram(factor, Y);
    return { ...oracleRiskParts(pop, B), testRisk: meanSquaredError(test.Y, matmulUnchecked(test.X, B)), ...biasVarianceOf(pop, factor) };
  }
  return dualMinNormRisks(pop, LxtBstar ?? whitenedBstar(pop), factor, Y, test);
}

/**
 * C = Lx^T B* (p x k), what the dual side measures a head against; the sweep keeps it per model.
 * @param pop Lx (p x p), Bstar (p x k)
 */
export function whitenedBstar(pop: RiskPopulation): Matrix {
  return matmulUnchecked(pop.Lx, pop.Bstar, { transA: true });
}

/**
 * minNormRisks on the dual side, B never formed (see the file header).
 * Internal: the sweep's replicate calls it with matrices it built (shapes are checked, finiteness of inputs is not).
 * @param pop Lx (p x c, any factor with Sx = Lx Lx^T), Bstar (p x k), noise = tr(Se)
 * @param LxtBstar Lx^T B* (c x k)
 * @param factor factorMinNorm(X) with side "dual" (X n x p, n < p)
 * @param Y n x k training targets
 * @param test held-out sample: X nTest x p, Y nTest x k (nTest = 0: testRisk is NaN)
 * @throws {ShapeError} the factor is not dual, or a shape disagrees with X, Lx or B*.
 * @throws {HeadtuneError} code E_NON_FINITE: K^+ Y or a risk overflows f64 (the message names it).
 */
export function dualMinNormRisks(
  pop: RiskPopulation,
  LxtBstar: Matrix,
  factor: MinNormFactor,
  Y: Matrix,
  test: Sample,
): HeadRisks {
  const { X, pinv } = factor;
  const { rows: p, cols: k } = pop.Bstar;
  const shapesAgree =
    factor.side === "dual" && X.cols === p && Y.rows === X.rows && Y.cols === k && LxtBstar.rows === pop.Lx.cols &&
    LxtBstar.cols === k && test.X.cols === p && test.Y.cols === k && test.Y.rows === test.X.rows;
  if (!shapesAgree) {
    throw new ShapeError(
      `dualMinNormRisks needs a dual factor of X (n x p, n < p), Y n x k, Lx^T B* c x k (Lx p x c) and a test sample of p features and k targets (p = ${p}, k = ${k}, c = ${pop.Lx.cols}). ` +
        `Value: ${factor.side} factor of X ${X.rows} x ${X.cols}, Y ${Y.rows} x ${Y.cols}, Lx^T B* ${LxtBstar.rows} x ${LxtBstar.cols}, ` +
        `test X ${test.X.rows} x ${test.X.cols}, test Y ${test.Y.rows} x ${test.Y.cols}.`,
      { name: "factor" },
    );
  }
  const Z = pinv.solve(Y);
  assertComputedFinite("(X X^T)^+ Y", Z.data, () => "X is too small relative to Y. Scale X up or Y down: B scales like Y / X.");
  const M = matmulUnchecked(X, pop.Lx);
  const excess = checkedExcess(frobeniusDistance2(matmulUnchecked(M, Z, { transA: true }), LxtBstar));
  const PB = matmulUnchecked(M, pinv.solve(matmulUnchecked(X, pop.Bstar)), { transA: true });
  const { biasX, varX } = checkedBiasVariance(frobeniusDistance2(LxtBstar, PB), pop.noise, frobenius2(pinv.solve(M)));
  const testRisk = meanSquaredError(test.Y, matmulUnchecked(matmulUnchecked(test.X, X, { transB: true }), Z));
  return { ...riskPartsOfExcess(pop.noise, excess), testRisk, biasX, varX };
}

/**
 * The f64 the heads' fits and risks hold in WebAssembly memory at once on an explicit sample, step by step:
 * whitening Lx by the Gram factor (3 p^2, primal side), the Gram of X with its factor (n p + m^2, m = min(n, p)),
 * X^T Y and the test predictions (n p + n k + p k, nTest (p + k) + p k), and on the dual side (p > n) its
 * solves (n^2 + 2 n p, 2 n p + p^2) and risks (M^T Z, Xt X^T, (Xt X^T) Z); the eigen fallback is counted apart.
 * @example explicitHeadsMemorySteps(200, 500, 100, 100)
 */
export function explicitHeadsMemorySteps(n: number, nTest: number, p: number, k: number): MemoryStep[] {
  const dual = gramSide(n, p) === "dual";
  return [
    ...gramHeadsMemorySteps(n, nTest, p, k),
    { step: "dual-side solves", f64: dual ? Math.max(n * n + 2 * n * p, 2 * n * p + p * p) : 0 },
    {
      step: "dual-side risks",
      f64: dual ? Math.max(n * p + n * k + p * k, nTest * p + n * p + nTest * n, nTest * n + n * k + nTest * k) : 0,
    },
  ];
}

/**
 * The heads' fits through the p x p Gram and a formed B (the primal side of every sampler; the Gram step of the
 * explicit dual side): whitening Lx, the Gram of X, X^T Y and the test predictions.
 * @example gramHeadsMemorySteps(200, 500, 100, 100)
 */
export function gramHeadsMemorySteps(n: number, nTest: number, p: number, k: number): MemoryStep[] {
  const m = Math.min(n, p);
  return [
    { step: "whitening Lx", f64: gramSide(n, p) === "dual" ? 0 : 3 * p * p },
    { step: "Gram of X", f64: n * p + m * m },
    { step: "X^T Y and test predictions", f64: Math.max(n * p + n * k + p * k, nTest * (p + k) + p * k) },
  ];
}
