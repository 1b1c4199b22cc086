/**
 * One model size of the token world (SPEC 10): the world (drawn once per sweep under features scaling, per size
 * otherwise), S_alpha, the size's representation, its population and the Gaussian-equivalent theory of every
 * head with its Monte Carlo error; what a sweep keeps across the size's replicates.
 */
import { ArgumentError, TooLargeError } from "../errors.js";
import type { SizeSpectrum } from "../theory/types.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { RandomStream } from "../rng/stream.js";
import { assertInteger } from "../validate.js";
import { gaussianDesign, smallestGramEigenvalue, statesNeverMostLikely } from "./diagnostics.js";
import type { TokenPopulation } from "./population.js";
import { hiddenStates, representationOf, type Representation } from "./representation.js";
import { drawTokenSampleUnchecked, type TokenSample } from "./sample.js";
import { defaultPopulationSequences, EXACT_ENUMERATION_LIMIT, populationSAlpha, type SAlpha } from "./salpha.js";
import { validateTokenSpec, type TokenScaling, type TokenWorldSpec } from "./spec.js";
import { worldKey } from "./streams.js";
import { tokenSizePopulation } from "./theory.js";
import { drawTokenWorld, type TokenWorld } from "./world.js";

/** The token world's settings of a sweep (SPEC 10; H is the fixed state count under features scaling). */
export interface TokenWorldSettings extends TokenWorldSpec {
  scaling: TokenScaling;
  /** Sequences estimating S_alpha when V^T > 10^6 (default 50 H). */
  mPop?: number;
  seed: number;
}

/**
 * Flops a size may spend on S_alpha (2 M T H^2 + M H^2, or V^T H^2 by enumeration): 2e11, about 40 s on one
 * core at this machine's 5 GFLOP/s forward filter. Width and posterior scaling pay it per size (SPEC 10e).
 */
export const S_ALPHA_WORK_LIMIT = 2e11;

/**
 * The flops S_alpha of size p costs: V^T (2 H^2) when enumerated, else M (2 T H^2 + H^2) with M = mPop or 50 H.
 * @param settings the token settings
 * @param p model size
 * @example sAlphaWork({ ...TOKENS, scaling: "width" }, 1000) // 1.05e12: past S_ALPHA_WORK_LIMIT
 */
export function sAlphaWork(settings: TokenWorldSettings, p: number): number {
  const H = hiddenStates(settings.scaling, settings.H, p);
  const { V, T } = settings;
  if (V ** T <= EXACT_ENUMERATION_LIMIT) return V ** T * 2 * H * H;
  return sampledSAlphaWork(settings.mPop ?? defaultPopulationSequences(H), T, H);
}

/**
 * The flops of S_alpha estimated from M sequences of T tokens with H hidden states: M (2 T H^2 + H^2).
 * @example sampledSAlphaWork(2500, 6, 50) // 81250000
 */
export function sampledSAlphaWork(M: number, T: number, H: number): number {
  return M * (2 * T * H * H + H * H);
}

/** A size of the token world: the world, the representation, the population on S_alpha and its halves. */
export interface TokenSizeModel {
  p: number;
  world: TokenWorld;
  rep: Representation;
  population: TokenPopulation;
  /** The spectra of the population on each half's S_alpha (the population's own when exact). */
  halves: [SizeSpectrum, SizeSpectrum];
  /** How S_alpha was obtained: exact (M = 0) or from M sequences. */
  sAlpha: { exact: boolean; M: number };
  /** Lx with Sx = Lx Lx^T: [F^T, sU I] (p x (H + p)), or F^T when sU = 0. */
  Lx: Matrix;
}

/** The last world and S_alpha drawn in this thread: a features sweep's sizes share them (a pure function's value, reused). */
let lastWorld: { id: string; world: TokenWorld; sAlpha: SAlpha } | undefined;

/**
 * Checks the token settings, and p against the scaling and the work limit.
 * @param settings the token settings
 * @param p model size
 * @throws {ArgumentError} a setting is invalid (validateTokenSpec), mPop is not an integer >= 2, or p is not a
 *   positive integer
 * @throws {TooLargeError} S_alpha of size p costs more than S_ALPHA_WORK_LIMIT flops
 */
export function assertTokenSize(settings: TokenWorldSettings, p: number): void {
  validateTokenSpec(settings);
  if (settings.mPop !== undefined) assertInteger("mPop", settings.mPop, 2);
  assertInteger("p", p, 1);
  const work = sAlphaWork(settings, p);
  if (work > S_ALPHA_WORK_LIMIT) {
    throw new TooLargeError(
      `p = ${p} needs ${work.toPrecision(3)} flops for S_alpha under ${settings.scaling} scaling, past the limit of ${S_ALPHA_WORK_LIMIT}: use features scaling, a smaller p, T or mPop. Value: ${p}.`,
      { name: "p", value: p, work },
    );
  }
}

