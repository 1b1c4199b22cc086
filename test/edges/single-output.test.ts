/**
 * k = 1: V a single column (one task output). The scalar HMM (d = p = k = 1) has closed forms; larger models
 * are checked by Monte Carlo on both samplers and through the heads, the theory and the CLI.
 */
import { describe, expect, it } from "vitest";
import { run as runFit } from "../../src/cli/commands/fit.js";
import { run as runTheory } from "../../src/cli/commands/theory.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { fitMinNorm } from "../../src/head/minnorm.js";
import { fitRidge } from "../../src/head/ridge.js";
import { drawModel, type Model } from "../../src/hmm/model.js";
import { modelToJson } from "../../src/hmm/model-file.js";
import { population } from "../../src/hmm/population.js";
import { sampleMarginal, sampleSequential } from "../../src/hmm/sample.js";
import { fromRows } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS, maxAbsDiff } from "../helpers/matrices.js";
import { blocks, hstack, maxZ, secondMoments } from "../hmm/moments.js";
import { fakeIo } from "./support.js";

/** d = 4, p = 5, k = 1: V = (1, -0.5, 0.25, 0)^T. */
function singleOutput(): Model {
  return drawModel(
    { d: 4, p: 5, k: 1, T: 3, rho: 0.8, sEps: 0.5, sU: 0.6, sY: 0.2, aKind: "orthogonal", V: fromRows([[1], [-0.5], [0.25], [0]]) },
    new RandomStream(12, 5, 0),
  );
}

describe("k = 1", () => {
  it("the scalar HMM (d = p = k = 1, T = 2): Sx, Cxy, Sy, B* and tr(Se) in closed form", () => {
    const [a, w, v, sEps, sU, sY] = [0.7, 1.3, -0.8, 0.5, 0.6, 0.2];
    const model = drawModel(
      { d: 1, p: 1, k: 1, T: 2, rho: a, sEps, sU, sY, aKind: "diagonal", W: fromRows([[w]]), V: fromRows([[v]]) },
      new RandomStream(1),
    );
    const pop = population(model);
    // S_2 = a^2 + sEps^2; Sx = w^2 S_2 + sU^2; Cxy = w S_2 a v; Sy = v^2 (a^2 S_2 + sEps^2) + sY^2.
    const S2 = a * a + sEps * sEps;
    const Sx = w * w * S2 + sU * sU;
    const Cxy = w * S2 * a * v;
    const Sy = v * v * (a * a * S2 + sEps * sEps) + sY * sY;
    // A handful of operations on O(1) numbers: relative 10 eps.
    const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(10 * EPS * Math.abs(want));
    close(pop.Sx.data[0]!, Sx);
    close(pop.Cxy.data[0]!, Cxy);
    close(pop.Sy.data[0]!, Sy);
    close(pop.Bstar.data[0]!, Cxy / Sx);
    close(pop.noise, Sy - (Cxy * Cxy) / Sx);
  });

  it.each(["sequential", "marginal"] as const)("the %s sampler has the population's covariance of (x, y) (N = 20000, 5 se per entry)", (sampler) => {
    const model = singleOutput();
    const pop = population(model);
    const N = 20000;
    const stream = new RandomStream(13, 5, 1);
    const { X, Y } = sampler === "sequential" ? sampleSequential(model, N, stream) : sampleMarginal(pop, N, stream);
    expect([X.cols, Y.cols]).toEqual([5, 1]);
    // 21 entries of a 6 x 6 covariance, each within 5 standard errors (test/hmm/moments.ts).
    expect(maxZ(secondMoments(hstack(X, Y)), blocks(pop.Sx, pop.Cxy, pop.Sy), N)).toBeLessThanOrEqual(5);
  });

  it.each([
    [40, "primal-cholesky"],
    [3, "dual-cholesky"],
  ] as const)("heads, conditional risk and theory at n = %i: one-column B, finite parts", (n, path) => {
    const model = singleOutput();
    const pop = population(model);
    const { X, Y } = sampleSequential(model, n, new RandomStream(14, 5, 1));
    const fit = fitMinNorm(X, Y);
    expect([fit.B.rows, fit.B.cols, fit.path]).toEqual([5, 1, path]);
    expect(fitRidge(X, Y, 0.1).B.cols).toBe(1);
    if (n < 5) {
      // Interpolation: X B = Y to a few eps (the dual Gram is well conditioned here).
      expect(maxAbsDiff(refMatmul(X, fit.B), Y)).toBeLessThanOrEqual(1e-12);
    }
    const { biasX, varX } = conditionalBiasVariance(pop, X);
    const theory = populationTheory(pop, n);
    expect([biasX, varX, theory.bias, theory.variance, theory.risk].every(Number.isFinite)).toBe(true);
    expect(theory.noise).toBe(pop.noise);
  });

  it("the CLI reads a k = 1 model file: theory per output equals the total, fit reports finite risks", async () => {
    const files = { "m.json": modelToJson(singleOutput()) };
    const theory = fakeIo(files);
    await runTheory(["--model", "m.json", "--n", "20", "--json"], theory);
    const t = JSON.parse(theory.out.join(""));
    expect(t.perOutput.risk).toBe(t.risk);
    const fit = fakeIo(files);
    await runFit(["--model", "m.json", "--n", "20", "--json"], fit);
    const f = JSON.parse(fit.out.join(""));
    expect([f.oracleRisk, f.excess, f.biasX, f.varX].every(Number.isFinite)).toBe(true);
  });
});
