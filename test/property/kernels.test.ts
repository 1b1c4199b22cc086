/**
 * The WebAssembly kernels against the plain-TS references (src/ref/) on random shapes (0 and 1 included,
 * across the kernels' block sizes 16, 32, 48) and values across scales: each matrix has an overall scale
 * 2^s (s in [-300, 300]) and per-entry magnitudes spread over 2^[-20, 20]. Tolerances are the standard
 * componentwise error bounds (Higham, "Accuracy and Stability of Numerical Algorithms"), so a failure is
 * a real error, not noise:
 *   dot products of length k     |fl(a.b) - a.b| <= gamma_k |a|.|b|,  gamma_k ~ k u, u = eps / 2
 *   Cholesky                     |L L^T - S| <= gamma_{n+1} |L| |L|^T
 *   triangular solve             |T x - b| <= gamma_n |T| |x|  (per right-hand side)
 *   symmetric eigenvalues        |l_i - l_i'| <= c n eps ||S||_F for two backward-stable solvers (Weyl)
 * A kernel result and a reference result each carry one such error, hence the factors of 2.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotPositiveDefiniteError } from "../../src/errors.js";
import { cholesky } from "../../src/linalg/cholesky.js";
import { symmetricEigen } from "../../src/linalg/eigen.js";
import { gram } from "../../src/linalg/gram.js";
import { matmul } from "../../src/linalg/matmul.js";
import { identity, transpose, type Matrix } from "../../src/linalg/matrix.js";
import { triangularSolve } from "../../src/linalg/triangular.js";
import { refCholesky } from "../../src/ref/cholesky.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { refGram } from "../../src/ref/gram.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { absolute, boundRatio, EPS, frobenius, randomLower, scaled, seededRandom } from "../helpers/matrices.js";

/** Sizes: mostly small (0..8, the SIMD tails), sometimes across the block sizes 16, 32 and 48 (up to 64). */
const size = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 9, max: 64 }) });
const scale = fc.integer({ min: -300, max: 300 });
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** rows x cols, entry (2u - 1) 2^(s + e) with u uniform and e uniform in [-20, 20] per entry. */
function spread(rows: number, cols: number, s: number, rand: () => number): Matrix {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (2 * rand() - 1) * 2 ** (s + Math.floor(41 * rand()) - 20);
  return { rows, cols, data };
}

/** c |A| |B| entrywise (op applied as for matmul). */
function productBound(A: Matrix, B: Matrix, c: number, opts: { transA?: boolean; transB?: boolean } = {}): Matrix {
  return scaled(refMatmul(absolute(A), absolute(B), opts), c);
}

const RUNS = { numRuns: 60 };

