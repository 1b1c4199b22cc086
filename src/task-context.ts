/**
 * How long a context T a task may run (src/context-length.ts has the limit and each recursion's step): the
 * step of a task of size p in either world, from its settings.
 */
import { assertContextLength, chainStep, filterStep, samplerStep, scalarStep, type ContextStep } from "./context-length.js";
import { hiddenSizeOf, type ExperimentSettings } from "./experiment/settings.js";
import { defaultPopulationSequences, EXACT_ENUMERATION_LIMIT } from "./tokens/salpha.js";

/**
 * One step of T of a task of size p (prepareSize and one runReplicate), in either world:
 *  - Gaussian, explicit model (sequential or marginal sampler, or a gaussian A): the S_T recursion, 4 d^3;
 *    the sequential sampler adds Z_{t+1} = Z_t A + sEps G on n + nTest rows, 2 (n + nTest) d^2 and the normals;
 *  - Gaussian paper family under the spectral sampler: the scalar recursion of S_T = c_T I;
 *  - tokens: the forward filter of n + nTest strings, 2 H^2 each and the draws, plus S_alpha's M sequences when
 *    it is estimated (V^T > EXACT_ENUMERATION_LIMIT).
 * @param settings checked settings
 * @param p model size
 * @example taskContextStep(presetConfig("quick"), 20).work // 10: the spectral sampler's scalar recursion
 */
export function taskContextStep(settings: ExperimentSettings, p: number): ContextStep {
  const { n, nTest } = settings;
  const d = hiddenSizeOf(settings, p);
  if (settings.world === "tokens") {
    const estimated = settings.V! ** settings.T > EXACT_ENUMERATION_LIMIT;
    return filterStep(n + nTest + (estimated ? (settings.mPop ?? defaultPopulationSequences(d)) : 0), d);
  }
  const explicit = settings.sampler !== "spectral" || settings.aKind === "gaussian";
  if (!explicit) return scalarStep();
  const chain = chainStep(d);
  if (settings.sampler !== "sequential") return chain;
  const rows = n + nTest;
  return {
    work: chain.work + samplerStep(rows, d).work,
    what: `the S_T recursion and the sequential sampler at d = ${d}, n + nTest = ${rows}`,
  };
}

/**
 * Refuses settings whose T steps would cost a task of size p more than CONTEXT_WORK_LIMIT (taskContextStep).
 * @param settings checked settings
 * @param p model size
 * @throws {TooLargeError} as assertContextLength
 * @example assertTaskContext({ ...presetConfig("quick"), sampler: "sequential", T: 1e12 }, 20) // throws: T = 1000000000000 steps ...
 */
export function assertTaskContext(settings: ExperimentSettings, p: number): void {
  assertContextLength(settings.T, taskContextStep(settings, p));
}
