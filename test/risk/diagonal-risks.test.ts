// The spectral sampler's risks (src/risk/diagonal-risks.ts) fold B = X~^T R away on the dual side and use the
// diagonal Sx on the primal side; on the same sample they must equal the risks of the formed B against the
// diagonal model as a population (oracle.ts, conditional.ts, test.ts, each tested against closed forms
// elsewhere) up to rounding, for a diagonal and a dense B~*, on both sides.
import { describe, expect, it } from "vitest";
import { factorMinNorm, factorGram, solveGram, solveMinNorm } from "../../src/head/minnorm.js";
import { diagonalOfPopulation, diagonalPopulation, paperFamilyModel, type DiagonalModel } from "../../src/hmm/diagonal.js";
import { sampleDiagonal } from "../../src/hmm/diagonal-sample.js";
import { drawModel } from "../../src/hmm/model.js";
import { gcvLambda, gramSpectrum } from "../../src/head/ridge-gcv.js";
import { population } from "../../src/hmm/population.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { diagonalRisks } from "../../src/risk/diagonal-risks.js";
import { oracleRiskParts } from "../../src/risk/oracle.js";
import { testRisk } from "../../src/risk/test-risk.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS } from "../helpers/matrices.js";

const N = 20;
const N_TEST = 150;

/** The paper's family at d = k = p = 60 (width scaling, g = 3), its singular values drawn from a Gaussian W. */
function paperModel(p: number, d: number): DiagonalModel {
  const s2 = new RandomStream(5, p, 0).uniform(Math.min(d, p)).map((u) => 0.2 + 3 * u).sort().reverse();
  return paperFamilyModel({ d, p, k: d, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0.3 }, s2);
}

/** A gaussian A (SPEC 8b): the explicit population in its eigenbases, dense B~*. */
function denseModel(p: number): DiagonalModel {
  const model = drawModel({ d: 30, p, k: 30, T: 4, rho: 0.8, sEps: 0.5, sU: 0.7, sY: 0.2, aKind: "gaussian" }, new RandomStream(6, p, 0));
  return diagonalOfPopulation(population(model));
}

/** The risks of the formed head on the same stream: n training rows, then nTest test rows. */
function formedRisks(dm: DiagonalModel, lambdas: number[], seed: number) {
  const stream = new RandomStream(seed, dm.p, 1);
  const train = sampleDiagonal(dm, N, stream);
  const test = sampleDiagonal(dm, N_TEST, stream);
  const pop = diagonalPopulation(dm);
  return lambdas.map((lambda) => {
    const factor = lambda === 0 ? factorMinNorm(train.X) : factorGram(train.X, N * lambda);
    const B = lambda === 0 ? solveMinNorm(factor, train.Y) : solveGram(factor, train.Y);
    const conditional = lambda === 0 ? conditionalBiasVariance(pop, train.X, factor) : { biasX: NaN, varX: NaN };
    return { ...oracleRiskParts(pop, B), testRisk: testRisk(test.X, test.Y, B), ...conditional };
  });
}

/**
 * Each risk is a sum of O(n + p) products of entries computed two ways; with cond(K) <= 1e3 here the relative
 * error is below (n + p) eps cond ~ 2e-11, twice that for squares; 1e-9 leaves a factor of 25. Quantities near 0
 * (bias_X when B~* is small) are compared against the noise's scale instead.
 */
const TOL = 1e-9;

