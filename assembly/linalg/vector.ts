// Level-1 helpers for the unblocked parts of dtrsm, dpotrf and tridiagBasis (dot is also exported as ddot):
// dot, axpy and scal on contiguous f64 vectors, two lanes at a time with a scalar tail.
// See: reference BLAS ddot, daxpy, dscal.

/** sum_i x[i] y[i] over n entries (two f64x2 partial sums, then the scalar tail). */
export function dot(n: i32, x: usize, y: usize): f64 {
  let s0 = f64x2.splat(0.0);
  let s1 = f64x2.splat(0.0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  if (i + 2 <= n) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    i += 2;
  }
  const s = f64x2.add(s0, s1);
  let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  if (i < n) r += load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
  return r;
}

/** y[i] += alpha x[i] for i < n. */
export function axpy(n: i32, alpha: f64, x: usize, y: usize): void {
  const s = f64x2.splat(alpha);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    // (y[i], y[i+1]) += alpha (x[i], x[i+1])
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(s, v128.load(x + o))));
  }
  if (i < n) store<f64>(y + (<usize>i << 3), load<f64>(y + (<usize>i << 3)) + alpha * load<f64>(x + (<usize>i << 3)));
}

/** x[i] *= alpha for i < n. */
export function scal(n: i32, alpha: f64, x: usize): void {
  const s = f64x2.splat(alpha);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    v128.store(x + o, f64x2.mul(s, v128.load(x + o)));
  }
  if (i < n) store<f64>(x + (<usize>i << 3), alpha * load<f64>(x + (<usize>i << 3)));
}
