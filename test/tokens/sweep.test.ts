import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ArgumentError, TooLargeError } from "../../src/errors.js";
import { prepareSize } from "../../src/experiment/public.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { runSweep, type SweepResult } from "../../src/sweep/run.js";
import { parseSweepConfig, type SweepConfig } from "../../src/sweep/schema.js";
import { requireBundles, testWorkerFactory } from "../sweep/bundles.js";
import { resultFiles } from "../sweep/result-files.js";
import { parseReplicatesCsv, parseSummaryCsv, summaryColumns } from "../../src/report/index.js";
import { readResults, startCli, writeJson } from "../cli/headtune.js";

/** A small token sweep: S_alpha sampled (V^T = 32^5 > 10^6), both sides of n, every head kind. */
const small: SweepConfig = {
  ...presetConfig("tokens"),
  H: 8,
  T: 5,
  n: 40,
  nTest: 20,
  grid: { p: [3, 8, 20, 60] },
  replicates: 3,
  heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }, { kind: "ridge-opt" }, { kind: "ridge-gcv" }],
};

let reference: SweepResult;

beforeAll(async () => {
  requireBundles();
  reference = await runSweep(small, { workers: 0 });
});

describe("a token-world sweep", () => {
  it("records the theory's Monte Carlo error, the median and the diagnostics", () => {
    for (const row of reference.summary) {
      expect(Number.isFinite(row.risk_median)).toBe(true);
      expect(Number.isFinite(row.gram_min_median)).toBe(true);
      expect(Number.isFinite(row.gaussian_gram_min_median)).toBe(true);
      expect(row.states_never_top_mean).toBeGreaterThanOrEqual(0);
      expect(row.theory_risk_se).toBeGreaterThan(0);
    }
  });

  it("writes summary.csv and replicates.csv with the theory named gaussian_theory_*, which read back to the sweep's rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "headtune-tokens-"));
    writeJson(dir, "small.json", small);
    const run = await startCli(dir, ["sweep", "--config", "small.json", "--workers", "0", "--out", "out", "--quiet"]).finished;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("G-eq. risk (n)");
    const [replicates, summary] = readResults(join(dir, "out")) as [string, string];
    rmSync(dir, { recursive: true, force: true });
    expect([replicates, summary]).toEqual(resultFiles(reference));
    expect(summary.slice(0, summary.indexOf("\n"))).toBe(summaryColumns("tokens").join(","));
    expect(summary.slice(0, summary.indexOf("\n"))).not.toMatch(/(^|,)theory_/);
    expect(parseSummaryCsv(summary)).toEqual(reference.summary);
    expect(parseReplicatesCsv(replicates)).toEqual(reference.records);
  }, 60_000);

  it.each([1, 2])("gives the same files bit for bit on %i worker threads", async (workers) => {
    const result = await runSweep(small, { workers, workerFactory: await testWorkerFactory() });
    expect(resultFiles(result)).toEqual(resultFiles(reference));
  });
});

describe("token settings", () => {
  it.each([
    [{ H: undefined }, /field "H" is required by the token world/],
    [{ rho: 1 }, /field "rho" must be below 1 in the token world/],
    [{ beta: 0 }, /field "beta" must be a number > 0/],
    [{ V: 1 }, /field "V" must be an integer >= 2/],
    [{ scaling: "linear" }, /field "scaling" must be "features", "width" or "posterior" in the token world/],
    [{ world: "gaussian", scaling: "posterior" }, /field "scaling" is "posterior", which only the token world has/],
  ] as [Partial<SweepConfig>, RegExp][])("refuses %o in one line", (bad, message) => {
    const f = (): SweepConfig => parseSweepConfig({ ...small, ...bad });
    expect(f).toThrow(ArgumentError);
    expect(f).toThrow(message);
    try {
      f();
    } catch (err) {
      expect((err as Error).message).not.toContain("\n");
    }
  });

  it("refuses a size whose S_alpha is past the work limit, before drawing it", () => {
    expect(() => prepareSize({ ...small, scaling: "width", mPop: undefined }, 2000)).toThrow(TooLargeError);
    expect(() => prepareSize({ ...small, scaling: "width", mPop: undefined }, 2000)).toThrow(/^p = 2000 needs .* flops for S_alpha under width scaling/);
  });
});
