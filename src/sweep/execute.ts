/**
 * Runs a list of tasks, in a pool of workers or in the calling thread, and reports each result as it comes.
 * An aborted signal, a failed task or a dead worker stops everything at once: all workers are terminated
 * before the promise settles, and no result is reported after that.
 */
import { wrap, type Remote } from "comlink";
import type { ExperimentSettings, ReplicateResult } from "../experiment/size.js";
import { HeadtuneError } from "../errors.js";
import { init as initCore } from "../wasm/core.js";
import type { WorkerApi } from "../worker/api.js";
import { registerErrorTransfer } from "../worker/transfer.js";
import { unpackRecords } from "./pack.js";
import { TaskRunner } from "./runner.js";
import { Scheduler } from "./schedule.js";
import type { Task } from "./tasks.js";
import type { WorkerFactory, WorkerHandle } from "./workers.js";

export interface ExecuteOptions {
  /** Worker count; 0 runs the tasks in the calling thread. */
  workers: number;
  /** Required when workers > 0. */
  factory?: WorkerFactory;
  signal?: AbortSignal;
  /** Estimated work of a task of size p: the scheduler starts the largest sizes first. */
  work: (p: number) => number;
  /** Called once per finished task, in completion order. */
  onResult: (task: Task, records: ReplicateResult[]) => void;
}

/**
 * Runs every task and calls onResult for each.
 * @throws the signal's reason when it aborts; the first error a task throws (its details gain the task's
 *   p and replicate); an Error when a worker dies
 */
export async function executeTasks(tasks: readonly Task[], settings: ExperimentSettings, options: ExecuteOptions): Promise<void> {
  options.signal?.throwIfAborted();
  if (tasks.length === 0) return;
  if (options.workers === 0) return runInThread(tasks, settings, options);
  return runInPool(tasks, settings, options);
}

async function runInThread(tasks: readonly Task[], settings: ExperimentSettings, options: ExecuteOptions): Promise<void> {
  // Compiles the core asynchronously: a browser page's main thread refuses to do it synchronously.
  await initCore();
  const runner = new TaskRunner(settings);
  const scheduler = new Scheduler(tasks, options.work);
  for (let task = scheduler.next(0); task; task = scheduler.next(0)) {
    // Let an abort (a signal handler, a timer) run between tasks.
    await new Promise((resolve) => setTimeout(resolve, 0));
    options.signal?.throwIfAborted();
    let records: ReplicateResult[];
    try {
      records = runner.run(task.p, task.replicate);
    } catch (err) {
      throw withTask(err, task);
    }
    options.onResult(task, records);
  }
}

async function runInPool(tasks: readonly Task[], settings: ExperimentSettings, options: ExecuteOptions): Promise<void> {
  const { factory, signal } = options;
  if (!factory) throw new TypeError("executeTasks: a worker factory is required when workers > 0");
  registerErrorTransfer();
  const scheduler = new Scheduler(tasks, options.work);
  const handles: WorkerHandle[] = [];
  let stopped = false;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined);

  const slot = async (id: number, remote: Remote<WorkerApi>, handle: WorkerHandle): Promise<void> => {
    await Promise.race([remote.init(settings), handle.failed]);
    for (let task = scheduler.next(id); task && !stopped; task = scheduler.next(id)) {
      let packed;
      try {
        packed = await Promise.race([remote.runTask(task.p, task.replicate), handle.failed]);
      } catch (err) {
        throw withTask(err, task);
      }
      if (stopped) return;
      options.onResult(task, unpackRecords(packed));
    }
  };

  try {
    const count = Math.min(options.workers, tasks.length);
    const slots: Promise<void>[] = [];
    for (let id = 0; id < count; id++) {
      const handle = factory();
      handles.push(handle);
      slots.push(slot(id, wrap<WorkerApi>(handle.endpoint), handle));
    }
    await Promise.race([Promise.all(slots), aborted]);
  } finally {
    stopped = true;
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    await Promise.all(handles.map((handle) => handle.terminate()));
  }
}

/** Adds the task's size and replicate to a HeadtuneError's details (other errors pass unchanged). */
function withTask(err: unknown, task: Task): unknown {
  if (err instanceof HeadtuneError) err.details.task = { p: task.p, replicate: task.replicate };
  return err;
}
