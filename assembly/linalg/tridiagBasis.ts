// Forms Z = Q^T in place from the reflectors dsytrd left in A, so that T = Q^T A Q (row j of Z is column j
// of Q: every later rotation and the final sort then work on contiguous rows).
//
// Algorithm: Z = H_2 H_3 ... H_{n-1}, H_i = I - tau_i u_i u_i^T with tau_i = 1/h_i (0 where no reflector),
// accumulated from the innermost reflector outwards in blocks of k (blocked tred2 accumulation). Before the
// block of i0 .. i0+k-1 the leading i0 x i0 part of A holds Z_old, the product of the earlier reflectors, and
// rows i0 .. i0+k-1 hold the block's reflectors (the rows of U^T). With the compact WY form
// H_i0 ... H_{i0+k-1} = I - U T U^T (T upper triangular, k x k), the old rows become
// Z_old - ((Z_old U) T) U^T through two matrix products (dgemm), and row i0+t, which was e_{i0+t}, becomes
// e_{i0+t} - (U[i0+t, :] T) U^T, built in increasing t so that the reflectors it needs (those after t) are
// still in place. Scratch: Z_old U (i0 x k) and T in the static scratch, so k shrinks for very large n.
//
// see: EISPACK tred2 (accumulation part); LAPACK dorgtr / dorgql / dlarft (compact WY: Schreiber and Van
// Loan, "A storage-efficient WY representation for products of Householder transformations", 1989).
import { formT } from "./compactWY";
import { dgemm } from "./dgemm";
import { SCRATCH_BYTES, scratch } from "./tridiagScratch";
import { axpy } from "./vector";

/** Reflectors per block (fewer when n x NB f64 would not fit in the scratch). */
const NB = 16;

/** Overwrites A with Q^T and d[i] (h_i on entry, 0 for no reflector) with T[i][i]. */
export function tridiagBasis(n: i32, a: usize, lda: i32, d: usize): void {
  const fit = <i32>(SCRATCH_BYTES / ((<usize>n + NB + 2) << 3));
  const k = max(1, min(NB, fit));
  for (let i0 = 0; i0 < n; i0 += k) block(a, lda, i0, min(k, n - i0), d);
}

/** Applies H_i0 ... H_{i0+kb-1} to the rows above i0 and forms rows i0 .. i0+kb-1. */
function block(a: usize, lda: i32, i0: i32, kb: i32, d: usize): void {
  const rs = <usize>lda << 3;
  const ut = a + <usize>i0 * rs;
  const m = i0 + kb;
  const t = scratch;
  const w = scratch + ((<usize>(kb * kb) << 3) + 15 & ~(<usize>15));
  const tb = <usize>kb << 3;
  // tau into T's diagonal, T[i][i] into d, and zeros past each reflector in its row and in the old rows.
  for (let r = 0; r < kb; r++) {
    const row = ut + <usize>r * rs;
    const i = i0 + r;
    const h = load<f64>(d + (<usize>i << 3));
    store<f64>(t + <usize>r * tb + (<usize>r << 3), h != 0 ? 1 / h : 0.0);
    store<f64>(d + (<usize>i << 3), load<f64>(row + (<usize>i << 3)));
    memory.fill(row + (<usize>i << 3), 0, <usize>(m - i) << 3);
  }
  for (let j = 0; j < i0; j++) memory.fill(a + <usize>j * rs + (<usize>i0 << 3), 0, <usize>kb << 3);
  formT(ut, rs, i0, kb, t);
  // W = Z_old U (Z_old lives in columns 0 .. i0-1), then W <- W T, then Z -= W U^T over columns 0 .. m-1.
  dgemm(0, 1, i0, kb, i0, 1.0, a, lda, ut, lda, 0.0, w, kb);
  for (let j = 0; j < i0; j++) timesT(w + <usize>j * tb, t, kb);
  dgemm(0, 0, i0, m, kb, -1.0, w, kb, ut, lda, 1.0, a, lda);
  // Row i0+r = e_{i0+r} - c U^T with c = U[i0+r, :] T; U[i0+r, s] = u_s[i0+r] is 0 unless s > r.
  const c = w;
  for (let r = 0; r < kb; r++) {
    const i = i0 + r;
    const row = ut + <usize>r * rs;
    for (let s = 0; s < kb; s++) store<f64>(c + (<usize>s << 3), s > r ? load<f64>(ut + <usize>s * rs + (<usize>i << 3)) : 0.0);
    timesT(c, t, kb);
    memory.fill(row, 0, <usize>m << 3);
    store<f64>(row + (<usize>i << 3), 1);
    for (let s = r + 1; s < kb; s++) axpy(i0 + s, -load<f64>(c + (<usize>s << 3)), ut + <usize>s * rs, row);
  }
}

/** v <- v T for a row v of kb entries and T upper triangular (kb x kb), in place from the last entry. */
function timesT(v: usize, t: usize, kb: i32): void {
  const tb = <usize>kb << 3;
  for (let s = kb - 1; s >= 0; s--) {
    let acc = 0.0;
    for (let r = 0; r <= s; r++) acc += load<f64>(v + (<usize>r << 3)) * load<f64>(t + <usize>r * tb + (<usize>s << 3));
    store<f64>(v + (<usize>s << 3), acc);
  }
}
