/**
 * The records a sweep produces, as the report reads them (ReplicateResult from experiment/world.ts, SummaryRow
 * from sweep/aggregate.ts; their columns are SPEC sections 5-7's quantities). Plain data, no behaviour; type-only imports, so the report loads no WebAssembly. Every risk
 * here is a TOTAL over the k task outputs; the report divides by k where it shows values per output and
 * says so.
 */

/** One replicate of one head at one size (totals over k): defined with the experiment, re-exported here. */
export type { ReplicateResult } from "../experiment/world.js";

/** Aggregate of the replicates of one head at one size p (totals over k): defined with the aggregation, re-exported here. */
export type { SummaryRow } from "../sweep/aggregate.js";
