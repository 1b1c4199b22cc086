import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { fitRidge } from "../../src/head/ridge.js";
import { matrix } from "../../src/linalg/matrix.js";
import { RandomStream } from "../../src/rng/stream.js";
import { isotropicRidgeTheory, minNormTheory, ridgeTheory } from "../../src/theory/index.js";
import { meanSe } from "../hmm/moments.js";
import { relErr, spread } from "./numbers.js";

/** A spread-out spectrum (eigenvalues in [0.05, 3.05)) with weights of varying size. */
function spectrum(p: number): { l: Float64Array; w: Float64Array } {
  return { l: spread(p, 0.05, 3), w: spread(p, 0, 0.02).map((x, i) => x * (1 + (i % 3))) };
}

describe("ridgeTheory (SPEC 9)", () => {
  it.each([
    [50, 200],
    [200, 200],
    [300, 200],
  ])("equals isotropicRidgeTheory for Sx = a I, p = %i, n = %i", (p, n) => {
    const a = 2.5;
    const w = spread(p, 0, 0.01);
    let b2 = 0;
    for (const x of w) b2 += x;
    for (const lambda of [1e-6, 0.05, 0.5, 20]) {
      const general = ridgeTheory(new Float64Array(p).fill(a), w, 0.8, n, lambda);
      // Sx = a I: lambda / a in units of Sx, signal a ||B*||^2 (ridge.ts). kappa solves the same quadratic as
      // the Marchenko-Pastur Stieltjes transform, so both are exact up to the round-off of the kappa root and
      // of the two stable forms (a few hundred eps, relative).
      const iso = isotropicRidgeTheory(lambda / a, p / n, a * b2, 0.8);
      expect(relErr(general.bias, iso.bias)).toBeLessThan(1e-11);
      expect(relErr(general.variance, iso.variance)).toBeLessThan(1e-11);
      expect(general.risk).toBe(0.8 + general.excess);
    }
  });

  it.each([300, 201, 600])("tends to minNormTheory linearly in lambda as lambda -> 0+ for p = %i > n = 200", (p) => {
    const { l, w } = spectrum(p);
    const minNorm = minNormTheory(l, w, 0.7, 200);
    const gap = (lambda: number): number => relErr(ridgeTheory(l, w, 0.7, 200, lambda).variance, minNorm.variance);
    // kappa(lambda) = kappa0 + lambda / h'(kappa0) + O(lambda^2), so each part's relative gap is C lambda with
    // C about 1 / (kappa0 (1 - df2)): below 1e3 at p = 300, 600, about 1e5 at p = 201 (kappa0 = 0.0038 and
    // 1 - df2 = 0.0026 next to the peak). At lambda = 1e-13 the gap is then < 1e-7, and ten times lambda
    // gives ten times the gap (round-off of the two roots, about 1e-13, is far below both).
    expect(gap(1e-13)).toBeLessThan(1e-7);
    expect(gap(1e-12) / gap(1e-13)).toBeGreaterThan(9);
    expect(gap(1e-12) / gap(1e-13)).toBeLessThan(11);
    expect(relErr(ridgeTheory(l, w, 0.7, 200, 1e-13).bias, minNorm.bias)).toBeLessThan(1e-7);
  });

  it.each([20, 100, 190])("tends to bias 0 and variance tr(Se) g / (1 - g) as lambda -> 0+ for p = %i < n = 200", (p) => {
    const { l, w } = spectrum(p);
    const lambda = 1e-10;
    const ridge = ridgeTheory(l, w, 0.7, 200, lambda);
    const g = p / 200;
    // kappa ~ lambda / (1 - g), so bias = O(kappa^2 / l_min^2) and the variance's relative gap is
    // O(kappa / l_min (1 - g)) <= 1e-10 / (0.05 * 0.05^2) < 1e-6.
    expect(ridge.bias).toBeLessThan(1e-12);
    expect(relErr(ridge.variance, (0.7 * g) / (1 - g))).toBeLessThan(1e-6);
    expect(relErr(ridge.kappa, lambda / (1 - g))).toBeLessThan(1e-6);
  });

  it("tends to B = 0 as lambda -> inf: bias -> sum w l, variance -> 0", () => {
    const { l, w } = spectrum(100);
    let signal = 0;
    for (let i = 0; i < 100; i++) signal += w[i]! * l[i]!;
    const r = ridgeTheory(l, w, 0.7, 200, 1e8);
    // bias / signal = 1 - O(l_max / lambda), variance = O(tr(Se) l_max^2 p / (n lambda^2)).
    expect(relErr(r.bias, signal)).toBeLessThan(1e-6);
    expect(r.variance).toBeLessThan(1e-12);
  });

  it("is invariant under l -> c l, w -> w / c, lambda -> c lambda", () => {
    const { l, w } = spectrum(300);
    const a = ridgeTheory(l, w, 0.7, 200, 0.1);
    const b = ridgeTheory(l.map((x) => x * 1e6), w.map((x) => x / 1e6), 0.7, 200, 1e5);
    expect(relErr(b.excess, a.excess)).toBeLessThan(1e-12);
    expect(relErr(b.kappa, a.kappa * 1e6)).toBeLessThan(1e-12);
  });

  it("solves kappa across many decades of lambda, in few iterations", () => {
    const { l, w } = spectrum(300);
    for (const lambda of [1e-300, 1e-100, 1e-20, 1, 1e20, 1e100]) {
      const r = ridgeTheory(l, w, 0.7, 200, lambda, 130);
      expect(Number.isFinite(r.excess)).toBe(true);
    }
  });

  it("Sx = 0: bias and variance 0", () => {
    const r = ridgeTheory(new Float64Array(5), new Float64Array(5).fill(1), 2, 10, 0.1);
    expect([r.bias, r.variance, r.risk]).toEqual([0, 0, 2]);
  });

  it("rejects lambda <= 0 and bad spectra with a typed error naming the argument", () => {
    const { l, w } = spectrum(10);
    expect(() => ridgeTheory(l, w, 1, 10, 0)).toThrow(/lambda/);
    expect(() => ridgeTheory(l, w, 1, 10, Number.NaN)).toThrow(ArgumentError);
    expect(() => ridgeTheory(l, w, -1, 10, 1)).toThrow(/noise/);
    expect(() => ridgeTheory(l, w, 1, 0, 1)).toThrow(/n/);
  });
});

