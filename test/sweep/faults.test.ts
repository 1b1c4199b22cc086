/**
 * Worker faults in the pool, injected with the test-only worker test/sweep/faulty-worker.ts: a worker that dies
 * mid-task or throws an internal error has its task retried once on a fresh worker; a second failure, or a
 * HeadtuneError, fails the sweep naming the task, with every worker terminated.
 */
import { wrap } from "comlink";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { NonFiniteError } from "../../src/errors.js";
import { nodeWorkerFactory } from "../../src/sweep/node-workers.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { runSweep, type SweepResult, type TaskResult } from "../../src/sweep/run.js";
import { TaskFailedError } from "../../src/sweep/task-failed-error.js";
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
