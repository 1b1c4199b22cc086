/**
 * A size of the Gaussian world (SPEC sections 1-8): the pre-trained linear-Gaussian HMM of size p, its
 * population or its eigenbasis (the spectral sampler, SPEC 8), its spectrum, theory and head plans.
 */
import { gramSide } from "../../head/minnorm.js";
import { spectralModel, type DiagonalModel } from "../../hmm/diagonal.js";
import { drawModelUnchecked, type Model } from "../../hmm/model.js";
import { populationUnchecked, type Population } from "../../hmm/population.js";
import { marginalFactors, type MarginalFactors } from "../../hmm/sample.js";
import type { Matrix } from "../../linalg/matrix.js";
import { assertSampleRange, sampleVariances } from "../../range.js";
import { whitenedBstar } from "../../risk/minnorm-risks.js";
import type { RandomStream } from "../../rng/stream.js";
import { headPlansOf } from "../heads.js";
import { modelSpecOf, type ExperimentSettings } from "../settings.js";
import { diagonalSpectrum, populationSpectrumUnchecked } from "../spectrum.js";
import type { WorldSize } from "../world.js";

/** What a model size keeps across its replicates: prepareSize's result. */
export type SizeContext = ExplicitSizeContext | SpectralSizeContext;

/** The sequential and marginal samplers: the explicit model and its population. */
export interface ExplicitSizeContext extends WorldSize {
  sampler: "sequential" | "marginal";
  model: Model;
  population: Population;
  /** Factors of the marginal sampler (present when the sampler is "marginal"). */
  marginal?: MarginalFactors;
  /** Lx^T B* (p x k), present on the dual side (p > n): the min-norm head's risks fold through it (risk/minnorm-risks.ts). */
  LxtBstar?: Matrix;
}

/** The spectral sampler: the model in its eigenbasis (SPEC 8). */
export interface SpectralSizeContext extends WorldSize {
  sampler: "spectral";
  diagonal: DiagonalModel;
}

/**
 * The model of size p drawn from stream, and what its replicates share: the population (explicit samplers) or
 * the diagonal model (spectral), the spectrum, the min-norm theory, the head plans and the samplers' factors.
 * Internal: settings are checked (experiment/public.ts, or the sweep's parse) and the task fits in memory.
 * @param settings checked settings
 * @param p model size
 * @param stream (seed, p, 0) for the pre-trained model; (seed, p, r + 1) when replicate r redraws it
 * @throws {ArgumentError} x's or y's variance is too small for f64 (population).
 * @throws {NotPositiveDefiniteError} Sx is singular (sU = 0 with p > d, or sU^2 lost in rounding).
 * @throws {HeadtuneError} code E_NON_FINITE: a population quantity overflows f64, or a sample's sums would.
 * @throws {NoConvergenceError} an eigensolver or the theory's fixed point failed.
 */
export function gaussianSize(settings: ExperimentSettings, p: number, stream: RandomStream): SizeContext {
  const spec = modelSpecOf(settings, p);
  const { n } = settings;
  if (settings.sampler === "spectral") {
    const diagonal = spectralModel(spec, stream);
    assertSampleRange(settings, p, diagonal.k, diagonal.variances);
    const { k, noise, warnings } = diagonal;
    const spectrum = diagonalSpectrum(diagonal);
    return { sampler: "spectral", p, k, noise, warnings, spectrum, ...headPlansOf(settings.heads, spectrum, n), diagonal };
  }
  const model = drawModelUnchecked(spec, stream);
  const pop = populationUnchecked(model);
  assertSampleRange(settings, p, model.k, sampleVariances(pop));
  const spectrum = populationSpectrumUnchecked(pop);
  const ctx: ExplicitSizeContext = {
    sampler: settings.sampler,
    p,
    k: model.k,
    noise: pop.noise,
    warnings: pop.warnings,
    spectrum,
    ...headPlansOf(settings.heads, spectrum, n),
    model,
    population: pop,
  };
  if (settings.sampler === "marginal") ctx.marginal = marginalFactors(pop);
  if (gramSide(n, p) === "dual") ctx.LxtBstar = whitenedBstar(pop);
  return ctx;
}
