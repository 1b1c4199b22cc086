/**
 * Chi variates from a keyed stream (assembly/rng/chi.ts): bit for bit the plain-TypeScript twin, independent of
 * how a request is chunked, and with the chi law's moments and distribution.
 */
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { RefRandomStream } from "../../src/ref/rng.js";
import { RandomStream } from "../../src/rng/stream.js";
import { ksStatistic, meanOf } from "./stats.js";

/** P(chi_k^2 <= x) = P(k/2, x/2), the regularized lower incomplete gamma by its series (x small against k) or continued fraction. */
function chiSquareCdf(k: number, x: number): number {
  const a = k / 2;
  const z = x / 2;
  if (z <= 0) return 0;
  const logPrefix = a * Math.log(z) - z - logGamma(a);
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000 && term > sum * 1e-17; n++) {
      term *= z / (a + n);
      sum += term;
    }
    return Math.exp(logPrefix) * sum;
  }
  // Lentz's continued fraction for the upper tail Q(a, z).
  let b = z + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = 1 / (an * d + b);
    c = b + an / c;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return 1 - Math.exp(logPrefix) * h;
}

/** log Gamma(a) for a = k / 2 (k integer >= 1): exact products, enough for these k. */
function logGamma(a: number): number {
  // Gamma(1/2) = sqrt(pi), Gamma(1) = 1, Gamma(a + 1) = a Gamma(a).
  let s = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let x = Number.isInteger(a) ? 1 : 0.5; x < a; x++) s += Math.log(x);
  return s;
}

describe("RandomStream.chi", () => {
  const dofs = new Float64Array([1, 2, 3, 10, 1000, 1, 7, 2, 50000, 1]);

  it("matches RefRandomStream bit for bit, for every k in one call and after it", () => {
    const many = new Float64Array(3000).map((_, i) => dofs[i % dofs.length]!);
    const wasm = new RandomStream(17, 4, 2);
    const ref = new RefRandomStream(17, 4, 2);
    expect(Array.from(wasm.chi(many))).toEqual(Array.from(ref.chi(many)));
    expect(Array.from(wasm.normal(5))).toEqual(Array.from(ref.normal(5)));
    expect(Array.from(wasm.state)).toEqual(Array.from(ref.state));
  });

  it("does not depend on how the request is chunked", () => {
    const whole = new RandomStream(5, 1, 1).chi(dofs);
    const split = new RandomStream(5, 1, 1);
    const parts = [...split.chi(dofs.subarray(0, 4)), ...split.chi(dofs.subarray(4))];
    expect(parts).toEqual(Array.from(whole));
  });

  it.each([1, 2, 3, 10, 1000])("chi_%i: E chi^2 = k and Var chi^2 = 2k within 5 standard errors (20000 draws)", (k) => {
    const N = 20000;
    const x = new RandomStream(k, 9, 0).chi(new Float64Array(N).fill(k));
    // chi^2 has mean k, variance 2k; (chi^2)^2 has mean k (k + 2) and Var((chi^2)^2) = E chi^8 - (k (k + 2))^2
    // with E chi^8 = k (k + 2) (k + 4) (k + 6).
    const m2 = meanOf(x, (v) => v * v);
    expect(Math.abs(m2 - k)).toBeLessThanOrEqual(5 * Math.sqrt((2 * k) / N));
    const m4 = meanOf(x, (v) => v ** 4);
    const varM4 = k * (k + 2) * (k + 4) * (k + 6) - (k * (k + 2)) ** 2;
    expect(Math.abs(m4 - k * (k + 2))).toBeLessThanOrEqual(5 * Math.sqrt(varM4 / N));
    expect(Math.min(...x)).toBeGreaterThan(0);
  });

  it.each([1, 4, 25])("chi_%i^2 passes Kolmogorov-Smirnov against the chi-square law at level 0.001 (20000 draws)", (k) => {
    const N = 20000;
    const x2 = new RandomStream(100 + k).chi(new Float64Array(N).fill(k)).map((v) => v * v);
    expect(ksStatistic(x2, (v) => chiSquareCdf(k, v))).toBeLessThanOrEqual(1.95 / Math.sqrt(N));
    // The test has power: one degree of freedom more is far off.
    expect(ksStatistic(x2, (v) => chiSquareCdf(k + 1, v))).toBeGreaterThan(1.95 / Math.sqrt(N));
  });

  it("refuses degrees of freedom that are not integers >= 1, naming the index and value", () => {
    const s = new RandomStream(1);
    expect(() => s.chi(new Float64Array([3, 0]))).toThrow(ArgumentError);
    expect(() => s.chi(new Float64Array([3, 0]))).toThrow("dof[1] must be an integer >= 1. Value: 0.");
    expect(() => s.chi(new Float64Array([2.5]))).toThrow(/dof\[0\] must be an integer >= 1\. Value: 2\.5\./);
    expect(() => s.chi(new Float64Array([NaN]))).toThrow(/dof\[0\]/);
    expect(() => s.chi([3] as unknown as Float64Array)).toThrow(/dof must be a Float64Array/);
  });
});
