/**
 * Ridge theory for any Sx (SPEC 9) against the isotropic closed form, its lambda -> 0 limit (the min-norm theory
 * of SPEC 6 on both sides of g = 1), Monte Carlo on the spectral sampler, and the best ridge against every fixed
 * lambda and the min-norm head.
 */
import { describe, expect, it } from "vitest";
import { prepareSize, runReplicate, type ExperimentSettings } from "../../src/experiment/size.js";
import { headWeights } from "../../src/hmm/diagonal.js";
import { bestRidge, isotropicRidgeTheory, minNormTheory, optimalRidgeLambda, ridgeTheory } from "../../src/theory/index.js";
import { meanSe } from "../hmm/moments.js";

/** A graded spectrum l_i = 0.5 + 3 i / p and weights that favour the large eigenvalues. */
function spectrum(p: number) {
  const eigenvalues = Float64Array.from({ length: p }, (_, i) => 0.5 + (3 * i) / p);
  const weights = eigenvalues.map((l) => l / p);
  return { eigenvalues, weights };
}

describe("ridgeTheory", () => {
  it.each([
    [0.5, 0.1],
    [2, 0.1],
    [2, 3],
    [1, 0.01],
  ])("Sx = a I (a = 2.5), g = %f, lambda = %f: the isotropic closed form with lambda / a and r^2 = a ||B*||^2", (g, lambda) => {
    const n = 200;
    const p = g * n;
    const a = 2.5;
    const eigenvalues = new Float64Array(p).fill(a);
    const weights = Float64Array.from({ length: p }, (_, i) => (i % 3) / p);
    const norm2 = weights.reduce((s, w) => s + w, 0);
    const got = ridgeTheory(eigenvalues, weights, 7, n, lambda);
    const want = isotropicRidgeTheory(lambda / a, g, a * norm2, 7);
    for (const key of ["bias", "variance", "excess", "risk"] as const) {
      expect(Math.abs(got[key] - want[key]), key).toBeLessThanOrEqual(1e-10 * Math.abs(want[key]));
    }
  });

  it.each([100, 150, 300, 600])("p = %i, n = 200: lambda -> 0 gives the min-norm theory (lambda = 1e-9: within 1e-6)", (p) => {
    const { eigenvalues, weights } = spectrum(p);
    const ridge = ridgeTheory(eigenvalues, weights, 3, 200, 1e-9);
    const minNorm = minNormTheory(eigenvalues, weights, 3, 200);
    // The parts move linearly in lambda near 0: O(lambda / l_min) = O(2e-9) of the excess, far below 1e-6
    // (below g = 1 the min-norm bias is 0 and the ridge's is O(lambda^2)).
    for (const key of ["bias", "variance", "excess"] as const) {
      expect(Math.abs(ridge[key] - minNorm[key]), key).toBeLessThanOrEqual(1e-6 * minNorm.excess);
    }
  });

  it("names a bad lambda", () => {
    const { eigenvalues, weights } = spectrum(10);
    expect(() => ridgeTheory(eigenvalues, weights, 1, 20, 0)).toThrow(/lambda must be/);
    expect(() => ridgeTheory(eigenvalues, weights, 1, 20, Infinity)).toThrow(/lambda/);
  });
});

describe("ridge theory against Monte Carlo (spectral sampler, one model per size, 150 replicates)", () => {
  // Each replicate's oracle excess is one draw: its mean must be within 4 standard errors of the theory plus the
  // deterministic equivalent's own finite-n error, O(1/n) of the excess (measured at n = 200 with 300 replicates:
  // +0.6% +- 0.14% at p = 100 and +0.4% +- 0.07% at p = 300 for lambda = 0.05, below 0.1% for 0.5 and 2); the
  // bound allows excess / n = 0.5% for it.
  const settings: ExperimentSettings = {
    scaling: "width", d: 20, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal",
    n: 200, nTest: 0, sampler: "spectral", seed: 3, fixedModel: true,
    heads: [{ kind: "ridge", lambda: 0.05 }, { kind: "ridge", lambda: 0.5 }, { kind: "ridge", lambda: 2 }],
  };
  it.each([100, 300])("p = %i: the mean excess of three ridges within 4 se (and O(1/n)) of ridgeTheory", (p) => {
    const ctx = prepareSize(settings, p);
    if (ctx.sampler !== "spectral") throw new Error("spectral context expected");
    const weights = headWeights(ctx.diagonal);
    const runs = Array.from({ length: 150 }, (_, r) => runReplicate(settings, ctx, r));
    settings.heads.forEach((head, h) => {
      if (head.kind !== "ridge") return;
      const { mean, se } = meanSe(runs.map((res) => res[h]!.excess));
      const theory = ridgeTheory(ctx.diagonal.sx, weights, ctx.noise, 200, head.lambda).excess;
      expect(Math.abs(mean - theory), `lambda ${head.lambda}: ${mean} +- ${se} against ${theory}`).toBeLessThanOrEqual(4 * se + theory / 200);
    });
  });
});

describe("bestRidge", () => {
  it.each([100, 200, 300])("p = %i, n = 200: never above the min-norm theory or any fixed lambda's", (p) => {
    const { eigenvalues, weights } = spectrum(p);
    const { lambda, parts } = bestRidge(eigenvalues, weights, 3, 200);
    expect(lambda).toBeGreaterThan(0);
    expect(parts.excess).toBeLessThanOrEqual(minNormTheory(eigenvalues, weights, 3, 200).excess);
    for (let e = -6; e <= 3; e += 0.25) {
      expect(parts.excess).toBeLessThanOrEqual(ridgeTheory(eigenvalues, weights, 3, 200, 10 ** e).excess * (1 + 1e-12));
    }
  });

  it("Sx = I: lambda* = s^2 g / r^2 (optimalRidgeLambda), to 1e-6", () => {
    const n = 200;
    const p = 300;
    const eigenvalues = new Float64Array(p).fill(1);
    const weights = new Float64Array(p).fill(2 / p);
    const { lambda } = bestRidge(eigenvalues, weights, 3, n);
    expect(Math.abs(lambda / optimalRidgeLambda(p / n, 2, 3) - 1)).toBeLessThanOrEqual(1e-6);
  });

  it("refuses an all-zero spectrum", () => {
    expect(() => bestRidge(new Float64Array(3), new Float64Array(3), 1, 10)).toThrow(/must not all be 0/);
  });
});
