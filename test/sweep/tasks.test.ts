import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { taskWork } from "../../src/sweep/cost.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { Scheduler } from "../../src/sweep/schedule.js";
import { listTasks, shardTasks, type Task } from "../../src/sweep/tasks.js";

const key = (t: Task) => `${t.p}/${t.replicate}`;

describe("tasks and shards", () => {
  it("lists (p, r) in canonical order with index = position", () => {
    const tasks = listTasks([3, 7], 2);
    expect(tasks).toEqual([
      { index: 0, p: 3, replicate: 0 },
      { index: 1, p: 3, replicate: 1 },
      { index: 2, p: 7, replicate: 0 },
      { index: 3, p: 7, replicate: 1 },
    ]);
  });

  it.each([1, 2, 3, 7, 200])("%i shards hold every task exactly once, in canonical order, sizes spread evenly", (count) => {
    const tasks = listTasks([5, 10, 20, 40, 80], 20);
    const shards = Array.from({ length: count }, (_, index) => shardTasks(tasks, { index, count }));
    expect(shards.flat().map(key).sort()).toEqual(tasks.map(key).sort());
    for (const shard of shards) {
      expect(shard.map((t) => t.index)).toEqual([...shard.map((t) => t.index)].sort((a, b) => a - b));
      // Consecutive indices go to different shards: each holds floor or ceil of 100 / count tasks.
      expect(Math.abs(shard.length - tasks.length / count)).toBeLessThan(1);
    }
  });

  it("rejects a shard index outside 0..count-1 and a count below 1", () => {
    const tasks = listTasks([5], 2);
    expect(() => shardTasks(tasks, { index: 3, count: 3 })).toThrow(ArgumentError);
    expect(() => shardTasks(tasks, { index: 3, count: 3 })).toThrow("shard index must be below the shard count 3 (shards are numbered from 0). Value: 3.");
    expect(() => shardTasks(tasks, { index: 0, count: 0 })).toThrow("shard count must be a positive integer. Value: 0.");
    expect(() => shardTasks(tasks, { index: -1, count: 2 })).toThrow("shard index must be a non-negative integer. Value: -1.");
  });
});

describe("Scheduler", () => {
  const work = (p: number) => p;

  it("hands every task out exactly once, whatever the order in which workers ask", () => {
    const tasks = listTasks([1, 2, 3, 4, 5], 7);
    const scheduler = new Scheduler(tasks, work);
    const handed: Task[] = [];
    // Three workers asking in an irregular pattern.
    const pattern = [0, 1, 2, 2, 0, 1, 1, 1, 0, 2];
    for (let i = 0; ; i++) {
      const task = scheduler.next(pattern[i % pattern.length]!);
      if (!task) break;
      handed.push(task);
    }
    expect(handed.map(key).sort()).toEqual(tasks.map(key).sort());
    expect(scheduler.next(0)).toBeUndefined();
  });

  it("starts the largest work first and keeps a worker on one size while it lasts", () => {
    const scheduler = new Scheduler(listTasks([10, 30, 20], 3), work);
    const a = [scheduler.next(0), scheduler.next(0), scheduler.next(0)].map((t) => t!.p);
    expect(a).toEqual([30, 30, 30]);
    expect(scheduler.next(1)!.p).toBe(20);
    expect(scheduler.next(0)!.p).toBe(10);
  });

  it("lets a worker with no size left to start join the size with the most tasks remaining", () => {
    const scheduler = new Scheduler(listTasks([10, 20], 4), work);
    expect(scheduler.next(0)!.p).toBe(20);
    expect(scheduler.next(1)!.p).toBe(10);
    expect(scheduler.next(1)!.p).toBe(10);
    expect(scheduler.next(1)!.p).toBe(10);
    expect(scheduler.next(1)!.p).toBe(10);
    // Size 20 has 3 left; worker 1 joins it.
    expect(scheduler.next(1)!.p).toBe(20);
  });
});

describe("taskWork", () => {
  it("grows with the model size and is positive for every preset size", () => {
    for (const name of ["paper", "features", "quick"]) {
      const config = presetConfig(name);
      const works = [10, 50, 200, 1000].map((p) => taskWork(config, p, config.replicates));
      for (let i = 1; i < works.length; i++) expect(works[i]).toBeGreaterThan(works[i - 1]!);
      expect(works[0]).toBeGreaterThan(0);
    }
  });
});
