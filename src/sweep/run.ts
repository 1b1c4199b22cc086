/**
 * runSweep: the grid of model sizes x replicates, run in a pool of workers (or in the calling thread), with
 * progress, cancellation, a checkpoint to resume from, and shards. Each task (p, r) is a pure function of the
 * configuration, so the result is the same bit for bit whatever the worker count, scheduling, sharding or
 * resuming.
 */
import { validateSize, type ExperimentSettings } from "../experiment/settings.js";
import type { ReplicateResult } from "../experiment/world.js";
import { ArgumentError } from "../errors.js";
import { assertTaskFits } from "../limits.js";
import { init } from "../wasm/core.js";
import { assertInteger, assertNonNegativeNumber } from "../validate.js";
import { summarize, type SummaryRow } from "./aggregate.js";
import { taskWork } from "./cost.js";
import { executeTasks } from "./execute.js";
import { resolveSizes, type DroppedSize } from "./grid.js";
import { parseSweepConfig, type SweepConfig } from "./schema.js";
import { assertShard, listTasks, shardTasks, type Shard, type Task } from "./tasks.js";
import { defaultTaskLimitSeconds } from "./watchdog.js";
import { assertWorkersFit, heapLimitMb } from "./memory.js";
import { coreCount, defaultWorkerFactory, machineMemory, type WorkerFactory } from "./workers.js";

/** The results of one task: one record per head. */
export interface TaskResult {
  /** In a map, the index of the second setting's value the task belongs to (absent in a sweep). */
  step?: number;
  p: number;
  replicate: number;
  records: ReplicateResult[];
}

/** A task's identity within a sweep or a map: "step/p/replicate" (step empty in a sweep). */
export function taskKey(task: { step?: number; p: number; replicate: number }): string {
  return `${task.step ?? ""}/${task.p}/${task.replicate}`;
}

/**
 * The task results of a sweep result, in its canonical order (records come sorted by p, replicate, head).
 * @param result a SweepResult
 * @example taskResults(await runSweep(presetConfig("quick"))).length // sizes x replicates
 */
export function taskResults(result: Pick<SweepResult, "records">): TaskResult[] {
  const tasks: TaskResult[] = [];
  for (const record of result.records) {
    const last = tasks.at(-1);
    if (last && last.p === record.p && last.replicate === record.replicate) last.records.push(record);
    else tasks.push({ p: record.p, replicate: record.replicate, records: [record] });
  }
  return tasks;
}

/** Where finished tasks are kept so that an interrupted sweep can be finished later. */
export interface Checkpoint {
  /** Tasks an earlier run of the same sweep (and shard) finished: they are not run again. */
  done(): TaskResult[];
  /** Called once per task as it finishes, in completion order. */
  append(result: TaskResult): void;
}

export interface SweepProgress {
  /** Tasks finished, counting those taken from the checkpoint. */
  done: number;
  total: number;
  /** Tasks taken from the checkpoint. */
  resumed: number;
  /** Estimated work of the tasks finished in this run, and of all tasks this run has to do. */
  workDone: number;
  workTotal: number;
  /** The task that just finished (undefined for the first report, before any task runs). */
  task?: Task;
}

export interface SweepOptions {
  /** Worker count (default: one per core); 0 runs every task in the calling thread. */
  workers?: number;
  /** Aborting stops the sweep at once: workers are terminated and runSweep rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
  /** Called once per task finished in this run, with its records, in completion order (for live views). */
  onRecords?: (result: TaskResult) => void;
  checkpoint?: Checkpoint;
  /** Run only this share of the tasks (see shardTasks). */
  shard?: Shard;
  /** Where workers come from (default: Node worker threads, or Web Workers in a browser). */
  workerFactory?: WorkerFactory;
  /**
   * Time limit of one task in a worker, in seconds; 0 for none. A task past it has its worker terminated and
   * is retried once on a fresh worker. Default: max(60 s, 10 times the cost model's prediction for its size).
   */
  taskTimeout?: number;
}

export interface SweepResult {
  config: SweepConfig;
  /** The model sizes visited, ascending, and the grid ratios that gave none. */
  sizes: number[];
  dropped: DroppedSize[];
  shard?: Shard;
  /** Sorted by p, replicate, head (heads in config order). */
  records: ReplicateResult[];
  summary: SummaryRow[];
  /** Tasks taken from the checkpoint, and the workers used. */
  resumed: number;
  workers: number;
}

