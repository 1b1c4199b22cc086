// One root of the secular equation of a rank-one modification D + rho z z^T:
//     f(lambda) = 1 + rho sum_j z_j^2 / (d_j - lambda) = 0,   d ascending and distinct, rho > 0, z_j != 0,
// whose K roots interlace the poles: lambda_i in (d_i, d_{i+1}), lambda_{K-1} in (d_{K-1}, d_{K-1} + rho ||z||^2].
// The root is returned as d[origin] + tau with origin the pole nearer to it, so that every
// delta_j = d_j - lambda = (d_j - d_origin) - tau is computed to high relative accuracy (Gu and Eisenstat).
//
// Algorithm: tau stays in a bracket (lo, hi) that holds the root (f increases between poles). The start is
// the root of the two-pole model with the poles p, q next to the root exact and the other terms frozen at
// the middle of the bracket. Each step fits c + b1 / (delta_p - t) + b2 / (delta_q - t) to the value and
// derivative of f, the terms j <= p lumped on p and the others on q (p = i, q = i + 1; for the last root
// p = K - 2, q = K - 1), and takes its root inside the bracket; failing that a Newton step, failing that
// bisection. It stops when |f| is within the rounding error of its evaluation,
// 2^-53 (8 (1 + sum_j |rho z_j^2 / delta_j|) + |tau| f'), or when no float is left strictly inside the
// bracket; after MAX_ITER steps it reports failure. The plain-TS twin is src/ref/secular.ts.
//
// see: LAPACK dlaed4 (Ren-Cang Li's two-pole "middle way"); Gu and Eisenstat, "A divide-and-conquer
// algorithm for the symmetric tridiagonal eigenproblem" (SIMAX 1995).
import { ldf } from "./elem";

/** Steps allowed per root (LAPACK dlaed4 allows 30; bisection fallbacks may need more). */
const MAX_ITER = 100;
/** The unit roundoff 2^-53 (LAPACK's dlamch('E')). */
const UNIT: f64 = reinterpret<f64>(<u64>(1023 - 53) << 52);

/** The origin of the last root found (set by secularRoot). */
export let rootOrigin = 0;
/** The last root found minus d[rootOrigin]. */
export let rootTau = 0.0;

/**
 * Finds root i (0 <= i < K) of 1 + rho sum_j z_j^2 / (d_j - lambda) (d, z: K f64) into rootOrigin and
 * rootTau. Returns true, or false if it did not converge in MAX_ITER steps.
 */
export function secularRoot(k: i32, d: usize, z: usize, rho: f64, i: i32): bool {
  if (k == 1) {
    rootOrigin = 0;
    rootTau = rho * ldf(z, 0) * ldf(z, 0);
    return true;
  }
  const last = i == k - 1;
  let origin: i32;
  let lo: f64;
  let hi: f64;
  if (!last) {
    const half = (ldf(d, i + 1) - ldf(d, i)) / 2;
    if (secular(k, d, z, rho, i, half) >= 0) {
      origin = i;
      lo = 0;
      hi = half;
    } else {
      origin = i + 1;
      lo = -half;
      hi = 0;
    }
  } else {
    let zz = 0.0;
    for (let j = 0; j < k; j++) zz += ldf(z, j) * ldf(z, j);
    origin = k - 1;
    lo = 0;
    hi = rho * zz;
    for (let t = 0; t < 4 && secular(k, d, z, rho, origin, hi) < 0; t++) hi *= 2;
  }
  const dor = ldf(d, origin);
  const p = last ? k - 2 : i;
  const q = p + 1;
  let tau = initialGuess(k, d, z, rho, dor, p, q, lo, hi);
  rootOrigin = origin;
  for (let iter = 0; iter < MAX_ITER; iter++) {
    // f, its derivative, the parts j <= p (psi) and j > p (phi), and sum |terms| for the error bound.
    sums(d, z, 0, p + 1, rho, dor, tau);
    const psi = sumTerms;
    const dpsi = sumDerivs;
    let abs = sumAbs;
    sums(d, z, p + 1, k, rho, dor, tau);
    const phi = sumTerms;
    const dphi = sumDerivs;
    abs += sumAbs;
    const f = 1 + psi + phi;
    const df = dpsi + dphi;
    rootTau = tau;
    if (Math.abs(f) <= UNIT * (8 * (1 + abs) + Math.abs(tau) * df)) return true;
    if (f < 0) lo = tau;
    else hi = tau;
    const mid = lo + (hi - lo) / 2;
    if (!(mid > lo && mid < hi)) return true;
    const dp = ldf(d, p) - dor - tau;
    const dq = ldf(d, q) - dor - tau;
    const step = modelStep(f - dpsi * dp - dphi * dq, dpsi * dp * dp, dphi * dq * dq, dp, dq, tau, lo, hi);
    const newton = tau - f / df;
    tau = !isNaN(step) ? step : newton > lo && newton < hi ? newton : mid;
  }
  return false;
}

