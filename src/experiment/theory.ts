/**
 * The theory of a model's heads (SPEC 6 for min-norm, SPEC 9 for ridge) from its spectrum: the eigenvalues of Sx
 * and the weights of B* on its eigenvectors, by an eigendecomposition of an explicit population or read off a
 * diagonal model.
 */
import { symmetricEigen } from "../linalg/eigen.js";
import { matmul } from "../linalg/matmul.js";
import { headWeights, type DiagonalModel } from "../hmm/diagonal.js";
import type { Population } from "../hmm/population.js";
import { overflowError } from "../range.js";
import { minNormTheory, ridgeTheory, snapZeroEigenvalues, type RiskParts } from "../theory/index.js";
import { positiveCount } from "../theory/spectrum.js";

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
function sxSpectrum(pop: Pick<Population, "Sx" | "Bstar">): SxSpectrum {
  const { values, vectors } = symmetricEigen(pop.Sx, "Sx");
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
 * Asymptotic min-norm risk of a population at n training samples: minNormTheory(snap(eig(Sx)), w, tr(Se), n),
 * where snap (snapZeroEigenvalues, cut-off p eps l_max) makes the round-off eigenvalues of a singular or
 * nearly singular Sx exact zeros, so that the theory counts r = rank(Sx) features as the min-norm head sees
 * them (and never meets a computed eigenvalue of -1e-17).
 * Parts are Infinity only where the theory diverges (r = n with tr(Se) > 0); an overflow elsewhere is an error.
 * @param pop Sx (p x p), Bstar (p x k), noise = tr(Se) >= 0
 * @param n training samples, positive integer
 * @returns totals over the k outputs
 * @throws {ArgumentError} n is not a positive integer, or Sx has an eigenvalue below -p eps l_max (not PSD).
 * @throws {NoConvergenceError} the eigensolver or the fixed point failed.
 * @throws {HeadtuneError} code E_NON_FINITE: a part overflows f64 away from r = n.
 * @example populationTheory(pop, 200).excess / k; // per-output excess
 */
export function populationTheory(pop: Pick<Population, "Sx" | "Bstar" | "noise">, n: number): RiskParts {
  return minNormOf(populationSpectrum(pop), pop.noise, n);
}

/**
 * The min-norm theory of a model in its eigenbasis (SPEC 8): the eigenvalues of Sx and the weights of B~* are
 * read off directly, no eigensolver; the same numbers as populationTheory on the explicit model.
 * @param dm the diagonal model (hmm/diagonal.ts)
 * @param n training samples, positive integer
 * @throws as populationTheory, but for the eigensolver.
 * @example diagonalTheory(drawDiagonalModel(spec, stream), 200).excess / spec.k
 */
export function diagonalTheory(dm: DiagonalModel, n: number): RiskParts {
  return minNormOf(diagonalSpectrum(dm), dm.noise, n);
}

/**
 * The spectrum of an explicit population, round-off zeros snapped (see populationTheory).
 * @throws {ArgumentError} Sx is not PSD up to round-off. @throws {NoConvergenceError} the eigensolver failed.
 */
export function populationSpectrum(pop: Pick<Population, "Sx" | "Bstar">): SxSpectrum {
  const { eigenvalues, weights } = sxSpectrum(pop);
  return { eigenvalues: snapZeroEigenvalues(eigenvalues), weights };
}

/** The spectrum of a diagonal model, round-off zeros snapped. */
export function diagonalSpectrum(dm: DiagonalModel): SxSpectrum {
  return { eigenvalues: snapZeroEigenvalues(dm.sx), weights: headWeights(dm) };
}

/**
 * minNormTheory of a snapped spectrum, with an overflow away from r = n reported as an error.
 * @throws {HeadtuneError} code E_NON_FINITE: the risk overflows f64 away from r = n.
 */
export function minNormOf(spectrum: SxSpectrum, noise: number, n: number): RiskParts {
  const parts = minNormTheory(spectrum.eigenvalues, spectrum.weights, noise, n);
  if (!Number.isFinite(parts.risk) && positiveCount(spectrum.eigenvalues) !== n) {
    throw overflowError("the min-norm theory's risk", `y is too large (noise tr(Se) = ${noise}): scale it down.`, {
      parts,
    });
  }
  return parts;
}

/**
 * ridgeTheory (SPEC 9) of a snapped spectrum at lambda.
 * @throws {NoConvergenceError} the fixed point did not converge (not observed).
 * @throws {HeadtuneError} code E_NON_FINITE: a part overflows f64.
 */
export function ridgeOf(spectrum: SxSpectrum, noise: number, n: number, lambda: number): RiskParts {
  return ridgeTheory(spectrum.eigenvalues, spectrum.weights, noise, n, lambda);
}
