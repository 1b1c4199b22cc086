/** The theory of one head for a size's spectrum: min-norm (SPEC 6), ridge at its lambda and ridge-opt (SPEC 9). */
import type { RiskParts, SizeSpectrum } from "../theory/types.js";
import { ridgeTheory } from "../theory/ridge-general.js";
import { optimalRidgeTheory } from "../theory/ridge-opt.js";
import type { HeadSpec } from "./settings.js";
import { spectrumMinNormTheory } from "./theory.js";

/**
 * The theory of a head and the lambda it uses: min-norm (lambda 0), ridge at its lambda, ridge-opt at the
 * theory's best lambda (0 when min-norm is best); undefined for ridge-gcv, whose lambda needs a sample.
 * @param head the head
 * @param spectrum the size's spectrum (sizeSpectrum or populationSpectrum)
 * @param n training samples
 * @throws as spectrumMinNormTheory, ridgeTheory and optimalRidgeTheory
 * @example headTheoryAt({ kind: "ridge-opt" }, sizeSpectrum(settings, 300), 200)?.lambda
 */
export function headTheoryAt(head: HeadSpec, spectrum: SizeSpectrum, n: number): (RiskParts & { lambda: number }) | undefined {
  const { eigenvalues, weights, noise } = spectrum;
  if (head.kind === "minnorm") return { ...spectrumMinNormTheory(spectrum, n), lambda: 0 };
  if (head.kind === "ridge") return ridgeTheory(eigenvalues, weights, noise, n, head.lambda);
  if (head.kind === "ridge-opt") return optimalRidgeTheory(eigenvalues, weights, noise, n);
  return undefined;
}
