// The pointer tier (src/wasm/pointer.ts): element access and in-place updates touch exactly a block's entries
// (never the ld gaps around it), potrf is Cholesky with LAPACK's status, vectors scale columns exactly, and
// scope releases what it allocated. Expected values are computed in plain TypeScript on copies.
import { describe, expect, it } from "vitest";
import { matrix } from "../../src/linalg/matrix.js";
import { refCholesky } from "../../src/ref/cholesky.js";
import {
  addToDiagonal,
  allocMatrix,
  asMatrix,
  block,
  copyIn,
  fill,
  get,
  potrf,
  readMatrix,
  scaleColumns,
  scope,
  setIdentity,
  trace,
  vectorIn,
  writeMatrix,
  type WasmMatrix,
} from "../../src/wasm/pointer.js";
import { EPS, randomMatrix, randomSpd, seededRandom } from "../helpers/matrices.js";

describe("element access and in-place updates on a block (ld > cols)", () => {
  it("get reads A[row + i][col + j]", () => {
    scope(() => {
      const M = randomMatrix(5, 8, seededRandom(1));
      const B = block(copyIn(M, "A"), 2, 3, 3, 4);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) expect(get(B, i, j)).toBe(M.data[(2 + i) * 8 + 3 + j]);
    });
  });

  it("fill, setIdentity, addToDiagonal and writeMatrix change the block's entries and nothing else", () => {
    scope(() => {
      const M = matrix(6, 7, Float64Array.from({ length: 42 }, (_, i) => i + 0.25));
      const inBlock = (i: number, j: number) => i >= 1 && i < 4 && j >= 2 && j < 5;
      const expectAfter = (update: (B: WasmMatrix) => void, expected: (i: number, j: number, v: number) => number) => {
        const A = copyIn(M, "A");
        update(block(A, 1, 2, 3, 3));
        const after = readMatrix(A);
        for (let i = 0; i < 6; i++) {
          for (let j = 0; j < 7; j++) {
            const v = M.data[i * 7 + j]!;
            expect(after.data[i * 7 + j], `A[${i}][${j}]`).toBe(inBlock(i, j) ? expected(i - 1, j - 2, v) : v);
          }
        }
      };
      expectAfter((B) => fill(B, -3), () => -3);
      expectAfter(setIdentity, (i, j) => (i === j ? 1 : 0));
      expectAfter((B) => addToDiagonal(B, 0.5), (i, j, v) => (i === j ? v + 0.5 : v));
      const W = matrix(3, 3, Float64Array.from({ length: 9 }, (_, i) => -i - 1));
      expectAfter((B) => writeMatrix(B, W), (i, j) => W.data[i * 3 + j]!);
    });
  });

  it("trace sums the block's diagonal in index order", () => {
    scope(() => {
      const M = randomMatrix(6, 7, seededRandom(2));
      const B = block(copyIn(M, "A"), 1, 2, 4, 4);
      let s = 0;
      for (let i = 0; i < 4; i++) s += M.data[(1 + i) * 7 + 2 + i]!;
      expect(trace(B)).toBe(s);
    });
  });
});

describe("potrf", () => {
  // Sizes around the kernel's 48 x 48 diagonal blocks, and 0, 1, 2, 3.
  it.each([0, 1, 2, 3, 47, 48, 49, 97])("factors an SPD matrix of order %i in place: L L^T = S within (n + 1) eps sqrt(S_ii S_jj)", (n) => {
    scope(() => {
      const S = randomSpd(n, seededRandom(10 + n));
      const A = copyIn(S, "S");
      expect(potrf(A)).toBe(0);
      const L = readMatrix(A);
      // Backward error of Cholesky (Higham, Thm 10.3): |S - L L^T| <= gamma_{n+1} |L| |L^T|, and
      // (|L| |L^T|)_ij <= ||L_i|| ||L_j|| = sqrt(S_ii S_jj) up to the same order; 2 (n + 1) eps covers both.
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (j > i) {
            expect(L.data[i * n + j], `upper [${i}][${j}]`).toBe(0);
            continue;
          }
          let s = 0;
          for (let q = 0; q <= j; q++) s += L.data[i * n + q]! * L.data[j * n + q]!;
          const bound = 2 * (n + 1) * EPS * Math.sqrt(S.data[i * n + i]! * S.data[j * n + j]!);
          expect(Math.abs(s - S.data[i * n + j]!)).toBeLessThanOrEqual(bound);
        }
      }
    });
  });

  it("returns j + 1 for the first pivot j that is not positive, as LAPACK's info and the reference", () => {
    scope(() => {
      const n = 60;
      const S = randomSpd(n, seededRandom(3));
      // Pivot 52 (past the first block): d_52 = S_52,52 - ||L_52,<52||^2 made negative.
      S.data[52 * n + 52] = 0;
      const ref = refCholesky(S);
      expect(ref).toEqual({ pivot: 52 });
      expect(potrf(copyIn(S, "S"))).toBe(53);
    });
  });
});

describe("vectors", () => {
  it("scaleColumns by a vector: C = A diag(x) + beta C, exactly", () => {
    scope(() => {
      const rand = seededRandom(4);
      const M = randomMatrix(4, 5, rand);
      const x = randomMatrix(1, 5, rand).data;
      const C0 = randomMatrix(4, 5, rand);
      const C = copyIn(C0, "C");
      scaleColumns(copyIn(M, "A"), vectorIn(x, "x"), 2, C);
      const got = readMatrix(C);
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 5; j++) expect(got.data[i * 5 + j]).toBe(M.data[i * 5 + j]! * x[j]! + 2 * C0.data[i * 5 + j]!);
      }
    });
  });

  it("asMatrix reads a vector row by row", () => {
    scope(() => {
      const x = Float64Array.from({ length: 6 }, (_, i) => i * 1.5);
      expect(readMatrix(asMatrix(vectorIn(x, "x"), 2, 3))).toEqual(matrix(2, 3, x));
    });
  });
});

describe("scope", () => {
  it("releases what fn allocated, also when fn throws", () => {
    scope(() => {
      const first = scope(() => allocMatrix(10, 10, "inner").ptr);
      expect(() =>
        scope(() => {
          allocMatrix(100, 100, "inner");
          throw new RangeError("inside");
        }),
      ).toThrow(RangeError);
      expect(allocMatrix(1, 1, "after").ptr).toBe(first);
    });
  });
});
