/**
 * Asymptotic risk of the ridge head B = (X^T X + n lambda I)^{-1} X^T Y for any Sx (SPEC 9; the deterministic
 * equivalent of Hastie, Montanari, Rosset, Tibshirani 2022 and Dobriban and Wager 2018). kappa > 0 solves
 *     lambda = h(kappa) = kappa (1 - (1/n) sum_i l_i / (l_i + kappa))
 * and with df2 = (1/n) sum_i l_i^2 / (l_i + kappa)^2:
 *     bias     = kappa^2 sum_i w_i l_i / (l_i + kappa)^2 / (1 - df2)
 *     variance = tr(Se) df2 / (1 - df2)
 * h(0) = 0, h'(k) = 1 - df2(k) and h''(k) = (2/n) sum l^2 / (l + k)^3 > 0: h is convex, so h = lambda > 0 has
 * exactly one positive root, where h is increasing (1 - df2 > 0). Since k l / (l + k) lies in [0, l],
 *     lambda <= kappa <= lambda + tr(Sx) / n,
 * a bracket we shrink in log kappa (kappa spans many decades: kappa ~ lambda / (1 - g) for p < n,
 * kappa -> 1 / (c g) of SPEC 6 for p > n). Solver: Newton safeguarded by bisection in log kappa (rtsafe), which
 * halves ln(hi / lo) <= ln(1 + tr(Sx) / (n lambda)) < 1500 at least every second step, so it stops at a
 * relative bracket of 4 eps within about 2 log2(1500 / eps) < 130 steps whatever the spectrum.
 * Scale: l_i, lambda and kappa enter as ratios, so we solve with u_i = l_i / l_max and lambda / l_max.
 * As lambda -> 0+: p > n gives SPEC 6's min-norm theory (kappa -> 1 / (c g)); p < n gives bias 0 and
 * variance tr(Se) g / (1 - g).
 */
import { ArgumentError, NoConvergenceError } from "../errors.js";
import { maxAbs, overflowError } from "../range.js";
import { assertPositiveNumber } from "../validate.js";
import { assertSpectrum } from "./spectrum.js";
import { type RiskParts, noiseTimes, riskParts } from "./types.js";

const EPS = Number.EPSILON;

/** Iteration cap of the kappa solve; the safeguarded solve needs at most about 130 (see the file header). */
export const KAPPA_MAX_ITERATIONS = 200;

/** RiskParts of the ridge head and its effective regularization kappa (in the units of Sx). */
export interface RidgeParts extends RiskParts {
  lambda: number;
  kappa: number;
}

/** h(s) - lambda and h'(s) in units of l_max (internal): h(s) = s (1 - (1/n) sum u_i / (u_i + s)). */
function residual(u: Float64Array, n: number, s: number, lambda: number): { f: number; dh: number } {
  let sum = 0;
  let df2 = 0;
  for (let i = 0; i < u.length; i++) {
    const a = u[i]! / (u[i]! + s);
    sum += a;
    df2 += a * a;
  }
  return { f: s * (1 - sum / n) - lambda, dh: 1 - df2 / n };
}

/**
 * kappa / l_max solving h = lambda / l_max, on a log scale (see the file header): the bracket is halved in
 * log kappa (its geometric mean), and a Newton step in kappa is taken only when it stays inside the bracket
 * and moves by at most half the log step before last. Steps are measured as ratios (a log step of x is a
 * ratio e^x, half of it the square root), so only +, *, / and sqrt enter: those are correctly rounded, which
 * makes the root the same bit for bit in every JavaScript engine (Math.exp and Math.log are not).
 */
function solveKappa(u: Float64Array, n: number, lambda: number, trace: number, maxIterations: number): number {
  let lo = lambda;
  let hi = lambda + trace / n;
  let s = Math.sqrt(lo) * Math.sqrt(hi);
  let ratio = hi / lo;
  let ratioBefore = ratio;
  for (let it = 0; it < maxIterations; it++) {
    const { f, dh } = residual(u, n, s, lambda);
    if (f === 0) return s;
    if (f < 0) lo = s;
    else hi = s;
    const newton = s - f / dh;
    const newtonRatio = newton > s ? newton / s : s / newton;
    const next = newton > lo && newton < hi && newtonRatio <= Math.sqrt(ratioBefore) ? newton : Math.sqrt(lo) * Math.sqrt(hi);
    ratioBefore = ratio;
    ratio = next > s ? next / s : s / next;
    if (ratio - 1 <= 2 * EPS || hi - lo <= 4 * EPS * hi) return next;
    s = next;
  }
  throw new NoConvergenceError(
    `the ridge kappa equation did not converge in ${maxIterations} iterations (bracket [${lo}, ${hi}] in units of l_max).`,
    { maxIterations, lo, hi },
  );
}

