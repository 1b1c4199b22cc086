/**
 * Ridge theory for any Sx (SPEC 9; the deterministic equivalent of Hastie et al. 2022 and Dobriban and Wager 2018).
 * For B = (X^T X + n lambda I)^{-1} X^T Y, with l_i, w_i the eigenvalues of Sx and the weights of B* on them,
 * kappa > 0 solves
 *     lambda = kappa (1 - (1/n) sum_i l_i / (l_i + kappa)),
 *     df2    = (1/n) sum_i l_i^2 / (l_i + kappa)^2,
 *     bias     = kappa^2 sum_i w_i l_i / (l_i + kappa)^2 / (1 - df2),
 *     variance = tr(Se) df2 / (1 - df2).
 * Solver: g(kappa) = kappa (1 - (1/n) sum_i l_i / (l_i + kappa)) has g' = 1 - df2 > 0 wherever g >= 0 (each
 * l / (l + kappa) is in [0, 1], so df2 <= (1/n) sum l / (l + kappa) <= 1 there), and g(kappa) < kappa <= g(kappa)
 * + (1/n) sum_i l_i, so the root lies in [lambda, lambda + tr(Sx) / n]. It is found by Newton steps safeguarded by
 * geometric bisection (kappa spans many decades as lambda does), as the min-norm fixed point is
 * (overparameterized.ts); only +, -, *, / and sqrt enter, so every engine gives the same bits. As lambda -> 0+ the parts tend to the min-norm theory (kappa -> 1 / (c g) when p > n;
 * bias 0 and variance tr(Se) g / (1 - g) when p < n).
 */
import { NoConvergenceError } from "../errors.js";
import { assertPositiveNumber } from "../validate.js";
import { FIXED_POINT_MAX_ITERATIONS } from "./overparameterized.js";
import { assertSpectrum } from "./spectrum.js";
import { noiseTimes, riskParts, type RiskParts } from "./types.js";

/**
 * The ridge head's asymptotic risk for a general Sx (SPEC 9), all parts totals over the k outputs.
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx (any order)
 * @param weights w_i = ||v_i^T B*||^2 in the same order
 * @param noise tr(Se) >= 0
 * @param n training samples, positive integer
 * @param lambda ridge penalty > 0 (the estimator adds n lambda I to X^T X)
 * @throws {ArgumentError} an eigenvalue, weight or noise is negative, n is not a positive integer, or lambda is
 *   not a finite positive number
 * @throws {NonFiniteError} an eigenvalue or weight is NaN or infinite
 * @throws {ShapeError} weights and eigenvalues differ in length
 * @throws {NoConvergenceError} the fixed point did not converge (not observed; bounded iterations)
 * @throws {HeadtuneError} code E_NON_FINITE: a part passes the f64 range.
 * @example ridgeTheory(new Float64Array(400).fill(1), new Float64Array(400).fill(1 / 400), 1, 200, 1).excess
 *   // the isotropic value isotropicRidgeTheory(1, 2, 1, 1).excess
 */
export function ridgeTheory(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number, lambda: number): RiskParts {
  assertSpectrum(eigenvalues, weights, noise, n);
  assertPositiveNumber("lambda", lambda);
  return ridgeParts(eigenvalues, weights, noise, n, lambda);
}

/**
 * ridgeTheory without checking its arguments: for callers that validated the spectrum once and evaluate many
 * lambdas (the best ridge's search, the sweep's tuned heads).
 */
export function ridgeParts(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number, lambda: number): RiskParts {
  const gamma = eigenvalues.length / n;
  const kappa = ridgeKappa(eigenvalues, n, lambda);
  let df2 = 0;
  let weighted = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const l = eigenvalues[i]!;
    if (l === 0) continue;
    const a = l / (l + kappa);
    df2 += a * a;
    weighted += (weights[i]! * a * kappa * kappa) / (l + kappa);
  }
  df2 /= n;
  const denominator = 1 - df2;
  return riskParts(gamma, noise, weighted / denominator, noiseTimes(noise, df2 / denominator));
}

/**
 * kappa > 0 with kappa (1 - (1/n) sum_i l_i / (l_i + kappa)) = lambda (see the file header).
 * @param eigenvalues l_i >= 0 (validated)
 * @param n training samples
 * @param lambda > 0
 * @throws {NoConvergenceError} after FIXED_POINT_MAX_ITERATIONS steps (not observed).
 */
export function ridgeKappa(eigenvalues: Float64Array, n: number, lambda: number): number {
  let trace = 0;
  for (let i = 0; i < eigenvalues.length; i++) trace += eigenvalues[i]!;
  let lo = lambda;
  let hi = lambda + trace / n;
  let kappa = lo;
  for (let it = 0; it < FIXED_POINT_MAX_ITERATIONS; it++) {
    let sum = 0;
    let df2 = 0;
    for (let i = 0; i < eigenvalues.length; i++) {
      const a = eigenvalues[i]! / (eigenvalues[i]! + kappa);
      sum += a;
      df2 += a * a;
    }
    const f = kappa * (1 - sum / n) - lambda;
    if (f === 0) return kappa;
    if (f < 0) lo = kappa;
    else hi = kappa;
    // g'(kappa) = 1 - df2 / n > 0 on the bracket; a Newton step outside it bisects geometrically instead.
    const newton = kappa - f / (1 - df2 / n);
    const next = newton > lo && newton < hi ? newton : Math.sqrt(lo) * Math.sqrt(hi);
    if (Math.abs(next - kappa) <= 4 * Number.EPSILON * next || hi - lo <= 4 * Number.EPSILON * hi) return next;
    kappa = next;
  }
  throw new NoConvergenceError(`The ridge theory's fixed point for kappa did not converge at lambda = ${lambda}.`, { lambda, n });
}
