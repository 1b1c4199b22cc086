/**
 * One model size of a sweep (SPEC section 7), as pure functions the sweep engine maps over (size, replicate):
 * prepareSize draws the pre-trained model of size p and computes its population and theory once;
 * runReplicate samples a training and a test set, fits the heads and measures their risks.
 * Streams: the model of size p comes from (seed, p, 0); replicate r from (seed, p, r + 1), which, when the
 * model is not fixed, first redraws the model and then samples.
 */
import { ArgumentError } from "../errors.js";
import { hiddenDim, SCALINGS, type AKind, type ModelScalars, type ModelSpec, type Scaling } from "../hmm/config.js";
import { spectralModel, type DiagonalModel } from "../hmm/diagonal.js";
import { drawModel, type Model } from "../hmm/model.js";
import { population, type Population } from "../hmm/population.js";
import {
  marginalFactors,
  sampleMarginalInto,
  sampleSequentialInto,
  type MarginalFactors,
  type Sample,
} from "../hmm/sample.js";
import { factorGram, gramSide, solveGram, type MinNormFactor } from "../head/minnorm.js";
import { assertRidgeLambda } from "../head/ridge.js";
import { matmul } from "../linalg/matmul.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { diagonalRisks, type MeasuredHead, type ShiftedHead } from "../risk/diagonal-risks.js";
import { measureMinNorm, whitenedBstar } from "../risk/minnorm-risks.js";
import { oracleRiskParts, type RiskPopulation } from "../risk/oracle.js";
import { meanSquaredError } from "../risk/test.js";
import { RandomStream } from "../rng/stream.js";
import type { RiskParts } from "../theory/index.js";
import { assertTaskFits } from "../limits.js";
import { assertSampleRange, sampleVariances } from "../range.js";
import { assertInteger } from "../validate.js";
import { gcvLambda, gramSpectrum } from "../head/ridge-gcv.js";
import { ridgeTheory } from "../theory/ridge-general.js";
import { headTheoryAt } from "./head-theory.js";
import { diagonalSpectrum, populationSpectrum, type SizeSpectrum } from "./spectrum.js";
import { spectrumMinNormTheory } from "./theory.js";

/** minnorm; ridge at a fixed lambda; ridge at the theory's best lambda (oracle); ridge at the GCV lambda. */
export type HeadSpec = { kind: "minnorm" } | { kind: "ridge"; lambda: number } | { kind: "ridge-opt" } | { kind: "ridge-gcv" };

/** The head kinds. */
export const HEAD_KINDS = ["minnorm", "ridge", "ridge-opt", "ridge-gcv"] as const;

/**
 * How a replicate draws its samples: "spectral" from the model in its eigenbasis (SPEC 8, exact in law and the
 * fastest), "sequential" by running the HMM token by token (the reference), "marginal" from the joint Gaussian.
 */
export type Sampler = "spectral" | "sequential" | "marginal";

export const SAMPLERS: readonly Sampler[] = ["spectral", "sequential", "marginal"];

export interface ExperimentSettings extends ModelScalars {
  scaling: Scaling;
  /** Hidden dimension under features scaling, d0 under linear scaling; ignored under width scaling (d = p). */
  d: number;
  /** Slope alpha of the linear scaling d = round(alpha p) + d0 (default 1); ignored by the others. */
  alpha?: number;
  aKind: AKind;
  /** Training samples per replicate. */
  n: number;
  /** Test samples per replicate (0: testRisk is NaN). */
  nTest: number;
  sampler: Sampler;
  seed: number;
  /** true: one pre-trained model per size; false: a fresh model per replicate. */
  fixedModel: boolean;
  heads: HeadSpec[];
}

/** What a model size keeps across its replicates: prepareSize's result. */
export type SizeContext = ExplicitSizeContext | SpectralSizeContext;

interface SizeBase {
  p: number;
  /** Outputs. */
  k: number;
  /** tr(Se). */
  noise: number;
  /** Min-norm theory of this model at n (totals over k). */
  theory: RiskParts;
  /** The spectrum of this model (eigenvalues and weights of Sx, tr(Se), k): every head's theory comes from it. */
  spectrum: SizeSpectrum;
  /** Per head (settings.heads order): its lambda and theory when fixed by the model (NaN for ridge-gcv). */
  headPlans: HeadPlan[];
  /** What a user should know about a valid but unusual model (population's warnings); usually empty. */
  warnings: string[];
}

