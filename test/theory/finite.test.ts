/**
 * The finite-n min-norm theory (SPEC 6, "Finite n"; src/theory/finite.ts): its closed forms against the exact
 * expectations of expected.ts, and its exact cases against Monte Carlo over Gaussian training sets.
 *
 * Tolerances come from closed-form variances, not from the sample's own spread, which is unreliable in the
 * heavy tail near the peak. With W ~ Wishart_q(I, nu) and m = nu - q - 1 > 2, tr(W^-1) has mean q / m and
 *   Var tr(W^-1) = 2 q (m + q) / (m^2 (m - 2) (m + 1))
 * (inverse-Wishart covariances with Psi = I: Var (W^-1)_ii = 2 / (m^2 (m - 2)), Cov((W^-1)_ii, (W^-1)_jj) =
 * 2 / ((m + 1) m^2 (m - 2)) for i != j). var_X is tr(Se) tr(Sx (X^T X)^-1) = tr(Se) tr(W^-1) with q = p, nu = n
 * below the peak (any Sx: whiten x), and tr(Se) tr((X X^T)^-1) with q = n, nu = p above it (Sx = I). Above the
 * peak with Sx = I and one output, bias_X / ||B*||^2 = ||(I - P) b||^2 / ||b||^2 ~ Beta((p - n)/2, n/2) (P projects
 * on a uniformly random n-dimensional subspace), variance 2 n (p - n) / (p^2 (p + 2)). A mean of R draws is then
 * within 5 sd / sqrt(R) of its expectation (by Chebyshev with probability >= 0.96 whatever the tail, by the CLT
 * with probability 1 - 6e-7); the seeds are fixed.
 */
import { describe, expect, it } from "vitest";
import { ArgumentError, HeadtuneError } from "../../src/errors.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import type { ExperimentSettings } from "../../src/experiment/settings.js";
import { MODEL_PRESETS } from "../../src/hmm/presets.js";
import { identity } from "../../src/linalg/matrix.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { RandomStream } from "../../src/rng/stream.js";
import {
  isotropicMinNormExpected,
  minNormExpected,
  minNormFiniteN,
  minNormFiniteTheory,
  minNormTheory,
} from "../../src/theory/index.js";
import { EPS, relErr, spread } from "./numbers.js";

/** Var tr(W^-1) for W ~ Wishart_q(I, nu), m = nu - q - 1 > 2. */
function inverseWishartTraceVariance(q: number, nu: number): number {
  const m = nu - q - 1;
  return (2 * q * (m + q)) / (m * m * (m - 2) * (m + 1));
}

describe("minNormFiniteN: closed forms", () => {
  it("below the peak equals the exact E[variance] tr(Se) p / (n - p - 1) for any Sx, bias 0", () => {
    for (const [p, n] of [[1, 10], [50, 200], [196, 200], [197, 200]] as const) {
      const l = spread(p, 0.1, 5);
      const w = spread(p, 0, 1);
      const f = minNormFiniteTheory(l, w, 2.5, n);
      expect(f).toEqual(minNormExpected(l, w, 2.5, n));
      expect(relErr(f.variance, (2.5 * p) / (n - p - 1))).toBeLessThan(2 * EPS);
      expect(f.bias).toBe(0);
    }
  });

  it("above the peak with an isotropic Sx equals the exact expectations r^2 (1 - n/p), s^2 n / (p - n - 1)", () => {
    for (const [p, n] of [[12, 10], [203, 200], [400, 200], [30000, 10000]] as const) {
      const a = 1.7;
      const w = spread(p, 0, 1);
      const f = minNormFiniteTheory(new Float64Array(p).fill(a), w, 0.8, n);
      const exact = isotropicMinNormExpected(p, n, a * w.reduce((s, v) => s + v, 0), 0.8);
      // The limit's bias r^2 (1 - 1/g) and variance times (p - n) / (p - n - 1) round differently from the
      // exact forms: a few eps each (the signal sums p terms in another order: p eps at most).
      expect(relErr(f.bias, exact.bias)).toBeLessThan(p * EPS);
      expect(relErr(f.variance, exact.variance)).toBeLessThan(8 * EPS);
    }
  });

  it("above the peak for a general Sx: the limit's bias, its variance times (p - n) / (p - n - 1)", () => {
    const l = spread(300, 0.1, 5);
    const w = spread(300, 0, 1);
    const limit = minNormTheory(l, w, 1.3, 200);
    const f = minNormFiniteTheory(l, w, 1.3, 200);
    expect(f.bias).toBe(limit.bias);
    expect(f.variance).toBe(limit.variance * (100 / 99));
    expect(f.risk).toBe(f.noise + f.bias + f.variance);
    // The correction 1 + 1 / (p - n - 1) vanishes as n grows (g = 1.5 here).
    expect(relErr(minNormFiniteN(limit, 3e6, 2e6).variance, limit.variance * (1 + 1 / 999999))).toBeLessThan(4 * EPS);
  });

  it("diverges for n - 1 <= r <= n + 1 (0 without noise), and counts only positive eigenvalues", () => {
    for (const r of [99, 100, 101]) {
      const limit = { gamma: r / 100, noise: 1, bias: 0.5, variance: r === 100 ? Infinity : 3 };
      const f = minNormFiniteN(limit, r, 100);
      expect([f.variance, f.excess, f.risk]).toEqual([Infinity, Infinity, Infinity]);
      expect(f.bias).toBe(r < 100 ? 0 : 0.5);
      expect(minNormFiniteN({ ...limit, noise: 0, variance: 0 }, r, 100).variance).toBe(0);
    }
    expect(minNormFiniteN({ gamma: 0.98, noise: 1, bias: 0, variance: 49 }, 98, 100).variance).toBe(98);
    expect(minNormFiniteN({ gamma: 1.02, noise: 1, bias: 0.1, variance: 50 }, 102, 100).variance).toBe(100);
    // 300 eigenvalues, 150 of them 0: r = 150 < n = 200, the under-parameterized form at r.
    const l = new Float64Array(300);
    l.fill(2, 0, 150);
    expect(minNormFiniteTheory(l, new Float64Array(300).fill(1), 1, 200).variance).toBe(150 / 49);
  });

  it("refuses bad arguments, naming them, and reports an overflow of the corrected variance", () => {
    const limit = { gamma: 2, noise: 1, bias: 0.5, variance: 1 };
    expect(() => minNormFiniteN(limit, -1, 10)).toThrow(ArgumentError);
    expect(() => minNormFiniteN(limit, 2.5, 10)).toThrow(/r must be a non-negative integer. Value: 2.5/);
    expect(() => minNormFiniteN(limit, 20, 0)).toThrow(/n must be a positive integer/);
    expect(() => minNormFiniteN({ ...limit, noise: -1 }, 20, 10)).toThrow(/limit.noise must be >= 0. Value: -1/);
    expect(() => minNormFiniteN({ ...limit, bias: NaN }, 20, 10)).toThrow(/limit.bias must be a finite number. Value: NaN/);
    expect(() => minNormFiniteN({ ...limit, variance: NaN }, 20, 10)).toThrow(/limit.variance must be a finite number. Value: NaN/);
    expect(() => minNormFiniteN({ ...limit, variance: -2 }, 20, 10)).toThrow(/limit.variance must be >= 0. Value: -2/);
    const big = () => minNormFiniteN({ ...limit, variance: 1.5e308 }, 12, 10);
    expect(big).toThrow(HeadtuneError);
    expect(big).toThrow(/the finite-n variance/);
  });
});

