/**
 * The min-norm head's risks in the token world, using the structure Sx = F^T F + sU^2 I (F is H x p): on the
 * dual side (n < p) the products with a p x p factor of Sx become products with F (H x p) and X itself, so a
 * replicate costs O(n p (n + H + k)) instead of the O(n p^2) of a general Sx. With Z = K^+ Y (K = X X^T),
 * B = X^T Z, D = B - B*, R = B* - X^T K^+ (X B*):
 *   excess = ||F D||^2 + sU^2 ||D||^2,   bias_X = ||F R||^2 + sU^2 ||R||^2,
 *   var_X  = tr(Se) (||K^+ X F^T||^2 + sU^2 ||K^+ X||^2)     (tr(Sx (X^T X)^+) = ||K^+ X Lx||^2, Lx = [F^T, sU I])
 * the same quantities as risk/minnorm-risks.ts computes with Lx (a test compares them).
 */
import { solveGram, type MinNormFactor } from "../head/minnorm.js";
import type { Sample } from "../hmm/sample.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { checkedBiasVariance } from "../risk/conditional.js";
import { measureMinNorm, type HeadRisks } from "../risk/minnorm-risks.js";
import { frobenius2 } from "../linalg/norms.js";
import { checkedExcess, riskPartsOfExcess, type RiskPopulation } from "../risk/oracle.js";
import { meanSquaredError } from "../risk/test-risk.js";

/** What the structured risks read: F (H x p), sU, B* (p x k), tr(Se), and Lx for the primal side. */
export interface StructuredPopulation extends RiskPopulation {
  F: Matrix;
  sU: number;
}

/** ||F M||^2 + s2 ||M||^2 = tr(M^T Sx M). */
function sxNorm(pop: StructuredPopulation, M: Matrix): number {
  return frobenius2(matmulUnchecked(pop.F, M)) + pop.sU * pop.sU * frobenius2(M);
}

function minus(A: Matrix, B: Matrix): Matrix {
  return matrix(A.rows, A.cols, A.data.map((v, i) => v - B.data[i]!));
}

/**
 * The min-norm head's excess and oracle risks, bias_X, var_X and test risk: through the structure on the dual
 * side, by measureMinNorm on the primal side (p <= n, where Lx is at most n x (H + n)).
 * @param pop F, sU, Lx, Bstar, noise
 * @param factor the factor of the training X
 * @param Y training targets (n x k)
 * @param test the test sample
 * @throws {HeadtuneError} code E_NON_FINITE: a risk overflows f64
 * @example structuredMinNormRisks(pop, factorGram(X, 0), Y, test).excess
 */
export function structuredMinNormRisks(pop: StructuredPopulation, factor: MinNormFactor, Y: Matrix, test: Sample): HeadRisks {
  if (factor.side === "primal") return measureMinNorm(pop, factor, Y, test);
  const { X, pinv } = factor;
  const B = solveGram(factor, Y);
  const excess = checkedExcess(sxNorm(pop, minus(B, pop.Bstar)));
  const R = minus(pop.Bstar, matmulUnchecked(X, pinv.solve(matmulUnchecked(X, pop.Bstar)), { transA: true }));
  const trace = frobenius2(pinv.solve(matmulUnchecked(X, pop.F, { transB: true }))) + pop.sU * pop.sU * frobenius2(pinv.solve(X));
  const { biasX, varX } = checkedBiasVariance(sxNorm(pop, R), pop.noise, trace);
  return { ...riskPartsOfExcess(pop.noise, excess), testRisk: meanSquaredError(test.Y, matmulUnchecked(test.X, B)), biasX, varX };
}