/** The sequential and marginal samplers: the explicit model and its population. */
export interface ExplicitSizeContext extends SizeBase {
  sampler: "sequential" | "marginal";
  model: Model;
  population: Population;
  /** Factors of the marginal sampler (present when the sampler is "marginal"). */
  marginal?: MarginalFactors;
  /** Lx^T B* (p x k), present on the dual side (p > n): the min-norm head's risks fold through it (risk/minnorm-risks.ts). */
  LxtBstar?: Matrix;
}

/** The spectral sampler: the model in its eigenbasis (SPEC 8). */
export interface SpectralSizeContext extends SizeBase {
  sampler: "spectral";
  diagonal: DiagonalModel;
}

/** One head on one replicate; risks are totals over the k outputs (divide by k for per output). */
export interface ReplicateResult {
  /** "minnorm", "ridge(<lambda>)", "ridge-opt" or "ridge-gcv". */
  head: string;
  p: number;
  replicate: number;
  k: number;
  path: string;
  oracleRisk: number;
  testRisk: number;
  excess: number;
  /** Conditional bias and variance given X (min-norm only; NaN for ridge). */
  biasX: number;
  varX: number;
  noise: number;
  /** Theory of the head on the replicate's model: min-norm (SPEC 6) or ridge at its lambda (SPEC 9). */
  theoryBias: number;
  theoryVariance: number;
  theoryExcess: number;
  theoryRisk: number;
  /** The ridge penalty the head used: 0 for min-norm (and ridge-opt when min-norm is best), chosen by ridge-opt and ridge-gcv. */
  lambda: number;
}

/** The settings that define the HMM of each size. */
export type ModelSettings = Pick<ExperimentSettings, "scaling" | "d" | "alpha" | "T" | "rho" | "sEps" | "sU" | "sY" | "aKind">;

/**
 * The ModelSpec of size p: d = p (width) or settings.d (features), k = d (V = I_d).
 * @param settings the model settings (a ModelPreset or ExperimentSettings)
 * @param p model size
 */
export function modelSpecOf(settings: ModelSettings, p: number): ModelSpec {
  const d = hiddenDim(settings, p);
  const { T, rho, sEps, sU, sY, aKind } = settings;
  return { d, p, k: d, T, rho, sEps, sU, sY, aKind };
}

/**
 * Checks the settings that are not model parameters (those are checked by drawModel).
 * @throws {ArgumentError} settings is not an object, scaling, n, nTest, sampler, seed, fixedModel or a head is
 *   invalid (a ridge lambda of 0 is pointed to the min-norm head), or heads is empty.
 */
export function validateSettings(settings: ExperimentSettings): void {
  if (settings === null || typeof settings !== "object") {
    throw new ArgumentError(`settings must be an object. Value: ${String(settings)}.`, { name: "settings" });
  }
  if (!SCALINGS.includes(settings.scaling)) {
    throw new ArgumentError(`scaling must be one of ${SCALINGS.join(", ")}. Value: ${String(settings.scaling)}.`, {
      name: "scaling",
      value: settings.scaling,
    });
  }
  assertInteger("n", settings.n, 1);
  assertInteger("nTest", settings.nTest, 0);
  assertInteger("seed", settings.seed, 0);
  if (!SAMPLERS.includes(settings.sampler)) {
    throw new ArgumentError(`sampler must be one of ${SAMPLERS.join(", ")}. Value: ${String(settings.sampler)}.`, {
      name: "sampler",
      value: settings.sampler,
    });
  }
  if (typeof settings.fixedModel !== "boolean") {
    throw new ArgumentError(`fixedModel must be a boolean. Value: ${String(settings.fixedModel)}.`, {
      name: "fixedModel",
      value: settings.fixedModel,
    });
  }
  if (!Array.isArray(settings.heads) || settings.heads.length === 0) {
    throw new ArgumentError(`heads must be a non-empty array. Value: ${JSON.stringify(settings.heads)}.`, { name: "heads" });
  }
  settings.heads.forEach((h, i) => {
    if (h?.kind === "ridge") {
      assertRidgeLambda(`heads[${i}].lambda`, h.lambda);
      if (!Number.isFinite(settings.n * h.lambda)) {
        throw new ArgumentError(
          `heads[${i}].lambda is too large: n lambda = ${settings.n} * ${h.lambda} overflows f64. Value: ${h.lambda}.`,
          { name: `heads[${i}].lambda`, value: h.lambda },
        );
      }
    }
    else if (!HEAD_KINDS.includes(h?.kind)) {
      throw new ArgumentError(`heads[${i}].kind must be one of ${HEAD_KINDS.join(", ")}. Value: ${JSON.stringify(h)}.`, {
        name: `heads[${i}]`,
      });
    }
  });
}

