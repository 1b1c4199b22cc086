import { describe, expect, it } from "vitest";
import { ArgumentError, NonFiniteError, ShapeError } from "../../src/errors.js";
import { symmetricEigen } from "../../src/linalg/eigen.js";
import { identity, matrix, type Matrix } from "../../src/linalg/matrix.js";
import { C, EIGEN_SOLVERS, expectDecomposition, randomGram, randomOrthogonal, randomSymmetric, refEigen, withSpectrum } from "../helpers/eigen.js";
import { EPS, frobenius } from "../helpers/matrices.js";

describe.each(EIGEN_SOLVERS)("symmetric eigendecomposition (%s)", (_name, eig) => {
  it.each([0, 1, 2, 3, 5, 8, 17, 64, 100, 257])("decomposes a random symmetric %i x %i matrix", (n) => {
    const S = randomSymmetric(n, 1000 + n);
    expectDecomposition(S, eig(S));
  });

  it.each([1, 2, 3, 10, 64, 257])("gives tridiag(-1, 2, -1) its eigenvalues 2 - 2 cos(k pi / (n + 1)), n = %i", (n) => {
    const S = matrix(n, n);
    for (let i = 0; i < n; i++) {
      S.data[i * n + i] = 2;
      if (i > 0) S.data[i * n + i - 1] = S.data[(i - 1) * n + i] = -1;
    }
    const result = eig(S);
    expectDecomposition(S, result);
    // Eigenvalue errors are at most ||E||_2 <= C n eps ||S||_2 (Weyl), with ||S||_2 < 4.
    for (let k = 1; k <= n; k++) {
      expect(Math.abs(result.values[k - 1]! - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThanOrEqual(
        C * n * EPS * 4,
      );
    }
  });

  it("returns a diagonal matrix's sorted diagonal and a permutation, exactly", () => {
    const d = [3, -1, 0.5, 7, -1, 1e-3, -4];
    const n = d.length;
    const S = matrix(n, n);
    d.forEach((v, i) => (S.data[i * n + i] = v));
    const { values, vectors } = eig(S);
    expect(Array.from(values)).toEqual([...d].sort((x, y) => x - y));
    for (let j = 0; j < n; j++) {
      let ones = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.abs(vectors.data[i * n + j]!);
        expect(v === 0 || v === 1).toBe(true);
        if (v === 1) {
          ones++;
          expect(d[i]).toBe(values[j]);
        }
      }
      expect(ones).toBe(1);
    }
  });

  it("returns zeros and the identity for the zero matrix, and ones and the identity for I", () => {
    for (const [S, value] of [
      [matrix(6, 6), 0],
      [identity(6), 1],
    ] as const) {
      const { values, vectors } = eig(S);
      expect(Array.from(values)).toEqual(new Array(6).fill(value));
      // v + 0 maps -0 to +0: the sign of a zero entry carries no meaning here.
      expect(Array.from(vectors.data, (v) => v + 0)).toEqual(Array.from(identity(6).data));
    }
  });

  it("decomposes diag(B1, B2) into the union of the blocks' eigenvalues (reflectors skipped mid-way)", () => {
    // Row n1 of B2 has only zeros left of its diagonal block: its reflector is skipped (h = 0) between
    // ordinary ones, on both the paired and the single accumulation paths (n = 13 and n = 14).
    for (const [n1, n2] of [
      [7, 6],
      [8, 6],
    ] as const) {
      const n = n1 + n2;
      const B1 = randomSymmetric(n1, 21);
      const B2 = randomSymmetric(n2, 22);
      const S = matrix(n, n);
      for (let i = 0; i < n1; i++) for (let j = 0; j < n1; j++) S.data[i * n + j] = B1.data[i * n1 + j]!;
      for (let i = 0; i < n2; i++) for (let j = 0; j < n2; j++) S.data[(n1 + i) * n + n1 + j] = B2.data[i * n2 + j]!;
      const result = eig(S);
      expectDecomposition(S, result);
      const union = [...eig(B1).values, ...eig(B2).values].sort((x, y) => x - y);
      // Each side is within C n eps ||S||_F of the truth (Weyl).
      const bound = 2 * C * n * EPS * frobenius(S);
      for (let k = 0; k < n; k++) expect(Math.abs(result.values[k]! - union[k]!)).toBeLessThanOrEqual(bound);
    }
  });

  it("resolves repeated eigenvalues: Q diag(1, 1, 1, 2, 2, 3, ...) Q^T", () => {
    const n = 40;
    const l = Array.from({ length: n }, (_, k) => (k < 3 ? 1 : k < 5 ? 2 : 3 + k));
    const S = withSpectrum(randomOrthogonal(n, 7), l);
    const result = eig(S);
    expectDecomposition(S, result);
    // Weyl: |l_k - l_k(S)| <= ||E||_2, and S itself carries ~ n eps ||S|| of rounding from its construction.
    const scale = Math.max(...l);
    for (let k = 0; k < n; k++) expect(Math.abs(result.values[k]! - l[k]!)).toBeLessThanOrEqual(2 * C * n * EPS * scale);
  });

  it("finds exactly p - n near-zero eigenvalues in a rank-deficient Gram matrix X^T X (X n x p, p > n)", () => {
    const n = 25;
    const p = 40;
    const G = randomGram(n, p, 11);
    const result = eig(G);
    expectDecomposition(G, result);
    const lmax = result.values[p - 1]!;
    // The p - n null eigenvalues come out at O(p eps lmax); the n others are at least ~ (sqrt p - sqrt n)^2 / 3
    // (Marchenko-Pastur edge for uniform entries of variance 1/3), about 0.3, far above the cut.
    const cut = C * p * EPS * lmax;
    const small = Array.from(result.values).filter((v) => Math.abs(v) <= cut).length;
    expect(small).toBe(p - n);
    expect(result.values[p - n]!).toBeGreaterThan(1e6 * cut);
  });

  it.each([1e-150, 1e150, 1e-300, 1e300])("scales: S * %s keeps its eigenpairs (no overflow, no NaN)", (scale) => {
    const n = 30;
    const S = randomSymmetric(n, 5);
    const scaled = matrix(n, n, S.data.map((v) => v * scale));
    const base = eig(S);
    const result = eig(scaled);
    expectDecomposition(scaled, result);
    // Both are backward stable: each eigenvalue within C n eps ||S||_F (Weyl) of the truth, relative to scale.
    const bound = 2 * C * n * EPS * frobenius(S);
    for (let k = 0; k < n; k++) expect(Math.abs(result.values[k]! / scale - base.values[k]!)).toBeLessThanOrEqual(bound);
  });

  it("reads only the lower triangle", () => {
    const n = 9;
    const S = randomSymmetric(n, 3);
    const lowerOnly = matrix(n, n, S.data.slice());
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) lowerOnly.data[i * n + j] = 100 + i - j;
    expect(eig(lowerOnly)).toEqual(eig(S));
  });
});

