import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  isotropicMinNormTheory,
  isotropicRidgeTheory,
  minNormTheory,
  optimalRidgeLambda,
} from "../../src/theory/index.js";
import { mpIntegral } from "./mp-quadrature.js";
import { EPS, relErr } from "./numbers.js";

describe("isotropicRidgeTheory", () => {
  it.each([0.2, 0.9, 1, 1.5, 4])("equals the spectral integrals r^2 int l^2/(x+l)^2 and s^2 g int x/(x+l)^2, g = %f", (g) => {
    for (const lambda of [0.01, 0.3, 2, 50]) {
      const r = isotropicRidgeTheory(lambda, g, 1.7, 0.6);
      expect(relErr(r.bias, 1.7 * mpIntegral((x) => (lambda / (x + lambda)) ** 2, g))).toBeLessThan(1e-13);
      expect(relErr(r.variance, 0.6 * g * mpIntegral((x) => x / (x + lambda) ** 2, g))).toBeLessThan(1e-13);
      expect(r.excess).toBe(r.bias + r.variance);
      expect(r.risk).toBe(0.6 + r.excess);
    }
  });

  it.each([0.1, 0.5, 0.9, 0.99, 1.01, 1.1, 2, 10])("tends to the min-norm risk as lambda -> 0+ (lambda = 1e-8), g = %f", (g) => {
    const lambda = 1e-8;
    const ridge = isotropicRidgeTheory(lambda, g, 2, 0.7);
    const minNorm = isotropicMinNormTheory(g, 2, 0.7);
    // Gaps, from x/(x+l)^2 >= 1/x - 2l/x^2 and l^2/(x+l)^2 <= l^2/x^2 on the continuous part of mu_g, whose
    // mass-weighted int x^-2 is 1/(1-g)^3 (g < 1) or 1/(g-1)^3 (g > 1):
    //   g < 1: variance relative gap <= 2 l / (1-g)^2,   bias <= r^2 l^2 / (1-g)^3
    //   g > 1: variance relative gap <= 2 g l / (g-1)^2, bias relative gap <= g l^2 / (g-1)^4
    // (plus 1e-12 for round-off: l = 1e-8 costs no cancellation in the stable forms).
    if (g < 1) {
      expect(relErr(ridge.variance, minNorm.variance)).toBeLessThan((2 * lambda) / (1 - g) ** 2 + 1e-12);
      expect(ridge.bias).toBeLessThan((2 * lambda ** 2) / (1 - g) ** 3);
    } else {
      expect(relErr(ridge.variance, minNorm.variance)).toBeLessThan((2 * g * lambda) / (g - 1) ** 2 + 1e-12);
      expect(relErr(ridge.bias, minNorm.bias)).toBeLessThan((g * lambda ** 2) / (g - 1) ** 4 + 1e-12);
    }
  });

  it("tends to the general min-norm theory with Sx = I at finite p, n", () => {
    const p = 300;
    const n = 200;
    const w = new Float64Array(p).fill(1 / p);
    const general = minNormTheory(new Float64Array(p).fill(1), w, 0.7, n);
    const ridge = isotropicRidgeTheory(1e-9, p / n, 1, 0.7);
    // g = 1.5: relative gaps <= 2 g l / (g-1)^2 = 1.2e-8 (see above).
    expect(relErr(ridge.excess, general.excess)).toBeLessThan(1.2e-8 + 1e-12);
  });

  it("blows up as lambda -> 0 at g = 1", () => {
    const v = [1e-2, 1e-4, 1e-6, 1e-8].map((l) => isotropicRidgeTheory(l, 1, 1, 1).variance);
    for (let i = 1; i < v.length; i++) expect(v[i]!).toBeGreaterThan(v[i - 1]! * 5);
  });

  it("shrinks to B = 0 as lambda -> inf: bias -> r^2, variance -> 0", () => {
    const r = isotropicRidgeTheory(1e9, 2, 3, 1);
    expect(relErr(r.bias, 3)).toBeLessThan(1e-8);
    expect(r.variance).toBeLessThan(1e-8);
  });

  it("is linear in (signal, noise): per-output risks add up to the total", () => {
    const outputs: [number, number][] = [
      [0.5, 0.2],
      [1.5, 0.9],
      [0.25, 0.4],
    ];
    const total = isotropicRidgeTheory(0.4, 1.3, 2.25, 1.5);
    let bias = 0;
    let variance = 0;
    for (const [s, e] of outputs) {
      const r = isotropicRidgeTheory(0.4, 1.3, s, e);
      bias += r.bias;
      variance += r.variance;
    }
    expect(relErr(bias, total.bias)).toBeLessThan(4 * EPS);
    expect(relErr(variance, total.variance)).toBeLessThan(4 * EPS);
  });

  it("rejects lambda <= 0 and negative arguments", () => {
    expect(() => isotropicRidgeTheory(0, 1, 1, 1)).toThrow(/lambda must be > 0. Value: 0/);
    expect(() => isotropicRidgeTheory(-1, 1, 1, 1)).toThrow(ArgumentError);
    expect(() => isotropicRidgeTheory(1, 1, -1, 1)).toThrow(/signal must be >= 0/);
    expect(() => isotropicRidgeTheory(1, NaN, 1, 1)).toThrow(/gamma must be a finite number/);
  });
});

describe("optimalRidgeLambda", () => {
  it.each([
    [0.3, 1, 2],
    [1, 1, 1],
    [2, 4, 1],
    [5, 1, 0.1],
  ])("lambda* = s^2 g / r^2 minimizes the ridge curve (g = %f, r^2 = %f, s^2 = %f)", (g, signal, noise) => {
    const best = optimalRidgeLambda(g, signal, noise);
    expect(best).toBe((noise * g) / signal);
    const at = (l: number) => isotropicRidgeTheory(l, g, signal, noise).excess;
    // A fine grid over six decades around lambda*, step 0.1%: no point beats lambda*.
    let gridMin = Infinity;
    let argMin = 0;
    for (let i = -3000; i <= 3000; i++) {
      const l = best * 10 ** (i / 1000);
      const r = at(l);
      if (r < gridMin) {
        gridMin = r;
        argMin = l;
      }
    }
    expect(at(best)).toBeLessThanOrEqual(gridMin * (1 + 8 * EPS));
    expect(Math.abs(Math.log10(argMin / best))).toBeLessThan(0.02);
    // The curve falls before lambda* and rises after it.
    expect(at(best * 0.9)).toBeGreaterThan(at(best));
    expect(at(best * 1.1)).toBeGreaterThan(at(best));
  });

  it("no signal: Infinity (B = 0 is best); no noise: 0 (min-norm is best); both 0: undefined", () => {
    expect(optimalRidgeLambda(2, 0, 1)).toBe(Infinity);
    expect(optimalRidgeLambda(2, 1, 0)).toBe(0);
    expect(() => optimalRidgeLambda(2, 0, 0)).toThrow(ArgumentError);
    expect(() => optimalRidgeLambda(2, 0, 0)).toThrow(/every lambda is optimal/);
  });
});