/**
 * Monte Carlo: x ~ N(0, diag(l)), y = x B* + e with e ~ N(0, s^2 I_k), ridge fit on n = 200 samples, exact
 * excess risk sum_i l_i ||(B - B*)_i||^2. The deterministic equivalent is exact as n, p -> inf; at n = 200 its
 * gap is O(1/n) relative (under 1% here, measured at 200 replicates), well inside 4 se of 30 replicates
 * (se 0.6% to 2% of the mean).
 */
describe("ridgeTheory against Monte Carlo", () => {
  const n = 200;
  const k = 4;
  const noisePerOutput = 0.25;
  it.each([
    [100, 0.01],
    [100, 0.1],
    [100, 1],
    [300, 0.01],
    [300, 0.1],
    [300, 1],
  ])("p = %i, lambda = %f: mean excess within 4 se of the theory", (p, lambda) => {
    const l = spread(p, 0.1, 2);
    const setup = new RandomStream(13, p, 0);
    const Bstar = setup.normalMatrix(p, k, 1 / Math.sqrt(p));
    const w = new Float64Array(p);
    for (let i = 0; i < p; i++) for (let j = 0; j < k; j++) w[i]! += Bstar.data[i * k + j]! ** 2;
    const theory = ridgeTheory(l, w, k * noisePerOutput, n, lambda);
    const excess: number[] = [];
    for (let r = 0; r < 30; r++) {
      const stream = new RandomStream(13, p, r + 1);
      const X = stream.normalMatrix(n, p);
      for (let a = 0; a < n; a++) for (let i = 0; i < p; i++) X.data[a * p + i]! *= Math.sqrt(l[i]!);
      const E = stream.normalMatrix(n, k, Math.sqrt(noisePerOutput));
      const Y = matrix(n, k);
      for (let a = 0; a < n; a++) {
        for (let j = 0; j < k; j++) {
          let s = E.data[a * k + j]!;
          for (let i = 0; i < p; i++) s += X.data[a * p + i]! * Bstar.data[i * k + j]!;
          Y.data[a * k + j] = s;
        }
      }
      const { B } = fitRidge(X, Y, lambda);
      let e = 0;
      for (let i = 0; i < p; i++) for (let j = 0; j < k; j++) e += l[i]! * (B.data[i * k + j]! - Bstar.data[i * k + j]!) ** 2;
      excess.push(e);
    }
    const { mean, se } = meanSe(excess);
    expect(Math.abs(mean - theory.excess)).toBeLessThanOrEqual(4 * se);
  });
});
