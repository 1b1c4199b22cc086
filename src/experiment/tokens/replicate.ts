/**
 * A replicate of the token world: n training and nTest test pairs of token strings through the Bayes filter and
 * the representation, every head fitted and measured against the population, with the diagnostics of SPEC 10d.
 */
import { ridgeTheoryUnchecked } from "../../theory/ridge-general.js";
import { structuredMinNormRisks } from "../../tokens/risks.js";
import { drawTokenReplicate } from "../../tokens/size.js";
import { withMonteCarloError } from "../../tokens/theory.js";
import { headLambdas, measureHeads, replicateRecords } from "../heads.js";
import type { ExperimentSettings } from "../settings.js";
import type { ReplicateResult } from "../world.js";
import { tokenSettingsOf } from "../settings.js";
import type { TokenSizeContext } from "./size.js";

/**
 * Replicate r of a token-world size from stream (seed, p, r + 1). The world is fixed (settings.fixedModel is the
 * Gaussian world's). Internal: settings and r are checked.
 * @param settings checked settings (world "tokens")
 * @param ctx the size (tokenSize)
 * @param r replicate index, integer >= 0
 * @returns one result per head, in settings.heads order
 * @throws {NoConvergenceError} an eigensolver (fallback path, diagnostics) failed
 * @throws {HeadtuneError} code E_NON_FINITE: a product or a risk overflows f64 (the message names it)
 */
export function tokenReplicate(settings: ExperimentSettings, ctx: TokenSizeContext, r: number): ReplicateResult[] {
  const { n, nTest } = settings;
  const { model } = ctx;
  const draw = drawTokenReplicate({ ...tokenSettingsOf(settings), n, nTest }, model, r);
  const { Bstar } = model.population;
  const pop = { Lx: model.Lx, F: model.population.F, sU: model.rep.sU, Bstar, noise: ctx.noise };
  const measured = measureHeads(headLambdas(settings.heads, ctx.headPlans), pop, draw.train, draw.test, undefined, (factor, Y, test) =>
    structuredMinNormRisks(pop, factor, Y, test),
  );
  return replicateRecords(settings, ctx, r, measured, {
    gramMin: draw.gramMin,
    gaussianGramMin: ctx.gaussianGramMin,
    statesNeverTop: draw.statesNeverTop,
    theoryRiskSe: (h, lambda) =>
      settings.heads[h]!.kind === "ridge-gcv"
        ? withMonteCarloError(model, (s) => ridgeTheoryUnchecked(s.eigenvalues, s.weights, s.noise, n, lambda)).se
        : ctx.theorySe[h]!,
  });
}
