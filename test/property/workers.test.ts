/**
 * Fuzzing worker threads: small valid configurations of either world run by runSweep on 1 and on 2 worker
 * threads (the bundled worker); the files (replicates.csv, summary.csv) must be byte-identical, and a
 * configuration one refuses the other must refuse too (not always with the same error: see below). Each case starts two pools (about
 * 0.6 s), so the campaign runs 200 cases, not 10,000.
 */
import fc from "fast-check";
import { describe } from "vitest";
import { parseSweepConfig, resolveSizes, runSweep, experimentSettings, type SweepConfig } from "../../src/index.js";
import { replicatesCsv, summaryCsv } from "../../src/report/csv.js";
import { taskWork } from "../../src/sweep/cost.js";
import { requireBundles, testWorkerFactory } from "../sweep/bundles.js";
import { smallConfig, tokenConfig } from "./generators/config.js";
import { fuzzSurface, typedOutcome } from "./harness.js";

/** Work (flops) of a whole sweep run here: some tens of milliseconds. */
const SWEEP_WORK = 1e8;

/** A small configuration's sweep is cheap enough (its tasks' work, taskWork, summed). */
function cheap(config: SweepConfig): boolean {
  try {
    const checked = parseSweepConfig(config);
    const settings = experimentSettings(checked);
    const { sizes } = resolveSizes(checked);
    return checked.n <= 64 && sizes.every((p) => p <= 64) && sizes.reduce((sum, p) => sum + checked.replicates * taskWork(settings, p, 1), 0) <= SWEEP_WORK;
  } catch {
    // Refused configurations are cheap: each pool size must refuse them alike.
    return true;
  }
}

/** The sweep's files, or its error's code and message. */
async function files(config: SweepConfig, workers: number): Promise<string> {
  try {
    const result = await runSweep(config, { workers, workerFactory: await testWorkerFactory() });
    return `${replicatesCsv(result.records)}\n${summaryCsv(result.summary)}`;
  } catch (err) {
    return `${typedOutcome(err)}: ${(err as Error).message}`;
  }
}

describe("worker threads", () => {
  requireBundles();
  fuzzSurface(
    "workers",
    fc.oneof(smallConfig, tokenConfig).filter(cheap),
    async (config) => {
      const [one, two] = [await files(config, 1), await files(config, 2)];
      // When two tasks fail for different reasons, the error reported is the first to arrive, which the
      // scheduling decides: a refusal on both is all that is asked of a failed sweep (it writes no file).
      if (one.startsWith("E_") && two.startsWith("E_")) return "refused on 1 and 2 workers";
      if (one !== two) throw new Error(`the files differ on 1 and 2 workers (${one.length} and ${two.length} characters): ${JSON.stringify(config)}`);
      return "identical files on 1 and 2 workers";
    },
    { seed: 29, sample: 8, caseLimitMs: 30_000, campaignRuns: 200 },
  );
});
