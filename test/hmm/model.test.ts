import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../src/errors.js";
import type { ModelSpec } from "../../src/hmm/config.js";
import { orthogonalFactor } from "../../src/hmm/haar.js";
import { drawModel } from "../../src/hmm/model.js";
import { fromRows, identity } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { RandomStream } from "../../src/rng/stream.js";
import { meanSe } from "./moments.js";
import { EPS, maxAbsDiff } from "../helpers/matrices.js";

const spec = (over: Partial<ModelSpec> = {}): ModelSpec => ({
  d: 5, p: 7, k: 5, T: 4, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal", ...over,
});

describe("orthogonalFactor (sign-fixed Householder QR)", () => {
  it.each([0, 1, 2, 3, 7, 31, 32, 33, 70])("n = %i (panels of 32): Q^T Q = I and R = Q^T G is upper triangular with R_jj >= 0", (n) => {
    const G = new RandomStream(3, n, 0).normalMatrix(n, n);
    const Q = orthogonalFactor(G);
    // Householder QR is backward stable: ||Q^T Q - I|| and the below-diagonal part of Q^T G are O(n eps) (||G|| ~ sqrt n).
    expect(maxAbsDiff(refMatmul(Q, Q, { transA: true }), identity(n))).toBeLessThanOrEqual(10 * (n + 1) * EPS);
    const R = refMatmul(Q, G, { transA: true });
    for (let i = 0; i < n; i++) {
      expect(R.data[i * n + i]!).toBeGreaterThanOrEqual(0);
      for (let j = 0; j < i; j++) expect(Math.abs(R.data[i * n + j]!)).toBeLessThanOrEqual(10 * (n + 1) * EPS * Math.sqrt(n));
    }
  });

  it("keeps Q orthogonal when G has a zero column (R_jj = 0)", () => {
    const G = fromRows([[1, 0, 2], [3, 0, 1], [0, 0, 5]]);
    const Q = orthogonalFactor(G);
    expect(maxAbsDiff(refMatmul(Q, Q, { transA: true }), identity(3))).toBeLessThanOrEqual(30 * EPS);
  });

  it("draws Haar matrices: tr Q has mean 0 and E (tr Q)^2 = 1 (d = 4, 3000 draws)", () => {
    // For Q Haar on O(d), tr Q has the moments of N(0, 1) up to order d (Diaconis and Shahshahani 1994):
    // E tr Q = 0, E (tr Q)^2 = 1, E (tr Q)^4 = 3, so se(mean tr Q) = sqrt(1 / N), se(mean (tr Q)^2) = sqrt(2 / N).
    // Without the sign fix Householder's Q_11 = -|G_11| / ||G e_1|| < 0 always, so E tr Q != 0.
    const stream = new RandomStream(11, 4, 0);
    const N = 3000;
    const tr = new Float64Array(N);
    for (let s = 0; s < N; s++) {
      const Q = orthogonalFactor(stream.normalMatrix(4, 4));
      tr[s] = Q.data[0]! + Q.data[5]! + Q.data[10]! + Q.data[15]!;
    }
    const t1 = meanSe(tr);
    const t2 = meanSe(tr.map((t) => t * t));
    expect(Math.abs(t1.mean)).toBeLessThanOrEqual(5 * Math.sqrt(1 / N));
    expect(Math.abs(t2.mean - 1)).toBeLessThanOrEqual(5 * Math.sqrt(2 / N));
  });
});

describe("drawModel", () => {
  it("orthogonal: A = rho Q from the stream's first d x d matrix, then W from the next d x p, V = I", () => {
    const model = drawModel(spec(), new RandomStream(5, 7, 0));
    const twin = new RandomStream(5, 7, 0);
    const Q = orthogonalFactor(twin.normalMatrix(5, 5));
    const W = twin.normalMatrix(5, 7, 1 / Math.sqrt(5));
    expect(Array.from(model.A.data)).toEqual(Array.from(Q.data, (v) => 0.9 * v));
    expect(Array.from(model.W.data)).toEqual(Array.from(W.data));
    expect(Array.from(model.V.data)).toEqual(Array.from(identity(5).data));
    expect(maxAbsDiff(refMatmul(model.A, model.A, { transA: true }), { ...identity(5), data: identity(5).data.map((v) => 0.81 * v) })).toBeLessThanOrEqual(50 * EPS);
  });

  it("diagonal: A = rho I and W is the stream's first draw", () => {
    const model = drawModel(spec({ aKind: "diagonal", rho: 0.7 }), new RandomStream(5, 7, 0));
    expect(Array.from(model.A.data)).toEqual(Array.from(identity(5).data, (v) => 0.7 * v));
    expect(Array.from(model.W.data)).toEqual(Array.from(new RandomStream(5, 7, 0).normalMatrix(5, 7, 1 / Math.sqrt(5)).data));
  });

  it("gaussian: A is a multiple of an N(0, 1/d) draw with spectral norm rho", () => {
    const model = drawModel(spec({ aKind: "gaussian", rho: 0.6 }), new RandomStream(5, 7, 0));
    const G = new RandomStream(5, 7, 0).normalMatrix(5, 5);
    const ratio = model.A.data[0]! / G.data[0]!;
    for (let i = 0; i < 25; i++) expect(model.A.data[i]!).toBeCloseTo(ratio * G.data[i]!, 14);
    const { values } = refSymmetricEigen(refMatmul(model.A, model.A, { transA: true }));
    // ||A||_2^2 = lambda_max(A^T A) = 0.36, to the eigensolvers' O(d eps) relative accuracy.
    expect(Math.abs(values[4]! - 0.36)).toBeLessThanOrEqual(100 * EPS);
  });

  it("uses given A, W and V (copied); V sets k", () => {
    const A = fromRows([[0.5, 0], [0.1, 0.2]]);
    const W = fromRows([[1, 2, 3], [4, 5, 6]]);
    const V = fromRows([[1], [2]]);
    const model = drawModel({ d: 2, p: 3, k: 1, T: 2, rho: 0, sEps: 1, sU: 1, sY: 0, aKind: "gaussian", A, W, V }, new RandomStream(1));
    expect(model.A.data).toEqual(A.data);
    expect(model.A.data).not.toBe(A.data);
    expect(model.W.data).toEqual(W.data);
    expect(model.V.data).toEqual(V.data);
    expect(model.k).toBe(1);
  });

  it("names the bad argument", () => {
    const s = new RandomStream(1);
    expect(() => drawModel(spec({ p: 0 }), s)).toThrow(ArgumentError);
    expect(() => drawModel(spec({ p: 0 }), s)).toThrow(/p must be a positive integer\. Value: 0/);
    expect(() => drawModel(spec({ sEps: -1 }), s)).toThrow(/sEps must be >= 0\. Value: -1/);
    expect(() => drawModel(spec({ aKind: "unitary" as never }), s)).toThrow(/aKind must be one of/);
    expect(() => drawModel(spec({ k: 3 }), s)).toThrow(ShapeError);
    expect(() => drawModel(spec({ W: identity(5) }), s)).toThrow(/W must be 5 x 7\. Value: 5 x 5/);
    expect(() => drawModel(spec({ A: fromRows([[NaN]]) }), s)).toThrow(/A must be finite/);
  });
});