/**
 * Asymptotic ridge risk for any Sx (SPEC 9): bias = kappa^2 sum_i w_i l_i / (l_i + kappa)^2 / (1 - df2),
 * variance = tr(Se) df2 / (1 - df2), kappa solving lambda = kappa (1 - (1/n) sum_i l_i / (l_i + kappa)).
 * All parts are totals over the k outputs (ridge acts on each output alone and the parts are linear in the
 * w_i and in tr(Se), so per-output spectra give per-output risks). gamma reports p / n.
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx (Float64Array, length p, any order)
 * @param weights w_i = ||v_i^T B*||^2 for the eigenvector v_i of l_i (Float64Array, length p)
 * @param noise tr(Se) >= 0
 * @param n number of training samples, positive integer
 * @param lambda ridge penalty lambda > 0 (the estimator adds n lambda I to X^T X)
 * @throws {ArgumentError} an eigenvalue, weight or noise is negative, n is not a positive integer, or lambda is
 *   not a finite positive number (or lambda / l_max leaves the f64 range)
 * @throws {NonFiniteError} an eigenvalue or weight is NaN or infinite
 * @throws {ShapeError} weights and eigenvalues differ in length
 * @throws {NoConvergenceError} the kappa solve did not converge (not observed; bounded iterations)
 * @throws {HeadtuneError} code E_NON_FINITE: a part passes the f64 range.
 * @example ridgeTheory(new Float64Array(400).fill(1), new Float64Array(400).fill(1 / 400), 1, 200, 1e-12).excess
 *   // ~1.5: the isotropic min-norm value r^2 (1 - 1/g) + s^2 / (g - 1) at g = 2
 */
export function ridgeTheory(
  eigenvalues: Float64Array,
  weights: Float64Array,
  noise: number,
  n: number,
  lambda: number,
  maxIterations = KAPPA_MAX_ITERATIONS,
): RidgeParts {
  assertSpectrum(eigenvalues, weights, noise, n);
  assertPositiveNumber("lambda", lambda);
  return ridgeTheoryUnchecked(eigenvalues, weights, noise, n, lambda, maxIterations);
}

/**
 * ridgeTheory on a checked spectrum and lambda (a size's spectrum, a head's lambda from validated settings or
 * chosen by the sample): the same parts, without scanning the spectrum again.
 * @throws as ridgeTheory, less the argument checks
 */
export function ridgeTheoryUnchecked(
  eigenvalues: Float64Array,
  weights: Float64Array,
  noise: number,
  n: number,
  lambda: number,
  maxIterations = KAPPA_MAX_ITERATIONS,
): RidgeParts {
  const p = eigenvalues.length;
  const gamma = p / n;
  const lmax = maxAbs(eigenvalues);
  // Sx = 0: every feature is 0, B = 0, and there is no signal to miss.
  if (lmax === 0) return { ...riskParts(gamma, noise, 0, 0), lambda, kappa: lambda };
  if (!(lambda / lmax > 0 && Number.isFinite(lambda / lmax))) {
    throw new ArgumentError(`lambda / l_max must be a positive f64. Value: ${lambda} / ${lmax}.`, { name: "lambda", lambda, lmax });
  }
  const u = eigenvalues.map((l) => l / lmax);
  let trace = 0;
  for (let i = 0; i < p; i++) trace += u[i]!;
  const s = solveKappa(u, n, lambda / lmax, trace, maxIterations);
  let df2 = 0;
  let signal = 0;
  for (let i = 0; i < p; i++) {
    const a = u[i]! / (u[i]! + s);
    df2 += a * a;
    // kappa^2 w l / (l + kappa)^2 = l_max w (s / (u + s))^2 u
    const b = s / (u[i]! + s);
    signal += weights[i]! * b * b * u[i]!;
  }
  df2 /= n;
  const bias = (signal * lmax) / (1 - df2);
  if (!Number.isFinite(bias)) {
    throw overflowError("the ridge bias", `kappa^2 sum_i w_i l_i / (l_i + kappa)^2 / (1 - df2) with df2 = ${df2}: scale the targets down.`);
  }
  return { ...riskParts(gamma, noise, bias, noiseTimes(noise, df2 / (1 - df2))), lambda, kappa: s * lmax };
}
