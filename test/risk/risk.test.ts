import { describe, expect, it } from "vitest";
import { ShapeError } from "../../src/errors.js";
import { fitMinNorm } from "../../src/head/minnorm.js";
import { drawModel } from "../../src/hmm/model.js";
import { population, type Population } from "../../src/hmm/population.js";
import { marginalFactors, sampleMarginal } from "../../src/hmm/sample.js";
import { matrix } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { excessRisk, oracleRisk } from "../../src/risk/oracle.js";
import { testRisk } from "../../src/risk/test-risk.js";
import { RandomStream } from "../../src/rng/stream.js";
import { meanSe } from "../hmm/moments.js";
import { EPS, trace } from "../helpers/matrices.js";

/** Features scaling with p > d: d = 5, p = 12, k = 5. */
function smallPopulation(): Population {
  return population(drawModel({ d: 5, p: 12, k: 5, T: 3, rho: 0.9, sEps: 0.5, sU: 0.8, sY: 0.2, aKind: "orthogonal" }, new RandomStream(40, 12, 0)));
}

describe("oracle and test risk", () => {
  it("R(B*) = tr(Se); R(B* + D) = tr(Se) + tr(D^T Sx D)", () => {
    const pop = smallPopulation();
    expect(oracleRisk(pop, pop.Bstar)).toBe(pop.noise);
    const D = new RandomStream(1).normalMatrix(12, 5, 0.1);
    const B = { ...D, data: D.data.map((v, i) => v + pop.Bstar.data[i]!) };
    const want = trace(refMatmul(D, refMatmul(pop.Sx, D), { transA: true }));
    // A sum of p k positive terms of size ~ 0.01: relative error <= 10 p eps.
    expect(Math.abs(excessRisk(pop, B) - want) / want).toBeLessThanOrEqual(10 * 12 * EPS);
    expect(oracleRisk(pop, B)).toBe(pop.noise + excessRisk(pop, B));
    expect(() => excessRisk(pop, matrix(12, 4))).toThrow(/B must be 12 x 5\. Value: 12 x 4/);
  });

  it("test risk is the mean squared residual, NaN on an empty set", () => {
    const s = new RandomStream(2);
    const X = s.normalMatrix(7, 3);
    const Y = s.normalMatrix(7, 2);
    const B = s.normalMatrix(3, 2);
    const XB = refMatmul(X, B);
    const want = Y.data.reduce((acc, y, i) => acc + (y - XB.data[i]!) ** 2, 0) / 7;
    expect(testRisk(X, Y, B)).toBeCloseTo(want, 13);
    expect(testRisk(matrix(0, 3), matrix(0, 2), B)).toBeNaN();
    expect(() => testRisk(X, Y, matrix(2, 2))).toThrow(ShapeError);
  });
});

describe("conditional bias and variance", () => {
  it.each([
    [8, "dual"],
    [30, "primal"],
  ])("n = %i (%s): the mean excess risk over 4000 noise draws with X fixed is bias_X + var_X (5 se)", (n) => {
    // Given X, Y = X B* + E with the rows of E iid N(0, Se); the min-norm fit is linear in Y, so the 4000 fits
    // are one fit of X against the 4000 noise draws side by side (n x 4000 k).
    const pop = smallPopulation();
    const f = marginalFactors(pop);
    const stream = new RandomStream(41, n, 0);
    const { X } = sampleMarginal(pop, n, stream);
    const M = 4000;
    const k = 5;
    const E = refMatmul(stream.normalMatrix(n * M, k), f.Le, { transB: true });
    const XB = refMatmul(X, pop.Bstar);
    const Yall = matrix(n, M * k);
    for (let i = 0; i < n; i++) {
      for (let m = 0; m < M; m++) {
        for (let j = 0; j < k; j++) Yall.data[i * M * k + m * k + j] = XB.data[i * k + j]! + E.data[(m * n + i) * k + j]!;
      }
    }
    const { B } = fitMinNorm(X, Yall);
    for (let i = 0; i < 12; i++) for (let m = 0; m < M; m++) for (let j = 0; j < k; j++) B.data[i * M * k + m * k + j]! -= pop.Bstar.data[i * k + j]!;
    const LtD = refMatmul(pop.Lx, B, { transA: true });
    const excess = new Float64Array(M);
    for (let i = 0; i < 12; i++) for (let m = 0; m < M; m++) for (let j = 0; j < k; j++) excess[m]! += LtD.data[i * M * k + m * k + j]! ** 2;
    const { mean, se } = meanSe(excess);
    const { biasX, varX } = conditionalBiasVariance(pop, X);
    expect(Math.abs(mean - (biasX + varX))).toBeLessThanOrEqual(5 * se);
    if (n > 12) expect(biasX).toBe(0);
    else expect(biasX).toBeGreaterThan(0);
  });

  it("agrees with the SPEC formulas written out with pseudo-inverses (n < p)", () => {
    const pop = smallPopulation();
    const { X } = sampleMarginal(pop, 8, new RandomStream(42));
    // P = X^T (X X^T)^{-1} X and (X^T X)^+ = X^T (X X^T)^{-2} X, with (X X^T)^{-1} = V diag(1 / l) V^T.
    const { values, vectors } = refSymmetricEigen(refMatmul(X, X, { transB: true }));
    const scaledV = { ...vectors, data: vectors.data.map((v, i) => v / values[i % 8]!) };
    const Kinv = refMatmul(scaledV, vectors, { transB: true });
    const P = refMatmul(X, refMatmul(Kinv, X), { transA: true });
    const IminusP = { rows: 12, cols: 12, data: P.data.map((v, i) => (i % 13 === 0 ? 1 : 0) - v) };
    const R = refMatmul(IminusP, pop.Bstar);
    const bias = trace(refMatmul(R, refMatmul(pop.Sx, R), { transA: true }));
    const pinvG = refMatmul(X, refMatmul(refMatmul(Kinv, Kinv), X), { transA: true });
    const variance = pop.noise * trace(refMatmul(pop.Sx, pinvG));
    const got = conditionalBiasVariance(pop, X);
    expect(Math.abs(got.biasX - bias) / bias).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(got.varX - variance) / variance).toBeLessThanOrEqual(1e-10);
  });

  it("checks that X has p columns", () => {
    expect(() => conditionalBiasVariance(smallPopulation(), matrix(3, 4))).toThrow(/X must have p = 12 columns\. Value: 4/);
  });
});
