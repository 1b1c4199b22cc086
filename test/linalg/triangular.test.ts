import { describe, expect, it } from "vitest";
import { ArgumentError, NonFiniteError, ShapeError } from "../../src/errors.js";
import { fromRows, identity, type Matrix } from "../../src/linalg/matrix.js";
import { triangularSolve } from "../../src/linalg/triangular.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refTriangularSolve } from "../../src/ref/triangular.js";
import { EPS, absolute, boundRatio, randomLower, randomMatrix, seededRandom } from "../helpers/matrices.js";

type Side = "left" | "right";
const implementations = [
  { name: "ref", solve: refTriangularSolve },
  { name: "wasm", solve: triangularSolve },
];
const cases: { side: Side; transpose: boolean }[] = [
  { side: "left", transpose: false },
  { side: "left", transpose: true },
  { side: "right", transpose: false },
  { side: "right", transpose: true },
];

/** B shaped for the side: n x m on the left, m x n on the right. */
function rhs(side: Side, n: number, m: number, rand: () => number): Matrix {
  return side === "left" ? randomMatrix(n, m, rand) : randomMatrix(m, n, rand);
}

/** op(L) X (left) or X op(L) (right), and the same with |L| and |X|. */
function apply(L: Matrix, X: Matrix, side: Side, transpose: boolean, abs = false): Matrix {
  const [l, x] = abs ? [absolute(L), absolute(X)] : [L, X];
  return side === "left" ? refMatmul(l, x, { transA: transpose }) : refMatmul(x, l, { transB: transpose });
}

/** The lower triangle of L (strict upper zero). */
function lowerPart(L: Matrix): Matrix {
  const n = L.rows;
  return { rows: n, cols: n, data: L.data.map((v, i) => (i % n <= Math.floor(i / n) ? v : 0)) };
}

const sizes: [number, number][] = [[0, 3], [1, 1], [1, 4], [2, 1], [3, 5], [8, 9], [12, 13], [17, 2], [31, 25], [47, 11], [48, 49], [49, 12], [97, 30], [129, 130]];

describe.each(implementations)("triangularSolve ($name)", ({ solve }) => {
  it("solves a small system exactly, every side and transpose", () => {
    const L = fromRows([[2, 0], [1, 1]]);
    expect(Array.from(solve(L, fromRows([[2], [3]])).data)).toEqual([1, 2]);
    expect(Array.from(solve(L, fromRows([[2], [3]]), { transpose: true }).data)).toEqual([-0.5, 3]);
    expect(Array.from(solve(L, fromRows([[2, 3]]), { side: "right" }).data)).toEqual([-0.5, 3]);
    expect(Array.from(solve(L, fromRows([[2, 3]]), { side: "right", transpose: true }).data)).toEqual([1, 2]);
  });

  // Substitution is backward stable: op(L) + dL with |dL| <= gamma_n |L| solves the system exactly
  // (Higham, "Accuracy and Stability", Thm 8.5), so |op(L) X - B| <= gamma_n |op(L)| |X|, plus gamma_n from
  // evaluating the residual, plus one rounding when the kernel multiplies by a precomputed 1 / L_ii:
  // (n + 2) eps |op(L)| |X| entrywise bounds the computed residual.
  it.each(sizes)("satisfies the residual identity: n = %i, %i right-hand sides", (n, m) => {
    const rand = seededRandom(n * 7919 + m);
    const L = randomLower(n, rand);
    for (const { side, transpose } of cases) {
      const B = rhs(side, n, m, rand);
      const X = solve(L, B, { side, transpose });
      expect([X.rows, X.cols]).toEqual([B.rows, B.cols]);
      const bound = apply(L, X, side, transpose, true);
      bound.data.forEach((v, i) => (bound.data[i] = (n + 2) * EPS * v));
      expect(boundRatio(apply(L, X, side, transpose), B, bound)).toBeLessThanOrEqual(1);
    }
  });

  it("reads only the lower triangle of L", () => {
    const rand = seededRandom(5);
    const L = randomLower(70, rand, 1e3);
    for (const { side, transpose } of cases) {
      const B = rhs(side, 70, 9, rand);
      expect(solve(L, B, { side, transpose }).data).toEqual(solve(lowerPart(L), B, { side, transpose }).data);
    }
  });
});

describe("triangularSolve (wasm) against refTriangularSolve", () => {
  // Both solutions are exact for op(L) + dL, |dL| <= gamma_{n+1} |L|, so each lies within
  // gamma_{n+1} |op(L)^-1| |op(L)| |X| of the exact X (left; mirrored on the right), and the two differ by
  // at most (n + 2) eps times that.
  it.each(sizes)("n = %i, %i right-hand sides, every side and transpose", (n, m) => {
    const rand = seededRandom(n * 104729 + m);
    const L = randomLower(n, rand);
    for (const { side, transpose } of cases) {
      const B = rhs(side, n, m, rand);
      const X = triangularSolve(L, B, { side, transpose });
      const inverse = absolute(refTriangularSolve(L, identity(n), { transpose }));
      const bound = side === "left"
        ? refMatmul(inverse, apply(L, X, side, transpose, true))
        : refMatmul(apply(L, X, side, transpose, true), inverse);
      bound.data.forEach((v, i) => (bound.data[i] = (n + 2) * EPS * v));
      expect(boundRatio(X, refTriangularSolve(L, B, { side, transpose }), bound)).toBeLessThanOrEqual(1);
    }
  });
});

describe("triangularSolve input checks", () => {
  const L = randomLower(3, seededRandom(9));
  const B = randomMatrix(3, 2, seededRandom(10));

  it("rejects shapes that do not match, naming them", () => {
    expect(() => triangularSolve(randomMatrix(3, 2, seededRandom(1)), B)).toThrow(ShapeError);
    expect(() => triangularSolve(L, randomMatrix(2, 3, seededRandom(2)))).toThrow(
      "B must have 3 rows to match L (3 x 3). Value: B is 2 x 3.",
    );
    expect(() => triangularSolve(L, B, { side: "right" })).toThrow("B must have 3 columns");
  });

  it("rejects a zero on the diagonal, NaN and Infinity", () => {
    const singular = fromRows([[1, 0, 0], [2, 0, 0], [3, 4, 5]]);
    expect(() => triangularSolve(singular, B)).toThrow(ArgumentError);
    expect(() => triangularSolve(singular, B)).toThrow("Value at L[1][1]: 0.");
    const nan = randomMatrix(3, 2, seededRandom(3));
    nan.data[5] = Number.NaN;
    expect(() => triangularSolve(L, nan)).toThrow(NonFiniteError);
    expect(() => triangularSolve(fromRows([[Infinity]]), fromRows([[1]]))).toThrow(NonFiniteError);
  });

  it("rejects invalid options", () => {
    expect(() => triangularSolve(L, B, { side: "top" as Side })).toThrow('opts.side must be "left" or "right". Value: top.');
    expect(() => triangularSolve(L, B, { transpose: 1 as unknown as boolean })).toThrow(ArgumentError);
  });
});
