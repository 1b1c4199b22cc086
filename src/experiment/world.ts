/**
 * A world: the pre-trained model family an experiment measures heads on, behind one interface so that the
 * sweep, the worker and the reports run any world the settings choose (experiment/worlds.ts picks it).
 */
import type { RiskParts, SizeSpectrum } from "../theory/types.js";
import type { MemoryStep } from "../wasm/memory.js";
import type { ExperimentSettings } from "./settings.js";

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
  /** The Monte Carlo error of theoryRisk: 0 when the population is exact; the token world's S_alpha halves' spread otherwise (SPEC 10c). */
  theoryRiskSe: number;
  /** Token world diagnostics (SPEC 10d), NaN elsewhere: lambda_min of the smaller Gram of the training X, the same for a Gaussian design with the same Sx (one draw per size), and the states never the most likely one in the training set. */
  gramMin: number;
  gaussianGramMin: number;
  statesNeverTop: number;
  /** The ridge penalty the head used, as given: 0 for min-norm (and ridge-opt when min-norm is best), chosen by ridge-opt and ridge-gcv. */
  lambda: number;
}

/** The theory columns of a replicate's result. */
export type HeadTheory = Pick<RiskParts, "bias" | "variance" | "excess" | "risk">;

/** A head's lambda (0: the min-norm fit) and theory as fixed by the model; NaN for ridge-gcv (chosen per sample). */
export interface HeadPlan {
  lambda: number;
  theory: HeadTheory;
}

/** What every world's size keeps across its replicates (a world's own size context extends it). */
export interface WorldSize {
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

/**
 * What a world implements: three pure functions of checked settings, which the public functions
 * (experiment/public.ts) and the sweep's task runner call after validating once; none validates again.
 *  - prepareSize(settings, p): draws the pre-trained model of size p from stream (seed, p, 0), and computes
 *    once its population (Sx, B*, Se), the spectrum of Sx with B*'s weights, the min-norm theory (SPEC 6)
 *    and each head's plan (SPEC 9): a Size that extends WorldSize.
 *  - runReplicate(settings, size, r): replicate r of that size from stream (seed, p, r + 1) (redrawing the
 *    model first when settings.fixedModel is false): samples n training and nTest test pairs, fits every head
 *    and measures it; one ReplicateResult per head, in settings.heads order, lambda as the head gave it.
 *  - taskMemorySteps(settings, p): the f64 each step of prepareSize and one runReplicate holds in WebAssembly
 *    memory at once, so that a task that cannot fit is refused before anything is allocated (limits.ts).
 *  - workerHeapBytes(settings, p, wasmBytes): the JavaScript memory of a worker running tasks of size p besides
 *    its WebAssembly memory (wasmBytes, limits.ts's bytes of those steps), an estimate from the top, so that a
 *    sweep refuses more workers than the machine holds (limits.ts workerMemoryBytes, sweep/memory.ts).
 * Each result is a pure function of (settings, p, r): never of the worker, the order or a cache.
 */
export interface World<Size extends WorldSize = WorldSize> {
  /** The value of settings.world that chooses this world. */
  readonly name: string;
  prepareSize(settings: ExperimentSettings, p: number): Size;
  runReplicate(settings: ExperimentSettings, size: Size, r: number): ReplicateResult[];
  taskMemorySteps(settings: ExperimentSettings, p: number): MemoryStep[];
  workerHeapBytes(settings: ExperimentSettings, p: number, wasmBytes: number): number;
}
