/**
 * Over-parameterized min-norm theory for a general Sx (SPEC 6; Hastie, Montanari, Rosset, Tibshirani 2022,
 * arXiv 1903.08560, Theorem 2 and Section 5). With g = p / n > 1, c > 0 solves
 *     1 - 1/g = (1/p) sum_i 1 / (1 + c g l_i).
 * We solve it for t = c g, multiplied through by p:
 *     phi(t) = sum_{i: l_i > 0} 1 / (1 + t l_i) = r - n,      r = #{i : l_i > 0},
 * because each zero eigenvalue contributes exactly 1 to the sum (and p - n - #zeros = r - n).
 * phi is strictly decreasing and convex from phi(0) = r to phi(inf) = 0, so a root t > 0 exists if and only if
 * r > n, i.e. #zeros < p - n; it is unique. When r <= n the zero directions are features that are identically
 * 0, the head lives in the r-dimensional range of Sx, and the problem is the under-parameterized one of size r
 * (callers handle it). For r > n the formulas agree with the reduced problem of size r: only t = c g enters.
 * An eigenvalue counts as zero only when it is exactly 0: pass a computed spectrum through snapZeroEigenvalues.
 *
 * Solver: scale by l_max (u_i = l_i / l_max in (0, 1]; the problem is scale-free in t l_i), bracket the root
 * between the Jensen bound n / ((r - n) mean(u)) (phi(s) >= r / (1 + s mean u)) and n / ((r - n) min u)
 * (phi(s) <= r / (1 + s min u)), then Newton steps safeguarded by geometric bisection as in Numerical Recipes'
 * rtsafe (bisect when Newton leaves the bracket or its step is not half the one before last), stopping at a
 * relative step of 2 eps or a bracket of 4 eps. Newton from the left end of a convex decreasing function
 * never overshoots; the safeguard bounds the count (about 2 log2(ln(hi/lo) / eps) <= 130) in any case.
 * The residual is summed (compensated) on the side of the identity sum a_i + sum t l_i a_i = r whose total is
 * smaller, a_i = 1 / (1 + t l_i): sum a_i = r - n near g = 1, sum t l_i a_i = n for large g. Its round-off is
 * then a few eps of min(n, r - n), and the root is as accurate as its conditioning allows (about eps in t).
 */
import { ArgumentError, NoConvergenceError } from "../errors.js";
import { maxAbs, overflowError } from "../range.js";
import { assertInteger, assertNonNegativeArray } from "../validate.js";
import { positiveCount } from "./spectrum.js";
import { noiseTimes } from "./types.js";

const EPS = Number.EPSILON;

/** Iteration cap of the fixed-point solve; the safeguarded solve needs at most about 130. */
export const FIXED_POINT_MAX_ITERATIONS = 200;

/** Bias, variance and t = c g of the over-parameterized theory. */
export interface OverparameterizedParts {
  t: number;
  bias: number;
  variance: number;
}

/**
 * f(s) = sum a_i - (r - n), or n - sum s u_i a_i when tail (equal in exact arithmetic), with a_i = 1 / (1 + s u_i),
 * u_i = l_i / lmax over l_i > 0, and df = f'(s) = -sum u_i a_i^2. Compensated (Neumaier) summation keeps f
 * accurate to a few eps of its target.
 */
function residual(
  eigenvalues: Float64Array,
  lmax: number,
  s: number,
  tail: boolean,
  target: number,
): { f: number; df: number } {
  let sum = 0;
  let comp = 0;
  let df = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const l = eigenvalues[i]!;
    if (l > 0) {
      const u = l / lmax;
      const a = 1 / (1 + s * u);
      const term = tail ? s * u * a : a;
      const next = sum + term;
      comp += Math.abs(sum) >= term ? sum - next + term : term - next + sum;
      sum = next;
      df -= u * a * a;
    }
  }
  const total = sum + comp;
  return { f: tail ? target - total : total - target, df };
}

/** s = t lmax solving sum_{l_i > 0} 1 / (1 + s l_i / lmax) = r - n (see the file header). Requires r > n >= 1. */
function solveScaled(eigenvalues: Float64Array, lmax: number, r: number, n: number, maxIterations: number): number {
  const target = r - n;
  let mean = 0;
  let umin = 1;
  for (let i = 0; i < eigenvalues.length; i++) {
    const l = eigenvalues[i]!;
    if (l > 0) {
      const u = l / lmax;
      mean += u;
      if (u < umin) umin = u;
    }
  }
  mean /= r;
  let lo = n / (target * mean);
  let hi = n / (target * umin);
  if (!Number.isFinite(hi)) {
    throw new NoConvergenceError(
      `eigenvalues span more than f64 resolves (smallest positive / largest = ${umin}): the fixed point is not representable.`,
      { umin },
    );
  }
  // Both sides of phi(s) = r - n sum to r: sum a_i + sum s u_i a_i = r. Sum the side with the smaller total,
  // n - sum s u a when n <= r - n (large g), so that the residual carries round-off relative to min(n, r - n).
  const tail = n <= target;
  let s = lo;
  let step = Math.log(hi / lo);
  let stepBefore = step;
  for (let it = 0; it < maxIterations; it++) {
    const { f, df } = residual(eigenvalues, lmax, s, tail, tail ? n : target);
    if (f === 0) return s;
    if (f > 0) lo = s;
    else hi = s;
    const newton = s - f / df;
    const next =
      newton > lo && newton < hi && Math.abs(Math.log(newton / s)) <= 0.5 * Math.abs(stepBefore)
        ? newton
        : Math.sqrt(lo) * Math.sqrt(hi);
    stepBefore = step;
    step = Math.log(next / s);
    if (Math.abs(next - s) <= 2 * EPS * next || hi - lo <= 4 * EPS * hi) return next;
    s = next;
  }
  throw new NoConvergenceError(
    `the min-norm fixed point did not converge in ${maxIterations} iterations (bracket [${lo}, ${hi}] in units of 1/l_max).`,
    { maxIterations, lo, hi, lmax },
  );
}

