import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { fitRidge } from "../../src/head/ridge.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS, frobenius } from "../helpers/matrices.js";

describe("fitRidge", () => {
  it.each([
    [30, 8, 0.05, "primal-cholesky"],
    [8, 30, 0.05, "dual-cholesky"],
    [10, 10, 1e-3, "primal-cholesky"],
  ] as const)("n = %i, p = %i, lambda = %f: equals (X^T X + n lambda I)^{-1} X^T Y (path %s)", (n, p, lambda, path) => {
    const s = new RandomStream(8, n, p);
    const X = s.normalMatrix(n, p);
    const Y = s.normalMatrix(n, 3);
    const fit = fitRidge(X, Y, lambda);
    expect(fit.path).toBe(path);
    // The primal formula through the reference eigensolver: V diag(1 / (l_i + n lambda)) V^T X^T Y, also for
    // n < p, where the fit used the dual form X^T (X X^T + n lambda I)^{-1} Y (the push-through identity).
    const { values, vectors } = refSymmetricEigen(refMatmul(X, X, { transA: true }));
    const VtR = refMatmul(vectors, refMatmul(X, Y, { transA: true }), { transA: true });
    for (let i = 0; i < p; i++) for (let j = 0; j < 3; j++) VtR.data[i * 3 + j]! /= values[i]! + n * lambda;
    const want = refMatmul(vectors, VtR);
    const cond = (values[p - 1]! + n * lambda) / (Math.max(values[0]!, 0) + n * lambda);
    const diff = { ...want, data: want.data.map((v, i) => v - fit.B.data[i]!) };
    expect(frobenius(diff) / frobenius(want)).toBeLessThanOrEqual(10 * cond * Math.max(n, p) * EPS);
  });

  it("rejects lambda <= 0, naming it", () => {
    const s = new RandomStream(1);
    const X = s.normalMatrix(4, 2);
    const Y = s.normalMatrix(4, 1);
    expect(() => fitRidge(X, Y, 0)).toThrow(ArgumentError);
    expect(() => fitRidge(X, Y, -1)).toThrow(/lambda must be > 0\. Value: -1/);
  });
});
