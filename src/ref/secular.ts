/**
 * Plain-TypeScript twin of assembly/linalg/dlaed4.ts: one root of the secular equation
 *     f(lambda) = 1 + rho sum_j z_j^2 / (d_j - lambda) = 0,   d ascending and distinct, rho > 0, z_j != 0,
 * whose K roots interlace the poles: lambda_i in (d_i, d_{i+1}), and lambda_{K-1} in (d_{K-1}, d_{K-1} + rho ||z||^2].
 * The root is returned as origin + tau with origin the pole nearer to it (the one the secular function is
 * the steeper at), so that every delta_j = d_j - lambda = (d_j - d_origin) - tau is computed to high
 * relative accuracy (Gu and Eisenstat; LAPACK dlaed4).
 *
 * Iteration: tau stays in a bracket (lo, hi) that always holds the root (f increases between poles). Each
 * step fits the two-pole model c + b1 / (delta_p - t) + b2 / (delta_q - t) to the value and derivative of
 * f, with the terms left of the root lumped on the pole p just left and those right of it on the pole q just
 * right (for the last root p = K - 2, q = K - 1), and takes its root in the bracket; when the model's
 * root is not strictly inside, a Newton step, and when that is not inside either, bisection. It stops when
 * |f| is within the rounding error of its evaluation, or when the bracket has no float left inside; after
 * MAX_ITER steps it reports failure.
 */

/** Steps allowed per root (LAPACK dlaed4 allows 30; bisection fallbacks may need more). */
export const SECULAR_MAX_ITER = 100;
/** The unit roundoff 2^-53 (LAPACK's dlamch('E')). */
const UNIT = 2 ** -53;

export interface SecularRoot {
  /** Index of the pole the root is measured from. */
  origin: number;
  /** The root minus d[origin]. */
  tau: number;
}

/**
 * The i-th root (0-based) of 1 + rho sum_j z_j^2 / (d_j - lambda), d[0..K) ascending and distinct.
 * @param d the poles, K >= 1
 * @param z the weights (non-zero)
 * @param rho > 0
 * @param i which root, 0 <= i < K
 * @returns origin and tau with lambda_i = d[origin] + tau, or null if it did not converge in SECULAR_MAX_ITER steps
 * @example refSecularRoot(Float64Array.of(0), Float64Array.of(1), 2, 0) // { origin: 0, tau: 2 }
 */
export function refSecularRoot(d: Float64Array, z: Float64Array, rho: number, i: number): SecularRoot | null {
  const K = d.length;
  if (K === 1) return { origin: 0, tau: rho * z[0]! * z[0]! };
  const last = i === K - 1;
  let origin: number;
  let lo: number;
  let hi: number;
  if (!last) {
    const gap = d[i + 1]! - d[i]!;
    const half = gap / 2;
    if (secular(d, z, rho, i, half) >= 0) {
      origin = i;
      lo = 0;
      hi = half;
    } else {
      origin = i + 1;
      lo = -half;
      hi = 0;
    }
  } else {
    let zz = 0;
    for (let j = 0; j < K; j++) zz += z[j]! * z[j]!;
    origin = K - 1;
    lo = 0;
    hi = rho * zz;
    for (let k = 0; k < 4 && secular(d, z, rho, origin, hi) < 0; k++) hi *= 2;
  }
  // delta_j(tau) = shift_j - tau with shift_j = d_j - d_origin.
  const shift = new Float64Array(K);
  for (let j = 0; j < K; j++) shift[j] = d[j]! - d[origin]!;
  const p = last ? K - 2 : i;
  const q = p + 1;
  let tau = initialGuess(shift, z, rho, p, q, lo, hi);
  for (let iter = 0; iter < SECULAR_MAX_ITER; iter++) {
    // f, its derivative, the part left of the root (j <= p) and right of it, and the error bound.
    let psi = 0;
    let dpsi = 0;
    let phi = 0;
    let dphi = 0;
    let abs = 0;
    for (let j = 0; j < K; j++) {
      const t = z[j]! / (shift[j]! - tau);
      const term = rho * z[j]! * t;
      const deriv = rho * t * t;
      if (j <= p) {
        psi += term;
        dpsi += deriv;
      } else {
        phi += term;
        dphi += deriv;
      }
      abs += Math.abs(term);
    }
    const f = 1 + psi + phi;
    const df = dpsi + dphi;
    if (Math.abs(f) <= UNIT * (8 * (1 + abs) + Math.abs(tau) * df)) return { origin, tau };
    if (f < 0) lo = tau;
    else hi = tau;
    const mid = lo + (hi - lo) / 2;
    if (!(mid > lo && mid < hi)) return { origin, tau };
    const dp = shift[p]! - tau;
    const dq = shift[q]! - tau;
    const step = modelStep(f - dpsi * dp - dphi * dq, dpsi * dp * dp, dphi * dq * dq, dp, dq, tau, lo, hi);
    const newton = tau - f / df;
    tau = step !== null ? step : newton > lo && newton < hi ? newton : mid;
  }
  return null;
}

/** 1 + rho sum_j z_j^2 / ((d_j - d_origin) - t). */
function secular(d: Float64Array, z: Float64Array, rho: number, origin: number, t: number): number {
  let f = 1;
  for (let j = 0; j < d.length; j++) f += (rho * z[j]! * z[j]!) / (d[j]! - d[origin]! - t);
  return f;
}

/**
 * The start: the two-pole model with the poles p and q exact (weights rho z^2) and the other terms
 * frozen at the middle of the bracket; its root in the bracket, or the middle.
 */
function initialGuess(shift: Float64Array, z: Float64Array, rho: number, p: number, q: number, lo: number, hi: number): number {
  const mid = lo + (hi - lo) / 2;
  let c = 1;
  for (let j = 0; j < shift.length; j++) if (j !== p && j !== q) c += (rho * z[j]! * z[j]!) / (shift[j]! - mid);
  const t = modelStep(c, rho * z[p]! * z[p]!, rho * z[q]! * z[q]!, shift[p]!, shift[q]!, 0, lo, hi);
  return t ?? mid;
}

/**
 * tau + t for the root t of c + b1 / (D1 - t) + b2 / (D2 - t) = 0 with tau + t strictly inside (lo, hi),
 * or null. Cleared of denominators: c t^2 - A t + B = 0 with A = c (D1 + D2) + b1 + b2 and
 * B = c D1 D2 + b1 D2 + b2 D1; both roots are formed without cancellation.
 */
function modelStep(c: number, b1: number, b2: number, D1: number, D2: number, tau: number, lo: number, hi: number): number | null {
  const A = c * (D1 + D2) + b1 + b2;
  const B = c * D1 * D2 + b1 * D2 + b2 * D1;
  const inside = (t: number) => tau + t > lo && tau + t < hi;
  if (c === 0) {
    const t = B / A;
    return A !== 0 && inside(t) ? tau + t : null;
  }
  const root = Math.sqrt(Math.max(0, A * A - 4 * c * B));
  const s = A >= 0 ? A + root : A - root;
  const t1 = s / (2 * c);
  const t2 = s !== 0 ? (2 * B) / s : t1;
  const ok1 = inside(t1);
  const ok2 = inside(t2);
  if (ok1 && ok2) return tau + (Math.abs(t1) <= Math.abs(t2) ? t1 : t2);
  if (ok1) return tau + t1;
  if (ok2) return tau + t2;
  return null;
}
