import { describe, expect, it } from "vitest";
import { ShapeError } from "../../src/errors.js";
import { drawModel, type Model } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { marginalFactors, sampleMarginal, sampleMarginalInto, sampleSequential, sampleSequentialInto } from "../../src/hmm/sample.js";
import { sampleSequences } from "../../src/hmm/sequences.js";
import { fromRows, matrix, type Matrix } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { RandomStream } from "../../src/rng/stream.js";
import { blocks, hstack, maxZ, secondMoments } from "./moments.js";
import { EPS, maxAbsDiff } from "../helpers/matrices.js";

function plus(A: Matrix, B: Matrix): Matrix {
  return { rows: A.rows, cols: A.cols, data: A.data.map((v, i) => v + B.data[i]!) };
}

function model(V?: Matrix): Model {
  const k = V?.cols ?? 3;
  return drawModel({ d: 3, p: 4, k, T: 4, rho: 0.8, sEps: 0.5, sU: 0.7, sY: 0.3, aKind: "orthogonal", V }, new RandomStream(31, 4, 0));
}

/** The sequential sampler written out with the reference matmul, drawing in the documented order. */
function twin(m: Model, n: number, stream: RandomStream): { X: Matrix; Y: Matrix } {
  let Z = stream.normalMatrix(n, m.d);
  const step = (): void => {
    Z = plus(refMatmul(Z, m.A), stream.normalMatrix(n, m.d, m.sEps));
  };
  for (let t = 1; t < m.T; t++) step();
  const X = plus(refMatmul(Z, m.W), stream.normalMatrix(n, m.p, m.sU));
  step();
  return { X, Y: plus(refMatmul(Z, m.V), stream.normalMatrix(n, m.k, m.sY)) };
}

describe("sampleSequential", () => {
  it.each([
    ["V = I", undefined],
    ["V given (k = 2)", fromRows([[1, 0.5], [0, 1], [-0.3, 0.2]])],
  ])("equals the reference recursion on the same normals (%s)", (_label, V) => {
    const m = model(V);
    const got = sampleSequential(m, 6, new RandomStream(4, 4, 1));
    const want = twin(m, 6, new RandomStream(4, 4, 1));
    // Same normals, same products, only the summation order differs: entries are O(3), error <= 10 d T eps * 3.
    expect(maxAbsDiff(got.X, want.X)).toBeLessThanOrEqual(10 * 3 * 4 * 3 * EPS);
    expect(maxAbsDiff(got.Y, want.Y)).toBeLessThanOrEqual(10 * 3 * 5 * 3 * EPS);
  });

  it("agrees with sampleSequences' x_T and y on the same stream, and x_1 has covariance W^T W + sU^2 I", () => {
    const m = model();
    const a = sampleSequential(m, 5, new RandomStream(9, 4, 2));
    const b = sampleSequences(m, 5, new RandomStream(9, 4, 2));
    expect(maxAbsDiff(a.X, b.X[m.T - 1]!)).toBeLessThanOrEqual(200 * EPS);
    expect(maxAbsDiff(a.Y, b.Y)).toBeLessThanOrEqual(200 * EPS);
    const N = 20000;
    const { X } = sampleSequences(m, N, new RandomStream(9, 4, 3));
    const S1 = refMatmul(m.W, m.W, { transA: true });
    for (let i = 0; i < 4; i++) S1.data[i * 5]! += m.sU * m.sU;
    expect(maxZ(secondMoments(X[0]!), S1, N)).toBeLessThanOrEqual(5);
  });

  it("handles n = 0 and checks the output shapes", () => {
    const m = model();
    const s = sampleSequential(m, 0, new RandomStream(1));
    expect([s.X.rows, s.X.cols, s.Y.rows, s.Y.cols]).toEqual([0, 4, 0, 3]);
    expect(() => sampleSequentialInto(m, new RandomStream(1), { X: matrix(2, 4), Y: matrix(3, 3) })).toThrow(ShapeError);
    expect(() => sampleSequentialInto(m, new RandomStream(1), { X: matrix(2, 5), Y: matrix(2, 3) })).toThrow(/out\.X must be 2 x 4/);
  });
});

