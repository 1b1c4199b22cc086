import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  ISOTROPY_RTOL,
  isotropicMinNormExpected,
  isotropicMinNormTheory,
  minNormExpected,
  minNormTheory,
} from "../../src/theory/index.js";
import { EPS, relErr, spread } from "./numbers.js";

describe("under-parameterized: E[variance] = noise p / (n - p - 1), any Sx", () => {
  it("exceeds the asymptotic noise g / (1 - g) by exactly the factor 1 + 1 / (n - p - 1), which -> 1 as n grows", () => {
    const gap: number[] = [];
    for (const n of [20, 200, 2000, 20000]) {
      const p = n / 4;
      const l = spread(p, 0.1, 5);
      const w = spread(p, 0, 1);
      const exact = minNormExpected(l, w, 2.5, n);
      const asym = minNormTheory(l, w, 2.5, n);
      expect(exact.bias).toBe(0);
      expect(relErr(exact.variance, (2.5 * p) / (n - p - 1))).toBeLessThan(2 * EPS);
      expect(relErr(exact.variance / asym.variance, 1 + 1 / (n - p - 1))).toBeLessThan(4 * EPS);
      gap.push(exact.variance / asym.variance - 1);
    }
    for (let i = 1; i < gap.length; i++) expect(gap[i]!).toBeLessThan(gap[i - 1]! / 9);
    expect(gap[3]!).toBeLessThan(1e-3);
  });

  it("is infinite at p = n - 1 and p = n (0 without noise)", () => {
    for (const p of [99, 100]) {
      const r = minNormExpected(spread(p, 1, 1), spread(p, 0, 1), 1, 100);
      expect(r.variance).toBe(Infinity);
      expect(r.risk).toBe(Infinity);
      expect(minNormExpected(spread(p, 1, 1), spread(p, 0, 1), 0, 100).variance).toBe(0);
    }
    expect(Number.isFinite(minNormExpected(spread(98, 1, 1), spread(98, 0, 1), 1, 100).variance)).toBe(true);
  });

  it("p = 0 gives zero excess", () => {
    const e = new Float64Array(0);
    expect(minNormExpected(e, e, 1, 5)).toEqual({ gamma: 0, noise: 1, bias: 0, variance: 0, excess: 0, risk: 1 });
  });
});

describe("over-parameterized, isotropic: E[bias] = r^2 (1 - n/p), E[variance] = s^2 n / (p - n - 1)", () => {
  it("matches the closed forms and tends to the asymptotic ones as n grows", () => {
    for (const n of [10, 100, 1000, 10000]) {
      const p = 3 * n;
      const a = 2.5;
      const w = spread(p, 0, 1);
      let signal = 0;
      for (let i = 0; i < p; i++) signal += w[i]! * a;
      const exact = minNormExpected(new Float64Array(p).fill(a), w, 1.5, n);
      expect(relErr(exact.bias, (signal * 2) / 3)).toBeLessThan(4 * EPS);
      expect(relErr(exact.variance, (1.5 * n) / (2 * n - 1))).toBeLessThan(2 * EPS);
      expect(exact).toEqual(isotropicMinNormExpected(p, n, signal, 1.5));
      const asym = isotropicMinNormTheory(3, signal, 1.5);
      expect(relErr(exact.bias, asym.bias)).toBeLessThan(1e-14);
      // exact = asymptotic * (1 + 1 / (2n - 1)): the gap vanishes as n grows
      expect(relErr(exact.variance, asym.variance * (1 + 1 / (2 * n - 1)))).toBeLessThan(4 * EPS);
    }
  });

  it("p = n + 1: finite bias, infinite variance", () => {
    const r = isotropicMinNormExpected(101, 100, 2, 1);
    expect(relErr(r.bias, 2 / 101)).toBeLessThan(2 * EPS);
    expect(r.variance).toBe(Infinity);
    expect(isotropicMinNormExpected(102, 100, 2, 1).variance).toBe(100);
  });

  it("counts only positive eigenvalues (isotropic on the range of Sx)", () => {
    const l = new Float64Array(500);
    l.fill(2, 0, 300);
    const w = new Float64Array(500).fill(1);
    const r = minNormExpected(l, w, 1, 100);
    expect(r.gamma).toBe(5);
    expect(relErr(r.bias, 600 * (1 - 100 / 300))).toBeLessThan(4 * EPS);
    expect(relErr(r.variance, 100 / 199)).toBeLessThan(2 * EPS);
  });

  it("accepts a spread within ISOTROPY_RTOL and rejects a wider one", () => {
    const l = new Float64Array(300).fill(1);
    const w = new Float64Array(300).fill(1);
    l[7] = 1 + ISOTROPY_RTOL / 2;
    expect(() => minNormExpected(l, w, 1, 100)).not.toThrow();
    l[7] = 1 + 4 * ISOTROPY_RTOL;
    expect(() => minNormExpected(l, w, 1, 100)).toThrow(ArgumentError);
    expect(() => minNormExpected(l, w, 1, 100)).toThrow(/no exact finite-n expectation is known for p > n/);
    // Under-parameterized needs no isotropy.
    expect(() => minNormExpected(spread(50, 0.1, 9), spread(50, 0, 1), 1, 100)).not.toThrow();
  });

  it("validates its scalar arguments", () => {
    expect(() => isotropicMinNormExpected(-1, 10, 1, 1)).toThrow(/p must be a non-negative integer. Value: -1/);
    expect(() => isotropicMinNormExpected(5, 0, 1, 1)).toThrow(/n must be a positive integer/);
    expect(() => isotropicMinNormExpected(5, 10, -1, 1)).toThrow(/signal must be >= 0. Value: -1/);
    expect(() => isotropicMinNormExpected(5, 10, 1, NaN)).toThrow(/noise must be a finite number. Value: NaN/);
    expect(() => minNormExpected(new Float64Array([-1]), new Float64Array([1]), 1, 10)).toThrow(ArgumentError);
  });
});

describe("isotropicMinNormTheory", () => {
  it("g = 1: Infinity variance, and 0 when there is no noise", () => {
    expect(isotropicMinNormTheory(1, 2, 1)).toEqual({
      gamma: 1,
      noise: 1,
      bias: 0,
      variance: Infinity,
      excess: Infinity,
      risk: Infinity,
    });
    expect(isotropicMinNormTheory(1, 2, 0).variance).toBe(0);
  });

  it("g = 0: no excess", () => {
    expect(isotropicMinNormTheory(0, 2, 1).excess).toBe(0);
  });

  it("rejects a negative gamma", () => {
    expect(() => isotropicMinNormTheory(-0.5, 1, 1)).toThrow(/gamma must be >= 0. Value: -0.5/);
  });
});
