/**
 * The min-norm theory of a model (SPEC 6) from its spectrum: the eigenvalues of Sx and the weights of B* on its
 * eigenvectors, by an eigendecomposition of an explicit population or read off a diagonal model (SPEC 8).
 */
import type { DiagonalModel } from "../hmm/diagonal.js";
import type { Population } from "../hmm/population.js";
import { overflowError } from "../range.js";
import type { RiskParts } from "../theory/index.js";
import { minNormTheoryUnchecked } from "../theory/minnorm.js";
import type { SizeSpectrum } from "../theory/types.js";
import { assertSpectrum, positiveCount } from "../theory/spectrum.js";
import { diagonalSpectrum, populationSpectrum } from "./spectrum.js";

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
  return spectrumMinNormTheory(populationSpectrum(pop), n);
}

/**
 * The min-norm theory of a model in its eigenbasis (SPEC 8): the eigenvalues of Sx and the weights of B~* are
 * read off directly, no eigensolver; the same numbers as populationTheory on the explicit model.
 * @param dm the diagonal model (hmm/diagonal.ts)
 * @param n training samples, positive integer
 * @throws as populationTheory, less the eigensolver.
 * @example diagonalTheory(drawDiagonalModel(spec, stream), 200).excess / spec.k
 */
export function diagonalTheory(dm: DiagonalModel, n: number): RiskParts {
  return spectrumMinNormTheory(diagonalSpectrum(dm), n);
}

/**
 * minNormTheory of a size's spectrum, with an overflow away from rank(Sx) = n reported as an error.
 * @param spectrum the size's spectrum (populationSpectrum or sizeSpectrum)
 * @param n training samples, positive integer
 * @throws as populationTheory, less the eigensolver
 * @example spectrumMinNormTheory(sizeSpectrum(settings, 300), 200).excess
 */
export function spectrumMinNormTheory(spectrum: SizeSpectrum, n: number): RiskParts {
  assertSpectrum(spectrum.eigenvalues, spectrum.weights, spectrum.noise, n);
  return spectrumMinNormTheoryUnchecked(spectrum, n);
}

/**
 * spectrumMinNormTheory of a size's own spectrum at the settings' n (both checked): no argument checks.
 * @throws as spectrumMinNormTheory, less the argument checks
 */
export function spectrumMinNormTheoryUnchecked(spectrum: SizeSpectrum, n: number): RiskParts {
  const { eigenvalues, weights, noise } = spectrum;
  const parts = minNormTheoryUnchecked(eigenvalues, weights, noise, n);
  if (!Number.isFinite(parts.risk) && positiveCount(eigenvalues) !== n) {
    throw overflowError("the min-norm theory's risk", `y is too large (noise tr(Se) = ${noise}): scale it down.`, {
      parts,
    });
  }
  return parts;
}
