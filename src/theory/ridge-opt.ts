/**
 * The oracle-tuned ridge head (SPEC 9): lambda* minimizing the ridge theory's excess over lambda >= 0, where
 * lambda = 0 stands for the min-norm head (the limit lambda -> 0+). A lower envelope: its theory is never
 * above min-norm's or any fixed ridge's. Search: the excess on a log grid of lambda / mean(l) from 1e-8 to
 * about 1e6 (8 points a decade), then golden-section refinement between the best point's neighbours (the
 * excess is smooth in lambda; a minimum between two grid points lies in that bracket unless the curve has
 * two dips within a factor 1.8 of lambda, not observed). The min-norm value (lambda = 0) is a candidate.
 * The grid is built by repeated multiplication by a literal ratio and the refinement is linear in lambda
 * (the bracket spans a factor 1.78), so no Math.pow or Math.exp enters: their last bits differ between
 * JavaScript engines, and a sweep's results must not.
 */
import { minNormTheoryUnchecked } from "./minnorm.js";
import { ridgeTheoryUnchecked, type RidgeParts } from "./ridge-general.js";
import { assertSpectrum } from "./spectrum.js";

/** The grid: mean(l_i) times GRID_FIRST RATIO^i, i <= GRID_POINTS (10^-8 to 10^6, RATIO = 10^(1/8)). */
const GRID_FIRST = 1e-8;
const RATIO = 1.333521432163324;
const GRID_POINTS = 112;
/** Golden-section steps: shrink the bracket (relative width 0.78) to about 1e-10 relative. */
const GOLDEN_STEPS = 50;

/**
 * lambda* = argmin over lambda >= 0 of the ridge theory's excess (SPEC 9), and the parts there; lambda* = 0
 * when the min-norm head (lambda -> 0+) is best, with minNormTheory's parts and kappa 0.
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx
 * @param weights w_i = ||v_i^T B*||^2
 * @param noise tr(Se) >= 0
 * @param n number of training samples, positive integer
 * @throws as ridgeTheory and minNormTheory
 * @example optimalRidgeTheory(new Float64Array(400).fill(1), new Float64Array(400).fill(1 / 400), 1, 200).lambda
 *   // ~2: the isotropic optimum s^2 g / r^2
 */
export function optimalRidgeTheory(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number): RidgeParts {
  assertSpectrum(eigenvalues, weights, noise, n);
  return optimalRidgeTheoryUnchecked(eigenvalues, weights, noise, n);
}

/**
 * optimalRidgeTheory on a checked spectrum: the spectrum is scanned once, not at each of the search's lambdas.
 * @throws as optimalRidgeTheory, less the argument checks
 */
export function optimalRidgeTheoryUnchecked(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number): RidgeParts {
  let mean = 0;
  for (let i = 0; i < eigenvalues.length; i++) mean += eigenvalues[i]!;
  mean /= eigenvalues.length;
  const minNorm = { ...minNormTheoryUnchecked(eigenvalues, weights, noise, n), lambda: 0, kappa: 0 };
  if (!(mean > 0)) return minNorm;
  const at = (lambda: number): RidgeParts => ridgeTheoryUnchecked(eigenvalues, weights, noise, n, lambda);
  const xs: number[] = [mean * GRID_FIRST];
  for (let i = 1; i <= GRID_POINTS; i++) xs.push(xs[i - 1]! * RATIO);
  const parts = xs.map(at);
  let best = 0;
  for (let i = 1; i <= GRID_POINTS; i++) if (parts[i]!.excess < parts[best]!.excess) best = i;
  let winner = parts[best]!;
  let a = xs[Math.max(0, best - 1)]!;
  let b = xs[Math.min(GRID_POINTS, best + 1)]!;
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = at(c);
  let fd = at(d);
  for (let it = 0; it < GOLDEN_STEPS; it++) {
    if (fc.excess <= fd.excess) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = at(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = at(d);
    }
  }
  for (const f of [fc, fd]) if (f.excess < winner.excess) winner = f;
  return minNorm.excess <= winner.excess ? minNorm : winner;
}
