/**
 * Ridge risk for isotropic Sx = I (SPEC 6; Dobriban and Wager 2018; Hastie et al. 2022, Section 4), with
 * B = (X^T X + n lambda I)^{-1} X^T Y and m the Marchenko-Pastur Stieltjes transform of ratio g:
 *     bias     = r^2 lambda^2 m'(-lambda)
 *     variance = s^2 g (m(-lambda) - lambda m'(-lambda))
 * Stable forms (marchenko-pastur.ts, L = lambda m, R the root, q = 1 - g - lambda):
 *     lambda^2 m' = L (lambda + g L) / R
 *     m - lambda m' = m (R + q) / (2 R)        if q >= 0
 *                   = 2 L / ((R - q) R)         otherwise   (same value: (R + q)(R - q) = 4 lambda)
 * Outputs: ridge acts on each output column alone, and both parts are linear in (r^2, s^2), so with totals
 * r^2 = ||B*||_F^2 and s^2 = tr(Se) over the k outputs the parts are totals, as in minNormTheory (pass
 * per-output values for per-output risks). For Sx = a I use lambda / a and r^2 = a ||B*||_F^2.
 * As lambda -> 0+ both parts tend to the min-norm ones on either side of g = 1.
 */
import { assertNonNegativeNumber, assertPositiveNumber } from "../validate.js";
import { ArgumentError } from "../errors.js";
import { overflowError } from "../range.js";
import { mpAtMinusLambda } from "./marchenko-pastur.js";
import { type RiskParts, noiseTimes, riskParts } from "./types.js";

/**
 * Isotropic ridge risk: bias = r^2 lambda^2 m'(-lambda), variance = s^2 g (m(-lambda) - lambda m'(-lambda)).
 * @param lambda ridge penalty lambda > 0 (the estimator adds n lambda I to X^T X)
 * @param gamma g = p / n >= 0
 * @param signal r^2 = ||B*||_F^2 >= 0, total over the k outputs
 * @param noise s^2 = tr(Se) >= 0, total over the k outputs
 * @throws {ArgumentError} lambda is not a finite positive number, or another argument is negative or not finite
 * @throws {HeadtuneError} code E_NON_FINITE: a part passes the f64 range (signal or noise near 1.8e308).
 * @example isotropicRidgeTheory(1, 1, 1, 1).excess // 0.6180339887 (= (sqrt 5 - 1) / 2, the optimum at g = 1)
 */
export function isotropicRidgeTheory(lambda: number, gamma: number, signal: number, noise: number): RiskParts {
  assertPositiveNumber("lambda", lambda);
  assertNonNegativeNumber("gamma", gamma);
  assertNonNegativeNumber("signal", signal);
  assertNonNegativeNumber("noise", noise);
  // root = R / s and q / s with s = scale (marchenko-pastur.ts): lambda^2 m' = L (lambda/s + (g/s) L) / (R/s);
  // for q < 0, g (m - lambda m') = (g/s) 2 L / ((R/s - q/s) (R/s)) / s; for q >= 0, g + lambda <= 1 and s = 1.
  const { lm, root, scale } = mpAtMinusLambda(lambda, gamma);
  const q = (1 - gamma - lambda) / scale;
  const gMinusLambdaDm =
    q >= 0 ? (gamma * (lm / lambda) * (root + q)) / (2 * root) : ((gamma / scale) * ((2 * lm) / ((root - q) * root))) / scale;
  const bias = signal * ((lm * (lambda / scale + (gamma / scale) * lm)) / root);
  return riskParts(gamma, noise, bias, noiseTimes(noise, gMinusLambdaDm));
}

/**
 * Optimal ridge penalty lambda* = s^2 g / r^2, the minimizer of isotropicRidgeTheory over lambda: the
 * excess is int (r^2 l^2 + s^2 g x) / (x + l)^2 dmu_g(x), whose derivative 2 (r^2 l - s^2 g) int x / (x + l)^3 dmu_g
 * is negative below lambda* and positive above it.
 * Only the ratio s^2 / r^2 enters, so totals over the k outputs and per-output means give the same lambda*:
 * it is the optimum for one lambda shared by all outputs (fitRidge). Tuning each output j alone gives
 * lambda_j = s_j^2 g / r_j^2 with its own signal r_j^2 = ||B*_j||^2 and noise s_j^2 = Se_jj.
 * signal = 0 gives Infinity (B = 0 is best) when noise > 0; noise = 0 gives 0 (min-norm is best).
 * @param gamma g = p / n >= 0
 * @param signal r^2 >= 0
 * @param noise s^2 >= 0
 * @throws {ArgumentError} an argument is negative or not finite, or signal = noise = 0 (every lambda is optimal)
 * @throws {HeadtuneError} code E_NON_FINITE: s^2 g / r^2 passes the f64 range (signal > 0).
 * @example optimalRidgeLambda(2, 4, 1) // 0.5
 */
export function optimalRidgeLambda(gamma: number, signal: number, noise: number): number {
  assertNonNegativeNumber("gamma", gamma);
  assertNonNegativeNumber("signal", signal);
  assertNonNegativeNumber("noise", noise);
  if (signal === 0 && noise === 0) {
    throw new ArgumentError("signal and noise are both 0: every lambda is optimal. Value: signal 0, noise 0.", {
      signal,
      noise,
    });
  }
  if (signal === 0) return Infinity;
  const lambda = (noise * gamma) / signal;
  if (!Number.isFinite(lambda)) {
    throw overflowError("the optimal lambda s^2 g / r^2", `Value: ${noise} * ${gamma} / ${signal}.`);
  }
  return lambda;
}
