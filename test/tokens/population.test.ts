import { describe, expect, it } from "vitest";
import { matrix, type Matrix } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { RandomStream } from "../../src/rng/stream.js";
import { tokenPopulation, tokenSpectrum } from "../../src/tokens/population.js";
import { representationOf } from "../../src/tokens/representation.js";
import { exactSAlpha } from "../../src/tokens/salpha.js";
import { drawTokenSample } from "../../src/tokens/sample.js";
import type { TokenScaling } from "../../src/tokens/spec.js";
import { smallWorld, sxOf } from "./world.fixture.js";
import { trace } from "../helpers/matrices.js";

const EPS = Number.EPSILON;

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

function minus(A: Matrix, B: Matrix): Matrix {
  return matrix(A.rows, A.cols, A.data.map((v, i) => v - B.data[i]!));
}

describe("tokenPopulation", () => {
  const world = smallWorld({ H: 6, V: 3, T: 5, k: 3 });
  const S = exactSAlpha(world);

  it.each([
    ["features", 3],
    ["features", 6],
    ["features", 15],
    ["posterior", 6],
  ] as [TokenScaling, number][])("%s, p = %i: Sx, Cxy, B*, Se and the spectrum agree with their definitions", (scaling, p) => {
    const rep = representationOf(scaling, 6, scaling === "posterior" ? 0 : 0.5, 2, 0, p);
    const pop = tokenPopulation(world, S, rep);
    const W = rep.W ?? matrix(6, 6, Float64Array.from({ length: 36 }, (_, i) => (i % 7 === 0 ? 1 : 0)));
    const SW = refMatmul(S, W);
    const Sx = refMatmul(W, SW, { transA: true });
    for (let i = 0; i < p; i++) Sx.data[i * p + i]! += rep.sU ** 2;
    const Cxy = refMatmul(W, refMatmul(S, world.G), { transA: true });
    // products of H-term sums through an eigendecomposition of S_alpha: a few hundred eps relative
    const tol = 1e3 * EPS;
    expect(maxAbs(minus(sxOf(pop), Sx).data)).toBeLessThanOrEqual(tol * maxAbs(Sx.data));
    expect(maxAbs(minus(pop.Cxy, Cxy).data)).toBeLessThanOrEqual(tol * maxAbs(Cxy.data));
    // Sx B* = Cxy on the range of Sx; Se = Sy - B*^T Sx B*
    const SxB = refMatmul(Sx, pop.Bstar);
    const cond = maxAbs(pop.spectrum.eigenvalues) / Math.min(...pop.spectrum.eigenvalues.filter((l) => l > 0));
    expect(maxAbs(minus(SxB, Cxy).data)).toBeLessThanOrEqual(tol * cond * maxAbs(Cxy.data));
    const BSB = refMatmul(pop.Bstar, SxB, { transA: true });
    expect(Math.abs(pop.noise - (trace(pop.Sy) - trace(BSB)))).toBeLessThanOrEqual(tol * cond * trace(pop.Sy));
    let sumL = 0;
    let signal = 0;
    pop.spectrum.eigenvalues.forEach((l, i) => {
      sumL += l;
      signal += l * pop.spectrum.weights[i]!;
    });
    expect(Math.abs(sumL - trace(Sx))).toBeLessThanOrEqual(tol * trace(Sx));
    expect(Math.abs(signal - trace(BSB))).toBeLessThanOrEqual(tol * cond * trace(BSB));
    // R(0) = tr(Sy) = sum_h pi_h ||V_lab[h]||^2 + k sY^2
    let nullRisk = 0;
    for (let h = 0; h < 6; h++) for (let j = 0; j < 3; j++) nullRisk += world.pi[h]! * world.Vlab.data[h * 3 + j]! ** 2;
    nullRisk += 3 * world.spec.sY ** 2;
    expect(Math.abs(pop.nullRisk - nullRisk)).toBeLessThanOrEqual(tol * nullRisk);
    expect(pop.noise).toBeGreaterThanOrEqual(pop.bayesRisk - tol * nullRisk);
    // the halves' shortcut: the same spectrum, and tr(Se) as tr(Sy) - sum_i w_i l_i
    const short = tokenSpectrum(world, S, rep);
    expect(short.eigenvalues).toEqual(pop.spectrum.eigenvalues);
    expect(Math.abs(short.noise - pop.noise)).toBeLessThanOrEqual(tol * cond * trace(pop.Sy));
    if (scaling === "posterior") expect(Math.abs(pop.noise - pop.bayesRisk)).toBeLessThanOrEqual(tol * cond * nullRisk);
  });

  it("gives an unbiased oracle risk: the mean squared error of a head on fresh samples, within 5 se", () => {
    const rep = representationOf("features", 6, 0.5, 2, 0, 4);
    const pop = tokenPopulation(world, S, rep);
    const B = matrix(4, 3, pop.Bstar.data.map((v, i) => v + 0.3 * Math.sin(i + 1)));
    const D = minus(B, pop.Bstar);
    const risk = pop.noise + trace(refMatmul(D, refMatmul(sxOf(pop), D), { transA: true }));
    const N = 40000;
    const { X, Y } = drawTokenSample(world, rep, N, new RandomStream(5, 4, 1));
    const P = refMatmul(X, B);
    let m = 0;
    let m2 = 0;
    for (let i = 0; i < N; i++) {
      let e = 0;
      for (let j = 0; j < 3; j++) e += (Y.data[i * 3 + j]! - P.data[i * 3 + j]!) ** 2;
      m += e;
      m2 += e * e;
    }
    m /= N;
    const se = Math.sqrt((m2 / N - m * m) / (N - 1));
    expect(Math.abs(m - risk)).toBeLessThanOrEqual(5 * se);
  });

  it("tower identity: y - alpha_T P V_lab has mean 0 and is uncorrelated with alpha_T (sY = 0), within 5 se", () => {
    const w = smallWorld({ H: 4, V: 3, T: 5, k: 2, sY: 0 }, 9);
    const rep = representationOf("posterior", 4, 0, 9, 0, 4);
    const N = 30000;
    const { Y, alpha } = drawTokenSample(w, rep, N, new RandomStream(9, 4, 1));
    const R = minus(Y, refMatmul(alpha, w.G));
    const check = (f: (i: number) => number): void => {
      let m = 0;
      let m2 = 0;
      for (let i = 0; i < N; i++) {
        const v = f(i);
        m += v;
        m2 += v * v;
      }
      m /= N;
      expect(Math.abs(m)).toBeLessThanOrEqual(5 * Math.sqrt((m2 / N - m * m) / (N - 1)));
    };
    for (let j = 0; j < 2; j++) {
      check((i) => R.data[i * 2 + j]!);
      for (let h = 0; h < 4; h++) check((i) => alpha.data[i * 4 + h]! * R.data[i * 2 + j]!);
    }
  });
});