describe("Monte Carlo: below the peak, any Sx (the paper model, marginal sampler, n = 40)", () => {
  const n = 40;
  const { n: _n, ...model } = MODEL_PRESETS.paper;
  const settings: ExperimentSettings = { ...model, n, nTest: 0, sampler: "marginal", seed: 11, fixedModel: true, heads: [{ kind: "minnorm" }] };
  // p = n - 4 is the largest size with a finite Var tr(W^-1) (m = 3); there the exact mean is 4/3 of the
  // limit's p / (n - p) = 9: 21 of these standard errors away at R = 4000.
  it.each([
    [10, 1000],
    [30, 2000],
    [36, 4000],
  ])("p = %i: mean var_X over %i training sets is tr(Se) p / (n - p - 1) within 5 sd / sqrt(R); bias_X is 0", (p, R) => {
    const ctx = prepareSize(settings, p);
    const theory = minNormFiniteTheory(ctx.spectrum.eigenvalues, ctx.spectrum.weights, ctx.noise, n);
    let sum = 0;
    for (let r = 0; r < R; r++) {
      const [rec] = runReplicate(settings, ctx, r);
      expect(rec!.biasX).toBe(0);
      sum += rec!.varX;
    }
    const sd = ctx.noise * Math.sqrt(inverseWishartTraceVariance(p, n));
    expect(Math.abs(sum / R - theory.variance)).toBeLessThanOrEqual((5 * sd) / Math.sqrt(R));
    expect(relErr(theory.variance, (ctx.noise * p) / (n - p - 1))).toBeLessThan(2 * EPS);
  }, 60_000);
});

describe("Monte Carlo: the isotropic exact forms on both sides (Sx = I, one output, n = 40)", () => {
  const n = 40;
  it.each([
    [10, 1000],
    [36, 4000],
    [44, 4000],
    [80, 1000],
  ])("p = %i: mean bias_X and var_X over %i training sets match the finite-n theory within 5 sd / sqrt(R)", (p, R) => {
    const stream = new RandomStream(12, p, 0);
    const Bstar = stream.normalMatrix(p, 1);
    const noise = 0.7;
    const pop = { Lx: identity(p), Bstar, noise };
    const signal = Bstar.data.reduce((s, v) => s + v * v, 0);
    const theory = minNormFiniteTheory(new Float64Array(p).fill(1), Bstar.data.map((v) => v * v), noise, n);
    let bias = 0;
    let variance = 0;
    for (let r = 0; r < R; r++) {
      const out = conditionalBiasVariance(pop, new RandomStream(12, p, r + 1).normalMatrix(n, p));
      bias += out.biasX;
      variance += out.varX;
    }
    const [q, nu] = p < n ? [p, n] : [n, p];
    const sdVariance = noise * Math.sqrt(inverseWishartTraceVariance(q, nu));
    expect(Math.abs(variance / R - theory.variance)).toBeLessThanOrEqual((5 * sdVariance) / Math.sqrt(R));
    const sdBias = p < n ? 0 : signal * Math.sqrt((2 * n * (p - n)) / (p * p * (p + 2)));
    // Below the peak bias_X is 0 up to the rounding of P = I (the Cholesky path: exactly 0).
    expect(Math.abs(bias / R - theory.bias)).toBeLessThanOrEqual(p < n ? 0 : (5 * sdBias) / Math.sqrt(R));
    expect(relErr(theory.variance, noise * (p < n ? p / (n - p - 1) : n / (p - n - 1)))).toBeLessThan(8 * EPS);
    if (p > n) expect(relErr(theory.bias, signal * (1 - n / p))).toBeLessThan(p * EPS);
  }, 60_000);
});
