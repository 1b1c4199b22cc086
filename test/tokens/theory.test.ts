import { describe, expect, it } from "vitest";
import { headTheoryAt } from "../../src/experiment/head-theory.js";
import { fitMinNorm } from "../../src/head/minnorm.js";
import { fitRidge } from "../../src/head/ridge.js";
import { cholesky } from "../../src/linalg/cholesky.js";
import { matrix, type Matrix } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { RandomStream } from "../../src/rng/stream.js";
import { minNormExpected } from "../../src/theory/expected.js";
import { gaussianDesign } from "../../src/tokens/diagnostics.js";
import { tokenPopulation, type TokenPopulation } from "../../src/tokens/population.js";
import { representationOf } from "../../src/tokens/representation.js";
import { exactSAlpha, populationSAlpha } from "../../src/tokens/salpha.js";
import { tokenSizePopulation, withMonteCarloError } from "../../src/tokens/theory.js";
import { drawTokenWorld } from "../../src/tokens/world.js";
import { smallWorld, spec, sxOf } from "./world.fixture.js";

/** tr(D^T Sx D), D = B - B*. */
function excess(pop: TokenPopulation, B: Matrix): number {
  const D = matrix(B.rows, B.cols, B.data.map((v, i) => v - pop.Bstar.data[i]!));
  const M = refMatmul(D, refMatmul(sxOf(pop), D), { transA: true });
  let t = 0;
  for (let i = 0; i < M.rows; i++) t += M.data[i * M.cols + i]!;
  return t;
}

/** Mean and standard error of a head's excess over R Gaussian designs x ~ N(0, Sx), y = x B* + N(0, Se). */
function gaussianExcess(pop: TokenPopulation, n: number, R: number, fit: (X: Matrix, Y: Matrix) => Matrix): { mean: number; se: number } {
  const Lse = cholesky(pop.Se);
  const stream = new RandomStream(12, pop.p, 1);
  const xs: number[] = [];
  for (let r = 0; r < R; r++) {
    const X = gaussianDesign(pop, n, stream);
    const E = refMatmul(stream.normalMatrix(n, pop.k), Lse, { transB: true });
    const Y = refMatmul(X, pop.Bstar);
    for (let i = 0; i < Y.data.length; i++) Y.data[i]! += E.data[i]!;
    xs.push(excess(pop, fit(X, Y)));
  }
  const mean = xs.reduce((a, b) => a + b, 0) / R;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1);
  return { mean, se: Math.sqrt(v / R) };
}

describe("Gaussian-equivalent theory", () => {
  const world = smallWorld({ H: 8, V: 3, T: 6, k: 3 });
  const S = exactSAlpha(world);

  it("min-norm, p < n: a Gaussian design with the token world's moments meets the exact finite-n expectation within 4 se", () => {
    const pop = tokenPopulation(world, S, representationOf("features", 8, 0.5, 4, 0, 6));
    const n = 40;
    const { mean, se } = gaussianExcess(pop, n, 400, (X, Y) => fitMinNorm(X, Y).B);
    const { eigenvalues, weights, noise } = pop.spectrum;
    expect(Math.abs(mean - minNormExpected(eigenvalues, weights, noise, n).excess)).toBeLessThanOrEqual(4 * se);
  });

  it("ridge, p > n (dual spectrum): the theory of SPEC 9 meets a Gaussian design within 4 se", () => {
    const pop = tokenPopulation(world, S, representationOf("features", 8, 0.5, 4, 0, 120));
    const n = 60;
    const lambda = 0.02;
    const { mean, se } = gaussianExcess(pop, n, 300, (X, Y) => fitRidge(X, Y, lambda).B);
    const t = headTheoryAt({ kind: "ridge", lambda }, pop.spectrum, n)!;
    expect(Math.abs(mean - t.excess)).toBeLessThanOrEqual(4 * se);
  });

  it("reports a Monte Carlo error from the halves only when S_alpha is estimated", () => {
    const rep = representationOf("features", 8, 0.5, 4, 0, 30);
    const exact = withMonteCarloError(tokenSizePopulation(world, populationSAlpha(world, 4, 0), rep), (s) => headTheoryAt({ kind: "minnorm" }, s, 60)!);
    expect(exact.se).toBe(0);
    const big = drawTokenWorld(spec({ H: 8 }), 4, 0);
    const sampled = withMonteCarloError(tokenSizePopulation(big, populationSAlpha(big, 4, 0), rep), (s) => headTheoryAt({ kind: "minnorm" }, s, 60)!);
    expect(sampled.se).toBeGreaterThan(0);
    expect(sampled.se).toBeLessThan(0.1 * sampled.theory.risk);
  });
});
