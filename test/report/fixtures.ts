/**
 * Synthetic summaries for the report tests, built from per-output values (noise, bias, variance and a
 * standard error) multiplied by k into the totals a sweep produces.
 */
import type { SummaryRow } from "../../src/report/types.js";
import { finiteTheoryColumns } from "../../src/sweep/aggregate.js";

export interface PerOutput {
  head?: string;
  p: number;
  n?: number;
  k: number;
  noise: number;
  bias: number;
  variance: number;
  /** Standard error of the simulated risk per output. */
  se: number;
  theoryBias?: number;
  theoryVariance?: number;
}

/** A SummaryRow (totals over k) whose simulated means are the given per-output values. */
export function makeRow(v: PerOutput): SummaryRow {
  const { k } = v;
  const n = v.n ?? 200;
  const tb = v.theoryBias ?? v.bias;
  const tv = v.theoryVariance ?? v.variance;
  const head = v.head ?? "minnorm";
  const limit = { noise: v.noise * k, bias: tb * k, variance: tv * k, excess: (tb + tv) * k, risk: (v.noise + tb + tv) * k };
  return {
    head,
    p: v.p,
    gamma: v.p / n,
    replicates: 20,
    k,
    risk_mean: (v.noise + v.bias + v.variance) * k,
    risk_se: v.se * k,
    excess_mean: (v.bias + v.variance) * k,
    excess_se: v.se * k,
    test_risk_mean: (v.noise + v.bias + v.variance) * 1.001 * k,
    test_risk_se: v.se * 1.1 * k,
    bias_mean: v.bias * k,
    bias_se: v.bias === 0 ? 0 : (v.se / 2) * k,
    variance_mean: v.variance * k,
    variance_se: (v.se / 2) * k,
    noise: v.noise * k,
    theory_bias: tb * k,
    theory_variance: tv * k,
    theory_excess: (tb + tv) * k,
    theory_risk: (v.noise + tb + tv) * k,
    ...finiteTheoryColumns(head, v.p, n, limit),
    lambda_mean: 0,
    risk_median: (v.noise + v.bias + v.variance) * 0.98 * k,
    theory_risk_se: 0,
    gram_min_median: NaN,
    gaussian_gram_min_median: NaN,
    states_never_top_mean: NaN,
  };
}

/** Min-norm asymptotic bias and variance per output for noise s2 and signal r2 (isotropic SPEC 6). */
function isotropic(g: number, s2: number, r2: number): { bias: number; variance: number } {
  if (g < 1) return { bias: 0, variance: (s2 * g) / (1 - g) };
  if (g === 1) return { bias: 0, variance: Infinity };
  return { bias: r2 * (1 - 1 / g), variance: s2 / (g - 1) };
}

/** A deterministic relative wiggle of a few percent, standing in for Monte Carlo error. */
function wiggle(p: number): number {
  return 1 + 0.03 * Math.sin(p * 1.7);
}

/**
 * Width-like sweep (k = p, noise per output 1): a degenerate first descent, peak next to g = 1, second
 * descent staying above the smallest size. Includes g = 1 (theory Infinity) when `withPole`.
 */
export function widthRows(withPole = true): SummaryRow[] {
  const ps = [10, 20, 40, 80, 120, 160, 180, 190, ...(withPole ? [200] : []), 210, 250, 300, 400, 600, 800, 1000];
  return ps.map((p) => {
    const g = p / 200;
    const t = isotropic(g, 1, 0.6);
    const bias = g === 1 ? 0.3 : t.bias * wiggle(p);
    const variance = g === 1 ? 60 : t.variance * wiggle(p + 1);
    return makeRow({
      p,
      k: p,
      noise: 1,
      bias,
      variance,
      se: 0.02 + 0.04 * (bias + variance),
      theoryBias: t.bias,
      theoryVariance: t.variance,
    });
  });
}

/**
 * Features-like sweep (d = k = 20 fixed, noise per output falling with p): a real first descent, peak
 * next to g = 1, second descent below the first minimum.
 */
export function featuresRows(): SummaryRow[] {
  const ps = [2, 5, 10, 20, 40, 80, 120, 160, 180, 220, 300, 500, 1000];
  return ps.map((p) => {
    const g = p / 200;
    const noise = 0.3 + (0.9 * 20) / (20 + p);
    const t = isotropic(g, noise, 0.05);
    const bias = t.bias * wiggle(p);
    const variance = t.variance * wiggle(p + 1);
    return makeRow({
      p,
      k: 20,
      noise,
      bias,
      variance,
      se: 0.005 + 0.03 * (bias + variance),
      theoryBias: t.bias,
      theoryVariance: t.variance,
    });
  });
}

/** Rows of a min-norm head with the given per-output risk means and standard errors (k = 5, all noise). */
export function riskRows(points: [p: number, mean: number, se: number][], head = "minnorm"): SummaryRow[] {
  return points.map(([p, mean, se]) => makeRow({ head, p, k: 5, noise: mean, bias: 0, variance: 0, se }));
}
