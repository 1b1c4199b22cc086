/**
 * One model size of an experiment (SPEC section 7) as the API gives it: prepareSize draws the pre-trained
 * model of size p and computes its population and theory once; runReplicate samples a training and a test set,
 * fits the heads and measures their risks. Both validate their arguments here, once, and run the world the
 * settings choose (experiment/worlds.ts) on checked data.
 * Streams: the model of size p comes from (seed, p, 0); replicate r from (seed, p, r + 1), which, when the
 * model is not fixed, first redraws the model and then samples.
 */
import type { ExplicitSizeContext } from "./gaussian/size.js";
import { assertTaskFits } from "../limits.js";
import { assertInteger } from "../validate.js";
import { validateSettings, validateSize, type ExperimentSettings } from "./settings.js";
import { worldOf, type AnySize } from "./worlds.js";
import type { ReplicateResult } from "./world.js";

/**
 * The pre-trained model of size p from stream (seed, p, 0), its population quantities and min-norm theory,
 * each head's plan, and the marginal sampler's factors when that sampler is used.
 * @param settings the experiment settings
 * @param p model size, positive integer (< 2^32: it is the high stream word)
 * @throws {ConfigError} (an ArgumentError) a setting is invalid (validateSettings).
 * @throws {ArgumentError} p is not a positive integer, size p has no hidden dimension (linear scaling with
 *   round(alpha p) + d0 = 0), or x's or y's variance is too small for f64 (population).
 * @throws {TooLargeError} a task of size p does not fit in WebAssembly memory (checked before anything is
 *   allocated: see limits.ts).
 * @throws {NotPositiveDefiniteError} Sx is singular (sU = 0 with p > d, or sU^2 lost in rounding).
 * @throws {HeadtuneError} code E_NON_FINITE: a population quantity overflows f64 (e.g. rho >= 1 with a large T),
 *   or the sums of a sample would (assertSampleRange).
 * @throws {NoConvergenceError} an eigensolver or the theory's fixed point failed.
 * @example const ctx = prepareSize(settings, 250);
 */
export function prepareSize(settings: ExperimentSettings & { sampler: ExplicitSizeContext["sampler"] }, p: number): ExplicitSizeContext;
export function prepareSize(settings: ExperimentSettings, p: number): AnySize;
export function prepareSize(settings: ExperimentSettings, p: number): AnySize {
  validateSettings(settings);
  validateSize(settings, p);
  assertTaskFits(settings, p);
  return worldOf(settings).prepareSize(settings, p);
}

/**
 * Replicate r of size p: sample n training and nTest test pairs from stream (seed, p, r + 1) (after
 * redrawing the model from it when settings.fixedModel is false), fit each head, and measure it.
 * @param settings the experiment settings (those prepareSize had)
 * @param ctx prepareSize(settings, p)
 * @param r replicate index, integer >= 0 (r + 1 < 2^32)
 * @returns one result per head, in settings.heads order
 * @throws {ConfigError} (an ArgumentError) a setting is invalid (validateSettings).
 * @throws {ArgumentError} r is not a non-negative integer.
 * @throws {TooLargeError} the replicate does not fit in WebAssembly memory (checked before anything is allocated).
 * @throws {NoConvergenceError} an eigensolver (fallback path, or the redrawn model's theory) failed.
 * @throws {HeadtuneError} code E_NON_FINITE: a product or a risk overflows f64 (the message names it).
 * @example const results = runReplicate(settings, ctx, 0);
 */
export function runReplicate(settings: ExperimentSettings, ctx: AnySize, r: number): ReplicateResult[] {
  validateSettings(settings);
  assertInteger("r", r, 0);
  assertTaskFits(settings, ctx.p);
  return worldOf(settings).runReplicate(settings, ctx, r);
}
