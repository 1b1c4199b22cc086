/** The spectral input of the min-norm theory: eigenvalues l_i of Sx and weights w_i = ||v_i^T B*||^2. */
import { ArgumentError, ShapeError } from "../errors.js";
import { maxAbs } from "../range.js";
import { assertFiniteArray, assertInteger, assertNonNegativeArray, assertNonNegativeNumber } from "../validate.js";

/**
 * Checks the arguments of minNormTheory and minNormExpected: l_i >= 0, w_i >= 0 (finite Float64Arrays of
 * one length p), noise = tr(Se) >= 0 finite, n a positive integer.
 * @param eigenvalues the p eigenvalues l_i of Sx, any order
 * @param weights the p weights w_i = ||v_i^T B*||^2 in the same order
 * @param noise tr(Se)
 * @param n number of training samples
 * @throws {ArgumentError} an argument is not a Float64Array, is negative, or n is not a positive integer
 * @throws {NonFiniteError} an entry is NaN or infinite
 * @throws {ShapeError} weights and eigenvalues differ in length
 * @example assertSpectrum(new Float64Array([1, 2]), new Float64Array([0.5, 0]), 1, 10)
 */
export function assertSpectrum(eigenvalues: Float64Array, weights: Float64Array, noise: number, n: number): void {
  assertNonNegativeArray("eigenvalues", eigenvalues);
  assertNonNegativeArray("weights", weights);
  if (weights.length !== eigenvalues.length) {
    throw new ShapeError(
      `weights must have one entry per eigenvalue (${eigenvalues.length}). Value: length ${weights.length}.`,
      { name: "weights", expected: eigenvalues.length, length: weights.length },
    );
  }
  assertNonNegativeNumber("noise", noise);
  assertInteger("n", n, 1);
}

/**
 * r = #{i : l_i > 0}, the rank of Sx. Features along a zero eigenvalue are identically 0, so the min-norm
 * head lives in the r-dimensional range of Sx and the effective size is r, not p.
 * @param eigenvalues the p eigenvalues of Sx (validated, >= 0)
 * @example positiveCount(new Float64Array([0, 1, 2])) // 2
 */
export function positiveCount(eigenvalues: Float64Array): number {
  let r = 0;
  for (let i = 0; i < eigenvalues.length; i++) if (eigenvalues[i]! > 0) r++;
  return r;
}

/**
 * signal = tr(B*^T Sx B*) = sum_i w_i l_i, the variance of the signal x B* (total over the outputs).
 * @param eigenvalues the p eigenvalues l_i of Sx
 * @param weights the p weights w_i
 * @example signalOf(new Float64Array([2, 3]), new Float64Array([1, 1])) // 5
 */
export function signalOf(eigenvalues: Float64Array, weights: Float64Array): number {
  let s = 0;
  for (let i = 0; i < eigenvalues.length; i++) s += weights[i]! * eigenvalues[i]!;
  return s;
}

/**
 * l_i with round-off zeros made exact: |l_i| <= rtol max_j |l_j| -> 0 (default rtol = p eps, numpy's matrix_rank
 * cut-off). A singular Sx computed in floating point has eigenvalues of +-O(p eps l_max) where it is 0; the
 * theory treats only exact zeros as zeros (rank reduction), and rejects negative eigenvalues.
 * @param eigenvalues the p computed eigenvalues of Sx (Float64Array; not modified)
 * @param rtol relative cut-off >= 0
 * @returns a new Float64Array of length p
 * @throws {ArgumentError} eigenvalues is not a Float64Array, rtol is negative, or an eigenvalue is below the
 *   cut-off's negative (Sx is not positive semidefinite)
 * @throws {NonFiniteError} an eigenvalue is NaN or infinite
 * @example snapZeroEigenvalues(new Float64Array([-1e-17, 2, 3e-17])) // [0, 2, 0]
 */
export function snapZeroEigenvalues(
  eigenvalues: Float64Array,
  rtol: number = eigenvalues.length * Number.EPSILON,
): Float64Array {
  if (!(eigenvalues instanceof Float64Array)) {
    throw new ArgumentError(`eigenvalues must be a Float64Array. Value: ${String(eigenvalues)}.`, { name: "eigenvalues" });
  }
  assertFiniteArray("eigenvalues", eigenvalues);
  assertNonNegativeNumber("rtol", rtol);
  return snapZeroEigenvaluesUnchecked(eigenvalues, rtol);
}

/**
 * snapZeroEigenvalues of computed eigenvalues (an eigensolver's, finite) at the default or a checked cut-off:
 * the same snap, and the same error for an eigenvalue below the cut-off's negative, without the argument checks.
 * @param eigenvalues the p eigenvalues of Sx, finite
 * @param rtol relative cut-off >= 0
 * @throws {ArgumentError} an eigenvalue is below the cut-off's negative (Sx is not positive semidefinite)
 */
export function snapZeroEigenvaluesUnchecked(
  eigenvalues: Float64Array,
  rtol: number = eigenvalues.length * Number.EPSILON,
): Float64Array {
  const tol = rtol * maxAbs(eigenvalues);
  return eigenvalues.map((l, i) => {
    if (l < -tol) {
      throw new ArgumentError(
        `eigenvalues must be >= 0 up to round-off (${-tol}). Value at index ${i}: ${l}.`,
        { name: "eigenvalues", index: i, value: l, tol },
      );
    }
    return Math.abs(l) <= tol ? 0 : l;
  });
}
