// The triangular factor of a block of Householder reflectors in compact WY form, shared by tridiagBasis
// (forming Q^T) and dormtr (applying Q): H_i0 ... H_{i0+kb-1} = I - U T U^T, U = [u_i0 ... u_{i0+kb-1}],
// with the reflectors as dsytrd leaves them, u_i in row i of A over columns 0 .. i-1 (so U^T is kb
// consecutive rows of A) and H_i = I - tau_i u_i u_i^T.
//
// see: LAPACK dlarft (DIRECT = 'F', STOREV = 'C'); Schreiber and Van Loan, "A storage-efficient WY
// representation for products of Householder transformations" (SISC 1989).
import { dot } from "./vector";

/**
 * The upper triangular T of H_i0 ... H_{i0+kb-1} = I - U T U^T (dlarft, forward, columnwise):
 * T[s][s] = tau_s (already in place), T[0:s, s] = -tau_s T[0:s, 0:s] (U[:, 0:s]^T u_s).
 */
export function formT(ut: usize, rs: usize, i0: i32, kb: i32, t: usize): void {
  const tb = <usize>kb << 3;
  for (let s = 1; s < kb; s++) {
    const us = ut + <usize>s * rs;
    const tau = load<f64>(t + <usize>s * tb + (<usize>s << 3));
    // Column s of T holds x = U[:, 0:s]^T u_s first (u_r is zero past i0 + r).
    for (let r = 0; r < s; r++) {
      const x = tau != 0 ? dot(i0 + r, ut + <usize>r * rs, us) : 0.0;
      store<f64>(t + <usize>r * tb + (<usize>s << 3), x);
    }
    // T[r][s] = -tau sum_{q = r}^{s-1} T[r][q] x[q], in increasing r (x[q] for q > r is still unread).
    for (let r = 0; r < s; r++) {
      let acc = 0.0;
      for (let q = r; q < s; q++) acc += load<f64>(t + <usize>r * tb + (<usize>q << 3)) * load<f64>(t + <usize>q * tb + (<usize>s << 3));
      store<f64>(t + <usize>r * tb + (<usize>s << 3), -tau * acc);
    }
  }
}
