// Householder reduction of a symmetric matrix to tridiagonal form, T = Q^T A Q.
//
// Algorithm (tred2 orientation, row-major lower triangle): for i = n-1 down to 2 the reflector
// H_i = I - u u^T / h, built from row i (columns 0..i-1, scaled by their 1-norm), annihilates A[i][0..i-2];
// the leading i x i block then takes the symmetric rank-2 update A -= u q^T + q u^T, with p = A u / h,
// K = u^T p / (2h) and q = p - K u. Every inner loop runs along a contiguous row with f64x2 SIMD. The rank-2
// update of step i and the product p' = A u' of step i-1 are fused in one pass, so that each row of the
// block is read and written once per step: row i-1 is updated first, u' is built from it, then the other
// rows are updated and multiplied by u' while they are in registers.
//
// Output (as tred2 leaves it): A[i][i] = T[i][i]; e[i] = T[i][i-1] for i >= 1, e[0] = 0; row i, columns
// 0..i-1, holds u_i and d[i] = h_i (0 where no reflector was needed: i < 2 or a zero row). The strict upper
// triangle is not read. tridiagBasis turns this into Q^T and d into the diagonal of T.
//
// see: EISPACK tred2 (Martin, Reinsch and Wilkinson 1968); LAPACK dsytd2.

/** Reduces A (n x n, row stride lda) in place; d and e hold n f64 each (see the header for the layout). */
export function dsytrd(n: i32, a: usize, lda: i32, d: usize, e: usize): void {
  if (n <= 0) return;
  const rs = <usize>lda << 3;
  store<f64>(d, 0);
  store<f64>(e, 0);
  if (n == 1) return;
  let i = n - 1;
  let u = a + <usize>i * rs;
  let h = reflector(u, i, e + (<usize>i << 3));
  store<f64>(d + (<usize>i << 3), h);
  // p = A[0:i, 0:i] u, kept unscaled in d[0:i) (those d are free until their own step).
  if (h != 0) {
    zero(d, i);
    multiplyRows(a, rs, i, u, d);
  }
  for (; i >= 2; i--) {
    const next = u - rs;
    if (h != 0) {
      formQ(i, u, h, d, e);
      updateRow(next, i - 1, u, e);
    }
    // The reflector of row i-1 overwrites e[i-1] (q[i-1] is no longer needed: row i-1 is done).
    const h1 = reflector(next, i - 1, e + (<usize>(i - 1) << 3));
    store<f64>(d + (<usize>(i - 1) << 3), h1);
    const rows = i - 1;
    if (h1 != 0) zero(d, rows);
    if (h != 0 && h1 != 0) updateAndMultiplyRows(a, rs, rows, u, e, next, d);
    else if (h != 0) updateRows(a, rs, rows, u, e);
    else if (h1 != 0) multiplyRows(a, rs, rows, next, d);
    h = h1;
    u = next;
  }
}

/** 2^-1022, the smallest normal f64. */
const SMALLEST_NORMAL: f64 = reinterpret<f64>(<u64>1 << 52);

/**
 * Builds the reflector of row i from its first len = i entries (tred2): the row is scaled by its 1-norm,
 * e_i = -sign(f) ||x|| with f = x[len-1], and x[len-1] becomes f - g. Returns h = u^T u / 2 of the stored
 * (scaled) u, or 0 when no reflector is needed (len == 1, or a row whose 1-norm is below 2^-1022), in which case e_i = x[len-1].
 */
