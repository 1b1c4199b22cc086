import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { mpStieltjes } from "../../src/theory/index.js";
import { mpIntegral } from "./mp-quadrature.js";
import { EPS, relErr } from "./numbers.js";

const GAMMAS = [0.05, 0.5, 0.9, 1, 1.1, 2, 10];
const ZS = [-1e-6, -1e-2, -0.3, -1, -7, -1e4];

describe("mpStieltjes", () => {
  it.each(GAMMAS)("solves g z m^2 - (1 - g - z) m + 1 = 0 (SPEC's sign convention), g = %f", (g) => {
    for (const z of ZS) {
      const { m, dm } = mpStieltjes(z, g);
      expect(m).toBeGreaterThan(0);
      expect(dm).toBeGreaterThan(0);
      // Residual relative to the size of its terms.
      const terms = [g * z * m * m, (1 - g - z) * m, 1];
      const scale = Math.max(...terms.map(Math.abs));
      expect(Math.abs(terms[0]! - terms[1]! + terms[2]!) / scale).toBeLessThan(8 * EPS);
      // The quadratic differentiated: m' (2 g z m - (1 - g - z)) = -(g m^2 + m).
      expect(relErr(dm * ((1 - g - z) - 2 * g * z * m), g * m * m + m)).toBeLessThan(16 * EPS);
    }
  });

  it.each(GAMMAS)("equals int dmu(x) / (x - z) and int dmu(x) / (x - z)^2 by quadrature (atom at 0 for g > 1), g = %f", (g) => {
    // Midpoint rule in the angle converges geometrically; 4000 nodes reach round-off for |z| >= 0.01.
    for (const z of [-1e-2, -0.3, -1, -7, -1e4]) {
      const { m, dm } = mpStieltjes(z, g);
      expect(relErr(m, mpIntegral((x) => 1 / (x - z), g))).toBeLessThan(1e-13);
      expect(relErr(dm, mpIntegral((x) => 1 / (x - z) ** 2, g))).toBeLessThan(1e-13);
    }
  });

  it("g = 0 is the point mass at 1: m = 1 / (1 - z)", () => {
    for (const z of ZS) {
      const { m, dm } = mpStieltjes(z, 0);
      expect(relErr(m, 1 / (1 - z))).toBeLessThan(2 * EPS);
      expect(relErr(dm, 1 / (1 - z) ** 2)).toBeLessThan(4 * EPS);
    }
  });

  it("has the right limits at z -> 0-: 1 / (1 - g) for g < 1, atom (1 - 1/g) / |z| for g > 1", () => {
    expect(relErr(mpStieltjes(-1e-12, 0.25).m, 1 / 0.75)).toBeLessThan(1e-11);
    expect(relErr(mpStieltjes(-1e-12, 4).m * 1e-12, 0.75)).toBeLessThan(1e-11);
  });

  it("rejects z >= 0 and a negative or non-finite gamma", () => {
    expect(() => mpStieltjes(0, 1)).toThrow(ArgumentError);
    expect(() => mpStieltjes(0.5, 1)).toThrow(/z must be < 0. Value: 0.5/);
    expect(() => mpStieltjes(-Infinity, 1)).toThrow(/z must be a finite number/);
    expect(() => mpStieltjes(-1, -0.1)).toThrow(/gamma must be >= 0. Value: -0.1/);
  });
});
