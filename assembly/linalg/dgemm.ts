// dgemm: C = alpha op(A) op(B) + beta C, row-major, op(A) m x k, op(B) k x n, op(X) = X or X^T.
// Algorithm: scale C by beta once (beta = 0 ignores what C held), then the packed, cache-blocked
// register-tiled update of gemmcore.ts. alpha = 0 or k = 0 reads neither A nor B.
// See: reference BLAS dgemm (semantics); Goto and van de Geijn (TOMS 2008) for the blocking.
import { gemmUpdate } from "./gemmcore";
import { scaleBlock } from "./scale";

/**
 * C = alpha op(A) op(B) + beta C. trans = 1 means transposed; pointers in bytes, leading dimensions in
 * elements (lda >= cols of the stored A). C must not overlap A or B.
 */
export function dgemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32,
  alpha: f64, a: usize, lda: i32, b: usize, ldb: i32,
  beta: f64, c: usize, ldc: i32,
): void {
  if (m <= 0 || n <= 0) return;
  scaleBlock(m, n, beta, c, ldc, false);
  if (alpha == 0.0 || k <= 0) return;
  gemmUpdate(transA, transB, m, n, k, alpha, a, lda, b, ldb, c, ldc, false);
}
