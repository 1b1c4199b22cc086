/**
 * The best ridge penalty for a model (SPEC 9): lambda* minimizing the ridge theory's excess bias + variance,
 * the oracle-tuned head, a lower envelope of every fixed ridge and of the min-norm head (its lambda -> 0 limit).
 * The excess is smooth in lambda; it is scanned on a grid of 8 points per decade over [1e-8, 1e4] times the
 * mean eigenvalue of Sx, then refined by golden-section search between the best grid point's neighbours (only
 * +, -, *, / and sqrt: every engine gives the same bits). At an end of the range the optimum is there or beyond it (no signal: lambda -> infinity;
 * no noise below the threshold: lambda -> 0), and the end is returned.
 */
import { ArgumentError } from "../errors.js";
import { ridgeParts } from "./ridge-spectrum.js";
import { assertSpectrum } from "./spectrum.js";
import type { RiskParts } from "./types.js";

const DECADES_BELOW = 8;
const DECADES_ABOVE = 4;
const PER_DECADE = 8;
/** 10^(1/8), the grid's ratio. */
const STEP = 1.333521432163324;
/** Golden-section steps: the bracket (two grid steps, a factor 1.78) shrinks by 0.618 each, to 1e-9 of lambda. */
const GOLDEN_STEPS = 45;

/**
 * lambda* = argmin over lambda > 0 of the ridge theory's excess, and the theory there.
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx, not all 0
 * @param weights w_i = ||v_i^T B*||^2 in the same order
 * @param noise tr(Se) >= 0
 * @param n training samples, positive integer
 * @returns lambda* and ridgeTheory at lambda* (totals over the k outputs)
 * @throws as ridgeTheory; {ArgumentError} every eigenvalue is 0 (every lambda is the same head, B = 0).
 * @example bestRidge(spectrum.eigenvalues, spectrum.weights, noise, 200).lambda
 */
export function bestRidge(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number): { lambda: number; parts: RiskParts } {
  assertSpectrum(eigenvalues, weights, noise, n);
  let mean = 0;
  for (let i = 0; i < eigenvalues.length; i++) mean += eigenvalues[i]! / eigenvalues.length;
  if (!(mean > 0)) {
    throw new ArgumentError("eigenvalues must not all be 0: every lambda then gives the same head, B = 0. Value: all 0.", {
      name: "eigenvalues",
    });
  }
  const excessAt = (lambda: number): number => ridgeParts(eigenvalues, weights, noise, n, lambda).excess;
  // The grid lambda_j = mean 10^(j / 8 - 8) by repeated products, so that every engine gives the same bits.
  const grid = [mean * 1e-8];
  for (let j = 1; j <= (DECADES_BELOW + DECADES_ABOVE) * PER_DECADE; j++) grid.push(grid[j - 1]! * STEP);
  let best = 0;
  let bestExcess = Infinity;
  grid.forEach((lambda, j) => {
    const e = excessAt(lambda);
    if (e < bestExcess) [best, bestExcess] = [j, e];
  });
  let a = grid[Math.max(best - 1, 0)]!;
  let b = grid[Math.min(best + 1, grid.length - 1)]!;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let x1 = b - ratio * (b - a);
  let x2 = a + ratio * (b - a);
  let f1 = excessAt(x1);
  let f2 = excessAt(x2);
  for (let it = 0; it < GOLDEN_STEPS; it++) {
    if (f1 <= f2) {
      [b, x2, f2] = [x2, x1, f1];
      x1 = b - ratio * (b - a);
      f1 = excessAt(x1);
    } else {
      [a, x1, f1] = [x1, x2, f2];
      x2 = a + ratio * (b - a);
      f2 = excessAt(x2);
    }
  }
  const refined = f1 <= f2 ? { x: x1, e: f1 } : { x: x2, e: f2 };
  const lambda = refined.e < bestExcess ? refined.x : grid[best]!;
  return { lambda, parts: ridgeParts(eigenvalues, weights, noise, n, lambda) };
}
