/** Closed forms of the min-norm risk for an isotropic Sx (SPEC 6), asymptotic (g = p / n fixed, n -> inf). */
import { assertNonNegativeNumber } from "../validate.js";
import { type RiskParts, noiseTimes, riskParts } from "./types.js";

/**
 * Isotropic min-norm risk: g < 1: bias 0, variance s^2 g / (1 - g); g > 1: bias r^2 (1 - 1/g),
 * variance s^2 / (g - 1); g = 1: variance Infinity (0 when s^2 = 0), bias 0.
 * r^2 = signal = tr(B*^T Sx B*) (= ||B*||_F^2 for Sx = I) and s^2 = noise = tr(Se), both totals over the
 * k outputs (the formulas are linear in them, so per-output values give per-output risks).
 * @param gamma g = p / n >= 0
 * @param signal r^2 >= 0
 * @param noise s^2 >= 0
 * @throws {ArgumentError} an argument is negative or not a finite number
 * @throws {HeadtuneError} code E_NON_FINITE: a finite part passes the f64 range (e.g. noise 1e300 at g = 1 + 1e-9).
 * @example isotropicMinNormTheory(2, 1, 1) // { gamma: 2, noise: 1, bias: 0.5, variance: 1, excess: 1.5, risk: 2.5 }
 */
export function isotropicMinNormTheory(gamma: number, signal: number, noise: number): RiskParts {
  assertNonNegativeNumber("gamma", gamma);
  assertNonNegativeNumber("signal", signal);
  assertNonNegativeNumber("noise", noise);
  if (gamma <= 1) return riskParts(gamma, noise, 0, noiseTimes(noise, gamma < 1 ? gamma / (1 - gamma) : Infinity));
  return riskParts(gamma, noise, signal * ((gamma - 1) / gamma), noiseTimes(noise, 1 / (gamma - 1)));
}
