/**
 * The theory's closed forms at the ends of the f64 range: lambda and g near 1.8e308 (the ridge risk and the
 * Marchenko-Pastur transform computed NaN there: 2 lambda and g lambda overflowed), and sums or products of
 * finite parts that pass the range (silently Infinity before). Infinity stays only where the theory diverges
 * by design (g = 1, p = n - 1, n, n + 1 for the exact expectations).
 */
import { describe, expect, it } from "vitest";
import {
  isotropicMinNormExpected,
  isotropicMinNormTheory,
  isotropicRidgeTheory,
  mpStieltjes,
  optimalRidgeLambda,
} from "../../src/theory/index.js";
import { EPS } from "../helpers/matrices.js";
import { thrown } from "./support.js";

/** The ridge risk by the stable forms of ridge.ts without the rescaling (fine for moderate lambda and g). */
function plainRidge(lambda: number, g: number, signal: number, noise: number): { bias: number; variance: number } {
  const b = 1 - g + lambda;
  const R = Math.hypot(b, 2 * Math.sqrt(g * lambda));
  const L = b > 0 ? (2 * lambda) / (R + b) : (R - b) / (2 * g);
  const q = 1 - g - lambda;
  const mMinusLambdaDm = q >= 0 ? ((L / lambda) * (R + q)) / (2 * R) : (2 * L) / ((R - q) * R);
  return { bias: (signal * L * (lambda + g * L)) / R, variance: noise * g * mMinusLambdaDm };
}

describe("the theory near the ends of the f64 range", () => {
  it.each([
    [5, 3],
    [0.5, 7],
    [40, 0.25],
    [2, 2],
  ])("ridge with lambda = %f, g = %f (rescaled by max(1, g, lambda)) agrees with the plain formulas to 10 eps", (lambda, g) => {
    const t = isotropicRidgeTheory(lambda, g, 1.5, 0.7);
    const want = plainRidge(lambda, g, 1.5, 0.7);
    expect(Math.abs(t.bias - want.bias) / want.bias).toBeLessThanOrEqual(10 * EPS);
    expect(Math.abs(t.variance - want.variance) / want.variance).toBeLessThanOrEqual(10 * EPS);
  });

  it.each([
    [1e308, 0],
    [1e308, 0.5],
    [1.7e308, 2],
    [1e200, 1e300],
    [1e300, 1e300],
  ])("ridge with lambda = %f, g = %f is finite (was NaN): bias -> r^2 and variance -> 0 as lambda -> Infinity", (lambda, g) => {
    // bias = r^2 lambda^2 int dmu / (x + lambda)^2 = r^2 (1 - O(E[x] / lambda)) and variance = s^2 g int x dmu /
    // (x + lambda)^2 = O(s^2 g / lambda^2), with E[x] = 1 for mu_g: for lambda >= 1e200 and g / lambda <= 1e100.
    const t = isotropicRidgeTheory(lambda, g, 1.5, 0.7);
    expect(Object.values(t).every(Number.isFinite)).toBe(true);
    if (g / lambda < 1e-100) {
      expect(Math.abs(t.bias - 1.5) / 1.5).toBeLessThanOrEqual(4 * EPS);
      expect(t.variance).toBeLessThanOrEqual(1e-300);
    }
  });

  it("the Stieltjes transform at z = -1e308 is finite (was NaN); near z = 0 with an atom it overflows as a typed error", () => {
    // m(-lambda) = 1 / lambda - O(1 / lambda^2): 1e-308 (subnormal) and m' = O(1 / lambda^2) underflows to 0.
    const { m, dm } = mpStieltjes(-1e308, 0.5);
    expect(Math.abs(m - 1e-308) / 1e-308).toBeLessThanOrEqual(1e-7);
    expect(dm).toBe(0);
    // g = 2 has an atom 1 - 1/g = 0.5 at 0: m' ~ 0.5 / z^2 = 5e599.
    const err = thrown(() => mpStieltjes(-1e-300, 2));
    expect(err.code).toBe("E_NON_FINITE");
    expect(err.message).toMatch(/^the Stieltjes transform at z = -1e-300 overflows f64 .*use a z farther from 0\.$/);
  });

  it("isotropic min-norm at g = 1e300 with signal 1e300: bias 1e300 (was Infinity: signal (g - 1) overflowed)", () => {
    const t = isotropicMinNormTheory(1e300, 1e300, 1e300);
    expect(t.bias).toBe(1e300 * ((1e300 - 1) / 1e300));
    expect(t.variance).toBe(1e300 * (1 / (1e300 - 1)));
    expect(Number.isFinite(t.risk)).toBe(true);
    expect(isotropicMinNormExpected(400, 200, 1e300, 1).bias).toBe(0.5e300);
  });

  it("Infinity only where the theory diverges; finite parts past the range are typed errors (were Infinity)", () => {
    expect(isotropicMinNormTheory(1, 1, 1e300).variance).toBe(Infinity);
    expect(isotropicMinNormExpected(199, 200, 1, 1).variance).toBe(Infinity);
    // Near g = 1 the variance noise / (g - 1) = 1e300 2^40 passes 1.8e308.
    const near = thrown(() => isotropicMinNormTheory(1 + 2 ** -40, 0, 1e300));
    expect([near.code, near.message]).toEqual(["E_NON_FINITE", expect.stringMatching(/^the variance overflows f64/)]);
    // bias 5e307 + variance 1e308 is finite, noise 1e308 + excess is not.
    const sum = thrown(() => isotropicMinNormTheory(2, 1e308, 1e308));
    expect(sum.message).toMatch(/^the risk noise \+ excess overflows f64/);
    expect(thrown(() => isotropicRidgeTheory(1, 1, 1.7e308, 1.7e308)).code).toBe("E_NON_FINITE");
    expect(thrown(() => optimalRidgeLambda(1e300, 1e-300, 1e300)).message).toMatch(/^the optimal lambda s\^2 g \/ r\^2 overflows f64/);
    expect(optimalRidgeLambda(1, 0, 1)).toBe(Infinity);
  });
});