/**
 * Over-parameterized bias and variance (SPEC 6), t = c g solving the fixed point, with
 * m_j = (1/p) sum_i l_i^j / (1 + t l_i)^2, bias = (1 + t m_2/m_1) sum_i w_i l_i / (1 + t l_i)^2,
 * variance = tr(Se) t m_2 / m_1. Internal: callers validate and ensure r > n.
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx
 * @param weights the p weights w_i = ||v_i^T B*||^2
 * @param r number of positive eigenvalues, r > n
 * @param n number of training samples
 * @param noise tr(Se)
 * @param maxIterations iteration cap of the solve
 * @throws {NoConvergenceError} the solve did not converge, or the spectrum spans more than f64 resolves
 * @throws {HeadtuneError} code E_NON_FINITE: the bias or the variance passes the f64 range.
 * @example overparameterizedRisk(new Float64Array([1, 1, 1, 1]), new Float64Array([1, 0, 0, 0]), 4, 2, 1)
 *   // { t: 1, bias: 0.5, variance: 1 }
 */
export function overparameterizedRisk(
  eigenvalues: Float64Array,
  weights: Float64Array,
  r: number,
  n: number,
  noise: number,
  maxIterations = FIXED_POINT_MAX_ITERATIONS,
): OverparameterizedParts {
  const lmax = maxAbs(eigenvalues);
  const s = solveScaled(eigenvalues, lmax, r, n, maxIterations);
  let m1 = 0;
  let m2 = 0;
  let signal = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const l = eigenvalues[i]!;
    if (l > 0) {
      const u = l / lmax;
      const a = 1 / (1 + s * u);
      const ua = u * a;
      m1 += ua * a;
      m2 += ua * ua;
      signal += weights[i]! * ua * a;
    }
  }
  // t m_2 / m_1 is scale-free: (s / lmax) (lmax^2 m2) / (lmax m1) = s m2 / m1 in the scaled sums.
  const ratio = (s * m2) / m1;
  if (!Number.isFinite(ratio)) {
    throw new NoConvergenceError(`the min-norm theory is not representable in f64 for this spectrum (t m2/m1 = ${ratio}).`, {
      s,
      m1,
      m2,
    });
  }
  const bias = (1 + ratio) * signal * lmax;
  if (!Number.isFinite(bias)) {
    throw overflowError("the min-norm bias", `(1 + t m2/m1) sum_i w_i l_i / (1 + t l_i)^2 with t m2/m1 = ${ratio}: scale the targets down.`);
  }
  return { t: s / lmax, bias, variance: noiseTimes(noise, ratio) };
}

/**
 * c > 0 solving 1 - 1/g = (1/p) sum_i 1 / (1 + c g l_i), g = p / n (SPEC 6); exists iff more than n of the
 * l_i are positive (see the file header for zero eigenvalues).
 * @param eigenvalues the p eigenvalues l_i >= 0 of Sx (Float64Array, length p)
 * @param n number of training samples, positive integer
 * @param opts maxIterations: iteration cap (default FIXED_POINT_MAX_ITERATIONS)
 * @throws {ArgumentError} an eigenvalue is negative, n or maxIterations is not a positive integer, or at most n
 *   eigenvalues are positive (no root)
 * @throws {NonFiniteError} an eigenvalue is NaN or infinite
 * @throws {NoConvergenceError} the solve did not converge within maxIterations
 * @example minNormFixedPoint(new Float64Array([1, 1, 1, 1]), 2) // 0.5: 1 - 1/2 = 1 / (1 + 0.5 * 2)
 */
export function minNormFixedPoint(eigenvalues: Float64Array, n: number, opts: { maxIterations?: number } = {}): number {
  assertNonNegativeArray("eigenvalues", eigenvalues);
  assertInteger("n", n, 1);
  const maxIterations = opts.maxIterations ?? FIXED_POINT_MAX_ITERATIONS;
  assertInteger("maxIterations", maxIterations, 1);
  const r = positiveCount(eigenvalues);
  if (r <= n) {
    throw new ArgumentError(
      `eigenvalues: the fixed point has a root only with more than n = ${n} positive eigenvalues. Value: ${r} positive.`,
      { name: "eigenvalues", positive: r, n },
    );
  }
  const lmax = maxAbs(eigenvalues);
  const s = solveScaled(eigenvalues, lmax, r, n, maxIterations);
  // c = t / g with t = s / lmax and g = p / n.
  return ((s / lmax) * n) / eigenvalues.length;
}
