/** Aggregation of a sweep's replicate results into one summary row per (head, model size). */
import type { ReplicateResult } from "../experiment/world.js";
import { minNormFiniteN } from "../theory/finite.js";
import type { RiskParts } from "../theory/types.js";
import { median } from "../median.js";

/** Means and standard errors over the replicates of one head at one size p, with the theory; totals over k. */
export interface SummaryRow {
  head: string;
  p: number;
  /** g = p / n. */
  gamma: number;
  replicates: number;
  k: number;
  risk_mean: number;
  risk_se: number;
  excess_mean: number;
  excess_se: number;
  test_risk_mean: number;
  test_risk_se: number;
  bias_mean: number;
  bias_se: number;
  variance_mean: number;
  variance_se: number;
  /** tr(Se), averaged over replicates (constant when the model is fixed). */
  noise: number;
  theory_bias: number;
  theory_variance: number;
  theory_excess: number;
  theory_risk: number;
  /**
   * The finite-n theory at n (SPEC 6, "Finite n"; theory/finite.ts) for the min-norm head: what the simulated
   * means should show, where theory_* is the limit n -> infinity. Ridge heads have no finite-n form here: their
   * theory_finite_* equal their theory_*.
   */
  theory_finite_bias: number;
  theory_finite_variance: number;
  theory_finite_excess: number;
  theory_finite_risk: number;
  /** The head's lambda, averaged over replicates (0 for min-norm; ridge-gcv chooses one per replicate). */
  lambda_mean: number;
  /** The median of the oracle risk over the replicates (the mean can be ruled by rare huge values, SPEC 10d). */
  risk_median: number;
  /** The theory's Monte Carlo error (0 when the population is exact), averaged over replicates. */
  theory_risk_se: number;
  /** Token world diagnostics (SPEC 10d; NaN elsewhere): medians of lambda_min of the smaller Gram, for the sample and a Gaussian design with the same Sx, and the mean count of states never the most likely one. */
  gram_min_median: number;
  gaussian_gram_min_median: number;
  states_never_top_mean: number;
}

/** A summary row's finite-n theory columns. */
export type FiniteTheoryColumns = Pick<SummaryRow, "theory_finite_bias" | "theory_finite_variance" | "theory_finite_excess" | "theory_finite_risk">;

/**
 * Records in canonical order: p ascending, then replicate ascending, then the heads' order within a replicate.
 * @param records results in any order; records of one (p, replicate) must be in the heads' order
 */
function sortRecords(records: readonly ReplicateResult[]): ReplicateResult[] {
  return records
    .map((record, i) => ({ record, i }))
    .sort((a, b) => a.record.p - b.record.p || a.record.replicate - b.record.replicate || a.i - b.i)
    .map(({ record }) => record);
}

/**
 * For each head and size p: mean and standard error sd / sqrt(R) (sd with R - 1 degrees of freedom; NaN
 * when R = 1) of the oracle risk, excess, test risk, bias_X and var_X over the R replicates, and the means of
 * the noise and the theory values the records carry. Sums run in replicate order, so equal records give
 * bit-identical rows.
 * @param records results of a sweep (any order)
 * @param n training samples (gamma = p / n)
 * @returns rows by head (in order of first appearance in canonical order), then p ascending
 * @example summarize(result.records, config.n)
 */
export function summarize(records: readonly ReplicateResult[], n: number): SummaryRow[] {
  const groups = new Map<string, Map<number, ReplicateResult[]>>();
  for (const record of sortRecords(records)) {
    let byP = groups.get(record.head);
    if (!byP) groups.set(record.head, (byP = new Map()));
    const group = byP.get(record.p);
    if (group) group.push(record);
    else byP.set(record.p, [record]);
  }
  const rows: SummaryRow[] = [];
  for (const [head, byP] of groups) {
    for (const [p, group] of byP) {
      const stat = (field: keyof ReplicateResult) => meanAndSe(group.map((record) => record[field] as number));
      const mean = (field: keyof ReplicateResult) => stat(field).mean;
      const risk = stat("oracleRisk");
      const excess = stat("excess");
      const test = stat("testRisk");
      const bias = stat("biasX");
      const variance = stat("varX");
      rows.push({
        head,
        p,
        gamma: p / n,
        replicates: group.length,
        k: group[0]!.k,
        risk_mean: risk.mean,
        risk_se: risk.se,
        excess_mean: excess.mean,
        excess_se: excess.se,
        test_risk_mean: test.mean,
        test_risk_se: test.se,
        bias_mean: bias.mean,
        bias_se: bias.se,
        variance_mean: variance.mean,
        variance_se: variance.se,
        noise: mean("noise"),
        theory_bias: mean("theoryBias"),
        theory_variance: mean("theoryVariance"),
        theory_excess: mean("theoryExcess"),
        theory_risk: mean("theoryRisk"),
        ...finiteTheoryColumns(head, p, n, {
          noise: mean("noise"),
          bias: mean("theoryBias"),
          variance: mean("theoryVariance"),
          excess: mean("theoryExcess"),
          risk: mean("theoryRisk"),
        }),
        lambda_mean: mean("lambda"),
        risk_median: median(group.map((record) => record.oracleRisk)),
        theory_risk_se: mean("theoryRiskSe"),
        gram_min_median: median(group.map((record) => record.gramMin)),
        gaussian_gram_min_median: median(group.map((record) => record.gaussianGramMin)),
        states_never_top_mean: mean("statesNeverTop"),
      });
    }
  }
  return rows;
}

/**
 * The theory_finite_* columns of a summary row: minNormFiniteN of the limit's means for the min-norm head, with
 * r = rank(Sx) = p (a sweep refuses a singular Sx: population and the diagonal model throw); the mean of the
 * replicates' finite-n values equals it, the correction being linear in (tr(Se), bias, variance) at fixed p.
 * Other heads: the limit itself (ridge-gcv's NaN stays NaN).
 * @param head the row's head label ("minnorm" gets the correction)
 * @param p model size
 * @param n training samples
 * @param limit the row's noise and limit theory (totals over k)
 * @throws as minNormFiniteN
 * @example finiteTheoryColumns("minnorm", 100, 200, { noise: 1, bias: 0, variance: 1, excess: 1, risk: 2 }).theory_finite_variance // 100 / 99
 */
export function finiteTheoryColumns(head: string, p: number, n: number, limit: Omit<RiskParts, "gamma">): FiniteTheoryColumns {
  const f = head === "minnorm" ? minNormFiniteN({ ...limit, gamma: p / n }, p, n) : limit;
  return { theory_finite_bias: f.bias, theory_finite_variance: f.variance, theory_finite_excess: f.excess, theory_finite_risk: f.risk };
}

/**
 * mean = sum / R and se = sqrt(sum (x - mean)^2 / (R - 1)) / sqrt(R). Equal values give exactly that value
 * as the mean (a plain sum may round), with se 0 when finite and R > 1, else NaN.
 */
function meanAndSe(values: number[]): { mean: number; se: number } {
  const R = values.length;
  const first = values[0]!;
  if (values.every((v) => Object.is(v, first))) return { mean: first, se: R > 1 && Number.isFinite(first) ? 0 : NaN };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / R;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return { mean, se: Math.sqrt(squares / (R - 1)) / Math.sqrt(R) };
}
