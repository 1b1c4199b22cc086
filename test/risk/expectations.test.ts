import { describe, expect, it } from "vitest";
import { drawModel } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { sampleMarginal } from "../../src/hmm/sample.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { identity, type Matrix } from "../../src/linalg/matrix.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { RandomStream } from "../../src/rng/stream.js";
import { frobenius } from "../helpers/matrices.js";
import { meanSe } from "../hmm/moments.js";

/** An isotropic population: Sx = Lx = I_p, B* given, tr(Se) = s2. */
function isotropic(Bstar: Matrix, s2: number): { Sx: Matrix; Lx: Matrix; Bstar: Matrix; noise: number } {
  const I = identity(Bstar.rows);
  return { Sx: I, Lx: I, Bstar, noise: s2 };
}

describe("exact finite-n expectations over training sets (SPEC 6)", () => {
  it("p < n - 1, any Sx: bias_X = 0 and E var_X = tr(Se) p / (n - p - 1) (2000 training sets, 5 se)", () => {
    // p = 6, n = 20: X^T X ~ Wishart_p(Sx, n), E (X^T X)^{-1} = Sx^{-1} / (n - p - 1), so E tr(Sx (X^T X)^{-1}) = p / 13.
    const pop = population(drawModel({ d: 5, p: 6, k: 5, T: 3, rho: 0.9, sEps: 0.5, sU: 0.8, sY: 0, aKind: "gaussian" }, new RandomStream(50, 6, 0)));
    const stream = new RandomStream(51);
    const M = 2000;
    const v = new Float64Array(M);
    for (let m = 0; m < M; m++) {
      const { biasX, varX } = conditionalBiasVariance(pop, sampleMarginal(pop, 20, stream).X);
      expect(biasX).toBe(0);
      v[m] = varX;
    }
    const { mean, se } = meanSe(v);
    expect(Math.abs(mean - (pop.noise * 6) / 13)).toBeLessThanOrEqual(5 * se);
  });

  it("p > n + 1, Sx = I: E bias_X = r^2 (1 - n/p), E var_X = s^2 n / (p - n - 1) (2000 training sets, 5 se)", () => {
    // p = 30, n = 10: P = X^+ X is a uniformly random rank-n projection, so E ||(I - P) B*||^2 = (1 - n/p) ||B*||^2;
    // X X^T ~ Wishart_n(I, p), so E tr((X X^T)^{-1}) = n / (p - n - 1).
    const stream = new RandomStream(52);
    const pop = isotropic(stream.normalMatrix(30, 3), 1.7);
    const r2 = frobenius(pop.Bstar) ** 2;
    const M = 2000;
    const bias = new Float64Array(M);
    const variance = new Float64Array(M);
    for (let m = 0; m < M; m++) {
      const out = conditionalBiasVariance(pop, stream.normalMatrix(10, 30));
      bias[m] = out.biasX;
      variance[m] = out.varX;
    }
    const b = meanSe(bias);
    const v = meanSe(variance);
    expect(Math.abs(b.mean - r2 * (1 - 10 / 30))).toBeLessThanOrEqual(5 * b.se);
    expect(Math.abs(v.mean - (1.7 * 10) / 19)).toBeLessThanOrEqual(5 * v.se);
  });
});

describe("population theory at Sx = I equals the isotropic closed forms", () => {
  it.each([0.5, 2, 4])("g = %f", (g) => {
    // p = 40; n = p / g. g > 1: bias = r^2 (1 - 1/g), variance = s^2 / (g - 1); g < 1: variance = s^2 g / (1 - g).
    const p = 40;
    const n = p / g;
    const pop = isotropic(new RandomStream(53).normalMatrix(p, 2), 0.9);
    const r2 = frobenius(pop.Bstar) ** 2;
    const t = populationTheory(pop, n);
    const bias = g > 1 ? r2 * (1 - 1 / g) : 0;
    const variance = g > 1 ? 0.9 / (g - 1) : (0.9 * g) / (1 - g);
    // The fixed point is solved to full precision; the eigensolver's O(p eps) spread of the eigenvalues
    // of I moves the result by O(p eps) relative.
    expect(Math.abs(t.bias - bias)).toBeLessThanOrEqual(1e-10 * r2);
    expect(Math.abs(t.variance - variance) / variance).toBeLessThanOrEqual(1e-10);
  });
});