/** The label of a head in results: "minnorm", "ridge(<lambda>)", "ridge-opt" or "ridge-gcv". */
export function headLabel(head: HeadSpec): string {
  return head.kind === "ridge" ? `ridge(${head.lambda})` : head.kind;
}

/**
 * The pre-trained model of size p from stream (seed, p, 0), its population quantities and min-norm theory,
 * and the marginal sampler's factors when that sampler is used.
 * @param settings the experiment settings
 * @param p model size, positive integer (< 2^32: it is the high stream word)
 * @throws {ArgumentError} a setting is invalid, or x's or y's variance is too small for f64 (population).
 * @throws {TooLargeError} a task of size p does not fit in WebAssembly memory (checked before anything is
 *   allocated: see limits.ts).
 * @throws {NotPositiveDefiniteError} Sx is singular (sU = 0 with p > d, or sU^2 lost in rounding).
 * @throws {HeadtuneError} code E_NON_FINITE: a population quantity overflows f64 (e.g. rho >= 1 with a large T),
 *   or the sums of a sample would (assertSampleRange).
 * @throws {NoConvergenceError} an eigensolver or the theory's fixed point failed.
 * @example const ctx = prepareSize(settings, 250);
 */
export function prepareSize(settings: ExperimentSettings & { sampler: ExplicitSizeContext["sampler"] }, p: number): ExplicitSizeContext;
export function prepareSize(settings: ExperimentSettings, p: number): SizeContext;
export function prepareSize(settings: ExperimentSettings, p: number): SizeContext {
  validateSettings(settings);
  assertInteger("p", p, 1);
  assertTaskFits(settings, p);
  return sizeContext(settings, p, new RandomStream(settings.seed, p, 0));
}

/**
 * Replicate r of size p: sample n training and nTest test pairs from stream (seed, p, r + 1) (after
 * redrawing the model from it when settings.fixedModel is false), fit each head, and measure it.
 * @param settings the experiment settings (those prepareSize had)
 * @param ctx prepareSize(settings, p)
 * @param r replicate index, integer >= 0 (r + 1 < 2^32)
 * @returns one result per head, in settings.heads order
 * @throws {ArgumentError} r is not a non-negative integer.
 * @throws {TooLargeError} the work does not fit in WebAssembly memory (checked before anything is allocated).
 * @throws {NoConvergenceError} an eigensolver (fallback path, or the redrawn model's theory) failed.
 * @throws {HeadtuneError} code E_NON_FINITE: a product or a risk overflows f64 (the message names it).
 * @example const results = runReplicate(settings, ctx, 0);
 */
export function runReplicate(settings: ExperimentSettings, ctx: SizeContext, r: number): ReplicateResult[] {
  assertInteger("r", r, 0);
  const { p } = ctx;
  assertTaskFits(settings, p);
  const stream = new RandomStream(settings.seed, p, r + 1);
  const size = settings.fixedModel ? ctx : sizeContext(settings, p, stream);
  const measured =
    size.sampler === "spectral" ? spectralRisks(settings, size, stream) : explicitRisks(settings, size, stream);
  return settings.heads.map((head, h): ReplicateResult => {
    const { path, risks, lambda } = measured[h]!;
    const { spectrum } = size;
    const t =
      head.kind === "ridge-gcv"
        ? ridgeTheory(spectrum.eigenvalues, spectrum.weights, spectrum.noise, settings.n, lambda)
        : size.headPlans[h]!.theory;
    return {
      head: headLabel(head),
      p,
      replicate: r,
      k: size.k,
      path,
      oracleRisk: risks.oracleRisk,
      testRisk: risks.testRisk,
      excess: risks.excess,
      biasX: risks.biasX,
      varX: risks.varX,
      noise: size.noise,
      theoryBias: t.bias,
      theoryVariance: t.variance,
      theoryExcess: t.excess,
      theoryRisk: t.risk,
      lambda,
    };
  });
}

/** The sequential or marginal sampler: n training and nTest test pairs of the explicit model, then every head. */
function explicitRisks(settings: ExperimentSettings, size: ExplicitSizeContext, stream: RandomStream): LambdaHead[] {
  const { model, marginal } = size;
  const draw = (n: number): Sample => {
    const out = { X: matrix(n, size.p), Y: matrix(n, model.k) };
    if (marginal !== undefined) sampleMarginalInto(marginal, stream, out);
    else sampleSequentialInto(model, stream, out);
    return out;
  };
  const train = draw(settings.n);
  return measureHeads(headLambdas(settings.heads, size.headPlans), size.population, train, draw(settings.nTest), size.LxtBstar);
}

