import { describe, expect, it } from "vitest";
import { ArgumentError, NonFiniteError } from "../../src/errors.js";
import { minNormTheory, snapZeroEigenvalues } from "../../src/theory/index.js";

describe("snapZeroEigenvalues", () => {
  it("zeroes entries within p eps of the largest and keeps the rest", () => {
    const l = new Float64Array([-1e-16, 4, 2e-16, 1e-3]);
    const snapped = snapZeroEigenvalues(l);
    expect(Array.from(snapped)).toEqual([0, 4, 0, 1e-3]);
    expect(l[0]).toBe(-1e-16);
  });

  it("gives a singular Sx the rank reduction of the theory", () => {
    // Rank 150 out of p = 400 with round-off noise: the theory sees r = 150 > n = 100.
    const l = new Float64Array(400);
    const w = new Float64Array(400).fill(0.01);
    for (let i = 0; i < 400; i++) l[i] = i < 150 ? 1 + (i % 7) : (i % 2 === 0 ? 1 : -1) * 1e-16;
    const reduced = minNormTheory(l.slice(0, 150), w.slice(0, 150), 1, 100);
    const snapped = minNormTheory(snapZeroEigenvalues(l), w, 1, 100);
    // The sums skip exact zeros and see the same positive terms in the same order: identical results.
    expect(snapped.bias).toBe(reduced.bias);
    expect(snapped.variance).toBe(reduced.variance);
  });

  it("rejects a clearly negative eigenvalue, a bad rtol, NaN and plain arrays", () => {
    expect(() => snapZeroEigenvalues(new Float64Array([1, -1e-3]))).toThrow(ArgumentError);
    expect(() => snapZeroEigenvalues(new Float64Array([1, -1e-3]))).toThrow(/Value at index 1: -0.001/);
    expect(() => snapZeroEigenvalues(new Float64Array([1]), -1)).toThrow(/rtol must be >= 0/);
    expect(() => snapZeroEigenvalues(new Float64Array([1, NaN]))).toThrow(NonFiniteError);
    expect(() => snapZeroEigenvalues([1] as unknown as Float64Array)).toThrow(/must be a Float64Array/);
  });
});
