/** Squared Frobenius norms of matrices held in JavaScript (plain sums: the operands are small or already products). */
import type { Matrix } from "./matrix.js";

/**
 * ||A - B||_F^2 = sum_ij (A_ij - B_ij)^2 for A and B of one shape.
 * @param A a matrix
 * @param B a matrix of A's shape
 * @example frobeniusDistance2(identity(2), matrix(2, 2)) // 2
 */
export function frobeniusDistance2(A: Matrix, B: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) {
    const r = A.data[i]! - B.data[i]!;
    s += r * r;
  }
  return s;
}

/**
 * ||M||_F^2 = sum_ij M_ij^2.
 * @param M a matrix
 * @example frobenius2(identity(3)) // 3
 */
export function frobenius2(M: Matrix): number {
  let s = 0;
  for (let i = 0; i < M.data.length; i++) s += M.data[i]! * M.data[i]!;
  return s;
}
