/**
 * The ridge penalty chosen on the training sample by generalized cross-validation (SPEC 9; Golub, Heath and
 * Wahba 1979). With K = X X^T = sum_j d_j u_j u_j^T and q_j = ||u_j^T Y||^2 (over the k outputs), the ridge fit
 * X B = K (K + n lambda I)^{-1} Y leaves the residual sum of squares and the trace of the hat matrix
 *     RSS(lambda) = sum_j (n lambda / (d_j + n lambda))^2 q_j + rest,     tr H = sum_j d_j / (d_j + n lambda),
 * where rest = ||Y||^2 - sum_j q_j is the part of Y outside the column space of X, and
 *     GCV(lambda) = (RSS / n) / (1 - tr H / n)^2.
 * Only the nonzero spectrum enters, which X^T X and X X^T share, so either Gram serves: the smaller one.
 */
import { gramUnchecked } from "../linalg/gram.js";
import { symmetricEigenUnchecked } from "../linalg/eigen.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import { frobenius2 } from "../linalg/norms.js";
import { assertMatrix } from "../validate.js";
import { assertTargets } from "./minnorm.js";

/** The Gram's eigenvalues d_j >= 0, q_j = ||u_j^T Y||^2 for the sample-space eigenvectors u_j, and rest. */
export interface GramSpectrum {
  values: Float64Array;
  projections: Float64Array;
  rest: number;
}

/**
 * The GCV grid: mean(d_j) / n times GRID_FIRST RATIO^i, i <= GRID_POINTS (10^-6 to 10^4, RATIO = 10^(1/10)),
 * built by multiplication by a literal: Math.pow's last bits differ between JavaScript engines.
 */
const GRID_FIRST = 1e-6;
const RATIO = 1.2589254117941673;
const GRID_POINTS = 100;

/**
 * GCV(lambda) = (RSS / n) / (1 - tr H / n)^2 from the Gram's spectrum (see the file header); Infinity where
 * the fit interpolates (tr H = n).
 * @param g the Gram's spectrum
 * @param n number of training samples
 * @param lambda ridge penalty > 0
 * @example gcvScore({ values: new Float64Array([1]), projections: new Float64Array([1]), rest: 0 }, 2, 0.5) // 0.5
 */
export function gcvScore(g: GramSpectrum, n: number, lambda: number): number {
  const shift = n * lambda;
  let rss = g.rest;
  let trace = 0;
  for (let j = 0; j < g.values.length; j++) {
    const d = g.values[j]!;
    const shrink = shift / (d + shift);
    rss += shrink * shrink * g.projections[j]!;
    trace += d / (d + shift);
  }
  const dof = 1 - trace / n;
  return dof > 0 ? rss / n / (dof * dof) : Infinity;
}

/**
 * The lambda of a log grid (mean(d_j) / n times 10^-6 to 10^4, 10 points a decade) with the smallest GCV score,
 * the smallest lambda on ties.
 * @param g the Gram's spectrum (gramSpectrum)
 * @param n number of training samples
 * @returns lambda > 0 (1 when X = 0: every lambda fits B = 0)
 * @example gcvLambda(gramSpectrum(X, Y), X.rows)
 */
export function gcvLambda(g: GramSpectrum, n: number): number {
  let mean = 0;
  for (let j = 0; j < g.values.length; j++) mean += g.values[j]!;
  mean /= g.values.length * n;
  if (!(mean > 0)) return 1;
  let lambda = mean * GRID_FIRST;
  let best = lambda;
  let bestScore = Infinity;
  for (let i = 0; i <= GRID_POINTS; i++, lambda *= RATIO) {
    const score = gcvScore(g, n, lambda);
    if (score < bestScore) {
      bestScore = score;
      best = lambda;
    }
  }
  // Every score Infinity (the fit interpolates at every lambda of the grid, or no data): the largest lambda.
  return bestScore === Infinity ? lambda / RATIO : best;
}

/**
 * The spectrum GCV needs, from one eigendecomposition of the smaller Gram: n <= p: K = X X^T = U D U^T and
 * q_j = ||(U^T Y)_j||^2; n > p: X^T X = V D V^T and q_j = ||(V^T X^T Y)_j||^2 / d_j (u_j = X v_j / sqrt(d_j)),
 * rest = ||Y||^2 - sum q_j (>= 0). Round-off eigenvalues below 0 count as 0.
 * @param X n x p features
 * @param Y n x k targets
 * @throws {ArgumentError} X or Y is not a Matrix.
 * @throws {ShapeError} Y does not have X's rows.
 * @throws {NonFiniteError} X or Y holds NaN or Infinity.
 * @throws {NoConvergenceError} the eigensolver failed.
 * @example const lambda = gcvLambda(gramSpectrum(X, Y), X.rows);
 */
export function gramSpectrum(X: Matrix, Y: Matrix): GramSpectrum {
  assertMatrix("X", X);
  assertTargets(X, Y);
  return gramSpectrumUnchecked(X, Y);
}

/**
 * gramSpectrum of a replicate's own sample (checked by construction), without scanning it again.
 * @param X n x p features
 * @param Y n x k targets
 * @throws {NoConvergenceError} the eigensolver failed.
 */
export function gramSpectrumUnchecked(X: Matrix, Y: Matrix): GramSpectrum {
  return X.rows <= X.cols
    ? sampleGramSpectrum(gramUnchecked(X, "XXt"), Y)
    : featureGramSpectrum(gramUnchecked(X, "XtX"), matmulUnchecked(X, Y, { transA: true }), frobenius2(Y));
}

/**
 * gramSpectrum from the sample-space Gram K = X X^T (n x n) and Y (n x k).
 * @throws {NoConvergenceError} the eigensolver failed.
 */
export function sampleGramSpectrum(K: Matrix, Y: Matrix): GramSpectrum {
  const { values, vectors } = symmetricEigenUnchecked(K, "the Gram");
  return spectrumOf(values, matmulUnchecked(vectors, Y, { transA: true }), frobenius2(Y), false);
}

/**
 * gramSpectrum from the feature-space Gram G = X^T X (p x p), X^T Y (p x k) and ||Y||^2.
 * @throws {NoConvergenceError} the eigensolver failed.
 */
export function featureGramSpectrum(G: Matrix, XtY: Matrix, yy: number): GramSpectrum {
  const { values, vectors } = symmetricEigenUnchecked(G, "the Gram");
  return spectrumOf(values, matmulUnchecked(vectors, XtY, { transA: true }), yy, true);
}

/** d_j = max(0, values_j), q_j = ||Z_j||^2 (divided by d_j for the feature-space Gram), rest = yy - sum q_j. */
function spectrumOf(values: Float64Array, Z: Matrix, yy: number, perValue: boolean): GramSpectrum {
  const m = values.length;
  const k = Z.cols;
  const d = values.map((v) => Math.max(0, v));
  const projections = new Float64Array(m);
  let total = 0;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += Z.data[j * k + c]! ** 2;
    projections[j] = !perValue ? s : d[j]! > 0 ? s / d[j]! : 0;
    total += projections[j]!;
  }
  return { values: d, projections, rest: Math.max(0, yy - total) };
}
