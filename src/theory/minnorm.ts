/**
 * Asymptotic risk of the min-norm (ridgeless) head for a general Sx (SPEC 6), combining the regimes by the
 * effective size r = rank(Sx) (number of positive eigenvalues; r = p unless Sx is singular):
 *   r < n: bias 0, variance tr(Se) r / (n - r)          (= tr(Se) g / (1 - g) when r = p)
 *   r = n: bias 0, variance Infinity                    (the interpolation peak; 0 when tr(Se) = 0)
 *   r > n: the fixed point of overparameterized.ts
 */
import { overparameterizedRisk } from "./overparameterized.js";
import { assertSpectrum, positiveCount } from "./spectrum.js";
import { type RiskParts, riskParts } from "./types.js";
import { underparameterizedVariance } from "./underparameterized.js";

/**
 * Asymptotic min-norm risk (SPEC 6): g = p / n; g < 1: bias 0, variance tr(Se) g / (1 - g); g = 1: variance
 * Infinity; g > 1: bias = (1 + g c m2/m1) sum_i w_i l_i / (1 + c g l_i)^2, variance = tr(Se) g c m2/m1.
 * All parts are totals over the k outputs. Exactly-zero eigenvalues reduce p to r = #{l_i > 0} (see
 * overparameterized.ts); gamma reports p / n. The risk is invariant under l -> a l, w -> w / a (x -> sqrt(a) x
 * with y fixed: B* -> B* / sqrt(a), and the min-norm prediction x X^+ Y does not change).
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx (Float64Array, length p, any order)
 * @param weights w_i = ||v_i^T B*||^2 for the eigenvector v_i of l_i (Float64Array, length p)
 * @param noise tr(Se) >= 0
 * @param n number of training samples, positive integer
 * @throws {ArgumentError} an eigenvalue, weight or noise is negative, or n is not a positive integer
 * @throws {NonFiniteError} an eigenvalue or weight is NaN or infinite
 * @throws {ShapeError} weights and eigenvalues differ in length
 * @throws {NoConvergenceError} the fixed-point solve did not converge (not observed; bounded iterations)
 * @throws {HeadtuneError} code E_NON_FINITE: a part that does not diverge passes the f64 range.
 * @example minNormTheory(new Float64Array([1, 1, 1, 1]), new Float64Array([1, 0, 0, 0]), 1, 2)
 *   // { gamma: 2, noise: 1, bias: 0.5, variance: 1, excess: 1.5, risk: 2.5 }
 */
export function minNormTheory(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number): RiskParts {
  assertSpectrum(eigenvalues, weights, noise, n);
  return minNormTheoryUnchecked(eigenvalues, weights, noise, n);
}

/**
 * minNormTheory on a checked spectrum (a size's spectrum, or a public function's checked arguments).
 * @throws as minNormTheory, less the argument checks
 */
export function minNormTheoryUnchecked(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number): RiskParts {
  const gamma = eigenvalues.length / n;
  const r = positiveCount(eigenvalues);
  if (r <= n) return riskParts(gamma, noise, 0, underparameterizedVariance(r, n, noise));
  const { bias, variance } = overparameterizedRisk(eigenvalues, weights, r, n, noise);
  return riskParts(gamma, noise, bias, variance);
}