describe("the wasm kernel against the plain-TS reference", () => {
  it("agrees on eigenvalues, and on eigenvectors up to sign within eps ||S|| / gap", () => {
    const n = 64;
    const S = randomSymmetric(n, 42);
    const a = symmetricEigen(S);
    const b = refEigen(S);
    const norm = frobenius(S);
    // Both are within C n eps ||S|| of the true eigenvalues (Weyl), so of each other within twice that.
    for (let k = 0; k < n; k++) expect(Math.abs(a.values[k]! - b.values[k]!)).toBeLessThanOrEqual(2 * C * n * EPS * norm);
    for (let j = 0; j < n; j++) {
      // Davis-Kahan: each computed vector is within ~ ||E|| / gap_j of the true one, ||E|| <= C n eps ||S||.
      const gap = Math.min(
        j > 0 ? b.values[j]! - b.values[j - 1]! : Infinity,
        j < n - 1 ? b.values[j + 1]! - b.values[j]! : Infinity,
      );
      const tol = (4 * C * n * EPS * norm) / gap;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += a.vectors.data[i * n + j]! * b.vectors.data[i * n + j]!;
      const sign = Math.sign(dot);
      let diff = 0;
      for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(a.vectors.data[i * n + j]! - sign * b.vectors.data[i * n + j]!));
      expect(diff).toBeLessThanOrEqual(tol);
    }
  });
});

describe("symmetricEigen input checks", () => {
  it("rejects a non-square matrix", () => {
    expect(() => symmetricEigen(matrix(2, 3))).toThrow(ShapeError);
    expect(() => symmetricEigen(matrix(2, 3))).toThrow("S must be square. Value: 2 x 3.");
  });

  it("rejects NaN and infinite entries, naming the index", () => {
    const S = identity(3);
    S.data[4] = NaN;
    expect(() => symmetricEigen(S)).toThrow(NonFiniteError);
    expect(() => symmetricEigen(S, "Sx")).toThrow("Sx must be finite. Value at index 4: NaN.");
    S.data[4] = Infinity;
    expect(() => symmetricEigen(S)).toThrow(NonFiniteError);
  });

  it("rejects a data length that does not match the shape, and a non-matrix", () => {
    expect(() => symmetricEigen({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(ShapeError);
    expect(() => symmetricEigen({ rows: 2, cols: 2, data: [1, 0, 0, 1] } as unknown as Matrix)).toThrow(ArgumentError);
  });
});
