// W <- Q W for the orthogonal Q of the reduction T = Q^T A Q that dsytrd left in A, without forming Q.
//
// Algorithm: Q = H_{n-1} ... H_2 (Q^T = H_2 ... H_{n-1}, as tridiagBasis forms it), so the reflectors act on
// W in increasing order, NB at a time: with H_i0 ... H_{i0+kb-1} = I - U T U^T (compactWY.formT), the block
// applies its transpose, W[0:m, :] <- W[0:m, :] - U (T^T (U^T W[0:m, :])), m = i0 + kb - 1 the longest
// reflector, as three dgemm calls on X = U^T W[0:m, :] (kb x n): X, then T^T X, then W[0:m, :] -= U (T^T X).
// A must hold exactly the reflectors, u_i in row i over columns 0 .. i-1 and zeros from column i on.
// About 2 n^3 flops, all in dgemm; scratch: X and T^T X (2 n NB f64) and T (NB^2 f64) from the caller.
//
// see: LAPACK dormtr / dormql / dlarfb (SIDE = 'L', TRANS = 'N'); Schreiber and Van Loan (SISC 1989).
import { formT } from "./compactWY";
import { dgemm } from "./dgemm";

/** Reflectors per block. */
export const NB = 32;

/**
 * W <- Q W (W n x n, row stride n) with A (row stride lda) holding the reflectors (see the header), tau[i]
 * their factors (0 for none); scratch holds 2 n NB + NB^2 f64.
 */
export function dormtr(n: i32, a: usize, lda: i32, tau: usize, w: usize, scratch: usize): void {
  const rs = <usize>lda << 3;
  const y = scratch;
  const yt = scratch + ((<usize>n * NB) << 3);
  const t = yt + ((<usize>n * NB) << 3);
  for (let i0 = 0; i0 < n; i0 += NB) {
    const kb = min(NB, n - i0);
    const m = i0 + kb - 1;
    if (m <= 0) continue;
    const ut = a + <usize>i0 * rs;
    const tb = <usize>kb << 3;
    memory.fill(t, 0, <usize>(kb * kb) << 3);
    for (let r = 0; r < kb; r++) store<f64>(t + <usize>r * tb + (<usize>r << 3), load<f64>(tau + (<usize>(i0 + r) << 3)));
    formT(ut, rs, i0, kb, t);
    dgemm(0, 0, kb, n, m, 1.0, ut, lda, w, n, 0.0, y, n);
    dgemm(1, 0, kb, n, kb, 1.0, t, kb, y, n, 0.0, yt, n);
    dgemm(1, 0, m, n, kb, -1.0, ut, lda, yt, n, 1.0, w, n);
  }
}
