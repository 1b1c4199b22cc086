/**
 * The Laguerre bidiagonal draw of a Gaussian matrix's singular values (SPEC 8a) against direct
 * eigendecompositions of W W^T for W drawn entry by entry: 400 draws of each, the mean and spread of the
 * largest and smallest squared singular values and of their sum within 4 combined standard errors, and the
 * exact expectation E sum_j s_j^2 = E ||W||_F^2 = p.
 */
import { describe, expect, it } from "vitest";
import { gaussianSingularValuesSquared } from "../../src/hmm/laguerre.js";
import { symmetricEigen } from "../../src/linalg/eigen.js";
import { gram } from "../../src/linalg/gram.js";
import { RandomStream } from "../../src/rng/stream.js";
import { meanSe } from "./moments.js";

const DRAWS = 400;

function summaries(draw: (r: number) => Float64Array) {
  const largest: number[] = [];
  const smallest: number[] = [];
  const sum: number[] = [];
  for (let r = 0; r < DRAWS; r++) {
    const s2 = draw(r);
    largest.push(Math.max(...s2));
    smallest.push(Math.min(...s2));
    sum.push(s2.reduce((a, b) => a + b, 0));
  }
  return { largest, smallest, sum };
}

describe.each([
  [50, 50],
  [50, 100],
  [100, 50],
  [20, 200],
])("d = %i, p = %i", (d, p) => {
  const laguerre = summaries((r) => gaussianSingularValuesSquared(d, p, new RandomStream(1, p, r)));
  const direct = summaries((r) => {
    const W = new RandomStream(2, p, r).normalMatrix(d, p, 1 / Math.sqrt(d));
    return symmetricEigen(gram(W, d <= p ? "XXt" : "XtX")).values;
  });

  it("draws r = min(d, p) values, descending and >= 0", () => {
    const s2 = gaussianSingularValuesSquared(d, p, new RandomStream(3));
    expect(s2.length).toBe(Math.min(d, p));
    for (let i = 1; i < s2.length; i++) expect(s2[i]!).toBeLessThanOrEqual(s2[i - 1]!);
    expect(s2[s2.length - 1]!).toBeGreaterThanOrEqual(0);
  });

  it.each(["largest", "smallest", "sum"] as const)("the %s agrees with direct draws in mean and standard deviation", (key) => {
    const a = meanSe(laguerre[key]);
    const b = meanSe(direct[key]);
    expect(Math.abs(a.mean - b.mean), `${a.mean} +- ${a.se} against ${b.mean} +- ${b.se}`).toBeLessThanOrEqual(4 * Math.hypot(a.se, b.se));
    // The standard deviation, sd = se sqrt(N): for near-normal summaries se(sd) ~ sd / sqrt(2N), so the two
    // sds must agree within 4 combined se's of that, about 20% of sd at N = 400.
    const [sa, sb] = [a.se * Math.sqrt(DRAWS), b.se * Math.sqrt(DRAWS)];
    expect(Math.abs(sa - sb)).toBeLessThanOrEqual(4 * Math.hypot(sa, sb) / Math.sqrt(2 * DRAWS));
  });

  it("has E sum s_j^2 = p exactly: the sum's mean within 4 se of p", () => {
    const { mean, se } = meanSe(laguerre.sum);
    expect(Math.abs(mean - p)).toBeLessThanOrEqual(4 * se);
  });
});

it("names bad sizes", () => {
  expect(() => gaussianSingularValuesSquared(0, 3, new RandomStream(1))).toThrow(/d must be a positive integer/);
  expect(() => gaussianSingularValuesSquared(3, 1.5, new RandomStream(1))).toThrow(/p must be a positive integer/);
});
