/**
 * Finite-n min-norm theory (SPEC 6, "Finite n"): the limit's parts turned into what a simulation with n training
 * samples should show. The limit (minnorm.ts) is what g = p / n fixed, n -> infinity gives; near g = 1 the mean
 * over training sets at n = 200 sits visibly above it. Generic over where the limit comes from (a spectrum, the
 * token world's Gaussian equivalent), so any caller with (n, r, tr(Se), limit bias, limit variance) can use it.
 */
import { overflowError } from "../range.js";
import { assertInteger, assertNonNegativeNumber } from "../validate.js";
import { minNormTheory } from "./minnorm.js";
import { positiveCount } from "./spectrum.js";
import { type RiskParts, noiseTimes, riskParts } from "./types.js";
import { underparameterizedExpectedVariance } from "./underparameterized.js";

/** The parts of a limit the finite-n theory reads: its noise tr(Se), bias and variance (totals over k), and g. */
export type LimitParts = Pick<RiskParts, "gamma" | "noise" | "bias" | "variance">;

/**
 * Finite-n min-norm risk from the limit, with r = rank(Sx) (= p for a positive definite Sx):
 *   r < n - 1: bias 0, E[variance] = tr(Se) r / (n - r - 1)    exact for Gaussian x and any Sx (inverse-Wishart mean)
 *   r > n + 1: bias = the limit's, variance = the limit's * (r - n) / (r - n - 1)
 *              exact for an isotropic Sx (then the limit's bias r^2 (1 - n/r) is exact too), a correction otherwise
 *   n - 1 <= r <= n + 1: bias = the limit's, variance Infinity (0 when tr(Se) = 0): the mean over training sets diverges.
 * Totals over the k outputs, as the limit's; gamma and noise pass through.
 * @param limit the limit's gamma, noise = tr(Se) >= 0, bias >= 0 and variance >= 0 (Infinity allowed at r = n)
 * @param r effective size rank(Sx), integer >= 0
 * @param n training samples, positive integer
 * @throws {ArgumentError} r or n is not an integer in range, or noise, bias or variance is negative or NaN
 *   (bias and noise must also be finite).
 * @throws {HeadtuneError} code E_NON_FINITE: the corrected variance or a sum passes the f64 range.
 * @example minNormFiniteN({ gamma: 2, noise: 1, bias: 0.5, variance: 1 }, 400, 200)
 *   // { gamma: 2, noise: 1, bias: 0.5, variance: 200 / 199, excess: 0.5 + 200 / 199, risk: 1.5 + 200 / 199 }
 */
export function minNormFiniteN(limit: LimitParts, r: number, n: number): RiskParts {
  assertInteger("r", r, 0);
  assertInteger("n", n, 1);
  assertNonNegativeNumber("limit.noise", limit.noise);
  assertNonNegativeNumber("limit.bias", limit.bias);
  if (!(limit.variance >= 0)) assertNonNegativeNumber("limit.variance", limit.variance);
  const { gamma, noise, bias, variance } = limit;
  if (r < n) return riskParts(gamma, noise, 0, underparameterizedExpectedVariance(r, n, noise));
  if (r <= n + 1) return riskParts(gamma, noise, bias, noiseTimes(noise, Infinity));
  const corrected = variance * ((r - n) / (r - n - 1));
  if (Number.isFinite(variance) && !Number.isFinite(corrected)) {
    throw overflowError("the finite-n variance", `Value: ${variance} * (${r} - ${n}) / (${r} - ${n} - 1).`);
  }
  return riskParts(gamma, noise, bias, corrected);
}

/**
 * Finite-n min-norm risk of a spectrum: minNormFiniteN(minNormTheory(l, w, tr(Se), n), #{l_i > 0}, n).
 * Same arguments and errors as minNormTheory.
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx (Float64Array, length p)
 * @param weights w_i = ||v_i^T B*||^2 (Float64Array, length p)
 * @param noise tr(Se) >= 0
 * @param n training samples, positive integer
 * @example minNormFiniteTheory(new Float64Array(100).fill(1), new Float64Array(100).fill(0.01), 1, 200).variance // 100 / 99
 */
export function minNormFiniteTheory(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number): RiskParts {
  return minNormFiniteN(minNormTheory(eigenvalues, weights, noise, n), positiveCount(eigenvalues), n);
}
