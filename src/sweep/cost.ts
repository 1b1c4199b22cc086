/**
 * Rough floating-point operation counts of a task, used to balance the pool (largest first) and to estimate
 * the time left. They never change results.
 */
import { tokenSettingsOf, type ExperimentSettings } from "../experiment/settings.js";
import { hiddenStates } from "../tokens/representation.js";
import { sAlphaWork } from "../tokens/size.js";
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
  if (settings.world === "tokens") return tokenWork(settings, p, replicates);
  const d = hiddenDim(settings, p);
  const k = d;
  const { n, nTest, T } = settings;
  if (settings.sampler === "spectral") return spectralWork(settings, p, d, replicates);
  const perSample = settings.sampler === "sequential" ? T * d * d + d * p + d * k : p * p + p * k + k * k;
  const sampling = (n + nTest) * perSample;
  const small = Math.min(n, p);
  const fit = settings.heads.length * (n * p * small + (small * small * small) / 3 + n * p * k);
  const risk = settings.heads.length * (p * p * k + nTest * p * k);
  const prepare = T * d * d * d + d * d * p + d * p * p + 10 * p * p * p + p * p * k;
  return sampling + fit + risk + (settings.fixedModel ? prepare / replicates : prepare);
}

/**
 * The spectral sampler's task (SPEC 8c): (n + nTest)(p + k) normals; on the dual side (p > n) the n x n Grams
 * and solves, n^2 (2 p + 2.5 k) + 3 n^3 per head, and the test products nTest n (p + k); on the primal side the
 * p x p Gram n p^2, the head p^2 k and the test predictions nTest p k per head. Preparing: the Laguerre draw's
 * tridiagonal eigenvalues (about 30 r^2) for the paper's family, an explicit model and its eigenbases otherwise.
 */
function spectralWork(settings: ExperimentSettings, p: number, d: number, replicates: number): number {
  const k = d;
  const { n, nTest, T } = settings;
  const heads = settings.heads.length;
  const sampling = (n + nTest) * (p + k);
  const replicate =
    n < p
      ? heads * (n * n * (2 * p + 2.5 * k) + 3 * n * n * n) + nTest * n * (p + k)
      : n * p * p + heads * (p * p * k + nTest * p * k);
  const r = Math.min(d, p);
  const explicit = settings.aKind === "gaussian";
  const prepare = explicit ? T * d * d * d + d * d * p + d * p * p + 20 * p * p * p + 10 * k * k * k + p * p * k : 30 * r * r;
  return sampling + replicate + (settings.fixedModel ? prepare / replicates : prepare);
}

/**
 * A floating-point rate far below what the kernels run at (25-35 GFLOP/s on one core, bench/RESULTS.md), so
 * that a slow, shared or throttled machine still finishes a task within a small multiple of taskSeconds.
 */
const SLOW_FLOPS_PER_SECOND = 1e9;

/**
 * Predicted seconds of one task of size p that also prepares its size (the first task of a size on a worker),
 * at a pessimistic rate: taskWork(settings, p, 1) / 1e9. The sweep's watchdog takes its default limit from it.
 * @param settings the experiment settings
 * @param p model size
 * @example taskSeconds(experimentSettings(presetConfig("paper")), 1000) // about 25 (s)
 */
export function taskSeconds(settings: ExperimentSettings, p: number): number {
  return taskWork(settings, p, 1) / SLOW_FLOPS_PER_SECOND;
}

/**
 * The token world's task (SPEC 10e): n + nTest strings through the filter, 2 T H^2 each, and x = alpha W, H p;
 * each head on the smaller Gram (n p min(n, p)) with the structured risks (n p (n + H + k) on the dual side);
 * preparing: S_alpha (sAlphaWork, shared by the sizes of a features sweep but counted per size) and F = L^T W (H^2 p).
 */
function tokenWork(settings: ExperimentSettings, p: number, replicates: number): number {
  const ts = tokenSettingsOf(settings);
  const H = hiddenStates(ts.scaling, ts.H, p);
  const { n, nTest, T } = settings;
  const k = ts.k;
  const small = Math.min(n, p);
  const sampling = (n + nTest) * (2 * T * H * H + H * p);
  const heads = settings.heads.length * (n * p * small + n * p * (n + H + k) + nTest * p * k);
  const prepare = sAlphaWork(ts, p) + H * H * p + H * H * H;
  return sampling + heads + prepare / replicates;
}
