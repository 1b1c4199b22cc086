/**
 * Faults a new user meets on a fresh machine, each run through the built CLI as a user runs it: a results
 * folder that cannot be made fails at once (exit 6, one line naming it) instead of never ending; a negative or
 * non-numeric number gets the same one-line message as any other bad value, from every command; more workers
 * than cores are accepted with a warning; a grid that cannot fit in the machine's memory with the workers asked
 * for is refused before any task (exit 4) with the worker count that would fit.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerMemoryBytes } from "../../src/limits.js";
import { MEMORY_SHARE } from "../../src/sweep/memory.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { experimentSettings } from "../../src/sweep/run.js";
import { machineMemory } from "../../src/sweep/workers.js";
import { requireBundles } from "../sweep/bundles.js";
import { expectUserError, startCli, writeJson, type Run } from "./headtune.js";

const root = mkdtempSync(join(tmpdir(), "headtune-fresh-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(requireBundles);

/** Each run is bounded: a hang (the fault being tested) fails the test instead of stalling the run. */
const BOUND = { timeout: 20_000 };

function headtune(args: string[]): Promise<Run> {
  return startCli(root, args).finished;
}

describe("a results folder that cannot be made or written", () => {
  it.each([
    ["under /proc (mkdir -p never returned there)", "/proc/headtune-x", /ENOENT.*'\/proc\/headtune-x'/],
    ["below a file", "afile/sub", /EEXIST/],
  ])("%s: exit 6 at once, one line naming the folder", BOUND, async (_what, out, cause) => {
    writeFileSync(join(root, "afile"), "");
    const run = await headtune(["sweep", "--preset", "quick", "--out", out]);
    expectUserError(run, 6, new RegExp(`^headtune: error: the results folder ${out.replace(/\//g, "\\/")} cannot be created or written: `));
    expect(run.stderr).toMatch(cause);
  });
});

describe("a bad number: one message form, whatever the argument parser would say", () => {
  let model: string;

  beforeAll(async () => {
    const run = await headtune(["model", "--p", "6", "--json"]);
    expect(run.code).toBe(0);
    model = join(root, "m.json");
    writeFileSync(model, run.stdout);
  });

  it.each(["-5", "abc", "2.5", "-Infinity", ""])("headtune fit --n %j: exit 2, --n must be an integer >= 1", BOUND, async (value) => {
    const run = await headtune(["fit", "--model", model, "--n", value]);
    expectUserError(run, 2, new RegExp(`^headtune: error: --n must be an integer >= 1\\. Value: "${value}"\\.\\n$`));
  });

  it.each([
    [["--workers", "-3"], /--workers must be an integer >= 0\. Value: "-3"\./],
    [["--seed", "-1"], /--seed must be an integer >= 0\. Value: "-1"\./],
    [["--replicates", "-2"], /--replicates must be an integer from 1 to 1000000\. Value: "-2"\./],
    [["--task-timeout", "-1"], /--task-timeout must be a number >= 0\. Value: "-1"\./],
    [["--task-timeout", "soon"], /--task-timeout must be a number >= 0\. Value: "soon"\./],
  ])("headtune sweep %j: exit 2, in the same form", BOUND, async (args, pattern) => {
    expectUserError(await headtune(["sweep", "--preset", "quick", ...args]), 2, pattern);
  });

  it("a configuration field says the same words as its flag", BOUND, async () => {
    const file = writeJson(root, "bad-seed.json", { preset: "quick", seed: -1 });
    expectUserError(await headtune(["sweep", "--config", file]), 2, /field "seed" must be an integer >= 0\. Value: -1\./);
  });
});

describe("more workers than cores", () => {
  it("are accepted, with a warning on stderr naming both numbers", BOUND, async () => {
    const cores = availableParallelism();
    const workers = cores + 3;
    const run = await headtune(["sweep", "--preset", "quick", "--replicates", "1", "--workers", String(workers), "--out", "many", "--quiet"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`headtune: warning: --workers ${workers} exceeds the ${cores} cores of this machine`);
    const fewer = await headtune(["sweep", "--preset", "quick", "--replicates", "1", "--workers", String(cores), "--out", "fewer", "--quiet"]);
    expect(fewer.code).toBe(0);
    expect(fewer.stderr).not.toContain("warning");
  });
});

describe("a grid too large for the machine's memory with the workers asked for", () => {
  it("is refused before any task: exit 4, one line naming the size, the memory and the workers that fit", BOUND, async () => {
    // With the sequential sampler p = 8000 fits WebAssembly memory (up to p = 11,580) but needs about 10 GB a
    // worker: one more worker than this machine's memory holds. Were it not refused, the first task alone would
    // run for many minutes.
    const p = 8000;
    const perWorker = workerMemoryBytes({ ...experimentSettings(presetConfig("paper")), sampler: "sequential" }, p);
    const fit = Math.floor((MEMORY_SHARE * (await machineMemory())!) / perWorker);
    const workers = fit + 1;
    const file = writeJson(root, "huge.json", { preset: "paper", sampler: "sequential", replicates: workers, grid: { p: [p] } });
    const run = await headtune(["sweep", "--config", file, "--workers", String(workers), "--out", "huge"]);
    const advice = fit >= 1 ? `At most ${fit} workers? fits?: use --workers ${fit}\\.` : "Not even one worker fits: the largest model size that fits one worker is p = \\d+\\.";
    expect(run.code).toBe(4);
    // The sweep's first line (what it is about to run), then the refusal, and nothing else: no task ran.
    expect(run.stderr.split("\n")).toEqual([
      expect.stringMatching(/^headtune sweep: paper preset, 1 sizes x \d+ replicates/),
      expect.stringMatching(
        new RegExp(`^headtune: error: model size p = 8000 needs about [\\d.]+ GiB of memory per worker, [\\d.]+ GiB for ${workers} workers?, .*${advice}$`),
      ),
      "",
    ]);
  });
});
