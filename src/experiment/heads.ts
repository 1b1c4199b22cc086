/**
 * The heads of a replicate, whatever the world: their plans from the size's spectrum (SPEC 6 and 9), their
 * fits on a training sample measured against an explicit population and a test sample, and the records.
 */
import { factorGram, solveGram, type MinNormFactor } from "../head/minnorm.js";
import { gcvLambda, gramSpectrumUnchecked } from "../head/ridge-gcv.js";
import type { Sample } from "../hmm/sample.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import type { MeasuredHead } from "../risk/diagonal-risks.js";
import { measureMinNorm, type HeadRisks } from "../risk/minnorm-risks.js";
import { oracleRiskParts, type RiskPopulation } from "../risk/oracle.js";
import { meanSquaredError } from "../risk/test-risk.js";
import type { RiskParts } from "../theory/index.js";
import { ridgeTheoryUnchecked } from "../theory/ridge-general.js";
import { headTheoryAtUnchecked } from "./head-theory.js";
import { headLabel, type ExperimentSettings, type HeadSpec } from "./settings.js";
import type { SizeSpectrum } from "../theory/types.js";
import { spectrumMinNormTheoryUnchecked } from "./theory.js";
import type { HeadPlan, HeadTheory, ReplicateResult, WorldSize } from "./world.js";

/** A head's measured risks and the lambda it used, as given (0: the min-norm fit). */
export type LambdaHead = MeasuredHead & { lambda: number };

/** The theory of a head that has none yet (ridge-gcv before it sees its sample). */
const NO_THEORY: HeadTheory = { bias: NaN, variance: NaN, excess: NaN, risk: NaN };

/**
 * Every head's plan from the size's spectrum: min-norm (SPEC 6), ridge at its lambda and ridge-opt (SPEC 9);
 * ridge-gcv has none until it sees its sample.
 * @param heads the heads (checked settings)
 * @param spectrum the size's spectrum
 * @param n training samples
 * @returns the min-norm theory and one plan per head
 * @throws as spectrumMinNormTheory, ridgeTheory and optimalRidgeTheory
 */
export function headPlansOf(heads: HeadSpec[], spectrum: SizeSpectrum, n: number): { theory: RiskParts; headPlans: HeadPlan[] } {
  const theory = spectrumMinNormTheoryUnchecked(spectrum, n);
  const headPlans = heads.map((head): HeadPlan => {
    if (head.kind === "minnorm") return { lambda: 0, theory };
    const t = headTheoryAtUnchecked(head, spectrum, n);
    return t === undefined ? { lambda: NaN, theory: NO_THEORY } : { lambda: t.lambda, theory: t };
  });
  return { theory, headPlans };
}

/**
 * Per head, its lambda when the model fixes it, or "gcv" when the training sample chooses it.
 * @param heads the heads
 * @param plans their plans (headPlansOf)
 */
export function headLambdas(heads: HeadSpec[], plans: HeadPlan[]): (number | "gcv")[] {
  return heads.map((head, h) => (head.kind === "ridge-gcv" ? "gcv" : plans[h]!.lambda));
}

/**
 * Fits every head on the training sample and measures it against the population and the test sample; a head
 * at lambda 0 is the min-norm fit (with its conditional bias and variance), "gcv" picks lambda by gcvLambda.
 * The samples are the replicate's own, so the heads and risks run unvalidated (validate at the boundary).
 * @param lambdas per head, its lambda or "gcv" (headLambdas)
 * @param pop the population (Lx, B*, tr(Se))
 * @param train n training pairs
 * @param test nTest test pairs
 * @param LxtBstar Lx^T B* (p x k) on the dual side (p > n), where the min-norm risks fold through it
 * @param minNormRisks the min-norm head's risks from its factor (default measureMinNorm on pop and LxtBstar): a
 *   world whose Sx has structure measures it faster
 */
export function measureHeads(
  lambdas: (number | "gcv")[],
  pop: RiskPopulation,
  train: Sample,
  test: Sample,
  LxtBstar?: Matrix,
  minNormRisks: (factor: MinNormFactor, Y: Matrix, test: Sample) => HeadRisks = (f, Y, t) => measureMinNorm(pop, f, Y, t, LxtBstar),
): LambdaHead[] {
  let minNorm: MinNormFactor | undefined;
  const n = train.X.rows;
  return lambdas.map((chosen) => {
    const lambda = chosen === "gcv" ? gcvLambda(gramSpectrumUnchecked(train.X, train.Y), n) : chosen;
    if (lambda > 0) {
      const factor = factorGram(train.X, n * lambda);
      const B = solveGram(factor, train.Y);
      const testRisk = meanSquaredError(test.Y, matmulUnchecked(test.X, B));
      return { path: factor.path, lambda, risks: { ...oracleRiskParts(pop, B), testRisk, biasX: NaN, varX: NaN } };
    }
    minNorm ??= factorGram(train.X, 0);
    return { path: minNorm.path, lambda, risks: minNormRisks(minNorm, train.Y, test) };
  });
}

/** What a world with an exact population records beside each head: no theory error, no token diagnostics. */
const NO_EXTRA = { theoryRiskSe: () => 0, gramMin: NaN, gaussianGramMin: NaN, statesNeverTop: NaN };

/**
 * The records of replicate r: per head its measured risks, the size's noise and the head's theory (ridge-gcv's
 * at the lambda its sample chose, SPEC 9).
 * @param settings checked settings (n and heads)
 * @param size the size the replicate ran on
 * @param r replicate index
 * @param measured per head (settings.heads order), its risks and lambda
 * @param extra the theory's Monte Carlo error per head at its lambda, and the world's diagnostics (none by default)
 * @throws as ridgeTheory, for ridge-gcv
 */
export function replicateRecords(
  settings: ExperimentSettings,
  size: WorldSize,
  r: number,
  measured: LambdaHead[],
  extra: Pick<ReplicateResult, "gramMin" | "gaussianGramMin" | "statesNeverTop"> & { theoryRiskSe: (head: number, lambda: number) => number } = NO_EXTRA,
): ReplicateResult[] {
  const { spectrum, p } = size;
  return settings.heads.map((head, h): ReplicateResult => {
    const { path, risks, lambda } = measured[h]!;
    const t =
      head.kind === "ridge-gcv"
        ? ridgeTheoryUnchecked(spectrum.eigenvalues, spectrum.weights, spectrum.noise, settings.n, lambda)
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
      theoryRiskSe: extra.theoryRiskSe(h, lambda),
      gramMin: extra.gramMin,
      gaussianGramMin: extra.gaussianGramMin,
      statesNeverTop: extra.statesNeverTop,
      lambda,
    };
  });
}
