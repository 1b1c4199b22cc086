/** The report: a sweep's summary and records as CSV, an SVG plot, a terminal table and a verdict in words. */
export type { ReplicateResult, SummaryRow } from "./types.js";
export {
  parseReplicatesCsv,
  parseSummaryCsv,
  replicatesCsv,
  REPLICATE_COLUMNS,
  replicateColumns,
  summaryCsv,
  SUMMARY_COLUMNS,
  summaryColumns,
} from "./csv.js";
export { formatExact, parseExact } from "./format.js";
export { plotSvg, type PlotOptions } from "./svg.js";
export { summaryTable } from "./table.js";
export { verdict } from "./verdict.js";
export { GAUSSIAN_EQUIVALENT_LABEL, theoryTracking, worldPlotOptions, worldVerdict } from "./theory-tracking.js";
