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
 */
import { ArgumentError } from "../errors.js";
import { assertFiniteNumber, assertNonNegativeNumber } from "../validate.js";

/** m(-lambda) times lambda, and R, at z = -lambda (internal, unvalidated: lambda > 0, g >= 0). */
export interface MpAtMinusLambda {
  /** lambda m(-lambda) */
  lm: number;
  /** R = sqrt((1 - g + lambda)^2 + 4 g lambda) */
  root: number;
}

/**
 * lambda m(-lambda) and R for the Marchenko-Pastur law of ratio g (see the file header).
 * @param lambda lambda > 0 (z = -lambda)
 * @param g ratio p / n >= 0
 * @example mpAtMinusLambda(1, 0) // { lm: 0.5, root: 2 }: mu_0 is the point mass at 1
 */
export function mpAtMinusLambda(lambda: number, g: number): MpAtMinusLambda {
  const b = 1 - g + lambda;
  const root = Math.hypot(b, 2 * Math.sqrt(g * lambda));
  const lm = b > 0 ? (2 * lambda) / (root + b) : (root - b) / (2 * g);
  return { lm, root };
}

/**
 * m(z) = int dmu_g(x) / (x - z) and m'(z) = int dmu_g(x) / (x - z)^2 for real z < 0, mu_g the
 * Marchenko-Pastur law of ratio g (with its atom at 0 for g > 1); m solves g z m^2 - (1 - g - z) m + 1 = 0.
 * @param z real z < 0
 * @param gamma ratio g = p / n >= 0 (g = 0: the point mass at 1, m = 1 / (1 - z))
 * @throws {ArgumentError} z is not a finite negative number, or gamma is negative or not finite
 * @example mpStieltjes(-1, 0) // { m: 0.5, dm: 0.25 }
 */
export function mpStieltjes(z: number, gamma: number): { m: number; dm: number } {
  assertFiniteNumber("z", z);
  if (!(z < 0)) throw new ArgumentError(`z must be < 0. Value: ${z}.`, { name: "z", value: z });
  assertNonNegativeNumber("gamma", gamma);
  const lambda = -z;
  const { lm, root } = mpAtMinusLambda(lambda, gamma);
  const m = lm / lambda;
  return { m, dm: (m * (1 + gamma * m)) / root };
}
