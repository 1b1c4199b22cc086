/**
 * simulateMap: the tasks (step, p, r) of a simulated map give the same cells bit for bit in the calling thread
 * or in worker threads, after an interruption and a resume from the checkpoint, and split into shards.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mapCsv } from "../../src/map/csv.js";
import { mapSteps, simulateMap, simulationCells, type MapRun } from "../../src/map/monte-carlo-map.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { taskKey, taskResults } from "../../src/sweep/run.js";
import { requireBundles, testWorkerFactory } from "../sweep/bundles.js";
import { memoryCheckpoint } from "../sweep/memory-checkpoint.js";

const config = { ...presetConfig("quick"), replicates: 2, grid: { p: [4, 10, 30, 60] } };
const axis = "sEps" as const;
const values = [0.25, 0.5, 1];
// 3 values x 4 sizes x 2 replicates.
const TASKS = 24;

/** The map's CSV of the simulated cells of a run: what "the same map" compares. */
function csvOf(run: MapRun): string {
  return mapCsv(simulationCells(axis, run.steps.map((s) => ({ ...s, summary: s.result.summary }))), axis);
}

let reference: MapRun;

beforeAll(async () => {
  requireBundles();
  reference = await simulateMap(config, axis, values, { workers: 0 });
});

describe("simulateMap", () => {
  it("runs one sweep per value: the value's configuration, every (p, r) once", () => {
    expect(reference.tasks).toBe(TASKS);
    expect(reference.steps.map((s) => s.config.sEps)).toEqual(values);
    expect(reference.steps.map((s) => taskResults(s.result).length)).toEqual([8, 8, 8]);
  });

  it("gives the same cells with 1 and 2 worker threads as in the calling thread", async () => {
    const workerFactory = await testWorkerFactory();
    for (const workers of [1, 2]) {
      const run = await simulateMap(config, axis, values, { workers, workerFactory });
      expect(run.workers).toBe(workers);
      expect(csvOf(run)).toBe(csvOf(reference));
    }
  }, 60_000);

  it("interrupted after 11 tasks (mid-value), then resumed from the checkpoint: the same cells", async () => {
    const stop = new AbortController();
    const first = memoryCheckpoint();
    const done: number[] = [];
    const interrupted = simulateMap(config, axis, values, {
      workers: 0,
      signal: stop.signal,
      checkpoint: first,
      onProgress: (progress) => {
        done.push(progress.done);
        if (progress.done === 11) stop.abort();
      },
    });
    await expect(interrupted).rejects.toMatchObject({ name: "AbortError" });
    expect(first.appended).toHaveLength(11);
    // Tasks carry their step: the first value's 8, then 3 of the second's.
    expect(first.appended.map((t) => t.step)).toEqual([...Array(8).fill(0), 1, 1, 1]);

    const second = memoryCheckpoint(first.appended);
    const progress: number[] = [];
    const resumed = await simulateMap(config, axis, values, { workers: 0, checkpoint: second, onProgress: ({ done }) => progress.push(done) });
    expect(resumed.resumed).toBe(11);
    expect(second.appended).toHaveLength(TASKS - 11);
    expect(progress.at(-1)).toBe(TASKS);
    expect(csvOf(resumed)).toBe(csvOf(reference));
  });

  it("over 3 shards: each task exactly once, the shares differ by at most one, the records are the single run's", async () => {
    const shards = await Promise.all([0, 1, 2].map((index) => simulateMap(config, axis, values, { workers: 0, shard: { index, count: 3 } })));
    const tasksOf = (run: MapRun) => run.steps.flatMap((s) => taskResults(s.result).map((t) => ({ ...t, step: s.step })));
    expect(shards.map((s) => s.tasks)).toEqual([8, 8, 8]);
    const merged = new Map(shards.flatMap(tasksOf).map((t) => [taskKey(t), t]));
    const all = tasksOf(reference);
    expect(merged.size).toBe(TASKS);
    expect(all.map((t) => merged.get(taskKey(t)))).toEqual(all);
    const uneven = await Promise.all([0, 4].map((index) => simulateMap(config, axis, values, { workers: 0, shard: { index, count: 5 } })));
    // 24 tasks over 5 shares: 5, 5, 5, 5, 4.
    expect(uneven.map((s) => s.tasks)).toEqual([5, 4]);
  });

  it("refuses a checkpoint task that is not part of the map, or of the shard", async () => {
    const stray = { step: 1, p: 7, replicate: 0, records: [] };
    await expect(simulateMap(config, axis, values, { workers: 0, checkpoint: memoryCheckpoint([stray]) })).rejects.toThrow(
      "the checkpoint holds task (sEps = 0.5, p = 7, replicate 0), which is not part of this map.",
    );
    const [first] = mapSteps(config, axis, values)[0]!.tasks;
    const other = { step: 0, p: first!.p, replicate: first!.replicate, records: [] };
    await expect(simulateMap(config, axis, values, { workers: 0, shard: { index: 1, count: 2 }, checkpoint: memoryCheckpoint([other]) })).rejects.toThrow(
      "the checkpoint holds task (sEps = 0.25, p = 4, replicate 0), which is not part of this map (shard 1/2).",
    );
  });
});
