import { describe, expect, it } from "vitest";
import { ArgumentError, NonFiniteError, ShapeError } from "../../src/errors.js";
import { gram } from "../../src/linalg/gram.js";
import { fromRows, type Matrix } from "../../src/linalg/matrix.js";
import { refGram } from "../../src/ref/gram.js";
import { EPS, absolute, boundRatio, randomMatrix, seededRandom } from "../helpers/matrices.js";

const implementations = [
  { name: "ref", gram: refGram },
  { name: "wasm", gram },
];

/** True when G[i][j] and G[j][i] are the same number for every pair (bitwise for finite values). */
function exactlySymmetric(G: Matrix): boolean {
  const n = G.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (!Object.is(G.data[i * n + j], G.data[j * n + i])) return false;
  return true;
}

describe.each(implementations)("gram ($name)", ({ gram: g }) => {
  it("gives the exact Gram matrices of a small integer matrix", () => {
    const X = fromRows([[1, 2], [3, 4], [5, 6]]);
    expect(Array.from(g(X).data)).toEqual([35, 44, 44, 56]);
    expect(Array.from(g(X, "XXt").data)).toEqual([5, 11, 17, 11, 25, 39, 17, 39, 61]);
  });

  it.each([[1, 1], [2, 3], [3, 2], [9, 8], [17, 16], [40, 33], [257, 130]])(
    "is exactly symmetric for X %i x %i, both forms",
    (n, p) => {
      const X = randomMatrix(n, p, seededRandom(n * 1000 + p));
      const G = g(X);
      const K = g(X, "XXt");
      expect([G.rows, G.cols, K.rows, K.cols]).toEqual([p, p, n, n]);
      expect(exactlySymmetric(G)).toBe(true);
      expect(exactlySymmetric(K)).toBe(true);
    },
  );

  it("handles zero sizes: X with no rows has a zero X^T X", () => {
    const X = { rows: 0, cols: 3, data: new Float64Array(0) };
    expect(Array.from(g(X).data)).toEqual(new Array(9).fill(0));
    expect(g(X, "XXt").data.length).toBe(0);
  });
});

describe("gram (wasm) against refGram", () => {
  // Each entry is a dot product of length k (k = n for XtX, p for XXt), within gamma_k (|X|^T |X|)_ij of the
  // exact value for both implementations (Higham, "Accuracy and Stability", 3.5), so they differ by at most
  // 2 gamma_k <= (k + 1) eps times (|X|^T |X|)_ij.
  it.each([[1, 1], [3, 2], [7, 9], [16, 17], [129, 3], [3, 129], [300, 260], [260, 520]])(
    "X %i x %i, both forms",
    (n, p) => {
      const X = randomMatrix(n, p, seededRandom(n * 31 + p));
      for (const form of ["XtX", "XXt"] as const) {
        const k = form === "XtX" ? n : p;
        const bound = refGram(absolute(X), form);
        bound.data.forEach((v, i) => (bound.data[i] = (k + 1) * EPS * v));
        expect(boundRatio(gram(X, form), refGram(X, form), bound)).toBeLessThanOrEqual(1);
      }
    },
  );
});

describe("gram input checks", () => {
  it("rejects NaN and Infinity", () => {
    const X = randomMatrix(3, 2, seededRandom(1));
    X.data[3] = Infinity;
    expect(() => gram(X)).toThrow(NonFiniteError);
    expect(() => gram(X)).toThrow("X must be finite. Value at index 3: Infinity.");
  });

  it("rejects an unknown form and malformed matrices", () => {
    const X = randomMatrix(3, 2, seededRandom(2));
    expect(() => gram(X, "XX" as "XtX")).toThrow(ArgumentError);
    expect(() => gram(X, "XX" as "XtX")).toThrow('form must be "XtX" or "XXt". Value: XX.');
    expect(() => gram({ rows: 3, cols: 3, data: new Float64Array(6) })).toThrow(ShapeError);
    expect(() => gram(null as unknown as Matrix)).toThrow(ArgumentError);
  });
});
