/**
 * Exact finite-n expectations of the min-norm bias and variance over Gaussian training sets (SPEC 6), where
 * they are known: r = rank(Sx) <= n for any Sx (Wishart inverse moment), r > n when Sx is isotropic on its
 * range (X X^T is Wishart, and X^+ X a uniformly random rank-n projection).
 */
import { ArgumentError } from "../errors.js";
import { assertInteger, assertNonNegativeNumber } from "../validate.js";
import { assertSpectrum, positiveCount, signalOf } from "./spectrum.js";
import { type RiskParts, noiseTimes, riskParts } from "./types.js";
import { underparameterizedExpectedVariance } from "./underparameterized.js";

/**
 * Positive eigenvalues within this relative spread count as isotropic. The expectation is smooth in Sx, so
 * treating such a spectrum as isotropic errs by O(1e-9) relative: far below any Monte Carlo resolution and
 * well above the round-off of a computed eigendecomposition of a I (about p eps).
 */
export const ISOTROPY_RTOL = 1e-9;

/** E[bias], E[variance] at effective size r: any Sx for r <= n, isotropic Sx for r > n (internal, unvalidated). */
function expectedParts(gamma: number, r: number, n: number, signal: number, noise: number): RiskParts {
  if (r <= n) return riskParts(gamma, noise, 0, underparameterizedExpectedVariance(r, n, noise));
  const variance = noiseTimes(noise, r > n + 1 ? n / (r - n - 1) : Infinity);
  return riskParts(gamma, noise, signal * ((r - n) / r), variance);
}

/**
 * Exact expectations over training sets, isotropic Sx = a I (p x p): p <= n: E[bias] = 0,
 * E[variance] = s^2 p / (n - p - 1) for p < n - 1 and Infinity for p = n - 1, n; p > n: E[bias] = r^2 (1 - n/p),
 * E[variance] = s^2 n / (p - n - 1) for p > n + 1 and Infinity for p = n + 1 (variance 0 when s^2 = 0).
 * r^2 = signal = tr(B*^T Sx B*) (= ||B*||_F^2 for Sx = I), s^2 = noise = tr(Se): totals over the k outputs.
 * @param p model size (features), integer >= 0
 * @param n number of training samples, positive integer
 * @param signal r^2 >= 0
 * @param noise s^2 >= 0
 * @throws {ArgumentError} p or n is not an integer in range, or signal or noise is negative or not finite
 * @throws {HeadtuneError} code E_NON_FINITE: a finite part passes the f64 range.
 * @example isotropicMinNormExpected(400, 200, 1, 1) // bias 0.5, variance 200 / 199
 */
export function isotropicMinNormExpected(p: number, n: number, signal: number, noise: number): RiskParts {
  assertInteger("p", p, 0);
  assertInteger("n", n, 1);
  assertNonNegativeNumber("signal", signal);
  assertNonNegativeNumber("noise", noise);
  return expectedParts(p / n, p, n, signal, noise);
}

/**
 * Exact finite-n E[bias], E[variance] of the min-norm head (SPEC 6), same arguments as minNormTheory. With
 * r = #{l_i > 0}: r <= n (any Sx): bias 0, E[variance] = tr(Se) r / (n - r - 1) for r < n - 1, Infinity for
 * r = n - 1, n. r > n: only when the positive eigenvalues are equal (relative spread <= ISOTROPY_RTOL), as
 * isotropicMinNormExpected with p = r and signal = sum_i w_i l_i. gamma reports p / n.
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx (Float64Array, length p)
 * @param weights w_i = ||v_i^T B*||^2 (Float64Array, length p)
 * @param noise tr(Se) >= 0
 * @param n number of training samples, positive integer
 * @throws {ArgumentError} an argument is negative or n not a positive integer, or r > n and Sx is not isotropic
 *   on its range (no exact expectation is known: use minNormTheory)
 * @throws {NonFiniteError} an eigenvalue or weight is NaN or infinite
 * @throws {ShapeError} weights and eigenvalues differ in length
 * @throws {HeadtuneError} code E_NON_FINITE: a finite part passes the f64 range.
 * @example minNormExpected(new Float64Array(10).fill(1), new Float64Array(10).fill(0.1), 1, 100) // variance 10 / 89
 */
export function minNormExpected(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number): RiskParts {
  assertSpectrum(eigenvalues, weights, noise, n);
  const gamma = eigenvalues.length / n;
  const r = positiveCount(eigenvalues);
  if (r > n) {
    let lmin = Infinity;
    let lmax = 0;
    for (let i = 0; i < eigenvalues.length; i++) {
      const l = eigenvalues[i]!;
      if (l > 0 && l < lmin) lmin = l;
      if (l > lmax) lmax = l;
    }
    if (lmax - lmin > ISOTROPY_RTOL * lmax) {
      throw new ArgumentError(
        `eigenvalues: no exact finite-n expectation is known for p > n unless Sx is isotropic on its range. ` +
          `Value: positive eigenvalues in [${lmin}, ${lmax}].`,
        { name: "eigenvalues", lmin, lmax },
      );
    }
  }
  return expectedParts(gamma, r, n, signalOf(eigenvalues, weights), noise);
}
