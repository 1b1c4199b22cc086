import { describe, expect, it } from "vitest";
import { ArgumentError, NonFiniteError, ShapeError } from "../../src/errors.js";
import { matmul } from "../../src/linalg/matmul.js";
import { fromRows, identity, transpose, type Matrix } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { getCore } from "../../src/wasm/core.js";
import { EPS, absolute, boundRatio, randomMatrix, seededRandom } from "../helpers/matrices.js";

const implementations = [
  { name: "ref", matmul: refMatmul },
  { name: "wasm", matmul },
];

const A23 = fromRows([[1, 2, 3], [4, 5, 6]]);
const B32 = fromRows([[7, 8], [9, 10], [11, 12]]);
// A23 B32, by hand: small integers, so every implementation must give it exactly.
const AB = [58, 64, 139, 154];

describe.each(implementations)("matmul ($name)", ({ matmul: mm }) => {
  it("gives the exact product of small integer matrices for every transpose combination", () => {
    expect(Array.from(mm(A23, B32).data)).toEqual(AB);
    expect(Array.from(mm(transpose(A23), B32, { transA: true }).data)).toEqual(AB);
    expect(Array.from(mm(A23, transpose(B32), { transB: true }).data)).toEqual(AB);
    expect(Array.from(mm(transpose(A23), transpose(B32), { transA: true, transB: true }).data)).toEqual(AB);
    expect(Array.from(mm(A23, B32, { alpha: -0.5 }).data)).toEqual(AB.map((v) => -0.5 * v));
  });

  it("multiplies by the identity exactly", () => {
    const A = randomMatrix(5, 9, seededRandom(1));
    expect(mm(identity(5), A).data).toEqual(A.data);
    expect(mm(A, identity(9)).data).toEqual(A.data);
  });

  it("handles zero sizes: an empty product is the zero matrix", () => {
    const C = mm({ rows: 2, cols: 0, data: new Float64Array(0) }, { rows: 0, cols: 3, data: new Float64Array(0) });
    expect([C.rows, C.cols]).toEqual([2, 3]);
    expect(Array.from(C.data)).toEqual([0, 0, 0, 0, 0, 0]);
    const D = mm({ rows: 0, cols: 4, data: new Float64Array(0) }, randomMatrix(4, 3, seededRandom(2)));
    expect([D.rows, D.cols, D.data.length]).toEqual([0, 3, 0]);
  });
});

describe("matmul (wasm) against refMatmul", () => {
  // Both results are dot products of length k: each is within gamma_k (|alpha| |op(A)| |op(B)|)_ij of the
  // exact product (Higham, "Accuracy and Stability", 3.5), gamma_k ~ k eps / 2, so they differ by at most
  // (k + 1) eps times that bound (one more rounding for alpha).
  function agree(A: Matrix, B: Matrix, opts: { transA: boolean; transB: boolean; alpha: number }): number {
    const k = opts.transA ? A.rows : A.cols;
    const bound = refMatmul(absolute(A), absolute(B), { ...opts, alpha: Math.abs(opts.alpha) });
    bound.data.forEach((v, i) => (bound.data[i] = (k + 1) * EPS * v));
    return boundRatio(matmul(A, B, opts), refMatmul(A, B, opts), bound);
  }

  const shapes: [number, number, number][] = [
    [1, 1, 1], [2, 3, 1], [3, 2, 5], [7, 9, 8], [8, 8, 8], [9, 17, 16], [17, 15, 33],
    [1, 130, 7], [129, 1, 3], [65, 33, 300], [130, 520, 257],
  ];
  it.each(shapes)("m = %i, n = %i, k = %i, all four transpose combinations", (m, n, k) => {
    const rand = seededRandom(m * 10007 + n * 101 + k);
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        const A = randomMatrix(transA ? k : m, transA ? m : k, rand);
        const B = randomMatrix(transB ? n : k, transB ? k : n, rand);
        expect(agree(A, B, { transA, transB, alpha: 1.25 })).toBeLessThanOrEqual(1);
      }
    }
  });

  it("returns a fresh matrix that later kernel calls do not change", () => {
    const A = randomMatrix(4, 4, seededRandom(3));
    const C = matmul(A, A);
    const copy = Float64Array.from(C.data);
    expect(C.data.buffer).not.toBe(getCore().arena.memory.buffer);
    matmul(A, identity(4), { alpha: 7 });
    expect(C.data).toEqual(copy);
  });
});

describe("matmul input checks", () => {
  const A = randomMatrix(2, 3, seededRandom(4));
  it("rejects operands whose inner dimensions differ, naming both shapes", () => {
    expect(() => matmul(A, A)).toThrow(ShapeError);
    expect(() => matmul(A, A)).toThrow("op(A) is 2 x 3 but op(B) is 2 x 3");
    expect(() => matmul(A, A, { transA: true, transB: true })).toThrow(ShapeError);
    expect(matmul(A, A, { transB: true }).rows).toBe(2);
  });

  it("rejects NaN and Infinity in either operand", () => {
    const bad = randomMatrix(3, 2, seededRandom(5));
    bad.data[4] = Number.NaN;
    expect(() => matmul(A, bad)).toThrow(NonFiniteError);
    expect(() => matmul(A, bad)).toThrow("B must be finite. Value at index 4: NaN.");
    const inf = randomMatrix(2, 3, seededRandom(6));
    inf.data[1] = -Infinity;
    expect(() => matmul(inf, bad)).toThrow(NonFiniteError);
  });

  it("rejects malformed matrices and options", () => {
    expect(() => matmul({ rows: 2, cols: 2, data: new Float64Array(3) }, A)).toThrow(ShapeError);
    expect(() => matmul({ rows: 2, cols: 3 } as Matrix, A)).toThrow(ArgumentError);
    expect(() => matmul(A, A, { transB: "yes" as unknown as boolean })).toThrow(ArgumentError);
    expect(() => matmul(A, A, { transB: true, alpha: Number.NaN })).toThrow("opts.alpha must be a finite number");
  });
});
