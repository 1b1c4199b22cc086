/**
 * The spectrum of a model size: everything the theory needs (SPEC 6 and 9), the eigenvalues l_i of Sx, the
 * weights w_i = ||v_i^T B*||^2, the noise tr(Se), and k. Every theory caller (sweep columns, tuned heads,
 * theory-only maps) gets it through sizeSpectrum or populationSpectrum, so that a faster source of the same
 * spectrum replaces one function.
 */
import { headWeights, spectralModel, type DiagonalModel } from "../hmm/diagonal.js";
import { assertShape, validateModelSpec } from "../hmm/config.js";
import { drawModelUnchecked } from "../hmm/model.js";
import { populationUnchecked, type Population } from "../hmm/population.js";
import { symmetricEigenUnchecked } from "../linalg/eigen.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import { RandomStream } from "../rng/stream.js";
import { assertMatrix } from "../validate.js";
import { snapZeroEigenvaluesUnchecked } from "../theory/spectrum.js";
import type { SizeSpectrum } from "../theory/types.js";
import { assertTokenSize, tokenSizeModel } from "../tokens/size.js";
import { modelSpecOf, tokenSettingsOf, type ExperimentSettings, type ModelSettings, type Sampler } from "./settings.js";

/**
 * The spectrum of a population: snap(eig(Sx)) (snapZeroEigenvalues, cut-off p eps l_max, so that a singular Sx
 * has exact zeros) and w_i = row i of V^T B*, squared and summed over the k outputs.
 * @param pop Sx (p x p), Bstar (p x k), noise = tr(Se)
 * @throws {ArgumentError} Sx or Bstar is not a Matrix, or Sx has an eigenvalue below -p eps l_max (not PSD).
 * @throws {ShapeError} Sx is not p x p for Bstar's p rows.
 * @throws {NonFiniteError} Sx or Bstar holds NaN or Infinity.
 * @throws {NoConvergenceError} the eigensolver failed.
 * @example const { eigenvalues, weights, noise } = populationSpectrum(population(model));
 */
export function populationSpectrum(pop: Pick<Population, "Sx" | "Bstar" | "noise">): SizeSpectrum {
  assertMatrix("Bstar", pop?.Bstar);
  assertShape("Sx", pop.Sx, pop.Bstar.rows, pop.Bstar.rows);
  return populationSpectrumUnchecked(pop);
}

/**
 * populationSpectrum of a population computed here (populationUnchecked), without scanning it again.
 * @param pop Sx (p x p), Bstar (p x k), noise = tr(Se)
 * @throws {NoConvergenceError} the eigensolver failed.
 */
export function populationSpectrumUnchecked(pop: Pick<Population, "Sx" | "Bstar" | "noise">): SizeSpectrum {
  const { values, vectors } = symmetricEigenUnchecked(pop.Sx, "Sx");
  const VtB = matmulUnchecked(vectors, pop.Bstar, { transA: true });
  const { rows: p, cols: k } = VtB;
  const weights = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += VtB.data[i * k + j]! ** 2;
    weights[i] = s;
  }
  return { eigenvalues: snapZeroEigenvaluesUnchecked(values), weights, noise: pop.noise, k };
}

/**
 * The spectrum of a diagonal model (SPEC 8): its eigenvalues, snapped as populationSpectrum's, and the weights
 * of B~*, read off without an eigensolver.
 * @param dm the diagonal model
 * @example diagonalSpectrum(drawDiagonalModel(spec, stream)).weights
 */
export function diagonalSpectrum(dm: DiagonalModel): SizeSpectrum {
  return { eigenvalues: snapZeroEigenvaluesUnchecked(dm.sx), weights: headWeights(dm), noise: dm.noise, k: dm.k };
}

/**
 * The spectrum of size p's pre-trained model, drawn from stream (seed, p, 0) as a sweep with this sampler draws
 * it (experiment/size.ts): the spectral sampler's diagonal model (O(p^2) for the paper's family), else the
 * explicit model's population (O(p^3)).
 * In the token world (settings.world "tokens"), the spectrum of its size p (SPEC 10c, on S_alpha as a sweep
 * computes it), the input of its Gaussian-equivalent theory.
 * @param settings the model settings, the seed and the sampler ("spectral" when absent, as in the presets)
 * @param p model size, positive integer
 * @throws {ArgumentError} a model setting is invalid.
 * @throws {NotPositiveDefiniteError} Sx is singular where the population needs its inverse.
 * @throws {NoConvergenceError} the eigensolver failed.
 * @example sizeSpectrum({ ...MODEL_PRESETS.paper, seed: 1 }, 200).eigenvalues.length // 200
 */
export function sizeSpectrum(settings: ModelSettings & { seed: number; sampler?: Sampler } & Partial<ExperimentSettings>, p: number): SizeSpectrum {
  if (settings.world === "tokens") {
    const ts = tokenSettingsOf(settings as ExperimentSettings);
    assertTokenSize(ts, p);
    return tokenSizeModel(ts, p).population.spectrum;
  }
  const spec = modelSpecOf(settings, p);
  validateModelSpec(spec);
  const stream = new RandomStream(settings.seed, p, 0);
  if ((settings.sampler ?? "spectral") === "spectral") return diagonalSpectrum(spectralModel(spec, stream));
  return populationSpectrumUnchecked(populationUnchecked(drawModelUnchecked(spec, stream)));
}
