/**
 * Why the Gaussian-equivalent theory can fail in the token world (SPEC 10d): the smallest eigenvalue of the
 * smaller Gram beside that of a Gaussian design with the same Sx, and the states that are never the most likely
 * one in a training set (their columns of alpha_T are nearly empty).
 */
import { gramUnchecked } from "../linalg/gram.js";
import { symmetricEigenUnchecked } from "../linalg/eigen.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import type { TokenPopulation } from "./population.js";

/**
 * lambda_min of the smaller Gram: X X^T (n x n) when p > n, else X^T X (p x p).
 * @param X n x p
 * @throws {NoConvergenceError} the eigensolver failed
 * @example smallestGramEigenvalue(X) // 3e-7 for a posterior-scaling X with p > n (SPEC 10d)
 */
export function smallestGramEigenvalue(X: Matrix): number {
  const { values } = symmetricEigenUnchecked(gramUnchecked(X, X.cols > X.rows ? "XXt" : "XtX"), "the Gram matrix");
  return values.length === 0 ? NaN : values[0]!;
}

/**
 * A Gaussian design with the population's Sx: X = Z1 F + sU Z2 (Z1 n x H, Z2 n x p standard normals, drawn in
 * that order), so that Cov(x) = F^T F + sU^2 I = Sx.
 * @param pop the size's population (F, sU)
 * @param n rows
 * @param stream the stream to draw from (advanced)
 * @example smallestGramEigenvalue(gaussianDesign(pop, 200, stream))
 */
export function gaussianDesign(pop: TokenPopulation, n: number, stream: RandomStream): Matrix {
  const X = matmulUnchecked(stream.normalMatrixUnchecked(n, pop.F.rows), pop.F);
  if (pop.sU > 0) {
    const z = stream.normalUnchecked(n * pop.p);
    for (let i = 0; i < z.length; i++) X.data[i]! += pop.sU * z[i]!;
  }
  return X;
}

/**
 * #{h : h is not argmax_j alpha_ij for any row i}: states never the most likely one (ties go to the first).
 * @param alpha n x H posteriors
 * @example statesNeverMostLikely(fromRows([[0.9, 0.1, 0], [0.8, 0.2, 0]])) // 2
 */
export function statesNeverMostLikely(alpha: Matrix): number {
  const { rows, cols: H } = alpha;
  const seen = new Uint8Array(H);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < H; j++) if (alpha.data[i * H + j]! > alpha.data[i * H + best]!) best = j;
    seen[best] = 1;
  }
  return H - seen.reduce((a, b) => a + b, 0);
}
