import { describe, expect, it } from "vitest";
import { ArgumentError, NonFiniteError, ShapeError } from "../../src/errors.js";
import { symmetricEigen, type SymmetricEigen } from "../../src/linalg/eigen.js";
import { identity, matrix, type Matrix } from "../../src/linalg/matrix.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { EPS, frobenius, randomMatrix, seededRandom } from "../helpers/matrices.js";

/** A random symmetric n x n matrix, entries uniform on [-1, 1): the lower triangle of a random matrix, mirrored. */
function randomSymmetric(n: number, seed: number): Matrix {
  const S = randomMatrix(n, n, seededRandom(seed));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) S.data[j * n + i] = S.data[i * n + j]!;
  return S;
}

/** A random n x n orthogonal matrix: modified Gram-Schmidt, done twice, on random columns. */
function randomOrthogonal(n: number, seed: number): Matrix {
  const Q = randomMatrix(n, n, seededRandom(seed));
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += Q.data[i * n + k]! * Q.data[i * n + j]!;
        for (let i = 0; i < n; i++) Q.data[i * n + j]! -= dot * Q.data[i * n + k]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += Q.data[i * n + j]! ** 2;
    for (let i = 0; i < n; i++) Q.data[i * n + j]! /= Math.sqrt(norm);
  }
  return Q;
}

/** Q diag(l) Q^T, mirrored so that it is exactly symmetric. */
function withSpectrum(Q: Matrix, l: number[]): Matrix {
  const n = Q.rows;
  const S = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q.data[i * n + k]! * l[k]! * Q.data[j * n + k]!;
      S.data[i * n + j] = s;
      S.data[j * n + i] = s;
    }
  }
  return S;
}

/**
 * ||S V - V diag(l)||_F / ||S||_F and ||V^T V - I||_F, S read from its lower triangle. S and l are divided
 * by max |S| first, so that the check itself neither overflows nor underflows at extreme scales.
 */
function errors(S: Matrix, { values, vectors: V }: SymmetricEigen): { residual: number; orthogonality: number } {
  const n = S.rows;
  const m = S.data.reduce((acc, v) => Math.max(acc, Math.abs(v)), 0) || 1;
  const s = (i: number, j: number) => (i >= j ? S.data[i * n + j]! : S.data[j * n + i]!) / m;
  const R = new Float64Array(n * n);
  const O = new Float64Array(n * n);
  let sNorm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      sNorm += s(i, j) ** 2;
      let sv = 0;
      let vv = 0;
      for (let k = 0; k < n; k++) {
        sv += s(i, k) * V.data[k * n + j]!;
        vv += V.data[k * n + i]! * V.data[k * n + j]!;
      }
      R[i * n + j] = sv - V.data[i * n + j]! * (values[j]! / m);
      O[i * n + j] = vv - (i === j ? 1 : 0);
    }
  }
  const r = frobenius(matrix(n, n, R));
  return { residual: sNorm === 0 ? r : r / Math.sqrt(sNorm), orthogonality: frobenius(matrix(n, n, O)) };
}

function expectAscending(values: Float64Array): void {
  for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
}

/**
 * Backward-stable bounds (Householder + QL: Wilkinson; Demmel, "Applied Numerical Linear Algebra" 5.3): the
 * residual and the loss of orthogonality are O(n eps) in norm. Measured on every input below (both
 * solvers, Frobenius norms): residual <= 0.7 n eps, orthogonality <= 1.9 n eps; C = 10 leaves a margin >= 5.
 */
const C = 10;
function expectDecomposition(S: Matrix, result: SymmetricEigen): void {
  const n = S.rows;
  expect(result.values.length).toBe(n);
  expect(result.vectors.rows).toBe(n);
  expect(result.vectors.cols).toBe(n);
  const { residual, orthogonality } = errors(S, result);
  expect(residual).toBeLessThanOrEqual(C * Math.max(n, 1) * EPS);
  expect(orthogonality).toBeLessThanOrEqual(C * Math.max(n, 1) * EPS);
  expectAscending(result.values);
}

function ref(S: Matrix): SymmetricEigen {
  const { values, vectors, info } = refSymmetricEigen(S);
  expect(info).toBe(0);
  return { values, vectors };
}

const solvers: [string, (S: Matrix) => SymmetricEigen][] = [
  ["wasm", (S) => symmetricEigen(S)],
  ["ref", ref],
];

describe.each(solvers)("symmetric eigendecomposition (%s)", (_name, eig) => {
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
    const X = randomMatrix(n, p, seededRandom(11)).data;
    const G = matrix(p, p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += X[k * p + i]! * X[k * p + j]!;
        G.data[i * p + j] = G.data[j * p + i] = s;
      }
    }
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
    const b = ref(S);
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
