import { describe, expect, it } from "vitest";
import { minNormTheory, optimalRidgeLambda, ridgeTheory } from "../../src/theory/index.js";
import { optimalRidgeTheory } from "../../src/theory/ridge-opt.js";
import { relErr, spread } from "./numbers.js";

describe("optimalRidgeTheory (SPEC 9)", () => {
  it.each([100, 400])("finds the isotropic optimum s^2 g / r^2 for Sx = I, p = %i, n = 200", (p) => {
    const w = spread(p, 0, 2 / p);
    let r2 = 0;
    for (const x of w) r2 += x;
    const best = optimalRidgeTheory(new Float64Array(p).fill(1), w, 0.6, 200);
    // The excess is flat at its minimum (quadratic in lambda - lambda*), so lambda* is found to about the
    // square root of the refinement's relative precision in the excess (~1e-16): 1e-6 leaves room.
    expect(relErr(best.lambda, optimalRidgeLambda(p / 200, r2, 0.6))).toBeLessThan(1e-5);
  });

  it.each([
    [50, 0.5],
    [199, 0.5],
    [200, 0.5],
    [201, 0.5],
    [600, 0.5],
    [300, 0],
  ])("is never above min-norm or any fixed ridge, p = %i, noise = %f", (p, noise) => {
    const l = spread(p, 0.02, 3);
    const w = spread(p, 0, 0.05).map((x, i) => (i % 5 === 0 ? 4 * x : x));
    const best = optimalRidgeTheory(l, w, noise, 200);
    // Round-off of an excess is a few hundred eps relative: the comparisons allow 1e-12.
    const tol = 1 + 1e-12;
    const minNorm = minNormTheory(l, w, noise, 200);
    expect(best.excess).toBeLessThanOrEqual(minNorm.excess * tol);
    for (let lambda = 1e-9; lambda < 1e7; lambda *= 1.1) {
      expect(best.excess).toBeLessThanOrEqual(ridgeTheory(l, w, noise, 200, lambda).excess * tol);
    }
  });

  it("without noise and with an isotropic Sx, the optimum is min-norm (lambda* = s^2 g / r^2 = 0)", () => {
    const l = new Float64Array(300).fill(1);
    const w = spread(300, 0, 0.01);
    const best = optimalRidgeTheory(l, w, 0, 200);
    // The excess is flat at lambda = 0 (its derivative 2 (r^2 lambda - s^2 g) int x / (x + lambda)^3 vanishes
    // there), so the search may stop at any lambda whose excess is within round-off of min-norm's: the
    // grid's smallest values, 1e-8 times mean(l), give an excess larger by O(lambda^2) = 1e-16 relative.
    expect(best.lambda).toBeLessThan(1e-6);
    expect(relErr(best.excess, minNormTheory(l, w, 0, 200).excess)).toBeLessThan(1e-12);
  });
});
