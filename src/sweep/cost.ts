/**
 * Rough floating-point operation counts of a task, used to balance the pool (largest first) and to estimate
 * the time left. They never change results.
 */
import type { ExperimentSettings } from "../experiment/size.js";
import { hiddenDim } from "../hmm/config.js";

/**
 * Work of one replicate of size p, plus its share of preparing the size: sampling n + nTest pairs, fitting
 * each head, the oracle and test risks, and (drawn once per size, or per replicate without fixedModel) the
 * model's population quantities and the eigendecomposition behind the theory.
 * @param settings the experiment settings (scaling, d, T, n, nTest, sampler, heads, fixedModel)
 * @param p model size
 * @param replicates replicates per size (the preparation is shared among them)
 */
export function taskWork(settings: ExperimentSettings, p: number, replicates: number): number {
  const d = hiddenDim(settings, p);
  const k = d;
  const { n, nTest, T } = settings;
  const perSample = settings.sampler === "sequential" ? T * d * d + d * p + d * k : p * p + p * k + k * k;
  const sampling = (n + nTest) * perSample;
  const small = Math.min(n, p);
  const fit = settings.heads.length * (n * p * small + (small * small * small) / 3 + n * p * k);
  const risk = settings.heads.length * (p * p * k + nTest * p * k);
  const prepare = T * d * d * d + d * d * p + d * p * p + 10 * p * p * p + p * p * k;
  return sampling + fit + risk + (settings.fixedModel ? prepare / replicates : prepare);
}
