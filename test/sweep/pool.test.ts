import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { Worker } from "node:worker_threads";
import { beforeAll, describe, expect, it } from "vitest";
import { ArgumentError, TooLargeError } from "../../src/errors.js";
import { executeTasks } from "../../src/sweep/execute.js";
import { nodeWorkerFactory } from "../../src/sweep/node-workers.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { experimentSettings, runSweep, type SweepResult } from "../../src/sweep/run.js";
import { listTasks } from "../../src/sweep/tasks.js";
import type { WorkerFactory } from "../../src/sweep/workers.js";
import { requireBundles, testWorkerFactory } from "./bundles.js";
import { resultFiles } from "./result-files.js";
import { memoryCheckpoint } from "./memory-checkpoint.js";

const quick = presetConfig("quick");

/** Worker threads of the worker bundle, counting those started and those whose thread has stopped. */
async function countingFactory(): Promise<{ factory: WorkerFactory; started: () => number; stopped: () => number }> {
  const base = await testWorkerFactory();
  let started = 0;
  let stopped = 0;
  const factory: WorkerFactory = () => {
    const handle = base();
    started++;
    return {
      ...handle,
      terminate: async () => {
        await handle.terminate();
        stopped++;
      },
    };
  };
  return { factory, started: () => started, stopped: () => stopped };
}

let reference: SweepResult;

beforeAll(async () => {
  requireBundles();
  reference = await runSweep(quick, { workers: 0 });
});

