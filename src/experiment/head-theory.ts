/** The theory of one head for a size's spectrum: min-norm (SPEC 6), ridge at its lambda and ridge-opt (SPEC 9). */
import type { RiskParts, SizeSpectrum } from "../theory/types.js";
import { ridgeTheory, ridgeTheoryUnchecked, type RidgeParts } from "../theory/ridge-general.js";
import { optimalRidgeTheory, optimalRidgeTheoryUnchecked } from "../theory/ridge-opt.js";
import type { HeadSpec } from "./settings.js";
import { spectrumMinNormTheory, spectrumMinNormTheoryUnchecked } from "./theory.js";

type HeadTheory = (RiskParts & { lambda: number }) | undefined;

/** The three theories a head may need, at one validation tier. */
interface Theories {
  minNorm(spectrum: SizeSpectrum, n: number): RiskParts;
  ridge(l: Float64Array, w: Float64Array, noise: number, n: number, lambda: number): RidgeParts;
  optimal(l: Float64Array, w: Float64Array, noise: number, n: number): RidgeParts;
}

const CHECKED: Theories = { minNorm: spectrumMinNormTheory, ridge: ridgeTheory, optimal: optimalRidgeTheory };
const UNCHECKED: Theories = { minNorm: spectrumMinNormTheoryUnchecked, ridge: ridgeTheoryUnchecked, optimal: optimalRidgeTheoryUnchecked };

function headTheoryOf(head: HeadSpec, spectrum: SizeSpectrum, n: number, t: Theories): HeadTheory {
  const { eigenvalues, weights, noise } = spectrum;
  if (head.kind === "minnorm") return { ...t.minNorm(spectrum, n), lambda: 0 };
  if (head.kind === "ridge") return t.ridge(eigenvalues, weights, noise, n, head.lambda);
  if (head.kind === "ridge-opt") return t.optimal(eigenvalues, weights, noise, n);
  return undefined;
}

/**
 * The theory of a head and the lambda it uses: min-norm (lambda 0), ridge at its lambda, ridge-opt at the
 * theory's best lambda (0 when min-norm is best); undefined for ridge-gcv, whose lambda needs a sample.
 * @param head the head
 * @param spectrum the size's spectrum (sizeSpectrum or populationSpectrum)
 * @param n training samples
 * @throws as spectrumMinNormTheory, ridgeTheory and optimalRidgeTheory
 * @example headTheoryAt({ kind: "ridge-opt" }, sizeSpectrum(settings, 300), 200)?.lambda
 */
export function headTheoryAt(head: HeadSpec, spectrum: SizeSpectrum, n: number): HeadTheory {
  return headTheoryOf(head, spectrum, n, CHECKED);
}

/**
 * headTheoryAt for a head of checked settings on a size's own spectrum (a world's plans): no argument checks.
 * @throws as headTheoryAt, less the argument checks
 */
export function headTheoryAtUnchecked(head: HeadSpec, spectrum: SizeSpectrum, n: number): HeadTheory {
  return headTheoryOf(head, spectrum, n, UNCHECKED);
}
