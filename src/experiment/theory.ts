/**
 * The min-norm theory of a population (SPEC 6): the spectrum of Sx and the weights of B* on its eigenvectors.
 */
import { symmetricEigen } from "../linalg/eigen.js";
import { matmul } from "../linalg/matmul.js";
import type { Population } from "../hmm/population.js";
import { minNormTheory, type RiskParts } from "../theory/index.js";

/** The spectrum of Sx and the weights w_i = ||v_i^T B*||^2 of B* on its eigenvectors v_i. */
export interface SxSpectrum {
  eigenvalues: Float64Array;
  weights: Float64Array;
}

/**
 * Sx = sum_i l_i v_i v_i^T and w_i = ||v_i^T B*||^2 (row i of V^T B*).
 * @param pop Sx (p x p), Bstar (p x k)
 * @throws {NoConvergenceError} the eigensolver failed.
 * @example const { eigenvalues, weights } = sxSpectrum(pop);
 */
export function sxSpectrum(pop: Pick<Population, "Sx" | "Bstar">): SxSpectrum {
  const { values, vectors } = symmetricEigen(pop.Sx);
  const VtB = matmul(vectors, pop.Bstar, { transA: true });
  const { rows: p, cols: k } = VtB;
  const weights = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += VtB.data[i * k + j]! ** 2;
    weights[i] = s;
  }
  return { eigenvalues: values, weights };
}

/**
 * Asymptotic min-norm risk of a population at n training samples: minNormTheory(eig(Sx), w, tr(Se), n).
 * @param pop Sx (p x p), Bstar (p x k), noise = tr(Se)
 * @param n training samples, positive integer
 * @returns totals over the k outputs
 * @throws {ArgumentError} n is not a positive integer.
 * @throws {NoConvergenceError} the eigensolver or the fixed point failed.
 * @example populationTheory(pop, 200).excess / k; // per-output excess
 */
export function populationTheory(pop: Pick<Population, "Sx" | "Bstar" | "noise">, n: number): RiskParts {
  const { eigenvalues, weights } = sxSpectrum(pop);
  // tr(Se) >= 0 exactly; a noiseless model (sEps = sY = 0 and x determining y) may round it to -O(eps).
  return minNormTheory(eigenvalues, weights, Math.max(pop.noise, 0), n);
}