describe("kernels against the references (fast-check)", () => {
  it("matmul: all four transposes, alpha, zero and unit sizes, scales 2^[-300, 300]", () => {
    fc.assert(
      fc.property(size, size, size, fc.boolean(), fc.boolean(), fc.constantFrom(1, -0.5, 3), scale, scale, seed, (m, n, k, transA, transB, alpha, sA, sB, s) => {
        const rand = seededRandom(s);
        const A = transA ? spread(k, m, sA, rand) : spread(m, k, sA, rand);
        const B = transB ? spread(n, k, sB, rand) : spread(k, n, sB, rand);
        const C = matmul(A, B, { transA, transB, alpha });
        const want = refMatmul(A, B, { transA, transB, alpha });
        expect([C.rows, C.cols]).toEqual([m, n]);
        // Two dot products of length k, then alpha: |C - C'| <= (k + 2) eps |alpha| |op A| |op B|.
        expect(boundRatio(C, want, productBound(A, B, (k + 2) * EPS * Math.abs(alpha), { transA, transB }))).toBeLessThanOrEqual(1);
      }),
      { ...RUNS, seed: 11 },
    );
  });

  it("gram: X^T X and X X^T, exactly symmetric, zero and unit sizes, scales 2^[-300, 300]", () => {
    fc.assert(
      fc.property(size, size, fc.constantFrom("XtX" as const, "XXt" as const), scale, seed, (n, p, form, sX, s) => {
        const X = spread(n, p, Math.trunc(sX / 2), seededRandom(s));
        const G = gram(X, form);
        const want = refGram(X, form);
        const inner = form === "XtX" ? n : p;
        expect(G.data).toEqual(transpose(G).data);
        const bound = form === "XtX" ? productBound(X, X, (inner + 1) * EPS, { transA: true }) : productBound(X, X, (inner + 1) * EPS, { transB: true });
        expect(boundRatio(G, want, bound)).toBeLessThanOrEqual(1);
      }),
      { ...RUNS, seed: 12 },
    );
  });

  it("cholesky of random SPD matrices: L lower with a positive diagonal, |L L^T - S| <= (n + 2) eps |L| |L|^T", () => {
    fc.assert(
      fc.property(size, scale, fc.constantFrom(1, 1e-3, 1e-8), seed, (n, sS, shift, s) => {
        // S = (M M^T / n + shift I) 2^sS: condition up to about 1 / shift, exactly symmetric.
        const M = spread(n, n, 0, seededRandom(s));
        const S = refMatmul(M, M, { transB: true, alpha: 1 / Math.max(n, 1) });
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) S.data[j * n + i] = S.data[i * n + j]!;
        for (let i = 0; i < n; i++) S.data[i * n + i]! += shift;
        const Ss = scaled(S, 2 ** sS);
        const L = cholesky(Ss);
        for (let i = 0; i < n; i++) {
          expect(L.data[i * n + i]).toBeGreaterThan(0);
          for (let j = i + 1; j < n; j++) expect(L.data[i * n + j]).toBe(0);
        }
        expect("L" in refCholesky(Ss)).toBe(true);
        expect(boundRatio(refMatmul(L, L, { transB: true }), Ss, productBound(L, L, (n + 2) * EPS, { transB: true }))).toBeLessThanOrEqual(1);
      }),
      { ...RUNS, seed: 13 },
    );
  });

  it("cholesky of [[SPD, 0], [0, -D]]: NotPositiveDefiniteError at the reference's pivot, the size of the SPD block", () => {
    fc.assert(
      fc.property(size, fc.integer({ min: 1, max: 8 }), scale, seed, (j, extra, sS, s) => {
        const n = j + extra;
        const rand = seededRandom(s);
        const S = { rows: n, cols: n, data: new Float64Array(n * n) };
        const M = spread(j, j, 0, rand);
        const G = refMatmul(M, M, { transB: true });
        for (let a = 0; a < j; a++) for (let b = 0; b < j; b++) S.data[a * n + b] = G.data[a * j + b]! + (a === b ? 1 : 0);
        for (let a = j; a < n; a++) S.data[a * n + a] = -(1 + rand());
        const Ss = scaled(S, 2 ** sS);
        const ref = refCholesky(Ss);
        expect(ref).toEqual({ pivot: j });
        let pivot = -1;
        try {
          cholesky(Ss);
        } catch (err) {
          expect(err).toBeInstanceOf(NotPositiveDefiniteError);
          pivot = (err as NotPositiveDefiniteError).pivot;
        }
        expect(pivot).toBe(j);
      }),
      { ...RUNS, seed: 14 },
    );
  });

  it("triangularSolve: both sides and transposes, |op(L) X - B| <= 2 (n + 1) eps |op(L)| |X| per right-hand side", () => {
    fc.assert(
      fc.property(size, size, fc.boolean(), fc.constantFrom("left" as const, "right" as const), scale, scale, seed, (n, m, trans, side, sL, sB, s) => {
        const rand = seededRandom(s);
        const L = scaled(randomLower(n, rand, 7), 2 ** sL);
        const B = side === "left" ? spread(n, m, sB, rand) : spread(m, n, sB, rand);
        const X = triangularSolve(L, B, { transpose: trans, side });
        // The strict upper triangle (7) is never read: the effective matrix is L's lower triangle.
        const lower = { ...L, data: L.data.map((v, i) => (i % n <= Math.floor(i / n) ? v : 0)) };
        const T = trans ? transpose(lower) : lower;
        const [P, bound] =
          side === "left"
            ? [refMatmul(T, X), productBound(T, X, 2 * (n + 1) * EPS)]
            : [refMatmul(X, T), productBound(X, T, 2 * (n + 1) * EPS)];
        expect(boundRatio(P, B, bound)).toBeLessThanOrEqual(1);
      }),
      { ...RUNS, seed: 15 },
    );
  });

  it("symmetricEigen: ascending values within 20 n eps ||S||_F of the reference's, S V = V diag(l), V^T V = I", () => {
    fc.assert(
      fc.property(size, scale, seed, (n, sS, s) => {
        const M = spread(n, n, sS, seededRandom(s));
        const S = { rows: n, cols: n, data: new Float64Array(n * n) };
        for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) S.data[i * n + j] = S.data[j * n + i] = M.data[i * n + j]!;
        const { values, vectors } = symmetricEigen(S);
        const ref = refSymmetricEigen(S);
        expect(ref.info).toBe(0);
        const norm = frobenius(S);
        const tol = 20 * Math.max(n, 1) * EPS;
        for (let i = 0; i < n; i++) {
          if (i > 0) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
          expect(Math.abs(values[i]! - ref.values[i]!)).toBeLessThanOrEqual(tol * norm);
        }
        const SV = refMatmul(S, vectors);
        const VL = refMatmul(vectors, { rows: n, cols: n, data: identity(n).data.map((v, i) => v * values[i % n]!) });
        expect(frobenius({ rows: n, cols: n, data: SV.data.map((v, i) => v - VL.data[i]!) })).toBeLessThanOrEqual(tol * norm);
        const VtV = refMatmul(vectors, vectors, { transA: true });
        expect(frobenius({ rows: n, cols: n, data: VtV.data.map((v, i) => v - identity(n).data[i]!) })).toBeLessThanOrEqual(tol);
      }),
      { ...RUNS, seed: 16 },
    );
  });
});
