/**
 * Worker faults in the pool, injected with the test-only worker test/sweep/faulty-worker.ts: a worker that dies
 * mid-task, throws an internal error or loops forever (past the task's time limit) has its task retried once
 * on a fresh worker; a second failure, or a HeadtuneError, fails the sweep naming the task, with every worker
 * terminated.
 */
import { wrap } from "comlink";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { HeadtuneError, NonFiniteError, TaskFailedError } from "../../src/errors.js";
import { nodeWorkerFactory } from "../../src/sweep/node-workers.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { taskSeconds } from "../../src/sweep/cost.js";
import { experimentSettings, runSweep, type SweepResult, type TaskResult } from "../../src/sweep/run.js";
import { defaultTaskLimitSeconds, MIN_TASK_LIMIT_SECONDS, TASK_LIMIT_MULTIPLE } from "../../src/sweep/watchdog.js";
import type { WorkerFactory, WorkerHandle } from "../../src/sweep/workers.js";
import { bundlePath, requireBundles } from "./bundles.js";
import { resultFiles } from "./result-files.js";
import type { Fault, FaultyWorkerApi } from "./faulty-worker.js";

const quick = presetConfig("quick");
const WORKERS = 2;
/** A task in the middle of the quick preset (sizes 4 ... 120, replicates 0 ... 4). */
const TASK = { p: 44, replicate: 2 };
/** Bounds each test: a hang fails it instead of stalling the run. */
const BOUND = { timeout: 20_000 };

interface FaultyPool {
  factory: WorkerFactory;
  /** Workers started, and those started but not yet terminated. */
  started(): number;
  live(): number;
}

/**
 * Worker threads of the faulty bundle; the first `faulty` started carry the fault (the pool starts WORKERS at
 * once, so faulty = WORKERS faults a task once, and faulty = Infinity faults its retry too).
 */
async function faultyPool(fault: Fault, faulty: number): Promise<FaultyPool> {
  const base = await nodeWorkerFactory(pathToFileURL(bundlePath("faulty-worker.node.js")));
  let started = 0;
  const live = new Set<WorkerHandle>();
  const factory: WorkerFactory = () => {
    const handle = base();
    // Messages keep their order on the channel: the fault is in place before the pool's first call.
    if (started < faulty) void wrap<FaultyWorkerApi>(handle.endpoint).injectFault(fault);
    started++;
    live.add(handle);
    return {
      ...handle,
      terminate: async () => {
        await handle.terminate();
        live.delete(handle);
      },
    };
  };
  return { factory, started: () => started, live: () => live.size };
}

let reference: SweepResult;

beforeAll(async () => {
  requireBundles();
  reference = await runSweep(quick, { workers: 0 });
});

describe.each(["die", "throw"] as const)("a worker that fails mid-task (%s)", (kind) => {
  it("once: the task is retried on a fresh worker, and the result is the clean run's bit for bit", BOUND, async () => {
    const pool = await faultyPool({ ...TASK, kind }, WORKERS);
    const appended: TaskResult[] = [];
    const result = await runSweep(quick, {
      workers: WORKERS,
      workerFactory: pool.factory,
      checkpoint: { done: () => [], append: (task) => void appended.push(task) },
    });
    expect(resultFiles(result)).toEqual(resultFiles(reference));
    // One fresh worker replaced the faulty one; the retried task was reported once.
    expect([pool.started(), pool.live()]).toEqual([WORKERS + 1, 0]);
    expect(appended).toHaveLength(reference.sizes.length * quick.replicates);
    expect(appended.filter((t) => t.p === TASK.p && t.replicate === TASK.replicate)).toHaveLength(1);
  });

  it("twice: the sweep fails with a TaskFailedError naming the task and the cause; every worker is terminated", BOUND, async () => {
    const pool = await faultyPool({ ...TASK, kind }, Infinity);
    const err = await runSweep(quick, { workers: WORKERS, workerFactory: pool.factory }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskFailedError);
    const cause =
      kind === "die"
        ? "a headtune worker thread stopped unexpectedly \\(exit code 1\\)"
        : "TypeError: injected fault in task \\(p = 44, replicate 2\\)";
    expect((err as Error).message).toMatch(new RegExp(`^task \\(p = 44, replicate 2\\) failed twice, the second time on a fresh worker: ${cause}\\.$`));
    expect((err as TaskFailedError).task).toEqual(TASK);
    expect(err).toBeInstanceOf(HeadtuneError);
    expect([(err as TaskFailedError).code, (err as TaskFailedError).details.task]).toEqual(["E_TASK_FAILED", TASK]);
    expect((err as Error).cause).toBeInstanceOf(Error);
    expect([pool.started(), pool.live()]).toEqual([WORKERS + 1, 0]);
  });
});

