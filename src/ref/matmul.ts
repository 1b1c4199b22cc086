/**
 * Plain-TypeScript twin of the dgemm kernel (assembly/linalg/dgemm.ts): the textbook triple loop, one dot
 * product per entry, written to be read, not to be fast.
 */
import type { Matrix } from "../linalg/matrix.js";

export interface RefMatmulOptions {
  transA?: boolean;
  transB?: boolean;
  alpha?: number;
}

/**
 * C = alpha op(A) op(B), op(X) = X or X^T.
 * @param A row-major; op(A) is m x k (not checked: this is the reference, not the public API)
 * @param B row-major; op(B) is k x n
 * @returns C, m x n
 * @example refMatmul(fromRows([[1, 2]]), fromRows([[3], [4]])).data // Float64Array [11]
 */
export function refMatmul(A: Matrix, B: Matrix, opts: RefMatmulOptions = {}): Matrix {
  const { transA = false, transB = false, alpha = 1 } = opts;
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const n = transB ? B.rows : B.cols;
  const a = (i: number, p: number): number => (transA ? A.data[p * A.cols + i]! : A.data[i * A.cols + p]!);
  const b = (p: number, j: number): number => (transB ? B.data[j * B.cols + p]! : B.data[p * B.cols + j]!);
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a(i, p) * b(p, j);
      data[i * n + j] = alpha * s;
    }
  }
  return { rows: m, cols: n, data };
}
