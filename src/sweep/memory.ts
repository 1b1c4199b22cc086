/**
 * The sweep's memory budget: the workers together may take a share of the machine's memory, each runs with a
 * JavaScript heap limit of its part, and a grid whose largest size would not fit that many workers is refused
 * before any task runs (the estimate of one worker's memory is workerMemoryBytes, src/limits.ts).
 */
import { TooLargeError } from "../errors.js";
import type { ExperimentSettings } from "../experiment/settings.js";
import { maxWorkerModelSize, workerMemoryBytes } from "../limits.js";
import { formatBytes } from "../wasm/memory.js";

/** The share of the machine's memory the workers may take together; the rest is the main thread's, the system's and other programs'. */
export const MEMORY_SHARE = 0.8;

/**
 * Each worker's JavaScript heap limit, in MiB: its part of the budget, MEMORY_SHARE machineBytes / workers.
 * @param machineBytes the machine's memory (or the process's limit, when lower)
 * @param workers worker count >= 1
 * @example heapLimitMb(24 * 2 ** 30, 2) // 9830
 */
export function heapLimitMb(machineBytes: number, workers: number): number {
  return Math.floor((MEMORY_SHARE * machineBytes) / Math.max(1, workers) / 2 ** 20);
}

/**
 * Checks, before any task runs, that `workers` workers (1 for a sweep in the calling thread) each running
 * tasks of size p fit in MEMORY_SHARE of the machine's memory.
 * @param settings n, nTest, scaling, d, sampler
 * @param p the largest model size of the sweep
 * @param workers worker count (0: the calling thread, counted as one)
 * @param machineBytes the machine's memory
 * @throws {TooLargeError} they do not fit; the message names p, the memory per worker and in all, the budget,
 *   and the worker count that would fit (or, when not even one does, the largest p that fits one worker).
 */
export function assertWorkersFit(settings: ExperimentSettings, p: number, workers: number, machineBytes: number): void {
  const count = Math.max(1, workers);
  const perWorker = workerMemoryBytes(settings, p);
  const budget = MEMORY_SHARE * machineBytes;
  if (count * perWorker <= budget) return;
  const fit = Math.floor(budget / perWorker);
  const advice =
    fit >= 1
      ? `At most ${fit} worker${fit === 1 ? "" : "s"} fit${fit === 1 ? "s" : ""}: use --workers ${fit}.`
      : `Not even one worker fits: the largest model size that fits one worker is p = ${maxWorkerModelSize(settings, budget)}.`;
  throw new TooLargeError(
    `model size p = ${p} needs about ${formatBytes(perWorker)} of memory per worker, ${formatBytes(count * perWorker)} for ${count} ` +
      `worker${count === 1 ? "" : "s"}, more than the ${formatBytes(budget)} the workers may use ` +
      `(${Math.round(MEMORY_SHARE * 100)}% of this machine's ${formatBytes(machineBytes)}). ${advice}`,
    { p, bytesPerWorker: perWorker, workers: count, availableBytes: budget, maxWorkers: fit },
  );
}
