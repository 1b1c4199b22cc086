import { describe, expect, it } from "vitest";
import { RandomStream } from "../../src/rng/stream.js";
import { correlation, ksStatistic, meanOf, normalCdf, normalUpperTail } from "./stats.js";

const N = 1_000_000;
/** Asymptotic Kolmogorov-Smirnov critical value at level 0.001: sqrt(N) D > 1.95 with probability ~0.001. */
const KS_001 = 1.95 / Math.sqrt(N);
const R = 3.654152885361009; // the ziggurat's tail boundary (assembly/rng/ziggurat.ts)

describe("standard normals (10^6 draws, fixed seed)", () => {
  const z = new RandomStream(2024, 1, 0).normal(N);

  it("have mean 0, variance 1 and fourth moment 3 within 5 standard errors", () => {
    // mean: Var(z) = 1, se = 1/sqrt(N) = 1e-3.
    expect(Math.abs(meanOf(z))).toBeLessThanOrEqual(5 / Math.sqrt(N));
    // second moment: Var(z^2) = E z^4 - 1 = 2, se = sqrt(2/N) = 1.41e-3.
    expect(Math.abs(meanOf(z, (v) => v * v) - 1)).toBeLessThanOrEqual(5 * Math.sqrt(2 / N));
    // fourth moment: Var(z^4) = E z^8 - 9 = 105 - 9 = 96, se = sqrt(96/N) = 9.8e-3.
    expect(Math.abs(meanOf(z, (v) => v ** 4) - 3)).toBeLessThanOrEqual(5 * Math.sqrt(96 / N));
    // odd third moment: Var(z^3) = E z^6 = 15, se = sqrt(15/N).
    expect(Math.abs(meanOf(z, (v) => v ** 3))).toBeLessThanOrEqual(5 * Math.sqrt(15 / N));
  });

  it("pass Kolmogorov-Smirnov against Phi at level 0.001", () => {
    expect(ksStatistic(z, normalCdf)).toBeLessThanOrEqual(KS_001);
  });

  it.each([3.5, R])("put the right mass beyond |z| > %s (binomial, 5 se)", (t) => {
    // count ~ Binomial(N, p), p = 2 P(Z > t): 4.65e-4 at 3.5 (465 expected, se 21.6), 2.58e-4 at R (se 16).
    const p = 2 * normalUpperTail(t);
    const count = z.reduce((c, v) => c + (Math.abs(v) > t ? 1 : 0), 0);
    expect(Math.abs(count - N * p)).toBeLessThanOrEqual(5 * Math.sqrt(N * p * (1 - p)));
  });

  it("have the normal tail's shape beyond the ziggurat boundary R", () => {
    // Given |Z| > R, the excess E = |Z| - R has mean mu = phi(R) / P(Z > R) - R (inverse Mills ratio) and
    // variance s^2 = 1 + R (R + mu) - (R + mu)^2 (truncated normal); 5 se of the mean of ~258 excesses.
    const phiR = Math.exp((-R * R) / 2) / Math.sqrt(2 * Math.PI);
    const lam = phiR / normalUpperTail(R);
    const mu = lam - R;
    const s2 = 1 + R * lam - lam * lam;
    const excess = Float64Array.from(z.filter((v) => Math.abs(v) > R), (v) => Math.abs(v) - R);
    expect(excess.length).toBeGreaterThan(150);
    expect(Math.abs(meanOf(excess) - mu)).toBeLessThanOrEqual(5 * Math.sqrt(s2 / excess.length));
  });

  it("are symmetric: the fraction of negatives is 1/2 within 5 se", () => {
    const negatives = z.reduce((c, v) => c + (v < 0 ? 1 : 0), 0);
    expect(Math.abs(negatives / N - 0.5)).toBeLessThanOrEqual(5 * 0.5 / Math.sqrt(N));
  });
});

describe("uniforms (10^6 draws, fixed seed)", () => {
  const u = new RandomStream(2024, 2, 0).uniform(N);

  it("lie in [0, 1) on the 2^-53 grid and use all 53 bits", () => {
    let inRange = true;
    let onGrid = true;
    let odd = 0;
    for (const v of u) {
      inRange &&= v >= 0 && v < 1;
      const k = v * 2 ** 53;
      onGrid &&= Number.isInteger(k);
      odd += k % 2;
    }
    expect(inRange).toBe(true);
    expect(onGrid).toBe(true);
    // The lowest of the 53 bits is a fair coin: |odd/N - 1/2| <= 5 * 0.5/sqrt(N).
    expect(Math.abs(odd / N - 0.5)).toBeLessThanOrEqual(2.5 / Math.sqrt(N));
  });

  it("have mean 1/2 and variance 1/12 within 5 standard errors", () => {
    // mean: Var(u) = 1/12, se = sqrt(1/(12 N)).
    expect(Math.abs(meanOf(u) - 0.5)).toBeLessThanOrEqual(5 * Math.sqrt(1 / (12 * N)));
    // E (u - 1/2)^2 = 1/12 with Var((u - 1/2)^2) = 1/80 - 1/144 = 1/180, se = sqrt(1/(180 N)).
    expect(Math.abs(meanOf(u, (v) => (v - 0.5) ** 2) - 1 / 12)).toBeLessThanOrEqual(5 * Math.sqrt(1 / (180 * N)));
  });

  it("pass Kolmogorov-Smirnov against U(0, 1) at level 0.001", () => {
    expect(ksStatistic(u, (v) => v)).toBeLessThanOrEqual(KS_001);
  });
});

describe("independence of streams", () => {
  const M = 200_000;
  // Under independence the sample correlation has se ~ 1/sqrt(M); bound 5/sqrt(M) = 0.0112.
  const bound = 5 / Math.sqrt(M);

  it.each([
    ["same seed, stream ids differing in the low word", [7, 3, 0], [7, 3, 1]],
    ["same seed, stream ids differing in the high word", [7, 3, 0], [7, 4, 0]],
    ["different seeds, same stream id", [7, 3, 0], [8, 3, 0]],
    ["seeds differing in the high key word", [7, 3, 0], [7 + 2 ** 32, 3, 0]],
  ] as const)("%s: normals and uniforms uncorrelated", (_what, a, b) => {
    const x = new RandomStream(a[0], a[1], a[2]);
    const y = new RandomStream(b[0], b[1], b[2]);
    expect(Math.abs(correlation(x.normal(M), y.normal(M)))).toBeLessThanOrEqual(bound);
    expect(Math.abs(correlation(x.uniform(M), y.uniform(M)))).toBeLessThanOrEqual(bound);
  });

  it("successive normals of one stream are uncorrelated (lag 1)", () => {
    const z = new RandomStream(7, 3, 0).normal(M + 1);
    expect(Math.abs(correlation(z.subarray(0, M), z.subarray(1)))).toBeLessThanOrEqual(bound);
  });
});