describe("sampleMarginal", () => {
  it("has the law of the sequential sampler: both match the population, and each other, within 5 se per entry", () => {
    // N = 40000 each; the difference of two independent estimates has standard error sqrt(2) se.
    const m = model(fromRows([[1, 0.5], [0, 1], [-0.3, 0.2]]));
    const pop = population(m);
    const N = 40000;
    const S = blocks(pop.Sx, pop.Cxy, pop.Sy);
    const seq = sampleSequential(m, N, new RandomStream(12, 4, 1));
    const mar = sampleMarginal(pop, N, new RandomStream(12, 4, 2));
    const Sseq = secondMoments(hstack(seq.X, seq.Y));
    const Smar = secondMoments(hstack(mar.X, mar.Y));
    expect(maxZ(Smar, S, N)).toBeLessThanOrEqual(5);
    expect(maxZ(Sseq, S, N)).toBeLessThanOrEqual(5);
    expect(maxZ(Smar, Sseq, N, Math.SQRT2, S)).toBeLessThanOrEqual(5);
  });

  it("is X = G Lx^T, Y = X B* + H Le^T on the stream's normals, with Le Le^T = Se", () => {
    const pop = population(model());
    const f = marginalFactors(pop);
    expect(maxAbsDiff(refMatmul(f.Le, f.Le, { transB: true }), pop.Se)).toBeLessThanOrEqual(100 * EPS);
    const out = { X: matrix(5, 4), Y: matrix(5, 3) };
    sampleMarginalInto(f, new RandomStream(3, 0, 0), out);
    const s = new RandomStream(3, 0, 0);
    const X = refMatmul(s.normalMatrix(5, 4), pop.Lx, { transB: true });
    const Y = plus(refMatmul(X, pop.Bstar), refMatmul(s.normalMatrix(5, 3), f.Le, { transB: true }));
    expect(maxAbsDiff(out.X, X)).toBeLessThanOrEqual(100 * EPS);
    expect(maxAbsDiff(out.Y, Y)).toBeLessThanOrEqual(100 * EPS);
  });

  it("handles n = 0", () => {
    const s = sampleMarginal(population(model()), 0, new RandomStream(1));
    expect([s.X.rows, s.X.cols, s.Y.rows, s.Y.cols]).toEqual([0, 4, 0, 3]);
  });

  it("samples a singular Se (sY = 0, V = [I I], k = 2d): the two halves of e coincide", () => {
    // y = z_{T+1} [I I]: both halves of y, hence of e = y - x B*, are the same vector. The eigen square root
    // of the rank-d Se reproduces that up to sqrt(eps)-level terms from eigenvalues at rounding level.
    const V = fromRows([[1, 0, 0, 1, 0, 0], [0, 1, 0, 0, 1, 0], [0, 0, 1, 0, 0, 1]]);
    const m = drawModel({ d: 3, p: 4, k: 6, T: 3, rho: 0.8, sEps: 0.5, sU: 0.7, sY: 0, aKind: "orthogonal", V }, new RandomStream(5, 4, 0));
    const pop = population(m);
    const { X, Y } = sampleMarginal(pop, 50, new RandomStream(5, 4, 1));
    const XB = refMatmul(X, pop.Bstar);
    let worst = 0;
    for (let i = 0; i < 50; i++) {
      for (let j = 0; j < 3; j++) {
        const e1 = Y.data[i * 6 + j]! - XB.data[i * 6 + j]!;
        const e2 = Y.data[i * 6 + j + 3]! - XB.data[i * 6 + j + 3]!;
        worst = Math.max(worst, Math.abs(e1 - e2));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  });
});
