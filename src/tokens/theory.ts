/**
 * The Gaussian-equivalent theory of a token world (SPEC 10d): sections 6 and 9 on the world's Sx, B* and Se,
 * exact for a Gaussian x with those moments and an approximation for tokens. With S_alpha estimated, the theory is
 * also computed on each half's S_alpha; their spread is its Monte Carlo error.
 */
import type { RiskParts, SizeSpectrum } from "../theory/types.js";
import { tokenPopulation, tokenSpectrum, type TokenPopulation } from "./population.js";
import type { Representation } from "./representation.js";
import type { SAlpha } from "./salpha.js";
import type { TokenWorld } from "./world.js";

/** A size's population on S_alpha, and the spectra on each half's S_alpha (the population's own when exact). */
export interface TokenSizePopulation {
  population: TokenPopulation;
  halves: [SizeSpectrum, SizeSpectrum];
}

/**
 * The population of a size on S_alpha, with the spectra of its two halves.
 * @param world the world
 * @param sAlpha S_alpha and its halves
 * @param rep the size's representation
 * @throws as tokenPopulation
 * @example const { population, halves } = tokenSizePopulation(world, populationSAlpha(world, 1, 0), rep);
 */
export function tokenSizePopulation(world: TokenWorld, sAlpha: SAlpha, rep: Representation): TokenSizePopulation {
  const population = tokenPopulation(world, sAlpha.S, rep);
  if (sAlpha.exact) return { population, halves: [population.spectrum, population.spectrum] };
  const [a, b] = sAlpha.halves.map((S) => tokenSpectrum(world, S, rep)) as [SizeSpectrum, SizeSpectrum];
  return { population, halves: [a, b] };
}

/**
 * A theory on S_alpha and its Monte Carlo error: se = |risk(S_1) - risk(S_2)| / 2 from the halves (the full
 * estimate is their mean, so its variance is half a half's; for a theory linear in S_alpha this is exact, and
 * a first-order estimate otherwise; 0 when S_alpha is exact).
 * @param size the size's population and halves
 * @param at the theory of a spectrum (e.g. spectrum => headTheoryAt(head, spectrum, n))
 * @throws as `at`
 * @example withMonteCarloError(size, (s) => spectrumMinNormTheory(s, 200)).se
 */
export function withMonteCarloError<T extends RiskParts>(size: TokenSizePopulation, at: (spectrum: SizeSpectrum) => T): { theory: T; se: number } {
  const theory = at(size.population.spectrum);
  const [a, b] = size.halves;
  if (a === size.population.spectrum && b === a) return { theory, se: 0 };
  return { theory, se: Math.abs(at(a).risk - at(b).risk) / 2 };
}
