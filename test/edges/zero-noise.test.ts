/**
 * Zero noise: sEps = 0, sU = 0, sY = 0 in their combinations. y may become a function of x (tr(Se) = 0 up to
 * rounding, never negative), y may vanish (every result exactly 0), and Sx may become singular: exactly
 * (sU = 0 with p > d; S_T = 0), or to working precision (sU^2 lost against W^T S_T W), which is a
 * NotPositiveDefiniteError that says why; a nearly singular Sx gives a warning, and the theory counts rank(Sx).
 */
import { describe, expect, it } from "vitest";
import { NotPositiveDefiniteError } from "../../src/errors.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { type ExperimentSettings } from "../../src/experiment/settings.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { orthogonalFactor } from "../../src/hmm/haar.js";
import { drawModel, type Model } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { symmetricEigen } from "../../src/linalg/eigen.js";
import { fromRows } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS } from "../helpers/matrices.js";
import { thrown } from "./support.js";

const settings: ExperimentSettings = {
  scaling: "width", d: 20, T: 5, rho: 0.9, sEps: 0, sU: 0, sY: 0, aKind: "orthogonal",
  n: 50, nTest: 50, sampler: "sequential", seed: 1, fixedModel: true,
  heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }],
};

function model(spec: Partial<Parameters<typeof drawModel>[0]>, seed = 1): Model {
  const full = { d: 20, p: 20, k: 20, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" as const, ...spec };
  return drawModel(full, new RandomStream(seed, full.p, 0));
}

function trace(data: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += data[i * n + i]!;
  return t;
}

describe("zero noise", () => {
  it.each([1, 2, 3, 4, 5])("sEps = sU = sY = 0, p = d (seed %i): y is a function of x, tr(Se) is 0 to rounding and never negative", (seed) => {
    const p = 80;
    const pop = population(model({ d: p, p, k: p, sEps: 0, sU: 0 }, seed));
    // Se = Sy - F^T F cancels two O(tr Sy) quantities, each accurate to about p eps relative: |tr Se| <= c p eps
    // tr(Sy), c = 100. Rounding left it negative for seeds 1 and 3; it is clamped to 0.
    expect(pop.noise).toBeGreaterThanOrEqual(0);
    expect(pop.noise).toBeLessThanOrEqual(100 * p * EPS * trace(pop.Sy.data, p));
    const s = { ...settings, seed };
    for (const r of runReplicate(s, prepareSize(s, p), 0)) {
      for (const v of [r.noise, r.oracleRisk, r.excess, r.testRisk]) expect(v).toBeGreaterThanOrEqual(0);
    }
    const [minnorm] = runReplicate(s, prepareSize(s, p), 1);
    expect(minnorm!.varX).toBeGreaterThanOrEqual(0);
    expect(minnorm!.theoryVariance).toBeGreaterThanOrEqual(0);
  });

  it.each([30, 80])("rho = sEps = sY = 0 (T = 3, p = %i): y = 0, and every risk, bias and variance is exactly 0", (p) => {
    const s = { ...settings, rho: 0, sU: 1 };
    const ctx = prepareSize(s, p);
    expect(ctx.noise).toBe(0);
    expect([ctx.theory.bias, ctx.theory.variance, ctx.theory.risk]).toEqual([0, 0, 0]);
    for (const r of runReplicate(s, ctx, 0)) {
      expect([r.noise, r.oracleRisk, r.excess, r.testRisk]).toEqual([0, 0, 0, 0]);
    }
  });

  it("sU = 0 with p > d: Sx is singular, and the error says that x spans only d dimensions", () => {
    const err = thrown(() => population(model({ d: 20, p: 40, sU: 0 })));
    expect(err).toBeInstanceOf(NotPositiveDefiniteError);
    expect(err.code).toBe("E_NOT_POSITIVE_DEFINITE");
    // Decided before the factorization (whose rounding pivots make it succeed or fail at random when p > d),
    // at pivot d, the first zero pivot in exact arithmetic.
    expect(err.message).toBe(
      "Sx is not positive definite: pivot 20 is not positive. With sU = 0, x = z_T W spans at most d = 20 of its " +
        "p = 40 dimensions, so Sx = W^T S_T W is singular. Use sU > 0, or p <= d.",
    );
    expect(thrown(() => prepareSize({ ...settings, scaling: "features", sEps: 0.5 }, 40)).message).toMatch(/spans at most d = 20 of its p = 40/);
  });

  it("rho = sEps = sU = 0 with T > 1: S_T = 0, so Sx = 0, and the error says why; with T = 1 S_1 = I and it works", () => {
    const err = thrown(() => population(model({ rho: 0, sEps: 0, sU: 0, T: 3 })));
    expect(err).toBeInstanceOf(NotPositiveDefiniteError);
    expect(err.message).toMatch(/pivot 0 is not positive\. With sU = 0, Sx = W\^T S_T W is singular when W has rank < p or S_T is singular \(e\.g\. rho = 0 and sEps = 0 with T > 1\)\. Use sU > 0\.$/);
    const pop = population(model({ rho: 0, sEps: 0, sU: 0, T: 1 }));
    expect(pop.noise).toBe(0);
  });

  it("sU = 0 with p = d + 1: always an error, over 40 draws, although rounding lets the factorization succeed in about 1 of 4", () => {
    for (let seed = 1; seed <= 40; seed++) {
      expect(thrown(() => population(model({ d: 20, p: 21, sU: 0 }, seed))).message).toMatch(/^Sx is not positive definite: pivot 20 /);
    }
  });

  it.each([1e-6, 1e-7, 1e-10, 1e-150])("sU = %f with p > d: sU^2 is within the rounding of W^T S_T W, and the error says so", (sU) => {
    const err = thrown(() => population(model({ d: 20, p: 40, sU })));
    expect(err).toBeInstanceOf(NotPositiveDefiniteError);
    expect(err.message).toContain(`sU^2 = ${sU * sU} is lost in rounding against W^T S_T W`);
    expect(err.message).toMatch(/Sx is singular to working precision\. Raise sU, or use p <= d = 20\.$/);
    expect(() => population(model({ d: 20, p: 40, sU: 1e-5 }))).not.toThrow();
  });

  it("a nearly singular Sx (two columns of W 5e-8 apart, sU = 0) gives a warning, and sU = 1 none", () => {
    const s = new RandomStream(9, 1, 1);
    const W = s.normalMatrix(20, 20, 1 / Math.sqrt(20));
    const g = s.normal(20);
    for (let i = 0; i < 20; i++) W.data[i * 20 + 1] = W.data[i * 20]! + 5e-8 * g[i]!;
    const pop = population(model({ sU: 0, W }));
    expect(pop.warnings).toHaveLength(1);
    expect(pop.warnings[0]).toMatch(/^Sx is nearly singular: its Cholesky pivots \(or eigenvalues\) span a ratio of .* Raise sU to make Sx well conditioned\.$/);
    expect(Number.isFinite(populationTheory(pop, 50).risk)).toBe(true);
    expect(population(model({ sU: 1, W })).warnings).toEqual([]);
  });

  it("the theory of a singular Sx counts rank(Sx) features, even when the computed zero eigenvalue is -1.8e-16", () => {
    // Sx = Q diag(0, 1, 2) Q^T (Q Haar): its eigensolver returns -1.8e-16 for the 0, which the theory's
    // spectrum check would reject as negative; snapped to 0, r = 2: variance tr(Se) r / (n - r) = 2 / 8.
    const Q = orthogonalFactor(new RandomStream(1, 3, 0).normalMatrix(3, 3));
    const Sx = refMatmul(Q, refMatmul(fromRows([[0, 0, 0], [0, 1, 0], [0, 0, 2]]), Q, { transB: true }));
    for (let i = 0; i < 3; i++) for (let j = 0; j < i; j++) Sx.data[j * 3 + i] = Sx.data[i * 3 + j]!;
    expect(symmetricEigen(Sx).values[0]).toBeLessThan(0);
    const t = populationTheory({ Sx, Bstar: new RandomStream(1).normalMatrix(3, 1), noise: 1 }, 10);
    expect([t.bias, t.variance]).toEqual([0, 0.25]);
  });
});