describe("a task that throws a HeadtuneError", () => {
  it("is not retried: the sweep fails at once with that error, naming the task; every worker is terminated", BOUND, async () => {
    const pool = await faultyPool({ ...TASK, kind: "numerical" }, Infinity);
    const err = await runSweep(quick, { workers: WORKERS, workerFactory: pool.factory }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    expect((err as NonFiniteError).details.task).toEqual(TASK);
    expect([pool.started(), pool.live()]).toEqual([WORKERS, 0]);
  });
});

describe("a worker stuck in an endless loop (the watchdog)", () => {
  // Quick-preset tasks take milliseconds: a 2 s limit is never reached by a task that runs.
  const LIMIT = 2;

  it("once: its worker is terminated at the time limit, the task retried on a fresh worker, the result unchanged", BOUND, async () => {
    const pool = await faultyPool({ ...TASK, kind: "loop" }, WORKERS);
    const result = await runSweep(quick, { workers: WORKERS, workerFactory: pool.factory, taskTimeout: LIMIT });
    expect(resultFiles(result)).toEqual(resultFiles(reference));
    expect([pool.started(), pool.live()]).toEqual([WORKERS + 1, 0]);
  });

  it("twice: the sweep fails with a TaskFailedError naming the task and the limit; every worker is terminated", BOUND, async () => {
    const pool = await faultyPool({ ...TASK, kind: "loop" }, Infinity);
    const started = performance.now();
    const err = await runSweep(quick, { workers: WORKERS, workerFactory: pool.factory, taskTimeout: LIMIT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskFailedError);
    expect((err as Error).message).toMatch(
      /^task \(p = 44, replicate 2\) failed twice, the second time on a fresh worker: TaskTimeoutError: it ran past its time limit of 2 s \(the worker was terminated; --task-timeout SECONDS sets the limit, 0 disables it\)\.$/,
    );
    expect((err as TaskFailedError).task).toEqual(TASK);
    expect([pool.started(), pool.live()]).toEqual([WORKERS + 1, 0]);
    // Two attempts of 2 s each, and no more: the limit is enforced, not merely reported.
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * LIMIT * 1000);
  });
});

describe("the default time limit", () => {
  // The sequential sampler, whose cost grows as p^3 (the spectral one is far cheaper: its limit stays at 60 s).
  const settings = { ...experimentSettings(presetConfig("paper")), sampler: "sequential" as const };

  it("is never below a minute, and is 10 times the cost model's prediction (work at 1 GFLOP/s) above it", () => {
    expect(defaultTaskLimitSeconds(settings, 10)).toBe(MIN_TASK_LIMIT_SECONDS);
    for (const p of [2000, 4000]) {
      expect(defaultTaskLimitSeconds(settings, p)).toBe(TASK_LIMIT_MULTIPLE * taskSeconds(settings, p));
      expect(defaultTaskLimitSeconds(settings, p)).toBeGreaterThan(MIN_TASK_LIMIT_SECONDS);
    }
    // The prepare step is O(p^3): doubling p multiplies the limit by about 8 (between 4 and 8 with the p^2 terms).
    const ratio = defaultTaskLimitSeconds(settings, 4000) / defaultTaskLimitSeconds(settings, 2000);
    expect(ratio).toBeGreaterThan(6);
    expect(ratio).toBeLessThanOrEqual(8);
  });

  it("refuses a negative limit", async () => {
    await expect(runSweep(quick, { workers: 0, taskTimeout: -1 })).rejects.toThrow("taskTimeout must be >= 0. Value: -1.");
  });
});
