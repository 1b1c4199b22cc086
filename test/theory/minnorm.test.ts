import { describe, expect, it } from "vitest";
import { ArgumentError, NoConvergenceError, NonFiniteError, ShapeError } from "../../src/errors.js";
import { isotropicMinNormTheory, minNormFixedPoint, minNormTheory } from "../../src/theory/index.js";
import { EPS, relErr, spread } from "./numbers.js";

/** p eigenvalues, a fraction alpha of them l1 and the rest l2. */
function twoPoint(p: number, alpha: number, l1: number, l2: number): Float64Array {
  const out = new Float64Array(p).fill(l2);
  out.fill(l1, 0, Math.round(alpha * p));
  return out;
}

/** Neumaier-compensated sum of f(i), i < count: the oracle's own round-off stays at a few eps. */
function sum(count: number, f: (i: number) => number): number {
  let s = 0;
  let comp = 0;
  for (let i = 0; i < count; i++) {
    const x = f(i);
    const t = s + x;
    comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + comp;
}

describe("minNormTheory equals the isotropic closed forms when Sx = a I", () => {
  // t = n / (p - n) is exact up to rounding; the sums carry p eps relative error.
  const cases: [number, number, number][] = [
    [10, 100, 1],
    [99, 100, 1],
    [101, 100, 1],
    [150, 100, 1],
    [1000, 100, 3.5],
    [5000, 7, 1e-3],
  ];
  it.each(cases)("p = %i, n = %i, a = %f, any weights", (p, n, a) => {
    const weights = spread(p, 0, 2);
    const l = new Float64Array(p).fill(a);
    const got = minNormTheory(l, weights, 1.7, n);
    let signal = 0;
    for (let i = 0; i < p; i++) signal += weights[i]! * a;
    const want = isotropicMinNormTheory(p / n, signal, 1.7);
    const tol = 8 * p * EPS;
    expect(got.gamma).toBe(p / n);
    expect(got.noise).toBe(1.7);
    if (want.bias === 0) expect(got.bias).toBe(0);
    else expect(relErr(got.bias, want.bias)).toBeLessThan(tol);
    expect(relErr(got.variance, want.variance)).toBeLessThan(tol);
    expect(got.excess).toBe(got.bias + got.variance);
    expect(got.risk).toBe(got.noise + got.excess);
  });
});

describe("the fixed point", () => {
  // sum over the two atoms: alpha / (1 + t l1) + (1 - alpha) / (1 + t l2) = tau = 1 - 1/g is a quadratic in t:
  // A t^2 + B t - (1 - tau) = 0 with 1 - tau = n / p, A = tau l1 l2, B = tau (l1 + l2) - alpha l2 - (1 - alpha) l1.
  const cases: [number, number, number, number, number][] = [
    [400, 100, 0.5, 0.5, 4],
    [200, 150, 0.25, 1e-3, 10],
    [1001, 1000, 0.7, 1, 2],
    [20000, 10, 0.5, 1, 100],
  ];
  it.each(cases)("two-point spectrum p = %i, n = %i, alpha = %f, l = {%f, %f}", (p, n, alpha, l1, l2) => {
    const l = twoPoint(p, alpha, l1, l2);
    const frac = Math.round(alpha * p) / p;
    const g = p / n;
    const c = minNormFixedPoint(l, n);
    // The equation as SPEC 6 writes it, summed over all p eigenvalues; 1 - 1/g = (p - n) / p.
    const rhs = sum(p, (i) => 1 / (1 + c * g * l[i]!)) / p;
    const lhs = (p - n) / p;
    expect(Math.abs(rhs - lhs) / lhs).toBeLessThan(1e-14);
    // Against the root of the quadratic (stable form: B may have either sign; -C > 0).
    const tau = lhs;
    const oneMinusTau = n / p; // not 1 - tau: that cancels when g is large
    const A = tau * l1 * l2;
    const B = tau * (l1 + l2) - frac * l2 - (1 - frac) * l1;
    const disc = Math.sqrt(B * B + 4 * A * oneMinusTau);
    const t = B >= 0 ? (2 * oneMinusTau) / (B + disc) : (disc - B) / (2 * A);
    expect(relErr(c * g, t)).toBeLessThan(1e-13);
  });

  it("converges for a spectrum spread over 200 decades", () => {
    const l = new Float64Array(300);
    for (let i = 0; i < 300; i++) l[i] = 10 ** (-200 + (200 * i) / 299);
    const c = minNormFixedPoint(l, 100);
    const rhs = sum(300, (i) => 1 / (1 + c * 3 * l[i]!)) / 300;
    expect(Math.abs(rhs - 2 / 3) / (2 / 3)).toBeLessThan(1e-14);
  });

  it("throws NoConvergenceError when capped below what it needs", () => {
    expect(() => minNormFixedPoint(twoPoint(400, 0.5, 0.5, 4), 100, { maxIterations: 1 })).toThrow(NoConvergenceError);
  });

  it("has no root with at most n positive eigenvalues", () => {
    const l = new Float64Array(300);
    l.fill(1, 0, 100);
    expect(() => minNormFixedPoint(l, 100)).toThrow(ArgumentError);
    expect(() => minNormFixedPoint(l, 100)).toThrow(/more than n = 100 positive eigenvalues. Value: 100 positive/);
  });
});

describe("regimes and edges", () => {
  it("g = 1 exactly: variance, excess and risk are Infinity, not NaN; bias 0", () => {
    const r = minNormTheory(spread(50, 0.5, 2), spread(50, 0, 1), 2, 50);
    expect(r).toEqual({ gamma: 1, noise: 2, bias: 0, variance: Infinity, excess: Infinity, risk: Infinity });
  });

  it("no noise: no variance, even at g = 1", () => {
    expect(minNormTheory(spread(50, 0.5, 2), spread(50, 0, 1), 0, 50).variance).toBe(0);
    expect(minNormTheory(spread(80, 0.5, 2), spread(80, 0, 1), 0, 50).variance).toBe(0);
  });

  it("p = 0: nothing to learn, risk = noise", () => {
    const empty = new Float64Array(0);
    expect(minNormTheory(empty, empty, 1.5, 10)).toEqual({
      gamma: 0,
      noise: 1.5,
      bias: 0,
      variance: 0,
      excess: 0,
      risk: 1.5,
    });
  });

  it("g < 1: bias 0 and variance noise g / (1 - g) for any spectrum", () => {
    const r = minNormTheory(spread(30, 0.1, 10), spread(30, 0, 5), 3, 120);
    expect(r.bias).toBe(0);
    expect(relErr(r.variance, (3 * 0.25) / 0.75)).toBeLessThan(4 * EPS);
  });

  it("zero eigenvalues reduce p to r = #positive; their weights do not matter", () => {
    const n = 100;
    const pos = spread(250, 0.2, 3);
    const w = spread(250, 0, 1);
    const l = new Float64Array(400);
    const wz = new Float64Array(400).fill(7);
    l.set(pos, 150);
    wz.set(w, 150);
    const full = minNormTheory(l, wz, 1.3, n);
    const reduced = minNormTheory(pos, w, 1.3, n);
    expect(full.gamma).toBe(4);
    expect(relErr(full.bias, reduced.bias)).toBeLessThan(1e-13);
    expect(relErr(full.variance, reduced.variance)).toBeLessThan(1e-13);
    // r = 60 <= n although p = 400 > n: the under-parameterized problem of size 60.
    const few = new Float64Array(400);
    few.fill(2, 0, 60);
    const under = minNormTheory(few, wz, 1.3, n);
    expect(under.bias).toBe(0);
    expect(relErr(under.variance, (1.3 * 60) / 40)).toBeLessThan(4 * EPS);
    few.fill(2, 0, 100);
    expect(minNormTheory(few, wz, 1.3, n).variance).toBe(Infinity);
  });

  it("the variance increases to Infinity as g -> 1 from both sides; the bias vanishes at 1+", () => {
    const n = 1000;
    const noise = 1;
    const at = (p: number) => minNormTheory(twoPoint(p, 0.5, 0.3, 3), spread(p, 0, 1), noise, n);
    const below = [500, 900, 990, 999].map((p) => at(p).variance);
    const above = [5000, 2000, 1100, 1010, 1001].map((p) => at(p).variance);
    for (let i = 1; i < below.length; i++) expect(below[i]!).toBeGreaterThan(below[i - 1]!);
    for (let i = 1; i < above.length; i++) expect(above[i]!).toBeGreaterThan(above[i - 1]!);
    expect(below[3]!).toBeGreaterThan(900);
    expect(above[4]!).toBeGreaterThan(300);
    expect(at(1001).bias).toBeLessThan(1e-2 * at(2000).bias);
  });

  it("is invariant under l -> a l, w -> w / a (x -> sqrt(a) x keeps x B* and the min-norm predictions)", () => {
    const l = twoPoint(300, 0.3, 0.2, 5);
    const w = spread(300, 0, 1);
    const base = minNormTheory(l, w, 0.9, 120);
    for (const a of [1e-3, 7.5, 1e6]) {
      const r = minNormTheory(l.map((v) => v * a), w.map((v) => v / a), 0.9, 120);
      expect(relErr(r.bias, base.bias)).toBeLessThan(1e-13);
      expect(relErr(r.variance, base.variance)).toBeLessThan(1e-13);
    }
  });

  it("stays finite far into over-parameterization (g = 20000)", () => {
    const r = minNormTheory(spread(20000, 0.5, 1), spread(20000, 0, 1), 1, 1);
    expect(Number.isFinite(r.bias) && Number.isFinite(r.variance)).toBe(true);
    expect(r.variance).toBeGreaterThan(0);
  });
});

describe("input validation", () => {
  const l = new Float64Array([1, 2, 3]);
  const w = new Float64Array([1, 0, 1]);
  it.each([
    ["negative eigenvalue", () => minNormTheory(new Float64Array([1, -2, 3]), w, 1, 2), ArgumentError, /eigenvalues must be >= 0. Value at index 1: -2/],
    ["NaN weight", () => minNormTheory(l, new Float64Array([1, NaN, 1]), 1, 2), NonFiniteError, /weights must be finite. Value at index 1: NaN/],
    ["infinite eigenvalue", () => minNormTheory(new Float64Array([Infinity, 1, 1]), w, 1, 2), NonFiniteError, /eigenvalues/],
    ["length mismatch", () => minNormTheory(l, new Float64Array(2), 1, 2), ShapeError, /weights must have one entry per eigenvalue \(3\). Value: length 2/],
    ["negative noise", () => minNormTheory(l, w, -1, 2), ArgumentError, /noise must be >= 0. Value: -1/],
    ["n = 0", () => minNormTheory(l, w, 1, 0), ArgumentError, /n must be a positive integer. Value: 0/],
    ["fractional n", () => minNormTheory(l, w, 1, 2.5), ArgumentError, /n must be a positive integer. Value: 2.5/],
    ["plain array", () => minNormTheory([1, 2, 3] as unknown as Float64Array, w, 1, 2), ArgumentError, /eigenvalues must be a Float64Array/],
    ["bad maxIterations", () => minNormFixedPoint(l, 1, { maxIterations: 0 }), ArgumentError, /maxIterations/],
  ] as const)("%s", (_name, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});