/**
 * The model of size p: the world of key worldKey(scaling, p), S_alpha (populationSAlpha), the representation
 * and the population with its halves. Settings unchecked (assertTokenSize).
 * @param settings checked token settings
 * @param p model size
 * @throws {NoConvergenceError} an eigensolver failed, or P has no unique stationary law
 * @example const size = tokenSizeModel({ ...TOKENS_PRESET, seed: 1 }, 100);
 */
export function tokenSizeModel(settings: TokenWorldSettings, p: number): TokenSizeModel {
  const { scaling, seed } = settings;
  const H = hiddenStates(scaling, settings.H, p);
  const key = worldKey(scaling, p);
  const spec: TokenWorldSpec = { ...pickSpec(settings), H, sU: scaling === "posterior" ? 0 : settings.sU };
  const M = settings.mPop ?? defaultPopulationSequences(H);
  const id = JSON.stringify([spec, seed, key, M]);
  if (lastWorld?.id !== id) {
    const world = drawTokenWorld(spec, seed, key);
    lastWorld = { id, world, sAlpha: populationSAlpha(world, seed, key, M) };
  }
  const { world, sAlpha } = lastWorld;
  if (scaling === "posterior" && p !== H) throw new ArgumentError(`p must equal H under posterior scaling. Value: ${p}.`, { name: "p", value: p });
  const rep = representationOf(scaling, H, spec.sU, seed, key, p);
  const { population, halves } = tokenSizePopulation(world, sAlpha, rep);
  return { p, world, rep, population, halves, sAlpha: { exact: sAlpha.exact, M: sAlpha.M }, Lx: sxFactor(population) };
}

/** The world's own settings out of the sweep's. */
function pickSpec(s: TokenWorldSettings): TokenWorldSpec {
  const { H, V, T, k, rho, aTr, beta, sU, sY } = s;
  return { H, V, T, k, rho, aTr, beta, sU, sY };
}

/**
 * Lx = [F^T, sU I_p] (p x (H + p)), or F^T when sU = 0: Lx Lx^T = F^T F + sU^2 I = Sx.
 * @param pop the population (F, sU)
 * @example sxFactor(pop).cols // H + p when sU > 0
 */
export function sxFactor(pop: TokenPopulation): Matrix {
  const { F, sU, p } = pop;
  const H = F.rows;
  const cols = sU > 0 ? H + p : H;
  const Lx = matrix(p, cols);
  for (let i = 0; i < p; i++) {
    for (let h = 0; h < H; h++) Lx.data[i * cols + h] = F.data[h * p + i]!;
    if (sU > 0) Lx.data[i * cols + H + i] = sU;
  }
  return Lx;
}

/** A replicate's samples and the diagnostics of SPEC 10d. */
export interface TokenReplicateDraw {
  train: TokenSample;
  test: TokenSample;
  /** lambda_min of the smaller Gram of the training X. */
  gramMin: number;
  /** States never the most likely one in the training set. */
  statesNeverTop: number;
}

/**
 * Replicate r's samples from stream (seed, p, r + 1): n training pairs, then nTest test pairs. Settings unchecked.
 * @param settings checked token settings with n and nTest
 * @param size tokenSizeModel(settings, p)
 * @param r replicate index (r + 1 < 2^32)
 * @throws {NoConvergenceError} an eigensolver of the diagnostics failed
 * @example const { train, test } = drawTokenReplicate({ ...settings, n: 200, nTest: 500 }, size, 0);
 */
export function drawTokenReplicate(settings: TokenWorldSettings & { n: number; nTest: number }, size: TokenSizeModel, r: number): TokenReplicateDraw {
  const stream = RandomStream.unchecked(settings.seed, size.p, r + 1);
  const train = drawTokenSampleUnchecked(size.world, size.rep, settings.n, stream);
  const test = drawTokenSampleUnchecked(size.world, size.rep, settings.nTest, stream);
  return { train, test, gramMin: smallestGramEigenvalue(train.X), statesNeverTop: statesNeverMostLikely(train.alpha) };
}

/**
 * The diagnostics' reference (SPEC 10d): lambda_min of the smaller Gram of n rows of a Gaussian design with the
 * size's Sx, from stream (seed, p, 0), which no other draw of the token world uses; once per size (it concentrates,
 * so one draw stands for the replicates').
 * @param settings checked token settings with n
 * @param size tokenSizeModel(settings, p)
 * @throws {NoConvergenceError} the eigensolver failed
 * @example gaussianGramReference({ ...settings, n: 200 }, size) // 6e-2 where the posterior design gives 3e-7
 */
export function gaussianGramReference(settings: TokenWorldSettings & { n: number }, size: TokenSizeModel): number {
  return smallestGramEigenvalue(gaussianDesign(size.population, settings.n, RandomStream.unchecked(settings.seed, size.p, 0)));
}
