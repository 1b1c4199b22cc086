/**
 * Plain-TypeScript twin of the dtrsm kernel (assembly/linalg/dtrsm.ts): forward or backward substitution,
 * one right-hand side (column, or row for side "right") at a time, reading L's lower triangle only.
 */
import type { Matrix } from "../linalg/matrix.js";

export interface RefTriangularOptions {
  transpose?: boolean;
  side?: "left" | "right";
}

/**
 * X with op(L) X = B (side "left") or X op(L) = B (side "right"), op(L) = L or L^T, L lower triangular.
 * @param L n x n, non-zero diagonal; the strict upper triangle is ignored (not checked: this is the
 *   reference, not the public API)
 * @param B n x m (left) or m x n (right)
 * @example refTriangularSolve(fromRows([[2, 0], [1, 1]]), fromRows([[2], [3]])).data // Float64Array [1, 2]
 */
export function refTriangularSolve(L: Matrix, B: Matrix, opts: RefTriangularOptions = {}): Matrix {
  const { transpose = false, side = "left" } = opts;
  const n = L.rows;
  // Each right-hand side y solves T y = b: T = op(L) on the left; on the right, X op(L) = B is
  // op(L)^T X^T = B^T, so T = op(L)^T and y is a row of X. T is L (lower, forward substitution) or L^T.
  const lowerSystem = (side === "left") !== transpose;
  const t = (i: number, j: number): number => (lowerSystem ? L.data[i * n + j]! : L.data[j * n + i]!);
  const count = side === "left" ? B.cols : B.rows;
  const x = Float64Array.from(B.data);
  const at = side === "left" ? (i: number, r: number) => i * B.cols + r : (i: number, r: number) => r * B.cols + i;
  for (let r = 0; r < count; r++) {
    for (let step = 0; step < n; step++) {
      const i = lowerSystem ? step : n - 1 - step;
      let s = x[at(i, r)]!;
      if (lowerSystem) for (let j = 0; j < i; j++) s -= t(i, j) * x[at(j, r)]!;
      else for (let j = i + 1; j < n; j++) s -= t(i, j) * x[at(j, r)]!;
      x[at(i, r)] = s / t(i, i);
    }
  }
  return { rows: B.rows, cols: B.cols, data: x };
}
