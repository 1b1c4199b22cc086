/**
 * Stieltjes transform of the Marchenko-Pastur law (SPEC 6) on the negative real axis z = -lambda < 0.
 * mu_g is the limit spectrum of X^T X / n for x ~ N(0, I_p), g = p / n: density sqrt((b - x)(x - a)) / (2 pi g x)
 * on [a, b] = [(1 - sqrt g)^2, (1 + sqrt g)^2], plus an atom 1 - 1/g at 0 when g > 1.
 *     m(z) = int 1 / (x - z) dmu_g(x) = (1 - g - z - sqrt((1 - g - z)^2 - 4 g z)) / (2 g z),
 * the root of g z m^2 - (1 - g - z) m + 1 = 0 with m > 0 for z < 0. Differentiating that quadratic gives
 *     m'(z) = m (1 + g m) / R,   R = sqrt((1 - g - z)^2 - 4 g z) > 0.
 * Evaluation without cancellation, with b = 1 - g + lambda, R = hypot(b, 2 sqrt(g lambda)):
 *     lambda m = 2 lambda / (R + b)   if b > 0 (rationalized),      (R - b) / (2 g)   otherwise.
 * lambda m stays finite as lambda -> 0 (it tends to the atom 1 - 1/g for g > 1), so the ridge risk uses it.
 * b, R and 2 lambda pass the f64 range when lambda or g is near 1.8e308 (g lambda much sooner), so they are
 * computed divided by s = max(1, g, lambda): lambda m is a ratio of them, and callers divide by s where R
 * enters (s = 1, and nothing changes, for g, lambda <= 1).
 */
import { ArgumentError } from "../errors.js";
import { overflowError } from "../range.js";
import { assertFiniteNumber, assertNonNegativeNumber } from "../validate.js";

/** m(-lambda) times lambda, and R / s, at z = -lambda (internal, unvalidated: lambda > 0, g >= 0). */
export interface MpAtMinusLambda {
  /** lambda m(-lambda), in (0, 1] */
  lm: number;
  /** R / s, R = sqrt((1 - g + lambda)^2 + 4 g lambda) */
  root: number;
  /** s = max(1, g, lambda) */
  scale: number;
}

/**
 * lambda m(-lambda), R / s and s = max(1, g, lambda) for the Marchenko-Pastur law of ratio g (see the file header).
 * @param lambda lambda > 0 (z = -lambda)
 * @param g ratio p / n >= 0
 * @example mpAtMinusLambda(1, 0) // { lm: 0.5, root: 2, scale: 1 }: mu_0 is the point mass at 1
 */
export function mpAtMinusLambda(lambda: number, g: number): MpAtMinusLambda {
  const scale = Math.max(1, g, lambda);
  const b = (1 - g + lambda) / scale;
  const root = Math.hypot(b, 2 * Math.sqrt((g / scale) * (lambda / scale)));
  const lm = b > 0 ? (2 * (lambda / scale)) / (root + b) : (root - b) / (2 * (g / scale));
  return { lm, root, scale };
}

/**
 * m(z) = int dmu_g(x) / (x - z) and m'(z) = int dmu_g(x) / (x - z)^2 for real z < 0, mu_g the
 * Marchenko-Pastur law of ratio g (with its atom at 0 for g > 1); m solves g z m^2 - (1 - g - z) m + 1 = 0.
 * @param z real z < 0
 * @param gamma ratio g = p / n >= 0 (g = 0: the point mass at 1, m = 1 / (1 - z))
 * @throws {ArgumentError} z is not a finite negative number, or gamma is negative or not finite
 * @throws {HeadtuneError} code E_NON_FINITE: m or m' passes the f64 range (|z| tiny: m ~ (1 - 1/g) / |z|,
 *   m' ~ (1 - 1/g) / z^2 for g > 1).
 * @example mpStieltjes(-1, 0) // { m: 0.5, dm: 0.25 }
 */
export function mpStieltjes(z: number, gamma: number): { m: number; dm: number } {
  assertFiniteNumber("z", z);
  if (!(z < 0)) throw new ArgumentError(`z must be < 0. Value: ${z}.`, { name: "z", value: z });
  assertNonNegativeNumber("gamma", gamma);
  const lambda = -z;
  const { lm, root, scale } = mpAtMinusLambda(lambda, gamma);
  const m = lm / lambda;
  // m' = m (1 + g m) / R with R = scale root.
  const dm = (m * (1 / scale + (gamma / scale) * m)) / root;
  if (!Number.isFinite(m) || !Number.isFinite(dm)) {
    throw overflowError(`the Stieltjes transform at z = ${z}`, `m = ${m}, m' = ${dm} for gamma = ${gamma}: use a z farther from 0.`);
  }
  return { m, dm };
}
