/**
 * A replicate of the Gaussian world: n training and nTest test pairs from the size's sampler, every head
 * fitted and measured (SPEC sections 5-9).
 */
import { sampleMarginalIntoUnchecked, sampleSequentialInto, type Sample } from "../../hmm/sample.js";
import { matrix } from "../../linalg/matrix.js";
import { diagonalRisks } from "../../risk/diagonal-risks.js";
import { RandomStream } from "../../rng/stream.js";
import { headLambdas, measureHeads, replicateRecords, type LambdaHead } from "../heads.js";
import type { ExperimentSettings } from "../settings.js";
import type { ReplicateResult } from "../world.js";
import { gaussianSize, type ExplicitSizeContext, type SizeContext, type SpectralSizeContext } from "./size.js";

/**
 * Replicate r of a size: from stream (seed, p, r + 1), the model redrawn first when settings.fixedModel is
 * false, then the samples, the heads and their risks. Internal: settings and r are checked.
 * @param settings checked settings (those of ctx)
 * @param ctx the size (gaussianSize)
 * @param r replicate index, integer >= 0
 * @returns one result per head, in settings.heads order
 * @throws {NoConvergenceError} an eigensolver (fallback path, or the redrawn model's theory) failed.
 * @throws {HeadtuneError} code E_NON_FINITE: a product or a risk overflows f64 (the message names it).
 */
export function gaussianReplicate(settings: ExperimentSettings, ctx: SizeContext, r: number): ReplicateResult[] {
  const stream = RandomStream.unchecked(settings.seed, ctx.p, r + 1);
  const size = settings.fixedModel ? ctx : gaussianSize(settings, ctx.p, stream);
  const measured = size.sampler === "spectral" ? spectralRisks(settings, size, stream) : explicitRisks(settings, size, stream);
  return replicateRecords(settings, size, r, measured);
}

/** The sequential or marginal sampler: n training and nTest test pairs of the explicit model, then every head. */
function explicitRisks(settings: ExperimentSettings, size: ExplicitSizeContext, stream: RandomStream): LambdaHead[] {
  const { model, marginal } = size;
  const draw = (n: number): Sample => {
    const out = { X: matrix(n, size.p), Y: matrix(n, model.k) };
    if (marginal !== undefined) sampleMarginalIntoUnchecked(marginal, stream, out);
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
  const heads = headLambdas(settings.heads, size.headPlans).map((lambda) => ({ lambda, conditional: lambda === 0 }));
  return diagonalRisks(size.diagonal, settings.n, settings.nTest, heads, stream);
}
