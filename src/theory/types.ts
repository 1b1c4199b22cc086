/** The risk decomposition every theory function returns. */
import { overflowError } from "../range.js";

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
 * What every theory of a size reads of its model: Sx = sum_i l_i v_i v_i^T (eigenvalues l), w_i = ||v_i^T B*||^2
 * (weights), noise = tr(Se), k outputs.
 */
export interface SizeSpectrum {
  eigenvalues: Float64Array;
  weights: Float64Array;
  noise: number;
  k: number;
}

/**
 * RiskParts from its independent parts: excess = bias + variance, risk = noise + excess. A part that is
 * Infinity by design (a diverging variance) passes through; a sum of finite parts past the f64 range is an error.
 * @param gamma p / n
 * @param noise tr(Se), total over the outputs
 * @param bias total bias
 * @param variance total variance
 * @throws {HeadtuneError} code E_NON_FINITE: bias + variance or noise + excess overflows f64.
 * @example riskParts(0.5, 1, 0, 1) // { gamma: 0.5, noise: 1, bias: 0, variance: 1, excess: 1, risk: 2 }
 */
export function riskParts(gamma: number, noise: number, bias: number, variance: number): RiskParts {
  const excess = finiteSum("the excess risk bias + variance", bias, variance);
  return { gamma, noise, bias, variance, excess, risk: finiteSum("the risk noise + excess", noise, excess) };
}

/** a + b, which must be finite when a and b are. */
function finiteSum(what: string, a: number, b: number): number {
  const sum = a + b;
  if (Number.isFinite(a) && Number.isFinite(b) && !Number.isFinite(sum)) {
    throw overflowError(what, `Value: ${a} + ${b}. Scale the targets down: the risks scale with the square of y's scale.`);
  }
  return sum;
}

/**
 * noise * factor, except that no noise gives no variance even where factor is Infinity (0 * Infinity = 0).
 * @param noise tr(Se) >= 0
 * @param factor variance per unit of noise, >= 0, possibly Infinity (a variance that diverges by design)
 * @throws {HeadtuneError} code E_NON_FINITE: a finite factor times the noise overflows f64.
 * @example noiseTimes(0, Infinity) // 0
 */
export function noiseTimes(noise: number, factor: number): number {
  if (noise === 0) return 0;
  const variance = noise * factor;
  if (Number.isFinite(factor) && !Number.isFinite(variance)) {
    throw overflowError("the variance", `Value: noise ${noise} times ${factor}. Scale the targets down: the risks scale with the square of y's scale.`);
  }
  return variance;
}
