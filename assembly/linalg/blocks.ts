// Row-major blocks with their own leading dimensions: a copy (LAPACK dlacpy, all of A) and the squared
// Frobenius distance of two blocks, what a test risk sums: both two lanes at a time with a scalar tail.
// See: LAPACK dlacpy; reference BLAS ddot for the pairwise accumulation.

/** B[i][j] = A[i][j] for i < m, j < n; pointers in bytes, leading dimensions in elements. */
export function dlacpy(m: i32, n: i32, a: usize, lda: i32, b: usize, ldb: i32): void {
  for (let i = 0; i < m; i++) memory.copy(b + ((<usize>i * ldb) << 3), a + ((<usize>i * lda) << 3), <usize>n << 3);
}

/** sum over i < m, j < n of (A[i][j] - B[i][j])^2. */
export function dsqdiff(m: i32, n: i32, a: usize, lda: i32, b: usize, ldb: i32): f64 {
  let s = f64x2.splat(0.0);
  let tail = 0.0;
  for (let i = 0; i < m; i++) {
    const ar = a + ((<usize>i * lda) << 3);
    const br = b + ((<usize>i * ldb) << 3);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      // (d0, d1) = A[i][j..j+1] - B[i][j..j+1]; s += (d0^2, d1^2)
      const d = f64x2.sub(v128.load(ar + o), v128.load(br + o));
      s = f64x2.add(s, f64x2.mul(d, d));
    }
    if (j < n) {
      const d = load<f64>(ar + (<usize>j << 3)) - load<f64>(br + (<usize>j << 3));
      tail += d * d;
    }
  }
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1) + tail;
}
