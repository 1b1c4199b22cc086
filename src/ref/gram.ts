/**
 * Plain-TypeScript twin of the dsyrk kernel as the Gram matrix uses it (assembly/linalg/dsyrk.ts): one dot
 * product per entry of the lower triangle, mirrored into the upper one, so the result is exactly symmetric.
 */
import type { Matrix } from "../linalg/matrix.js";

/**
 * G = X^T X (form "XtX", p x p) or G = X X^T (form "XXt", n x n), exactly symmetric.
 * @param X n x p, row-major (not checked: this is the reference, not the public API)
 * @example refGram(fromRows([[1, 2], [3, 4]])).data // Float64Array [10, 14, 14, 20]
 */
export function refGram(X: Matrix, form: "XtX" | "XXt" = "XtX"): Matrix {
  const { rows: n, cols: p } = X;
  const x = X.data;
  const size = form === "XtX" ? p : n;
  const inner = form === "XtX" ? n : p;
  // XtX: G[i][j] = sum_r X[r][i] X[r][j]; XXt: G[i][j] = sum_c X[i][c] X[j][c].
  const at = form === "XtX" ? (i: number, r: number) => x[r * p + i]! : (i: number, c: number) => x[i * p + c]!;
  const g = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = 0; r < inner; r++) s += at(i, r) * at(j, r);
      g[i * size + j] = s;
      g[j * size + i] = s;
    }
  }
  return { rows: size, cols: size, data: g };
}