/** The sums of sums(): terms rho z_j^2 / delta_j, derivatives rho z_j^2 / delta_j^2, and |terms|. */
let sumTerms = 0.0;
let sumDerivs = 0.0;
let sumAbs = 0.0;

/** The sums over j in [from, to) at lambda = dor + tau, delta_j = (d_j - dor) - tau, two lanes at a time. */
function sums(d: usize, z: usize, from: i32, to: i32, rho: f64, dor: f64, tau: f64): void {
  const vdor = f64x2.splat(dor);
  const vtau = f64x2.splat(tau);
  const vrho = f64x2.splat(rho);
  let terms = f64x2.splat(0);
  let derivs = f64x2.splat(0);
  let abs = f64x2.splat(0);
  let j = from;
  for (; j + 2 <= to; j += 2) {
    const off = <usize>j << 3;
    const zj = v128.load(z + off);
    // t = z_j / ((d_j - dor) - tau); term = rho z_j t; deriv = rho t^2
    const t = f64x2.div(zj, f64x2.sub(f64x2.sub(v128.load(d + off), vdor), vtau));
    const term = f64x2.mul(f64x2.mul(vrho, zj), t);
    terms = f64x2.add(terms, term);
    derivs = f64x2.add(derivs, f64x2.mul(f64x2.mul(vrho, t), t));
    abs = f64x2.add(abs, f64x2.abs(term));
  }
  let st = f64x2.extract_lane(terms, 0) + f64x2.extract_lane(terms, 1);
  let sd = f64x2.extract_lane(derivs, 0) + f64x2.extract_lane(derivs, 1);
  let sa = f64x2.extract_lane(abs, 0) + f64x2.extract_lane(abs, 1);
  for (; j < to; j++) {
    const zj = ldf(z, j);
    const t = zj / (ldf(d, j) - dor - tau);
    const term = rho * zj * t;
    st += term;
    sd += rho * t * t;
    sa += Math.abs(term);
  }
  sumTerms = st;
  sumDerivs = sd;
  sumAbs = sa;
}

/** 1 + rho sum_j z_j^2 / ((d_j - d_origin) - t). */
function secular(k: i32, d: usize, z: usize, rho: f64, origin: i32, t: f64): f64 {
  sums(d, z, 0, k, rho, ldf(d, origin), t);
  return 1 + sumTerms;
}

/** The two-pole model's root with the poles p, q exact and the rest frozen at the bracket's middle, or the middle. */
function initialGuess(k: i32, d: usize, z: usize, rho: f64, dor: f64, p: i32, q: i32, lo: f64, hi: f64): f64 {
  const mid = lo + (hi - lo) / 2;
  // q = p + 1: the terms other than p and q are those below p and above q.
  sums(d, z, 0, p, rho, dor, mid);
  let c = 1 + sumTerms;
  sums(d, z, q + 1, k, rho, dor, mid);
  c += sumTerms;
  const zp = ldf(z, p);
  const zq = ldf(z, q);
  const t = modelStep(c, rho * zp * zp, rho * zq * zq, ldf(d, p) - dor, ldf(d, q) - dor, 0, lo, hi);
  return isNaN(t) ? mid : t;
}

/**
 * tau + t for the root t of c + b1 / (D1 - t) + b2 / (D2 - t) = 0 with tau + t strictly inside (lo, hi),
 * or NaN. Cleared of denominators: c t^2 - A t + B = 0, A = c (D1 + D2) + b1 + b2, B = c D1 D2 + b1 D2 + b2 D1;
 * both roots are formed without cancellation.
 */
function modelStep(c: f64, b1: f64, b2: f64, d1: f64, d2: f64, tau: f64, lo: f64, hi: f64): f64 {
  const a = c * (d1 + d2) + b1 + b2;
  const b = c * d1 * d2 + b1 * d2 + b2 * d1;
  if (c == 0) {
    const t = b / a;
    return a != 0 && inside(tau + t, lo, hi) ? tau + t : NaN;
  }
  const root = Math.sqrt(Math.max(0, a * a - 4 * c * b));
  const s = a >= 0 ? a + root : a - root;
  const t1 = s / (2 * c);
  const t2 = s != 0 ? (2 * b) / s : t1;
  const ok1 = inside(tau + t1, lo, hi);
  const ok2 = inside(tau + t2, lo, hi);
  if (ok1 && ok2) return tau + (Math.abs(t1) <= Math.abs(t2) ? t1 : t2);
  if (ok1) return tau + t1;
  if (ok2) return tau + t2;
  return NaN;
}

@inline function inside(x: f64, lo: f64, hi: f64): bool {
  return x > lo && x < hi;
}
