/**
 * Tridiagonal eigenvalues (dsterf): the kernel against its plain-TypeScript twin (the same steps, so the same
 * bits) and against the dense symmetric eigensolver, to the backward-stability bound of a few n eps ||T||.
 */
import { describe, expect, it } from "vitest";
import { ArgumentError, NonFiniteError, ShapeError } from "../../src/errors.js";
import { symmetricEigen } from "../../src/linalg/eigen.js";
import { matrix } from "../../src/linalg/matrix.js";
import { tridiagonalEigenvalues } from "../../src/linalg/tridiagonal.js";
import { refDsterf } from "../../src/ref/dsterf.js";
import { EPS, seededRandom } from "../helpers/matrices.js";

function dense(d: Float64Array, e: Float64Array) {
  const n = d.length;
  const T = matrix(n, n);
  for (let i = 0; i < n; i++) {
    T.data[i * n + i] = d[i]!;
    if (i + 1 < n) T.data[i * n + i + 1] = T.data[(i + 1) * n + i] = e[i]!;
  }
  return T;
}

function random(n: number, seed: number, graded = false) {
  const rand = seededRandom(seed);
  const d = new Float64Array(n).map((_, i) => (rand() - 0.5) * (graded ? 10 ** (-i / 4) : 1));
  const e = new Float64Array(Math.max(n - 1, 0)).map((_, i) => (rand() - 0.5) * (graded ? 10 ** (-i / 4) : 1));
  return { d, e };
}

describe("tridiagonalEigenvalues", () => {
  it.each([
    [1, false],
    [2, false],
    [3, false],
    [64, false],
    [65, false],
    [300, false],
    [40, true],
  ])("n = %i (graded: %s): the kernel equals its twin bit for bit and the dense eigensolver to 10 n eps ||T||", (n, graded) => {
    const { d, e } = random(n, 7 + n, graded);
    const got = tridiagonalEigenvalues(d, e);
    const twin = d.slice();
    expect(refDsterf(n, twin, e.slice())).toBe(0);
    expect(Array.from(got)).toEqual(Array.from(twin));
    const want = symmetricEigen(dense(d, e)).values;
    const norm = Math.max(...want.map(Math.abs));
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(10 * n * EPS * norm));
    for (let i = 1; i < n; i++) expect(got[i]!).toBeGreaterThanOrEqual(got[i - 1]!);
  });

  it("keeps its inputs and accepts n = 0", () => {
    const d = new Float64Array([2, 2]);
    const e = new Float64Array([1]);
    expect(Array.from(tridiagonalEigenvalues(d, e))).toEqual([1, 3]);
    expect(Array.from(d)).toEqual([2, 2]);
    expect(Array.from(e)).toEqual([1]);
    expect(tridiagonalEigenvalues(new Float64Array(0), new Float64Array(0)).length).toBe(0);
  });

  it("names a bad argument", () => {
    expect(() => tridiagonalEigenvalues([1] as unknown as Float64Array, new Float64Array(0))).toThrow(ArgumentError);
    expect(() => tridiagonalEigenvalues(new Float64Array([1, 2]), new Float64Array(2))).toThrow(ShapeError);
    expect(() => tridiagonalEigenvalues(new Float64Array([1, NaN]), new Float64Array(1))).toThrow(NonFiniteError);
  });
});
