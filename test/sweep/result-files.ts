/** The files a sweep writes, as text: what "bit for bit the same result" compares. */
import { replicatesCsv, summaryCsv } from "../../src/report/index.js";
import type { SweepResult } from "../../src/sweep/run.js";

/** replicates.csv and summary.csv of a sweep's result. */
export function resultFiles(result: SweepResult): string[] {
  return [replicatesCsv(result.records, result.config.world), summaryCsv(result.summary, result.config.world)];
}