function reflector(row: usize, len: i32, ei: usize): f64 {
  const last = row + (<usize>(len - 1) << 3);
  const f0 = load<f64>(last);
  if (len == 1) {
    store<f64>(ei, f0);
    return 0;
  }
  const scale = sumAbs(row, len);
  // A row below the smallest normal number (2^-1022) is taken as reduced: 1 / scale would overflow to
  // Infinity, and the entries dropped are under n 2^-1022, far below eps ||A|| (dsyev scales ||A|| >= 2^-484).
  if (scale < SMALLEST_NORMAL) {
    store<f64>(ei, f0);
    return 0;
  }
  const h0 = scaleAndSumSquares(row, len, 1 / scale);
  const f = load<f64>(last);
  const g = f >= 0 ? -Math.sqrt(h0) : Math.sqrt(h0);
  store<f64>(ei, scale * g);
  store<f64>(last, f - g);
  return h0 - f * g;
}

/** p <- p / h, K = u^T p / (2h), q = p - K u into e[0:i) (p in d[0:i), u the reflector of row i). */
function formQ(i: i32, u: usize, h: f64, d: usize, e: usize): void {
  const invh = 1 / h;
  let f = 0.0;
  for (let k = 0; k < i; k++) {
    const off = <usize>k << 3;
    const pk = load<f64>(d + off) * invh;
    store<f64>(d + off, pk);
    f += pk * load<f64>(u + off);
  }
  const hh = f / (h + h);
  for (let k = 0; k < i; k++) {
    const off = <usize>k << 3;
    store<f64>(e + off, load<f64>(d + off) - hh * load<f64>(u + off));
  }
}

/** Row r of the rank-2 update, columns 0..r: row[k] -= u[r] q[k] + q[r] u[k]. */
function updateRow(row: usize, r: i32, u: usize, q: usize): void {
  const ur = load<f64>(u + (<usize>r << 3));
  const qr = load<f64>(q + (<usize>r << 3));
  const vur = f64x2.splat(ur);
  const vqr = f64x2.splat(qr);
  const len = r + 1;
  let k = 0;
  for (; k + 2 <= len; k += 2) {
    const off = <usize>k << 3;
    const x = v128.load(row + off);
    const t = f64x2.add(f64x2.mul(vur, v128.load(q + off)), f64x2.mul(vqr, v128.load(u + off)));
    v128.store(row + off, f64x2.sub(x, t));
  }
  for (; k < len; k++) {
    const off = <usize>k << 3;
    store<f64>(row + off, load<f64>(row + off) - (ur * load<f64>(q + off) + qr * load<f64>(u + off)));
  }
}

/** The rank-2 update A -= u q^T + q u^T on the lower triangle of the leading rows x rows block. */
function updateRows(a: usize, rs: usize, rows: i32, u: usize, q: usize): void {
  for (let r = 0; r < rows; r++) updateRow(a + <usize>r * rs, r, u, q);
}

/** p += A v over the leading rows x rows block, read from its lower triangle (one pass per row). */
function multiplyRows(a: usize, rs: usize, rows: i32, v: usize, p: usize): void {
  for (let r = 0; r < rows; r++) {
    const row = a + <usize>r * rs;
    const vr = load<f64>(v + (<usize>r << 3));
    const vvr = f64x2.splat(vr);
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    let k = 0;
    for (; k + 4 <= r; k += 4) {
      const off = <usize>k << 3;
      const x0 = v128.load(row + off);
      const x1 = v128.load(row + off, 16);
      // p[r] += row[k] v[k] (dot); p[k] += row[k] v[r] (the mirrored upper entry)
      acc0 = f64x2.add(acc0, f64x2.mul(x0, v128.load(v + off)));
      acc1 = f64x2.add(acc1, f64x2.mul(x1, v128.load(v + off, 16)));
      v128.store(p + off, f64x2.add(v128.load(p + off), f64x2.mul(x0, vvr)));
      v128.store(p + off, f64x2.add(v128.load(p + off, 16), f64x2.mul(x1, vvr)), 16);
    }
    acc0 = f64x2.add(acc0, acc1);
    let s = f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1);
    for (; k < r; k++) {
      const off = <usize>k << 3;
      const x = load<f64>(row + off);
      s += x * load<f64>(v + off);
      store<f64>(p + off, load<f64>(p + off) + x * vr);
    }
    const pr = p + (<usize>r << 3);
    store<f64>(pr, load<f64>(pr) + s + load<f64>(row + (<usize>r << 3)) * vr);
  }
}