/**
 * Runs replicate r = 0..R-1 of every model size p of the grid: runReplicate(settings, prepareSize(settings, p), r),
 * and aggregates per (head, p) with summarize.
 * @param config a SweepConfig (checked with parseSweepConfig)
 * @param options workers, signal, onProgress, onRecords, checkpoint, shard, workerFactory
 * @returns the records (sorted) and the summary rows of the tasks run (all of them, or the shard's)
 * @throws ConfigError when the config is invalid
 * @throws ArgumentError when workers, taskTimeout or shard is invalid, or the checkpoint holds a task outside this sweep
 * @throws TooLargeError when the largest model size does not fit in WebAssembly memory, or its workers (one per
 *   worker, or the calling thread) do not fit in the machine's memory (both checked before any task), or a
 *   worker reaches its heap limit (its share of the machine's memory)
 * @throws the signal's reason (an AbortError DOMException by default) when it aborts
 * @throws the first HeadtuneError a task throws, at once (details.task names its p and replicate)
 * @throws TaskFailedError when a task's worker dies, throws an internal error or runs past taskTimeout twice: a
 *   task is retried once, on a fresh worker, before the sweep fails
 * @example const { summary } = await runSweep(presetConfig("quick"), { workers: 2 });
 */
export async function runSweep(config: SweepConfig, options: SweepOptions = {}): Promise<SweepResult> {
  const checked = parseSweepConfig(config);
  const { sizes, dropped } = resolveSizes(checked);
  const settings = experimentSettings(checked);
  // Every size is checked here, once (the workers run on checked data); a size that cannot fit is refused
  // before any worker starts.
  for (const p of sizes) validateSize(settings, p);
  await init();
  assertTaskFits(settings, sizes[sizes.length - 1]!);
  const { shard, signal, onProgress } = options;
  if (shard) assertShard(shard);
  const all = listTasks(sizes, checked.replicates);
  const mine = shard ? shardTasks(all, shard) : all;

  const results = new Map<number, ReplicateResult[]>();
  const indexOf = new Map(mine.map((task) => [`${task.p}/${task.replicate}`, task.index]));
  for (const earlier of options.checkpoint?.done() ?? []) {
    const index = indexOf.get(`${earlier.p}/${earlier.replicate}`);
    if (index === undefined) {
      throw new ArgumentError(
        `the checkpoint holds task (p = ${earlier.p}, replicate ${earlier.replicate}), which is not part of this sweep${shard ? ` (shard ${shard.index}/${shard.count})` : ""}.`,
        { p: earlier.p, replicate: earlier.replicate },
      );
    }
    results.set(index, earlier.records);
  }
  const resumed = results.size;
  const todo = mine.filter((task) => !results.has(task.index));

  const workOf = new Map(sizes.map((p) => [p, taskWork(settings, p, checked.replicates)]));
  const work = (p: number) => workOf.get(p)!;
  const workTotal = todo.reduce((sum, task) => sum + work(task.p), 0);
  let workDone = 0;
  const report = (task?: Task) =>
    onProgress?.({ done: results.size, total: mine.length, resumed, workDone, workTotal, task });

  if (options.workers !== undefined) assertInteger("workers", options.workers, 0);
  const { taskTimeout } = options;
  if (taskTimeout !== undefined) assertNonNegativeNumber("taskTimeout", taskTimeout);
  const limitSeconds = (p: number) => taskTimeout ?? defaultTaskLimitSeconds(settings, p);
  let workers = 0;
  let factory: WorkerFactory | undefined;
  if (options.workers !== 0 && todo.length > 0) workers = Math.min(options.workers ?? (await coreCount()), todo.length);
  const memory = await machineMemory();
  if (memory !== undefined && todo.length > 0) {
    assertWorkersFit(settings, todo.reduce((largest, task) => Math.max(largest, task.p), 0), workers, memory);
  }
  if (workers > 0) factory = options.workerFactory ?? (await defaultWorkerFactory(memory === undefined ? undefined : heapLimitMb(memory, workers)));

  report();
  await executeTasks(todo, settings, {
    workers,
    factory,
    signal,
    work,
    limitSeconds,
    onResult: (task, records) => {
      options.checkpoint?.append({ p: task.p, replicate: task.replicate, records });
      options.onRecords?.({ p: task.p, replicate: task.replicate, records });
      results.set(task.index, records);
      workDone += work(task.p);
      report(task);
    },
  });

  const records = mine.flatMap((task) => results.get(task.index)!);
  return {
    config: checked,
    sizes,
    dropped,
    ...(shard ? { shard } : {}),
    records,
    summary: summarize(records, checked.n),
    resumed,
    workers,
  };
}

/** The ExperimentSettings part of a SweepConfig (without grid, replicates and preset). */
export function experimentSettings(config: SweepConfig): ExperimentSettings {
  const { grid: _grid, replicates: _replicates, preset: _preset, ...settings } = config;
  return settings;
}
