/**
 * Symmetric eigendecomposition, friendly tier: validates, copies S into WebAssembly memory, runs the dsyev
 * kernel (Householder tridiagonalization, then implicit QL for n <= 64 or divide and conquer above,
 * assembly/linalg/dsyev.ts) and copies the result out.
 */
import { NoConvergenceError } from "../errors.js";
import { assertMatrix, assertSquare } from "../validate.js";
import { getCore } from "../wasm/core.js";
import { matrix, type Matrix } from "./matrix.js";

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** n x n orthogonal; column j is the unit eigenvector of values[j] (its sign is arbitrary). */
  vectors: Matrix;
}

/**
 * f64 of WebAssembly memory symmetricEigen holds at once for an n x n S: the copy of S (n^2), the values (n)
 * and the kernel's workspace (n up to n = 64; 3 n^2 + 12 n above, for divide and conquer).
 * @param n order, a non-negative integer
 * @example symmetricEigenMemory(1000) // 4013000
 */
export function symmetricEigenMemory(n: number): number {
  return n * n + n + getCore().exports.dsyevWorkSize(n);
}

/**
 * S = V diag(values) V^T with values ascending, for a symmetric S.
 * Only the lower triangle of S is read (as LAPACK dsyev and numpy.linalg.eigh do): the strict upper triangle
 * is ignored, not checked against the lower one, so a slightly asymmetric S (rounding in how it was built)
 * is treated as the symmetric matrix its lower triangle defines. Accuracy: ||S V - V diag(values)|| and
 * ||V^T V - I|| are a modest multiple of n eps ||S|| and n eps. Cost: about 9 n^3 flops up to n = 64 (QL);
 * above, 4 n^3 / 3 (reduction) + at most 4 n^3 / 3 (merges, less with deflation) + 2 n^3 (back-transform),
 * the last two in dgemm. WebAssembly memory: symmetricEigenMemory(n) f64.
 * @param S n x n (n >= 0), finite entries everywhere
 * @param name the name of S in error messages
 * @returns fresh values (n) and vectors (n x n)
 * @throws {ArgumentError} if S is not a Matrix
 * @throws {ShapeError} if S is not square or S.data.length is not rows * cols
 * @throws {NonFiniteError} if an entry of S is NaN or infinite
 * @throws {NoConvergenceError} if the QL iteration for an eigenvalue does not converge in 30 sweeps, or a
 *   secular equation of divide and conquer in 100 steps
 * @throws {TooLargeError} if S does not fit in WebAssembly memory
 * @example symmetricEigen(fromRows([[2, 1], [1, 2]])).values // Float64Array [1, 3]
 */
export function symmetricEigen(S: Matrix, name = "S"): SymmetricEigen {
  assertMatrix(name, S);
  assertSquare(name, S);
  return symmetricEigenUnchecked(S, name);
}

/**
 * The eigendecomposition of a checked or computed symmetric S (symmetricEigen without its validation).
 * @param S n x n, symmetric, finite
 * @param name the name of S in error messages
 * @throws {NoConvergenceError} as symmetricEigen
 * @throws {TooLargeError} if S does not fit in WebAssembly memory
 * @example symmetricEigenUnchecked(population.Sx, "Sx").values
 */
export function symmetricEigenUnchecked(S: Matrix, name = "S"): SymmetricEigen {
  const n = S.rows;
  if (n === 0) return { values: new Float64Array(0), vectors: matrix(0, 0) };
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const a = arena.allocFrom(S.data, name);
    const w = arena.alloc(n, "eigenvalues");
    const work = arena.alloc(exports.dsyevWorkSize(n), "eigen workspace");
    const status = exports.dsyev(n, a, n, w, work);
    if (status !== 0) {
      throw new NoConvergenceError(
        `The symmetric eigensolver did not converge for ${name} (${n} x ${n}) at eigenvalue ${status - 1} ` +
          `(QL past 30 sweeps, or a secular equation past 100 steps).`,
        { name, n, index: status - 1 },
      );
    }
    return { values: arena.read(w, n), vectors: matrix(n, n, arena.read(a, n * n)) };
  });
}
