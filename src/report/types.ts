/**
 * The records a sweep produces, as the report reads them (CONTRACTS.md: "Model, sampling, heads, risk" and
 * "Sweep"). Plain data, no behaviour; type-only imports, so the report loads no WebAssembly. Every risk
 * here is a TOTAL over the k task outputs; the report divides by k where it shows values per output and
 * says so.
 */

/** One replicate of one head at one size (totals over k): defined with the experiment, re-exported here. */
export type { ReplicateResult } from "../experiment/size.js";

/** Aggregate of the replicates of one head at one size p: means, standard errors and theory, totals over k. */
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
  /** tr(Se). */
  noise: number;
  theory_bias: number;
  theory_variance: number;
  /** Infinity at g = 1 for the min-norm head. */
  theory_excess: number;
  theory_risk: number;
}
