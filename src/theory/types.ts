/** The risk decomposition every theory function returns. */

/**
 * Risk of a head split into its parts, all totals over the k outputs (divide by k for per output):
 * noise = tr(Se), excess = bias + variance, risk = noise + excess. gamma = p / n.
 * A part that diverges (the min-norm variance at gamma = 1) is Infinity, never NaN.
 */
export interface RiskParts {
  gamma: number;
  noise: number;
  bias: number;
  variance: number;
  excess: number;
  risk: number;
}

/**
 * RiskParts from its independent parts: excess = bias + variance, risk = noise + excess.
 * @param gamma p / n
 * @param noise tr(Se), total over the outputs
 * @param bias total bias
 * @param variance total variance
 * @example riskParts(0.5, 1, 0, 1) // { gamma: 0.5, noise: 1, bias: 0, variance: 1, excess: 1, risk: 2 }
 */
export function riskParts(gamma: number, noise: number, bias: number, variance: number): RiskParts {
  const excess = bias + variance;
  return { gamma, noise, bias, variance, excess, risk: noise + excess };
}

/**
 * noise * factor, except that no noise gives no variance even where factor is Infinity (0 * Infinity = 0).
 * @param noise tr(Se) >= 0
 * @param factor variance per unit of noise, >= 0, possibly Infinity
 * @example noiseTimes(0, Infinity) // 0
 */
export function noiseTimes(noise: number, factor: number): number {
  return noise === 0 ? 0 : noise * factor;
}
