/**
 * The sweep's memory budget: a grid whose largest size would not fit the machine's memory with the requested
 * workers is refused before any task (with the worker count that would fit), and a worker that reaches its
 * heap limit is reported as out of memory (a TooLargeError naming the task), not as a crash.
 */
import { wrap } from "comlink";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { TooLargeError } from "../../src/errors.js";
import { taskMemoryBytes, workerMemoryBytes } from "../../src/limits.js";
import { assertWorkersFit, heapLimitMb, MEMORY_SHARE } from "../../src/sweep/memory.js";
import { nodeWorkerFactory } from "../../src/sweep/node-workers.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { experimentSettings, runSweep } from "../../src/sweep/run.js";
import type { WorkerFactory, WorkerHandle } from "../../src/sweep/workers.js";
import { bundlePath, requireBundles } from "./bundles.js";
import type { FaultyWorkerApi } from "./faulty-worker.js";

const MiB = 2 ** 20;
// The sequential sampler keeps an explicit model of the size in JavaScript (the spectral one an O(p) model).
const paper = { ...experimentSettings(presetConfig("paper")), sampler: "sequential" as const };

function thrown(f: () => void): TooLargeError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(TooLargeError);
    return err as TooLargeError;
  }
  throw new Error("expected a TooLargeError");
}

describe("the memory check before any task", () => {
  // p = 1000 under the paper settings with the sequential sampler: 128 p^2 + the task's WebAssembly memory + 48 MiB, about 201 MiB a worker.
  const perWorker = workerMemoryBytes(paper, 1000);
  const machine = 2 ** 30;
  const budget = MEMORY_SHARE * machine;
  const fit = Math.floor(budget / perWorker);

  it("lets through as many workers as fit in the budget, and names that count when more are asked", () => {
    expect(perWorker).toBe(128 * 1000 ** 2 + 8 * (4 * 1000 ** 2 + 13 * 1000) + 16 * 8 + 512 * 1024 + 48 * MiB);
    expect(fit).toBe(4);
    expect(() => assertWorkersFit(paper, 1000, fit, machine)).not.toThrow();
    const err = thrown(() => assertWorkersFit(paper, 1000, fit + 1, machine));
    expect(err.message).toBe(
      "model size p = 1000 needs about 201.2 MiB of memory per worker, 1005.9 MiB for 5 workers, more than the 819.2 MiB the " +
        "workers may use (80% of this machine's 1.00 GiB). At most 4 workers fit: use --workers 4.",
    );
    expect(err.details).toMatchObject({ p: 1000, workers: 5, maxWorkers: 4, bytesPerWorker: perWorker });
  });

  it("counts a sweep in the calling thread (workers 0) as one worker", () => {
    expect(() => assertWorkersFit(paper, 1000, 0, perWorker / MEMORY_SHARE)).not.toThrow();
    expect(thrown(() => assertWorkersFit(paper, 1000, 0, perWorker / MEMORY_SHARE - 1)).details.workers).toBe(1);
  });

  it("when not even one worker fits, names the largest size that does", () => {
    const err = thrown(() => assertWorkersFit(paper, 1000, 1, 200 * MiB));
    const largest = Number(/the largest model size that fits one worker is p = (\d+)\.$/.exec(err.message)?.[1]);
    expect(workerMemoryBytes(paper, largest)).toBeLessThanOrEqual(MEMORY_SHARE * 200 * MiB);
    expect(workerMemoryBytes(paper, largest + 1)).toBeGreaterThan(MEMORY_SHARE * 200 * MiB);
  });

  it("counts the spectral sampler's O(p) model as its WebAssembly memory again, not 128 p^2", () => {
    const spectral = { ...paper, sampler: "spectral" as const };
    expect(workerMemoryBytes(spectral, 10_000)).toBe(2 * taskMemoryBytes(spectral, 10_000) + 48 * MiB);
    expect(workerMemoryBytes({ ...spectral, aKind: "gaussian" }, 1000)).toBe(
      128 * 1000 ** 2 + taskMemoryBytes({ ...spectral, aKind: "gaussian" }, 1000) + 48 * MiB,
    );
  });

  it("counts a token-world worker's JavaScript memory as its WebAssembly memory again, whatever the Gaussian fields it carries", () => {
    const tokens = experimentSettings(presetConfig("tokens"));
    for (const settings of [tokens, { ...tokens, sampler: "sequential" as const }, { ...tokens, aKind: "gaussian" as const }]) {
      expect(workerMemoryBytes(settings, 1000)).toBe(2 * taskMemoryBytes(settings, 1000) + 48 * MiB);
    }
  });

  it("gives each worker a heap limit of its share: 80% of the machine's memory over the workers", () => {
    expect(heapLimitMb(24 * 2 ** 30, 2)).toBe(Math.floor((0.8 * 24 * 1024) / 2));
    expect(heapLimitMb(24 * 2 ** 30, 50)).toBe(Math.floor((0.8 * 24 * 1024) / 50));
  });
});

describe("a worker that reaches its heap limit", () => {
  beforeAll(requireBundles);

  it("fails the sweep at once with a TooLargeError naming the limit and the task, not as a crash", { timeout: 20_000 }, async () => {
    const task = { p: 44, replicate: 2 };
    const base = await nodeWorkerFactory(pathToFileURL(bundlePath("faulty-worker.node.js")), 64);
    let started = 0;
    const live = new Set<WorkerHandle>();
    const factory: WorkerFactory = () => {
      const handle = base();
      void wrap<FaultyWorkerApi>(handle.endpoint).injectFault({ ...task, kind: "heap" });
      started++;
      live.add(handle);
      return { ...handle, terminate: async () => void (await handle.terminate(), live.delete(handle)) };
    };
    const err = await runSweep(presetConfig("quick"), { workers: 2, workerFactory: factory }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect((err as Error).message).toBe(
      "a worker ran out of JavaScript memory: it reached its heap limit of 64 MiB (its share of this machine's memory). " +
        "Use fewer workers (--workers) or smaller model sizes.",
    );
    expect((err as TooLargeError).details.task).toEqual(task);
    // Not retried: the same task would reach the same limit.
    expect([started, live.size]).toEqual([2, 0]);
  });
});
