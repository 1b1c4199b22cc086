// C = beta C on a row-major m x n block, or on its lower triangle (entries j <= i) only; beta = 0 stores
// zeros without reading C, so NaN or Infinity already in C does not propagate (as BLAS does).
// See: reference BLAS dgemm / dsyrk, the "beta" step.

/** C[i][j] = beta C[i][j] for i < m and j < n (j <= i as well when lower); c in bytes, ldc in elements. */
export function scaleBlock(m: i32, n: i32, beta: f64, c: usize, ldc: i32, lower: bool): void {
  if (beta == 1.0) return;
  const s = f64x2.splat(beta);
  for (let i = 0; i < m; i++) {
    const row = c + ((<usize>i * ldc) << 3);
    const w = lower ? min(n, i + 1) : n;
    let j = 0;
    if (beta == 0.0) {
      for (; j + 2 <= w; j += 2) v128.store(row + (<usize>j << 3), f64x2.splat(0.0));
      for (; j < w; j++) store<f64>(row + (<usize>j << 3), 0.0);
    } else {
      // (C[i][j], C[i][j+1]) *= beta
      for (; j + 2 <= w; j += 2) v128.store(row + (<usize>j << 3), f64x2.mul(v128.load(row + (<usize>j << 3)), s));
      for (; j < w; j++) store<f64>(row + (<usize>j << 3), load<f64>(row + (<usize>j << 3)) * beta);
    }
  }
}
