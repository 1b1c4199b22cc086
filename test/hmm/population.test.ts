import { describe, expect, it } from "vitest";
import { NotPositiveDefiniteError } from "../../src/errors.js";
import { drawModel, type Model } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { sampleSequential } from "../../src/hmm/sample.js";
import { sampleSequences } from "../../src/hmm/sequences.js";
import { fromRows, identity, transpose, type Matrix } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { RandomStream } from "../../src/rng/stream.js";
import { blocks, hstack, maxZ, secondMoments } from "./moments.js";
import { EPS, maxAbsDiff, scaled } from "../helpers/matrices.js";

function plusDiag(M: Matrix, c: number): Matrix {
  const out = scaled(M, 1);
  for (let i = 0; i < M.rows; i++) out.data[i * M.cols + i]! += c;
  return out;
}

/** A small model with every feature switched on: gaussian A, V given (k = 2), sY > 0. */
function richModel(): Model {
  const V = fromRows([[1, 0.5], [0, 1], [-0.3, 0.2]]);
  return drawModel({ d: 3, p: 4, k: 2, T: 4, rho: 0.8, sEps: 0.5, sU: 0.7, sY: 0.3, aKind: "gaussian", V }, new RandomStream(21, 4, 0));
}

describe("population", () => {
  it("diagonal A = rho I: S_t = s_t I with s_{t+1} = rho^2 s_t + sEps^2, and the closed forms of SPEC 2", () => {
    const rho = 0.9;
    const sEps = 0.5;
    const model = drawModel({ d: 4, p: 6, k: 4, T: 5, rho, sEps, sU: 1, sY: 0.2, aKind: "diagonal" }, new RandomStream(2, 6, 0));
    const pop = population(model);
    let s = 1;
    for (let t = 1; t < 5; t++) s = rho * rho * s + sEps * sEps;
    expect(maxAbsDiff(pop.ST, scaled(identity(4), s))).toBeLessThanOrEqual(10 * EPS);
    const WtW = refMatmul(model.W, model.W, { transA: true });
    // Each matrix below is a few products of O(1) entries: agreement to 100 d eps.
    expect(maxAbsDiff(pop.Sx, plusDiag(scaled(WtW, s), 1))).toBeLessThanOrEqual(100 * 4 * EPS);
    expect(maxAbsDiff(pop.Cxy, scaled(transpose(model.W), s * rho))).toBeLessThanOrEqual(100 * 4 * EPS);
    expect(maxAbsDiff(pop.Sy, scaled(identity(4), rho * rho * s + sEps * sEps + 0.04))).toBeLessThanOrEqual(100 * EPS);
  });

  it("B* solves Sx B* = Cxy, Se = Sy - B*^T Sx B* is symmetric, noise = tr(Se), Sx = Lx Lx^T", () => {
    const pop = population(richModel());
    const SxB = refMatmul(pop.Sx, pop.Bstar);
    expect(maxAbsDiff(SxB, pop.Cxy)).toBeLessThanOrEqual(1000 * EPS);
    const Se = refMatmul(pop.Bstar, SxB, { transA: true });
    const expected = { rows: 2, cols: 2, data: pop.Sy.data.map((v, i) => v - Se.data[i]!) };
    expect(maxAbsDiff(pop.Se, expected)).toBeLessThanOrEqual(1000 * EPS);
    expect(pop.Se.data[1]).toBe(pop.Se.data[2]);
    expect(pop.noise).toBeCloseTo(pop.Se.data[0]! + pop.Se.data[3]!, 15);
    expect(maxAbsDiff(refMatmul(pop.Lx, pop.Lx, { transB: true }), pop.Sx)).toBeLessThanOrEqual(100 * EPS);
  });

  it("matches the Monte Carlo covariance of (x_T, y) and of (x_T, e), e = y - x B*, within 5 se per entry", () => {
    // N = 40000 runs of the HMM; 21 + 21 entries, each within 5 standard errors (see moments.ts).
    const model = richModel();
    const pop = population(model);
    const N = 40000;
    const { X, Y } = sampleSequential(model, N, new RandomStream(7, 4, 1));
    expect(maxZ(secondMoments(hstack(X, Y)), blocks(pop.Sx, pop.Cxy, pop.Sy), N)).toBeLessThanOrEqual(5);
    const XB = refMatmul(X, pop.Bstar);
    const E = { rows: N, cols: 2, data: Y.data.map((v, i) => v - XB.data[i]!) };
    const zero = { rows: 4, cols: 2, data: new Float64Array(8) };
    expect(maxZ(secondMoments(hstack(X, E)), blocks(pop.Sx, zero, pop.Se), N)).toBeLessThanOrEqual(5);
  });

  it("S_T is the Monte Carlo covariance of z_T (20000 runs, 5 se per entry)", () => {
    const model = richModel();
    const N = 20000;
    const { Z } = sampleSequences(model, N, new RandomStream(8, 4, 1));
    expect(maxZ(secondMoments(Z[model.T - 1]!), population(model).ST, N)).toBeLessThanOrEqual(5);
  });

  it("throws NotPositiveDefiniteError naming Sx when sU = 0 and p > d", () => {
    const model = drawModel({ d: 2, p: 3, k: 2, T: 2, rho: 0.5, sEps: 1, sU: 0, sY: 0, aKind: "diagonal" }, new RandomStream(1));
    expect(() => population(model)).toThrow(NotPositiveDefiniteError);
    expect(() => population(model)).toThrow(/Sx/);
  });
});