describe("runSweep: the same result bit for bit", () => {
  it("in the calling thread: one record per head and task, sorted by p, replicate, head", () => {
    expect(reference.workers).toBe(0);
    expect(reference.records).toHaveLength(reference.sizes.length * quick.replicates * quick.heads.length);
    const order = reference.records.map((r) => [r.p, r.replicate, r.head === "minnorm" ? 0 : 1]);
    const sorted = [...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
    expect(order).toEqual(sorted);
    expect(reference.summary).toHaveLength(reference.sizes.length * quick.heads.length);
  });

  it.each([1, 2, 4])("with %i worker threads", async (workers) => {
    const { factory, started, stopped } = await countingFactory();
    const result = await runSweep(quick, { workers, workerFactory: factory });
    expect(result.workers).toBe(workers);
    expect(resultFiles(result)).toEqual(resultFiles(reference));
    result.records.forEach((r, i) => {
      for (const [key, value] of Object.entries(r)) expect(Object.is(value, (reference.records[i] as unknown as Record<string, unknown>)[key])).toBe(true);
    });
    expect([started(), stopped()]).toEqual([workers, workers]);
  });

  it.each(["2x6", "4x4-swap"] as const)("with the workers' kernel forced to %s by the kernel option", async (kernel) => {
    const result = await runSweep(quick, { workers: 2, workerFactory: await testWorkerFactory(), kernel });
    expect(resultFiles(result)).toEqual(resultFiles(reference));
  });

  it("refuses an unknown kernel option before starting any worker", async () => {
    const { factory, started } = await countingFactory();
    const err = await runSweep(quick, { workers: 2, workerFactory: factory, kernel: "3x3" as "2x8" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArgumentError);
    expect((err as ArgumentError).message).toMatch(/^kernel must be "auto" or one of "2x8", .*\. Value: "3x3"\.$/);
    expect(started()).toBe(0);
  });

  it("over 3 shards whose records, put together, are the single run's", async () => {
    const workerFactory = await testWorkerFactory();
    const shards = await Promise.all([0, 1, 2].map((index) => runSweep(quick, { workers: 1, workerFactory, shard: { index, count: 3 } })));
    const byTask = new Map(shards.flatMap((s) => s.records).map((r) => [`${r.p}/${r.replicate}/${r.head}`, r]));
    const merged = reference.records.map((r) => byTask.get(`${r.p}/${r.replicate}/${r.head}`));
    expect(byTask.size).toBe(reference.records.length);
    expect(merged).toEqual(reference.records);
  });

  it("interrupted after some tasks, then resumed from the checkpoint", async () => {
    const { factory, started, stopped } = await countingFactory();
    const stop = new AbortController();
    const first = memoryCheckpoint();
    const interrupted = runSweep(quick, {
      workers: 2,
      workerFactory: factory,
      signal: stop.signal,
      checkpoint: first,
      onProgress: ({ done }) => {
        if (done === 5) stop.abort();
      },
    });
    await expect(interrupted).rejects.toMatchObject({ name: "AbortError" });
    // Every worker thread has stopped by the time runSweep rejects; nothing is appended after the abort.
    expect(stopped()).toBe(started());
    expect(first.appended).toHaveLength(5);

    const second = memoryCheckpoint(first.appended);
    const progress: number[] = [];
    const resumed = await runSweep(quick, {
      workers: 2,
      workerFactory: factory,
      checkpoint: second,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(resumed.resumed).toBe(5);
    expect(second.appended).toHaveLength(reference.sizes.length * quick.replicates - 5);
    expect(progress[0]).toBe(5);
    expect(resultFiles(resumed)).toEqual(resultFiles(reference));
  });

  it("rejects at once, with no worker started, when the signal is already aborted", async () => {
    const { factory, started } = await countingFactory();
    await expect(runSweep(quick, { workerFactory: factory, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(started()).toBe(0);
  });

  it("refuses a checkpoint task that is not part of the sweep", async () => {
    const stray = { p: 7, replicate: 0, records: [] };
    await expect(runSweep(quick, { workers: 0, checkpoint: memoryCheckpoint([stray]) })).rejects.toThrow(
      "the checkpoint holds task (p = 7, replicate 0), which is not part of this sweep.",
    );
  });
});

describe("errors across the worker boundary", () => {
  it("a HeadtuneError thrown in a worker arrives with its class, code, details and the failing task", async () => {
    const factory = await testWorkerFactory();
    // Valid settings whose training sample (2e8 rows of p + k = 8 f64: 11.9 GiB) passes the 4 GiB of WebAssembly
    // memory: executeTasks runs on checked settings and leaves the memory check to runSweep, so the worker's arena
    // refuses the allocation.
    const settings = { ...experimentSettings(quick), n: 200_000_000 };
    const run = executeTasks(listTasks([4], 1), settings, { workers: 1, factory, work: () => 1, onResult: () => undefined });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect(err).toMatchObject({ name: "TooLargeError", code: "E_TOO_LARGE" });
    expect((err as Error).message).toMatch(/^training sample \[X~ Y~\] needs 1600000000 f64 \(11\.92 GiB\)/);
    expect((err as TooLargeError).details).toMatchObject({ what: "training sample [X~ Y~]", count: 1_600_000_000, task: { p: 4, replicate: 0 } });
    expect((err as Error).stack).toContain("TooLargeError");
  });

  it("a worker that dies on its own fails the sweep instead of hanging it", async () => {
    const factory: WorkerFactory = () => {
      const worker = new Worker("process.exit(3)", { eval: true });
      const failed = new Promise<never>((_, reject) => worker.once("exit", (code) => reject(new Error(`exit ${code}`))));
      failed.catch(() => undefined);
      return { endpoint: nodeEndpoint(worker), failed, terminate: async () => void (await worker.terminate()) };
    };
    // Each first task is retried once on a fresh worker, which dies too.
    await expect(runSweep(quick, { workers: 2, workerFactory: factory })).rejects.toThrow(/^task \(p = \d+, replicate \d\) failed twice, the second time on a fresh worker: exit 3\.$/);
  });
});

describe("nodeWorkerFactory", () => {
  it("names the missing bundle and the way to build it", async () => {
    await expect(nodeWorkerFactory(new URL("file:///nowhere/worker.node.js"))).rejects.toThrow(
      'headtune: the worker bundle is missing (looked for /nowhere/worker.node.js): run "npm run build".',
    );
  });
});