/** updateRows (u, q) and then multiplyRows (v, p) on each row while it is in registers. */
function updateAndMultiplyRows(a: usize, rs: usize, rows: i32, u: usize, q: usize, v: usize, p: usize): void {
  for (let r = 0; r < rows; r++) {
    const row = a + <usize>r * rs;
    const roff = <usize>r << 3;
    const ur = load<f64>(u + roff);
    const qr = load<f64>(q + roff);
    const vr = load<f64>(v + roff);
    const vur = f64x2.splat(ur);
    const vqr = f64x2.splat(qr);
    const vvr = f64x2.splat(vr);
    let acc0 = f64x2.splat(0);
    let acc1 = f64x2.splat(0);
    let k = 0;
    for (; k + 4 <= r; k += 4) {
      const off = <usize>k << 3;
      // x = row[k] - (u[r] q[k] + q[r] u[k]), two pairs
      const x0 = f64x2.sub(
        v128.load(row + off),
        f64x2.add(f64x2.mul(vur, v128.load(q + off)), f64x2.mul(vqr, v128.load(u + off))),
      );
      const x1 = f64x2.sub(
        v128.load(row + off, 16),
        f64x2.add(f64x2.mul(vur, v128.load(q + off, 16)), f64x2.mul(vqr, v128.load(u + off, 16))),
      );
      v128.store(row + off, x0);
      v128.store(row + off, x1, 16);
      acc0 = f64x2.add(acc0, f64x2.mul(x0, v128.load(v + off)));
      acc1 = f64x2.add(acc1, f64x2.mul(x1, v128.load(v + off, 16)));
      v128.store(p + off, f64x2.add(v128.load(p + off), f64x2.mul(x0, vvr)));
      v128.store(p + off, f64x2.add(v128.load(p + off, 16), f64x2.mul(x1, vvr)), 16);
    }
    acc0 = f64x2.add(acc0, acc1);
    let s = f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1);
    for (; k < r; k++) {
      const off = <usize>k << 3;
      const x = load<f64>(row + off) - (ur * load<f64>(q + off) + qr * load<f64>(u + off));
      store<f64>(row + off, x);
      s += x * load<f64>(v + off);
      store<f64>(p + off, load<f64>(p + off) + x * vr);
    }
    const diag = load<f64>(row + roff) - (ur * qr + qr * ur);
    store<f64>(row + roff, diag);
    store<f64>(p + roff, load<f64>(p + roff) + s + diag * vr);
  }
}

/** sum_k |x[k]|, k < len. */
function sumAbs(x: usize, len: i32): f64 {
  let acc = f64x2.splat(0);
  let k = 0;
  for (; k + 2 <= len; k += 2) acc = f64x2.add(acc, f64x2.abs(v128.load(x + (<usize>k << 3))));
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; k < len; k++) s += Math.abs(load<f64>(x + (<usize>k << 3)));
  return s;
}

/** x <- x * c for k < len, returning sum_k x[k]^2 of the scaled entries. */
function scaleAndSumSquares(x: usize, len: i32, c: f64): f64 {
  const vc = f64x2.splat(c);
  let acc = f64x2.splat(0);
  let k = 0;
  for (; k + 2 <= len; k += 2) {
    const off = <usize>k << 3;
    const y = f64x2.mul(v128.load(x + off), vc);
    v128.store(x + off, y);
    acc = f64x2.add(acc, f64x2.mul(y, y));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; k < len; k++) {
    const off = <usize>k << 3;
    const y = load<f64>(x + off) * c;
    store<f64>(x + off, y);
    s += y * y;
  }
  return s;
}

/** x[0:len) = 0. */
function zero(x: usize, len: i32): void {
  memory.fill(x, 0, <usize>len << 3);
}
