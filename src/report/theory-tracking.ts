/**
 * Where a Gaussian-equivalent theory stops tracking the simulation (SPEC 10d): the token world's theory is exact
 * only for Gaussian features with the same moments, so the verdict says at which sizes it holds. A size is
 * tracked when the simulated mean risk is within TRACKING_RTOL of the theory, or within 3 combined standard
 * errors sqrt(se_sim^2 + se_theory^2) (the theory's own Monte Carlo error, from S_alpha's halves).
 */
import type { ExperimentScaling, WorldName } from "../experiment/settings.js";
import { formatCompact, formatSig } from "./format.js";
import { groupByHead, primarySeries } from "./rows.js";
import type { SummaryRow } from "./types.js";
import { verdict } from "./verdict.js";

/** How the token world names its theory wherever it is shown: a Gaussian-equivalent approximation (SPEC 10d). */
export const GAUSSIAN_EQUIVALENT_LABEL = "Gaussian-equivalent theory (approximation)";

/**
 * A world's name for its theory in a legend or a cell's description.
 * @param world "gaussian" (the default: "theory") or "tokens" (GAUSSIAN_EQUIVALENT_LABEL)
 */
export function theoryLabel(world: WorldName = "gaussian"): string {
  return world === "tokens" ? GAUSSIAN_EQUIVALENT_LABEL : "theory";
}

/** Relative gap under which theory and simulation are said to agree. */
export const TRACKING_RTOL = 0.1;

/** One size of one head: the simulated risk (mean, its se, median) and the theory with its Monte Carlo error. */
export type TrackedSize = Pick<SummaryRow, "p" | "gamma" | "risk_mean" | "risk_se" | "risk_median" | "theory_risk" | "theory_risk_se">;

/** Whether the theory tracks the simulation at a size (see the file header). */
function tracks(s: TrackedSize): boolean {
  const gap = Math.abs(s.risk_mean - s.theory_risk);
  const se = Math.sqrt((Number.isFinite(s.risk_se) ? s.risk_se ** 2 : 0) + s.theory_risk_se ** 2);
  return gap <= TRACKING_RTOL * Math.abs(s.theory_risk) || gap <= 3 * se;
}

/**
 * One sentence: the sizes where the approximate theory tracks the simulated mean risk, the first size from
 * which it does not, and the worst ratio of mean (and median) to theory there.
 * @param sizes one head's sizes, p ascending, with finite theory
 * @example theoryTracking(rows) // "The Gaussian-equivalent theory (an approximation in this world) tracks ... up to g = 0.12 (p = 25); ..."
 */
export function theoryTracking(sizes: TrackedSize[]): string {
  const pts = sizes.filter((s) => Number.isFinite(s.theory_risk) && s.theory_risk > 0 && Number.isFinite(s.risk_mean));
  const lead = "The Gaussian-equivalent theory (an approximation in this world)";
  if (pts.length === 0) return `${lead} has no finite value to compare.`;
  const where = (s: TrackedSize): string => `g = ${formatCompact(s.gamma, 3)} (p = ${s.p})`;
  const ratio = (s: TrackedSize): number => s.risk_mean / s.theory_risk;
  const worst = pts.reduce((a, b) => (Math.abs(Math.log(ratio(b))) > Math.abs(Math.log(ratio(a))) ? b : a));
  const worstText = `simulated mean / theory = ${formatSig(ratio(worst), 3)} (median / theory ${formatSig(worst.risk_median / worst.theory_risk, 3)}) at ${where(worst)}`;
  const first = pts.findIndex((s) => !tracks(s));
  if (first < 0) return `${lead} tracks the simulated mean risk within ${TRACKING_RTOL * 100}% or 3 se at every size; largest gap: ${worstText}.`;
  const upTo = first === 0 ? "at no size" : `up to ${where(pts[first - 1]!)}`;
  return `${lead} tracks the simulated mean risk within ${TRACKING_RTOL * 100}% or 3 se ${upTo} and stops at ${where(pts[first]!)}; largest gap: ${worstText}.`;
}

/** How the token world's verdict names the scalings it shares with the Gaussian world (its hidden size is H, not d). */
const TOKEN_SCALING_NAMES: Partial<Record<ExperimentScaling, string>> = {
  features: "Features scaling (H fixed)",
  width: "Width scaling (H = p)",
};

/**
 * The sweep's verdict (verdict.ts) and, in the token world, where its Gaussian-equivalent theory stops tracking
 * the simulation (theoryTracking on the judged head).
 * @param rows the summary (totals over k)
 * @param settings the sweep's scaling and world
 * @throws as verdict
 * @example worldVerdict(result.summary, config)
 */
export function worldVerdict(rows: SummaryRow[], settings: { scaling: ExperimentScaling; world?: WorldName }): string {
  const tokens = settings.world === "tokens";
  const text = verdict(rows, settings.scaling, tokens ? { scaling: TOKEN_SCALING_NAMES[settings.scaling], theory: "the Gaussian-equivalent theory" } : {});
  const primary = tokens ? primarySeries(groupByHead(rows)) : undefined;
  return primary === undefined ? text : `${text} ${theoryTracking(primary.rows)}`;
}

/**
 * How a world's plot names its theory and whether it marks medians: the token world's theory is a
 * Gaussian-equivalent approximation (SPEC 10d) and its mean can be ruled by rare huge values.
 * @example plotSvg(result.summary, { title, ...worldPlotOptions(config) })
 */
export function worldPlotOptions(settings: { world?: WorldName }): { theoryLabel: string; median: boolean } {
  return { theoryLabel: theoryLabel(settings.world), median: settings.world === "tokens" };
}
