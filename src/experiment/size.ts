/**
 * One model size of a sweep (SPEC section 7), as pure functions the sweep engine maps over (size, replicate):
 * prepareSize draws the pre-trained model of size p and computes its population and theory once;
 * runReplicate samples a training and a test set, fits the heads and measures their risks.
 * Streams: the model of size p comes from (seed, p, 0); replicate r from (seed, p, r + 1), which, when the
 * model is not fixed, first redraws the model and then samples.
 */
import { ArgumentError } from "../errors.js";
import { hiddenDim, SCALINGS, type AKind, type ModelScalars, type ModelSpec, type Scaling } from "../hmm/config.js";
import { drawModel, type Model } from "../hmm/model.js";
import { population, type Population } from "../hmm/population.js";
import {
  marginalFactors,
  sampleMarginalInto,
  sampleSequentialInto,
  type MarginalFactors,
  type Sample,
} from "../hmm/sample.js";
import { factorMinNorm, gramSide, type MinNormFactor } from "../head/minnorm.js";
import { assertRidgeLambda, fitRidge } from "../head/ridge.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { minNormRisks, whitenedBstar, type HeadRisks } from "../risk/minnorm-risks.js";
import { oracleRiskParts } from "../risk/oracle.js";
import { testRisk } from "../risk/test.js";
import { RandomStream } from "../rng/stream.js";
import type { RiskParts } from "../theory/index.js";
import { assertTaskFits } from "../limits.js";
import { assertSampleRange } from "../range.js";
import { assertInteger } from "../validate.js";
import { gcvLambda, gramSpectrum } from "../head/ridge-gcv.js";
import { ridgeTheory } from "../theory/ridge-general.js";
import { headTheoryAt } from "./head-theory.js";
import { populationSpectrum, type SizeSpectrum } from "./spectrum.js";
import { spectrumMinNormTheory } from "./theory.js";

/** minnorm; ridge at a fixed lambda; ridge at the theory's best lambda (oracle); ridge at the GCV lambda. */
export type HeadSpec = { kind: "minnorm" } | { kind: "ridge"; lambda: number } | { kind: "ridge-opt" } | { kind: "ridge-gcv" };

/** The head kinds. */
export const HEAD_KINDS = ["minnorm", "ridge", "ridge-opt", "ridge-gcv"] as const;

export type Sampler = "sequential" | "marginal";

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

export interface SizeContext {
  p: number;
  model: Model;
  population: Population;
  /** Min-norm theory of this model at n (totals over k). */
  theory: RiskParts;
  /** The spectrum of this model (eigenvalues and weights of Sx, tr(Se), k): every head's theory comes from it. */
  spectrum: SizeSpectrum;
  /** Per head (settings.heads order): its lambda and theory when fixed by the model (NaN for ridge-gcv). */
  headPlans: HeadPlan[];
  /** Factors of the marginal sampler (present when settings.sampler is "marginal"). */
  marginal?: MarginalFactors;
  /** Lx^T B* (p x k), present on the dual side (p > n): the min-norm head's risks fold through it (risk/minnorm-risks.ts). */
  LxtBstar?: Matrix;
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
  /** The head's theory for the replicate's model (SPEC 6 for min-norm, SPEC 9 for ridge at its lambda). */
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
  if (settings.sampler !== "sequential" && settings.sampler !== "marginal") {
    throw new ArgumentError(`sampler must be "sequential" or "marginal". Value: ${String(settings.sampler)}.`, {
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
    if (h?.kind === "ridge") assertRidgeLambda(`heads[${i}].lambda`, h.lambda);
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
  const { model, population: pop, spectrum, headPlans, marginal, LxtBstar } = settings.fixedModel
    ? ctx
    : sizeContext(settings, p, stream);
  const draw = (n: number): Sample => {
    const out = { X: matrix(n, p), Y: matrix(n, model.k) };
    if (marginal !== undefined) sampleMarginalInto(marginal, stream, out);
    else sampleSequentialInto(model, stream, out);
    return out;
  };
  const train = draw(settings.n);
  const test = draw(settings.nTest);
  let minNorm: MinNormFactor | undefined;
  const minNormFit = (): { path: string; risks: HeadRisks } => {
    minNorm ??= factorMinNorm(train.X);
    return { path: minNorm.path, risks: minNormRisks(pop, minNorm, train.Y, test, LxtBstar) };
  };
  return settings.heads.map((head, h): ReplicateResult => {
    let { lambda, theory: t } = headPlans[h]!;
    if (head.kind === "ridge-gcv") {
      lambda = gcvLambda(gramSpectrum(train.X, train.Y), settings.n);
      t = ridgeTheory(spectrum.eigenvalues, spectrum.weights, spectrum.noise, settings.n, lambda);
    }
    const { path, risks } = lambda === 0 ? minNormFit() : ridgeFit(pop, train, test, lambda);
    return {
      head: headLabel(head),
      p,
      replicate: r,
      k: model.k,
      path,
      oracleRisk: risks.oracleRisk,
      testRisk: risks.testRisk,
      excess: risks.excess,
      biasX: risks.biasX,
      varX: risks.varX,
      noise: pop.noise,
      theoryBias: t.bias,
      theoryVariance: t.variance,
      theoryExcess: t.excess,
      theoryRisk: t.risk,
      lambda,
    };
  });
}

/** The theory columns of a replicate's result. */
type HeadTheory = Pick<RiskParts, "bias" | "variance" | "excess" | "risk">;

/** A head's lambda (0: the min-norm fit) and theory as fixed by the model; NaN for ridge-gcv (chosen per sample). */
export interface HeadPlan {
  lambda: number;
  theory: HeadTheory;
}

/** The theory of a head that has none yet (ridge-gcv before it sees its sample). */
const NO_THEORY: HeadTheory = { bias: NaN, variance: NaN, excess: NaN, risk: NaN };

/** The ridge head at lambda > 0 and its risks (no conditional bias and variance: NaN). */
function ridgeFit(pop: Population, train: Sample, test: Sample, lambda: number): { path: string; risks: HeadRisks } {
  const { B, path } = fitRidge(train.X, train.Y, lambda);
  return { path, risks: { ...oracleRiskParts(pop, B), testRisk: testRisk(test.X, test.Y, B), biasX: NaN, varX: NaN } };
}

function sizeContext(settings: ExperimentSettings, p: number, stream: RandomStream): SizeContext {
  const model = drawModel(modelSpecOf(settings, p), stream);
  const pop = population(model);
  assertSampleRange(settings, p, model.k, pop);
  const spectrum = populationSpectrum(pop);
  const theory = spectrumMinNormTheory(spectrum, settings.n);
  const headPlans = settings.heads.map((head): HeadPlan => {
    if (head.kind === "minnorm") return { lambda: 0, theory };
    const t = headTheoryAt(head, spectrum, settings.n);
    return t === undefined ? { lambda: NaN, theory: NO_THEORY } : { lambda: t.lambda, theory: t };
  });
  const ctx: SizeContext = { p, model, population: pop, theory, spectrum, headPlans };
  if (settings.sampler === "marginal") ctx.marginal = marginalFactors(pop);
  if (gramSide(settings.n, p) === "dual") ctx.LxtBstar = whitenedBstar(pop);
  return ctx;
}
