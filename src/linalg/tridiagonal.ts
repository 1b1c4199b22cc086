/** Eigenvalues of a symmetric tridiagonal matrix on the WebAssembly dsterf kernel (friendly tier). */
import { ArgumentError, NoConvergenceError, ShapeError } from "../errors.js";
import { assertFiniteArray } from "../validate.js";
import { getCore } from "../wasm/core.js";

/**
 * T = tridiag(e, d, e): its n eigenvalues, ascending, by LAPACK dsterf's root-free QL/QR (no eigenvectors; O(n^2)
 * time, O(n) memory).
 * @param diagonal the n diagonal entries d_i (Float64Array, finite; not modified)
 * @param offDiagonal the n - 1 entries e_i = T_{i,i+1} = T_{i+1,i} (Float64Array, finite; not modified)
 * @returns a fresh Float64Array of the n eigenvalues, ascending
 * @throws {ArgumentError} when an argument is not a Float64Array
 * @throws {NonFiniteError} when an entry is NaN or infinite
 * @throws {ShapeError} when offDiagonal does not have n - 1 entries (none when n = 0)
 * @throws {NoConvergenceError} when the iteration did not converge in 30 n steps (not observed)
 * @throws {TooLargeError} when the matrix does not fit in WebAssembly memory
 * @example tridiagonalEigenvalues(new Float64Array([2, 2]), new Float64Array([1])) // [1, 3]
 */
export function tridiagonalEigenvalues(diagonal: Float64Array, offDiagonal: Float64Array): Float64Array {
  for (const [name, a] of [["diagonal", diagonal], ["offDiagonal", offDiagonal]] as const) {
    if (!(a instanceof Float64Array)) throw new ArgumentError(`${name} must be a Float64Array. Value: ${String(a)}.`, { name });
    assertFiniteArray(name, a);
  }
  const n = diagonal.length;
  if (offDiagonal.length !== Math.max(n - 1, 0)) {
    throw new ShapeError(`offDiagonal must have n - 1 = ${Math.max(n - 1, 0)} entries. Value: length ${offDiagonal.length}.`, {
      name: "offDiagonal",
      length: offDiagonal.length,
    });
  }
  return eigenvaluesOf(diagonal, offDiagonal);
}

/**
 * tridiagonalEigenvalues without checking its arguments: for callers that built them (the Laguerre draw).
 * @throws {NoConvergenceError} when the iteration did not converge in 30 n steps.
 */
export function eigenvaluesOf(diagonal: Float64Array, offDiagonal: Float64Array): Float64Array {
  const n = diagonal.length;
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const d = arena.allocFrom(diagonal, "tridiagonal diagonal");
    const e = arena.allocFrom(offDiagonal, "tridiagonal off-diagonal");
    const status = exports.dsterf(n, d, e);
    if (status !== 0) {
      throw new NoConvergenceError(`The tridiagonal eigensolver (dsterf) left ${status} off-diagonal entries after 30 n = ${30 * n} iterations.`, {
        n,
        unconverged: status,
      });
    }
    return arena.read(d, n);
  });
}