describe.each([
  ["the paper's family (diagonal B~*), p = 60", paperModel(60, 60)],
  ["the features scaling (diagonal B~*, k = 10 < p = 70)", paperModel(70, 10)],
  ["a gaussian A (dense B~*), p = 50", denseModel(50)],
  ["the paper's family, primal side, p = 15", paperModel(15, 15)],
  ["the features scaling, primal side, k = 10 < p = 18", paperModel(18, 10)],
  ["the features scaling, primal side, p = 6 < k = 10", paperModel(6, 10)],
  ["a gaussian A (dense B~*), primal side, p = 12", denseModel(12)],
])("risks of %s", (_label, dm) => {
  const side = dm.p > N ? "dual" : "primal";

  it("equal the formed head's excess, oracle and test risks, bias_X and var_X, for min-norm and two ridges", () => {
    const lambdas = [0, 0.05, 0.5];
    const heads = lambdas.map((l) => ({ lambda: l, conditional: l === 0 }));
    const got = diagonalRisks(dm, N, N_TEST, heads, new RandomStream(9, dm.p, 1));
    const want = formedRisks(dm, lambdas, 9);
    got.forEach(({ risks, path }, h) => {
      expect(path).toBe(`${side}-cholesky`);
      for (const key of ["excess", "oracleRisk", "testRisk", "biasX", "varX"] as const) {
        const [g, w] = [risks[key], want[h]![key]];
        if (Number.isNaN(w)) expect(g).toBeNaN();
        else expect(Math.abs(g - w), `${key} of head ${h}: ${g} against ${w}`).toBeLessThanOrEqual(TOL * Math.abs(w) + 1e3 * EPS * dm.noise);
      }
    });
  });

  // The GCV score is a smooth function of the Gram's spectrum, which the arena's Gram and gram() give to a few
  // eps relative: the same grid point wins, and lambda (mean(d) / n times a power of the grid ratio) agrees to
  // about n eps.
  it("a GCV head takes the lambda gcvLambda picks on the same sample, and measures as the ridge at it", () => {
    const [gcv] = diagonalRisks(dm, N, N_TEST, [{ lambda: "gcv", conditional: false }], new RandomStream(9, dm.p, 1));
    const stream = new RandomStream(9, dm.p, 1);
    const train = sampleDiagonal(dm, N, stream);
    const lambda = gcvLambda(gramSpectrum(train.X, train.Y), N);
    expect(Math.abs(gcv!.lambda - lambda)).toBeLessThanOrEqual(1e-12 * lambda);
    const [ridge] = diagonalRisks(dm, N, N_TEST, [{ lambda: gcv!.lambda, conditional: false }], new RandomStream(9, dm.p, 1));
    expect(gcv!.risks).toEqual(ridge!.risks);
  });

  it("reports a NaN test risk without a test set", () => {
    const [minNorm] = diagonalRisks(dm, N, 0, [{ lambda: 0, conditional: true }], new RandomStream(9, dm.p, 1));
    expect(minNorm!.risks.testRisk).toBeNaN();
    expect(minNorm!.risks.excess).toBeGreaterThan(0);
  });
});

describe("a singular Gram (features with zero variance): the eigen path, as the formed head's pseudo-inverse", () => {
  /** l_j = 1 + j for j < 5 and 0 beyond: X~ has rank 5 < n = 20, so K (dual) or G (primal) is singular. */
  function rankFive(p: number): DiagonalModel {
    const model = paperModel(p, p);
    const sx = model.sx.map((_l, j) => (j < 5 ? 1 + j : 0));
    return { ...model, sx };
  }

  it.each([30, 12])("p = %i: min-norm on the eigen path equals the formed pseudo-inverse head", (p) => {
    const dm = rankFive(p);
    const [got] = diagonalRisks(dm, N, N_TEST, [{ lambda: 0, conditional: true }], new RandomStream(9, p, 1));
    const [want] = formedRisks(dm, [0], 9);
    expect(got!.path).toBe("eigen");
    for (const key of ["excess", "oracleRisk", "testRisk", "biasX", "varX"] as const) {
      expect(Math.abs(got!.risks[key] - want![key]), key).toBeLessThanOrEqual(TOL * Math.abs(want![key]) + 1e3 * EPS * dm.noise);
    }
    // The lost directions carry no variance (l_j = 0 beyond 5): bias_X is 0, and never negative.
    expect(got!.risks.biasX).toBeGreaterThanOrEqual(0);
  });
});
