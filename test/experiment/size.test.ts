import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { modelSpecOf, validateSettings, type ExperimentSettings } from "../../src/experiment/settings.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { factorMinNorm, solveMinNorm } from "../../src/head/minnorm.js";
import { drawModel } from "../../src/hmm/model.js";
import { population, type Population } from "../../src/hmm/population.js";
import { sampleMarginal, sampleSequential, type Sample } from "../../src/hmm/sample.js";
import { identity, transpose, type Matrix } from "../../src/linalg/matrix.js";
import { refCholesky } from "../../src/ref/cholesky.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { refGram } from "../../src/ref/gram.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refTriangularSolve } from "../../src/ref/triangular.js";
import { excessRisk } from "../../src/risk/oracle.js";
import { RandomStream } from "../../src/rng/stream.js";
import { ridgeTheory } from "../../src/theory/index.js";
import { trace } from "../helpers/matrices.js";

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
  const EPS = 2 ** -52;
  const n = base.n;
  const nTest = base.nTest;

  /** A^T S A's trace, tr(A^T S A), in plain TS. */
  function quadTrace(A: Matrix, S: Matrix): number {
    return trace(refMatmul(A, refMatmul(S, A), { transA: true }));
  }
  function minus(A: Matrix, B: Matrix): Matrix {
    return { rows: A.rows, cols: A.cols, data: A.data.map((v, i) => v - B.data[i]!) };
  }
  /** (S + shift I)^{-1} R by the reference Cholesky and triangular solves. */
  function solveSpd(S: Matrix, shift: number, R: Matrix): Matrix {
    const Ss = { ...S, data: S.data.map((v, i) => (i % (S.cols + 1) === 0 ? v + shift : v)) };
    const chol = refCholesky(Ss);
    if (!("L" in chol)) throw new Error("the reference Gram is not positive definite");
    return refTriangularSolve(chol.L, refTriangularSolve(chol.L, R), { transpose: true });
  }
  /** The condition number l_max / l_min of a symmetric positive definite S (reference eigensolver). */
  function condition(S: Matrix): number {
    const { values } = refSymmetricEigen(S);
    return values[values.length - 1]! / values[0]!;
  }

  /**
   * Every risk of a head B = X^+ Y (min-norm) or (X^T X + n lambda I)^{-1} X^T Y (ridge), in plain TS from the
   * population's Sx, B*, tr(Se) (SPEC 2-5), not from the code under test: with H = X^+ (p x n; (X^T X)^{-1} X^T
   * when n >= p, X^T (X X^T)^{-1} when p > n), excess = tr((B - B*)^T Sx (B - B*)), test = ||Yt - Xt B||^2 / nTest,
   * and for min-norm var_X = tr(Se) tr(H^T Sx H), bias_X = tr(((I - H X) B*)^T Sx (I - H X) B*).
   */
  function referenceRisks(pop: Population, train: Sample, test: Sample, lambda: number) {
    const { X, Y } = train;
    const p = X.cols;
    const G = refGram(X, "XtX");
    const dual = lambda === 0 && p > X.rows;
    const K = refGram(X, "XXt");
    const H = dual ? refMatmul(X, solveSpd(K, 0, identity(X.rows)), { transA: true }) : solveSpd(G, X.rows * lambda, transpose(X));
    const B = refMatmul(H, Y);
    const excess = quadTrace(minus(B, pop.Bstar), pop.Sx);
    const residual = minus(test.Y, refMatmul(test.X, B));
    const testRisk = residual.data.reduce((s, v) => s + v * v, 0) / test.X.rows;
    const kappa = condition(dual ? K : { ...G, data: G.data.map((v, i) => (i % (p + 1) === 0 ? v + X.rows * lambda : v)) });
    if (lambda > 0) return { excess, oracleRisk: pop.noise + excess, testRisk, biasX: NaN, varX: NaN, kappa };
    const P = minus(identity(p), refMatmul(H, X));
    const biasX = quadTrace(refMatmul(P, pop.Bstar), pop.Sx);
    const varX = pop.noise * quadTrace(H, pop.Sx);
    return { excess, oracleRisk: pop.noise + excess, testRisk, biasX, varX, kappa };
  }

  it.each([
    [8, "sequential"],
    [20, "sequential"],
    [8, "marginal"],
    [20, "marginal"],
  ] as const)("p = %i, %s: every risk agrees with the plain-TS reference on the replicate's own samples", (p, sampler) => {
    const settings = { ...base, sampler };
    const ctx = prepareSize(settings, p);
    const results = runReplicate(settings, ctx, 3);
    const stream = new RandomStream(7, p, 4);
    const draw = (rows: number) => (sampler === "marginal" ? sampleMarginal(ctx.population, rows, stream) : sampleSequential(ctx.model, rows, stream));
    const train = draw(n);
    const test = draw(nTest);
    const pop = ctx.population;
    const signal = quadTrace(pop.Bstar, pop.Sx);
    for (const [h, lambda] of [[0, 0], [1, 0.25]] as const) {
      const want = referenceRisks(pop, train, test, lambda);
      // Both sides solve the same system in f64 (the Gram of order m = min(n, p) <= 12, or p x p for ridge):
      // the solutions differ by about m eps kappa relative, and every risk is a sum of squares of order
      // signal + noise + itself, so 100 m eps kappa bounds the difference (kappa <= 1e4 here: 3e-9 at most).
      const tol = 100 * Math.min(n, p) * EPS * want.kappa;
      const got = results[h]!;
      for (const key of ["excess", "oracleRisk", "testRisk", "biasX", "varX"] as const) {
        if (lambda > 0 && (key === "biasX" || key === "varX")) {
          expect(got[key], key).toBeNaN();
          continue;
        }
        expect(Math.abs(got[key] - want[key]), `${got.head} ${key}`).toBeLessThanOrEqual(tol * (Math.abs(want[key]) + signal + pop.noise));
      }
    }
    expect(results.map((r) => [r.head, r.p, r.replicate, r.k, r.noise, r.lambda])).toEqual([
      ["minnorm", p, 3, p, pop.noise, 0],
      ["ridge(0.25)", p, 3, p, pop.noise, 0.25],
    ]);
    expect(results[0]!.path).toBe(p > n ? "dual-cholesky" : "primal-cholesky");
    // The theory columns: min-norm's from the size's theory, ridge's from SPEC 9 at lambda = 0.25.
    const { eigenvalues, weights, noise } = ctx.spectrum;
    const t = ridgeTheory(eigenvalues, weights, noise, n, 0.25);
    expect(results[0]).toMatchObject({ theoryBias: ctx.theory.bias, theoryVariance: ctx.theory.variance, theoryExcess: ctx.theory.excess, theoryRisk: ctx.theory.risk });
    expect(results[1]).toMatchObject({ theoryBias: t.bias, theoryVariance: t.variance, theoryExcess: t.excess, theoryRisk: t.risk });
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
