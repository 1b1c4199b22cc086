/**
 * Min-norm (here: least squares) variance when the effective size r = rank(Sx) is at most n (SPEC 6).
 * Bias is 0: with r <= n samples of Gaussian x, X has full column rank on the range of Sx almost surely.
 * Internal: callers validate.
 */
import { noiseTimes } from "./types.js";

/**
 * variance -> tr(Se) g / (1 - g) = tr(Se) r / (n - r), g = r / n < 1 (asymptotic); Infinity at r = n.
 * @param r effective size (number of positive eigenvalues of Sx), 0 <= r <= n
 * @param n number of training samples
 * @param noise tr(Se)
 * @example underparameterizedVariance(50, 100, 2) // 2
 */
export function underparameterizedVariance(r: number, n: number, noise: number): number {
  return noiseTimes(noise, r < n ? r / (n - r) : Infinity);
}

/**
 * E[variance] = tr(Se) r / (n - r - 1) for r < n - 1 (exact at finite n, Gaussian x, any Sx), because
 * E[(X^T X)^{-1}] = Sx^{-1} / (n - r - 1) for the Wishart X^T X. For r = n - 1 and r = n the expectation is
 * infinite (Infinity), unless noise = 0.
 * @param r effective size, 0 <= r <= n
 * @param n number of training samples
 * @param noise tr(Se)
 * @example underparameterizedExpectedVariance(10, 100, 1) // 10 / 89
 */
export function underparameterizedExpectedVariance(r: number, n: number, noise: number): number {
  return noiseTimes(noise, r < n - 1 ? r / (n - r - 1) : Infinity);
}
