/**
 * The singular values of a Gaussian matrix, exactly in law and without forming it (SPEC 8a): for W d x p with iid
 * N(0, 1/d) entries, r = min(d, p), M = max(d, p), sqrt(d) W has the singular values of the r x r upper bidiagonal
 * B with diagonal chi_M, chi_{M-1}, ..., chi_{M-r+1} and superdiagonal chi_{r-1}, ..., chi_1, all independent
 * (Householder bidiagonalization of a Gaussian matrix; the beta = 1 Laguerre ensemble). Their squares are the
 * eigenvalues of the tridiagonal B^T B: O(r^2) time and O(r) memory instead of O(d p min(d, p)) and O(d p).
 * see: Silverstein (1985), "The smallest eigenvalue of a large dimensional Wishart matrix"; Dumitriu and Edelman
 * (2002), "Matrix models for beta ensembles".
 */
import { eigenvaluesOf } from "../linalg/tridiagonal.js";
import type { RandomStream } from "../rng/stream.js";
import { assertInteger } from "../validate.js";

/**
 * s_1^2 >= ... >= s_r^2, the squared singular values of a d x p matrix W with iid N(0, 1/d) entries (the r
 * eigenvalues of W W^T or W^T W, r = min(d, p)), drawn exactly in law from the Laguerre bidiagonal model.
 * Draw order: one stream.chi call with the 2r - 1 degrees of freedom M, M - 1, ..., M - r + 1 (the diagonal)
 * then r - 1, ..., 1 (the superdiagonal).
 * @param d rows of W (its entries have variance 1/d), positive integer
 * @param p columns of W, positive integer
 * @param stream random stream, advanced by the 2r - 1 chi draws
 * @returns r values, descending, >= 0
 * @throws {ArgumentError} d or p is not a positive integer.
 * @throws {NoConvergenceError} the tridiagonal eigensolver did not converge (not observed).
 * @example gaussianSingularValuesSquared(200, 400, new RandomStream(1, 400, 0)) // 200 values near (1 +- sqrt 2)^2 at the edges
 */
export function gaussianSingularValuesSquared(d: number, p: number, stream: RandomStream): Float64Array {
  assertInteger("d", d, 1);
  assertInteger("p", p, 1);
  const r = Math.min(d, p);
  const M = Math.max(d, p);
  const dof = new Float64Array(2 * r - 1);
  for (let i = 0; i < r; i++) dof[i] = M - i;
  for (let i = 1; i < r; i++) dof[r - 1 + i] = r - i;
  const chi = stream.chi(dof);
  // B^T B for B with diagonal a = chi[0..r) and superdiagonal b = chi[r..2r-1): (B^T B)_ii = a_i^2 + b_{i-1}^2,
  // (B^T B)_{i,i+1} = a_i b_i.
  const diagonal = new Float64Array(r);
  const offDiagonal = new Float64Array(r - 1);
  for (let i = 0; i < r; i++) {
    const a = chi[i]!;
    const bAbove = i > 0 ? chi[r + i - 1]! : 0;
    diagonal[i] = a * a + bAbove * bAbove;
    if (i < r - 1) offDiagonal[i] = a * chi[r + i]!;
  }
  const values = eigenvaluesOf(diagonal, offDiagonal);
  // Ascending from dsterf; B^T B is positive semi-definite, so a value below 0 is rounding: 0.
  return values.reverse().map((v) => Math.max(v, 0) / d);
}
