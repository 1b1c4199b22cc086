/**
 * headtune map --replicates as a sweep is run: stopped by Ctrl-C and resumed, split into shards and merged,
 * with one worker or two. map.csv and map.svg must be those of one uninterrupted run, bit for bit, and
 * config.json the same apart from how the run went (workers, elapsed time, merged folders). A resume or a
 * merge of another map is refused.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKPOINT } from "../../src/cli/results-folder.js";
import { readRecordsFile } from "../../src/io/records-file.js";
import { requireBundles } from "../sweep/bundles.js";
import { expectUserError, interruptAtTenth, startCli, writeJson, type Run } from "./headtune.js";

const root = mkdtempSync(join(tmpdir(), "headtune-map-runs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BOUND = { timeout: 30_000 };
/** 3 values x 10 sizes x 20 replicates = 600 small tasks: about 2 s on 2 cores, long enough to stop mid-run. */
const TASKS = 600;
const MAP = ["map", "--preset", "quick", "--axis", "rho", "--from", "0.5", "--to", "0.9", "--steps", "3", "--replicates", "20"];
const FILES = ["map.csv", "map.svg"];
let whole: string[];

function headtune(args: string[]): Promise<Run> {
  return startCli(root, args).finished;
}

/** map.csv and map.svg of dir. */
function mapFiles(dir: string): string[] {
  return FILES.map((name) => readFileSync(join(root, dir, name), "utf8"));
}

/** dir's config.json without the fields that say how the run went. */
function metadata(dir: string): Record<string, unknown> {
  const { workers: _w, elapsedSeconds: _e, mergedFrom: _m, resumedTasks: _r, ...rest } = JSON.parse(readFileSync(join(root, dir, "config.json"), "utf8")) as Record<string, unknown>;
  return rest;
}

beforeAll(async () => {
  requireBundles();
  const run = await headtune([...MAP, "--workers", "2", "--out", "whole", "--quiet"]);
  expect(run.code).toBe(0);
  whole = mapFiles("whole");
}, 60_000);

describe("headtune map --replicates: workers, Ctrl-C and --resume", () => {
  it("writes the map, its hash and the task count; one worker gives the same files as two", BOUND, async () => {
    expect(readdirSync(join(root, "whole")).sort()).toEqual(["config.json", "map.csv", "map.svg"]);
    expect(JSON.parse(readFileSync(join(root, "whole", "config.json"), "utf8"))).toMatchObject({
      configHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      map: { axis: "rho", values: [0.5, 0.7, 0.9], log: false },
      tasks: TASKS,
      resumedTasks: 0,
      workers: 2,
      config: { preset: "quick", replicates: 20 },
    });
    const one = await headtune([...MAP, "--workers", "1", "--out", "one", "--quiet"]);
    expect(one.code).toBe(0);
    expect(mapFiles("one")).toEqual(whole);
    expect(metadata("one")).toEqual(metadata("whole"));
  });

  it("stops on SIGINT (exit 130) leaving only the checkpoint; --resume then gives the uninterrupted map", BOUND, async () => {
    const interrupted = await interruptAtTenth(root, [...MAP, "--workers", "2", "--out", "int"]);
    expect(interrupted.sent).toBe(true);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/interrupted\. \d+ of 600 tasks are saved in .*checkpoint\.jsonl: run the same command with --resume to finish\./);
    expect(readdirSync(join(root, "int"))).toEqual([CHECKPOINT]);
    const saved = readRecordsFile(join(root, "int", CHECKPOINT), true)!.tasks;
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(TASKS);
    expect(saved.every((task) => task.step !== undefined && task.step >= 0 && task.step < 3)).toBe(true);

    expectUserError(await headtune([...MAP, "--out", "int"]), 2, /checkpoint\.jsonl holds \d+ finished tasks of a run that did not finish: add --resume/);
    // Another map (--to 0.8: other values of the axis) in the same folder: its hash differs.
    expectUserError(
      await headtune([...MAP.slice(0, 8), "0.8", ...MAP.slice(9), "--out", "int", "--resume"]),
      2,
      /checkpoint\.jsonl belongs to another configuration \(sha256:[0-9a-f]+; this one is sha256:[0-9a-f]+\)/,
    );
    const resumed = await headtune([...MAP, "--workers", "2", "--out", "int", "--resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`(${saved.length} from the checkpoint)`);
    expect(readdirSync(join(root, "int")).sort()).toEqual(["config.json", "map.csv", "map.svg"]);
    expect(mapFiles("int")).toEqual(whole);
    expect(metadata("int")).toEqual(metadata("whole"));
  });

  it("a task's numerical failure: exit 3, one line naming the value of the axis, the size and the replicate", BOUND, async () => {
    // Features scaling with d = 5: at sU = 0, Sx is singular for p > d.
    const features = writeJson(root, "features.json", { preset: "quick", scaling: "features", d: 5, sampler: "sequential" });
    const run = await headtune(["map", "--config", features, "--axis", "sU", "--from", "1", "--to", "0", "--steps", "2", "--replicates", "1", "--workers", "1", "--out", "bad"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/\nheadtune: error: Sx is not positive definite: .* \(sU = 0, model size p = \d+, replicate 0\)\n$/);
  });

  it("refuses --shard and --resume without --replicates (a theory map has no tasks)", BOUND, async () => {
    const theory = MAP.slice(0, -2);
    expectUserError(await headtune([...theory, "--shard", "0/2"]), 2, /--shard needs --replicates R: only a simulated map has tasks/);
    expectUserError(await headtune([...theory, "--resume"]), 2, /--resume needs --replicates R/);
  });
});

describe("headtune map --shard, then headtune merge", () => {
  it("3 shards merged: the one-machine map, bit for bit; a missing shard or a shard of another map is refused", BOUND, async () => {
    for (const i of [0, 1, 2]) {
      const run = await headtune([...MAP, "--shard", `${i}/3`, "--workers", "1", "--quiet"]);
      expect(run.code).toBe(0);
      expect(readdirSync(join(root, "results", "map-rho-1", `shard-${i}-of-3`)).sort()).toEqual(["config.json", "records.jsonl"]);
    }
    const shards = [0, 1, 2].map((i) => `results/map-rho-1/shard-${i}-of-3`);
    expectUserError(await headtune(["merge", shards[0]!, shards[1]!]), 2, /shard 2\/3 missing: merge needs all 3/);
    const other = await headtune([...MAP.slice(0, 10), "4", ...MAP.slice(11), "--shard", "1/3", "--workers", "1", "--out", "other/shard-1-of-3", "--quiet"]);
    expect(other.code).toBe(0);
    expectUserError(
      await headtune(["merge", shards[0]!, "other/shard-1-of-3", shards[2]!, "--out", "m"]),
      2,
      /other\/shard-1-of-3 is a shard of another map than results\/map-rho-1\/shard-0-of-3/,
    );
    const merged = await headtune(["merge", shards[2]!, shards[0]!, shards[1]!]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toMatch(/^min-norm, best size: rho /);
    expect(merged.stderr).toContain("in results/map-rho-1\n");
    expect(mapFiles("results/map-rho-1")).toEqual(whole);
    expect(metadata("results/map-rho-1")).toEqual(metadata("whole"));
  });
});
