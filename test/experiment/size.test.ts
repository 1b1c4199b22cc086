import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { modelSpecOf, validateSettings, type ExperimentSettings } from "../../src/experiment/settings.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { factorMinNorm, solveMinNorm } from "../../src/head/minnorm.js";
import { fitRidge } from "../../src/head/ridge.js";
import { drawModel } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { sampleMarginal, sampleSequential } from "../../src/hmm/sample.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { minNormRisks } from "../../src/risk/minnorm-risks.js";
import { excessRisk } from "../../src/risk/oracle.js";
import { testRisk } from "../../src/risk/test.js";
import { RandomStream } from "../../src/rng/stream.js";
import { ridgeTheory } from "../../src/theory/index.js";

const base = {
  scaling: "width", d: 20, T: 3, rho: 0.9, sEps: 0.5, sU: 1, sY: 0.1, aKind: "orthogonal",
  n: 12, nTest: 9, sampler: "sequential" as const, seed: 7, fixedModel: true,
  heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.25 }],
} satisfies ExperimentSettings;

describe("prepareSize", () => {
  it("draws the model of size p from stream (seed, p, 0) and computes its population and theory", () => {
    const ctx = prepareSize(base, 8);
    const model = drawModel(modelSpecOf(base, 8), new RandomStream(7, 8, 0));
    expect(ctx.p).toBe(8);
    expect(ctx.model.A.data).toEqual(model.A.data);
    expect(ctx.model.W.data).toEqual(model.W.data);
    expect(ctx.population.Bstar.data).toEqual(population(model).Bstar.data);
    expect(ctx.theory).toEqual(populationTheory(population(model), 12));
    expect(ctx.marginal).toBeUndefined();
    expect(prepareSize({ ...base, sampler: "marginal" }, 8).marginal?.Le.rows).toBe(8);
  });

  it("uses d = p under width scaling and the fixed d under features scaling", () => {
    expect(prepareSize(base, 5).model.d).toBe(5);
    const ctx = prepareSize({ ...base, scaling: "features", d: 3 }, 5);
    expect([ctx.model.d, ctx.model.k, ctx.model.p]).toEqual([3, 3, 5]);
  });

  it("names invalid settings", () => {
    expect(() => prepareSize({ ...base, n: 0 }, 5)).toThrow(/field "n" must be an integer >= 1\. Value: 0/);
    expect(() => prepareSize(base, 0)).toThrow(/p must be a positive integer/);
    expect(() => validateSettings({ ...base, sampler: "exact" as never })).toThrow(/field "sampler" must be one of "spectral", "sequential", "marginal"/);
    expect(() => validateSettings({ ...base, scaling: "depth" as never })).toThrow(/field "scaling" must be one of "width", "features"/);
    expect(() => validateSettings({ ...base, heads: [] })).toThrow(ArgumentError);
    expect(() => validateSettings({ ...base, heads: [{ kind: "ridge", lambda: 0 }] })).toThrow(/field "heads\[0\]\.lambda" must be a number > 0/);
    expect(() => validateSettings({ ...base, heads: [{ kind: "lasso" } as never] })).toThrow(/field "heads\[0\]\.kind"/);
  });
});

describe("runReplicate", () => {
  it.each([
    [8, "sequential"],
    [20, "sequential"],
    [20, "marginal"],
  ] as const)("p = %i, %s: reproduces the pipeline step by step from stream (seed, p, r + 1)", (p, sampler) => {
    const settings = { ...base, sampler };
    const ctx = prepareSize(settings, p);
    const results = runReplicate(settings, ctx, 3);
    const stream = new RandomStream(7, p, 4);
    const draw = (n: number) => (sampler === "marginal" ? sampleMarginal(ctx.population, n, stream) : sampleSequential(ctx.model, n, stream));
    const train = draw(12);
    const test = draw(9);
    const f = factorMinNorm(train.X);
    const pop = ctx.population;
    // The min-norm risks as risk/minnorm-risks.ts computes them (test/risk/minnorm-risks.test.ts checks them
    // against the formed B on the dual side, where p > n = 12).
    const { oracleRisk, testRisk: tr, excess, biasX, varX } = minNormRisks(pop, f, train.Y, test);
    if (p <= 12) {
      const B = solveMinNorm(f, train.Y);
      expect([oracleRisk, tr, excess]).toEqual([pop.noise + excessRisk(pop, B), testRisk(test.X, test.Y, B), excessRisk(pop, B)]);
      expect({ biasX, varX }).toEqual(conditionalBiasVariance(pop, train.X));
    }
    expect(results[0]).toEqual({
      head: "minnorm", p, replicate: 3, k: p, path: p > 12 ? "dual-cholesky" : "primal-cholesky",
      oracleRisk, testRisk: tr, excess, biasX, varX, noise: pop.noise,
      theoryBias: ctx.theory.bias, theoryVariance: ctx.theory.variance, theoryExcess: ctx.theory.excess, theoryRisk: ctx.theory.risk,
      theoryRiskSe: 0, gramMin: NaN, gaussianGramMin: NaN, statesNeverTop: NaN,
      lambda: 0,
    });
    const ridge = fitRidge(train.X, train.Y, 0.25);
    expect(results[1]).toMatchObject({ head: "ridge(0.25)", path: ridge.path, excess: excessRisk(pop, ridge.B), testRisk: testRisk(test.X, test.Y, ridge.B) });
    for (const key of ["biasX", "varX"] as const) expect(results[1]![key]).toBeNaN();
    const { eigenvalues, weights, noise } = ctx.spectrum;
    const t = ridgeTheory(eigenvalues, weights, noise, 12, 0.25);
    expect(results[1]).toMatchObject({ lambda: 0.25, theoryBias: t.bias, theoryVariance: t.variance, theoryExcess: t.excess, theoryRisk: t.risk });
    expect(runReplicate(settings, ctx, 3)).toEqual(results);
  });

  it("with fixedModel = false, draws replicate r's model from stream (seed, p, r + 1), then samples from it", () => {
    const settings = { ...base, fixedModel: false };
    const ctx = prepareSize(settings, 6);
    const [res] = runReplicate(settings, ctx, 2);
    const stream = new RandomStream(7, 6, 3);
    const model = drawModel(modelSpecOf(settings, 6), stream);
    const pop = population(model);
    const train = sampleSequential(model, 12, stream);
    expect(res!.noise).toBe(pop.noise);
    expect(res!.noise).not.toBe(ctx.population.noise);
    expect(res!.excess).toBe(excessRisk(pop, solveMinNorm(factorMinNorm(train.X), train.Y)));
    expect(res!.theoryExcess).toBe(populationTheory(pop, 12).excess);
  });

  it("reports testRisk NaN when nTest = 0", () => {
    const settings = { ...base, nTest: 0 };
    expect(runReplicate(settings, prepareSize(settings, 4), 0)[0]!.testRisk).toBeNaN();
  });
});
