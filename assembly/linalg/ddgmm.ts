// ddgmm: C = A diag(x) + beta C, A and C row-major m x n with their own leading dimensions: the column
// scaling that turns standard normals into a diagonal model's features (X = G diag(sqrt l)) and adds a
// diagonal head's signal to the targets (Y += X diag(b)). C may be A itself (in-place scaling, beta = 0).
// beta = 0 stores without reading C, so NaN or Infinity already in C does not propagate (as BLAS does).
// See: cuBLAS dgmm (side = right); the reference BLAS conventions for beta.

/** C[i][j] = A[i][j] x[j] + beta C[i][j] for i < m, j < n; pointers in bytes, leading dimensions in elements. */
export function ddgmm(m: i32, n: i32, a: usize, lda: i32, x: usize, beta: f64, c: usize, ldc: i32): void {
  const b = f64x2.splat(beta);
  for (let i = 0; i < m; i++) {
    const ar = a + ((<usize>i * lda) << 3);
    const cr = c + ((<usize>i * ldc) << 3);
    let j = 0;
    if (beta == 0.0) {
      // (C[i][j], C[i][j+1]) = (A[i][j] x[j], A[i][j+1] x[j+1])
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        v128.store(cr + o, f64x2.mul(v128.load(ar + o), v128.load(x + o)));
      }
      if (j < n) store<f64>(cr + (<usize>j << 3), load<f64>(ar + (<usize>j << 3)) * load<f64>(x + (<usize>j << 3)));
    } else {
      // (C[i][j], C[i][j+1]) = (A[i][j] x[j] + beta C[i][j], ...)
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        v128.store(cr + o, f64x2.add(f64x2.mul(v128.load(ar + o), v128.load(x + o)), f64x2.mul(b, v128.load(cr + o))));
      }
      if (j < n) {
        const o = <usize>j << 3;
        store<f64>(cr + o, load<f64>(ar + o) * load<f64>(x + o) + beta * load<f64>(cr + o));
      }
    }
  }
}