/**
 * The spectral sampler (SPEC 8c): every head on the diagonal model (risk/diagonal-risks.ts), as a shift n lambda
 * of the smaller Gram; a head at lambda 0 is the min-norm fit, with its conditional bias and variance.
 */
function spectralRisks(settings: ExperimentSettings, size: SpectralSizeContext, stream: RandomStream): LambdaHead[] {
  const { n, nTest, heads } = settings;
  const shifted = headLambdas(heads, size.headPlans).map((lambda): ShiftedHead =>
    lambda === "gcv" ? { shift: "gcv", conditional: false } : { shift: n * lambda, conditional: lambda === 0 },
  );
  return diagonalRisks(size.diagonal, n, nTest, shifted, stream).map((m) => ({ ...m, lambda: m.shift / n }));
}

/** A head's measured risks and the lambda it used (0: the min-norm fit). */
type LambdaHead = MeasuredHead & { lambda: number };

/** Per head, its lambda when the model fixes it, or "gcv" when the training sample chooses it. */
function headLambdas(heads: HeadSpec[], plans: HeadPlan[]): (number | "gcv")[] {
  return heads.map((head, h) => (head.kind === "ridge-gcv" ? "gcv" : plans[h]!.lambda));
}

/**
 * Fits every head on the training sample and measures it against the population and the test sample; a head
 * at lambda 0 is the min-norm fit (with its conditional bias and variance), "gcv" picks lambda by gcvLambda.
 * The samples are the replicate's own, so the heads and risks run unvalidated (validate at the boundary).
 */
function measureHeads(lambdas: (number | "gcv")[], pop: RiskPopulation, train: Sample, test: Sample, LxtBstar?: Matrix): LambdaHead[] {
  let minNorm: MinNormFactor | undefined;
  const n = train.X.rows;
  return lambdas.map((chosen) => {
    const lambda = chosen === "gcv" ? gcvLambda(gramSpectrum(train.X, train.Y), n) : chosen;
    if (lambda > 0) {
      const factor = factorGram(train.X, n * lambda);
      const B = solveGram(factor, train.Y);
      const testRisk = meanSquaredError(test.Y, matmul(test.X, B));
      return { path: factor.path, lambda, risks: { ...oracleRiskParts(pop, B), testRisk, biasX: NaN, varX: NaN } };
    }
    minNorm ??= factorGram(train.X, 0);
    return { path: minNorm.path, lambda, risks: measureMinNorm(pop, minNorm, train.Y, test, LxtBstar) };
  });
}

/** A head's lambda (0: the min-norm fit) and theory as fixed by the model; NaN for ridge-gcv (chosen per sample). */
export interface HeadPlan {
  lambda: number;
  theory: HeadTheory;
}

/** The theory columns of a replicate's result. */
type HeadTheory = Pick<RiskParts, "bias" | "variance" | "excess" | "risk">;

/** The theory of a head that has none yet (ridge-gcv before it sees its sample). */
const NO_THEORY: HeadTheory = { bias: NaN, variance: NaN, excess: NaN, risk: NaN };

/** Every head's plan from the size's spectrum: min-norm (SPEC 6), ridge at its lambda and ridge-opt (SPEC 9). */
function headPlansOf(heads: HeadSpec[], spectrum: SizeSpectrum, n: number): { theory: RiskParts; headPlans: HeadPlan[] } {
  const theory = spectrumMinNormTheory(spectrum, n);
  const headPlans = heads.map((head): HeadPlan => {
    if (head.kind === "minnorm") return { lambda: 0, theory };
    const t = headTheoryAt(head, spectrum, n);
    return t === undefined ? { lambda: NaN, theory: NO_THEORY } : { lambda: t.lambda, theory: t };
  });
  return { theory, headPlans };
}

function sizeContext(settings: ExperimentSettings, p: number, stream: RandomStream): SizeContext {
  const spec = modelSpecOf(settings, p);
  const { n } = settings;
  if (settings.sampler === "spectral") {
    const diagonal = spectralModel(spec, stream);
    assertSampleRange(settings, p, diagonal.k, diagonal.variances);
    const { k, noise, warnings } = diagonal;
    const spectrum = diagonalSpectrum(diagonal);
    return { sampler: "spectral", p, k, noise, warnings, spectrum, ...headPlansOf(settings.heads, spectrum, n), diagonal };
  }
  const model = drawModel(spec, stream);
  const pop = population(model);
  assertSampleRange(settings, p, model.k, sampleVariances(pop));
  const spectrum = populationSpectrum(pop);
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
