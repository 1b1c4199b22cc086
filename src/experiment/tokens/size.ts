/**
 * A size of the token world (SPEC 10) as the sweep keeps it: the model of src/tokens (world, S_alpha,
 * representation, population), the Gaussian-equivalent theory of every head (SPEC 10d, an approximation here)
 * with its Monte Carlo error from S_alpha's halves.
 */
import { assertTokenSize, gaussianGramReference, tokenSizeModel, type TokenSizeModel } from "../../tokens/size.js";
import { withMonteCarloError } from "../../tokens/theory.js";
import { headTheoryAtUnchecked } from "../head-theory.js";
import { headPlansOf } from "../heads.js";
import { tokenSettingsOf, type ExperimentSettings } from "../settings.js";
import type { WorldSize } from "../world.js";

/** What a token-world size keeps across its replicates. */
export interface TokenSizeContext extends WorldSize {
  world: "tokens";
  model: TokenSizeModel;
  /** Per head: the Monte Carlo error of its theory's risk (NaN for ridge-gcv, whose lambda each sample picks). */
  theorySe: number[];
  /** lambda_min of the smaller Gram of a Gaussian design with this Sx (gaussianGramReference). */
  gaussianGramMin: number;
}

/**
 * Size p of the token world: its model, every head's plan (theory on the Gaussian-equivalent spectrum) and the
 * plans' Monte Carlo errors. Settings checked; p checked against S_alpha's work limit here.
 * @param settings checked settings (world "tokens")
 * @param p model size
 * @throws {TooLargeError} S_alpha of size p is past S_ALPHA_WORK_LIMIT (width and posterior scaling)
 * @throws {NoConvergenceError} an eigensolver or a theory's fixed point failed
 */
export function tokenSize(settings: ExperimentSettings, p: number): TokenSizeContext {
  const ts = tokenSettingsOf(settings);
  assertTokenSize(ts, p);
  const model = tokenSizeModel(ts, p);
  const { population } = model;
  const { spectrum, noise, k } = population;
  const { n, heads } = settings;
  const plans = headPlansOf(heads, spectrum, n);
  const theorySe = heads.map((head) =>
    head.kind === "ridge-gcv" ? NaN : withMonteCarloError(model, (s) => headTheoryAtUnchecked(head, s, n)!).se,
  );
  const warnings = model.sAlpha.exact
    ? []
    : [`S_alpha is estimated from M = ${model.sAlpha.M} sequences: the theory carries a Monte Carlo error (theory_risk_se).`];
  const gaussianGramMin = gaussianGramReference({ ...ts, n }, model);
  return { world: "tokens", p, k, noise, spectrum, ...plans, warnings, model, theorySe, gaussianGramMin };
}
