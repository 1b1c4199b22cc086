/**
 * Runs a list of tasks, in a pool of workers or in the calling thread, and reports each result as it comes.
 * A task whose worker dies, throws an internal error (not a HeadtuneError) or runs past its time limit (its
 * worker is then terminated: an endless loop cannot be stopped otherwise) is run once more on a fresh worker. An aborted signal, a task that throws a HeadtuneError, or a task that fails twice stops everything
 * at once: all workers are terminated before the promise settles, and no result is reported after that.
 */
import { wrap, type Remote } from "comlink";
import type { ExperimentSettings } from "../experiment/settings.js";
import type { ReplicateResult } from "../experiment/world.js";
import { HeadtuneError, TaskFailedError } from "../errors.js";
import { init as initCore } from "../wasm/core.js";
import type { TaskWorker } from "../worker/protocol.js";
import { registerErrorTransfer } from "../worker/transfer.js";
import { unpackRecords } from "../worker/pack.js";
import { TaskRunner } from "../experiment/task-runner.js";
import { Scheduler } from "./schedule.js";
import type { Task } from "./tasks.js";
import { deadline } from "./watchdog.js";
import type { WorkerFactory, WorkerHandle } from "./workers.js";

export interface ExecuteOptions {
  /** Worker count; 0 runs the tasks in the calling thread. */
  workers: number;
  /** Required when workers > 0. */
  factory?: WorkerFactory;
  signal?: AbortSignal;
  /** Estimated work of a task of size p: the scheduler starts the largest sizes first. */
  work: (p: number) => number;
  /** The time limit, in seconds, of a task of size p in a worker (0: none). Tasks in the calling thread have none. */
  limitSeconds?: (p: number) => number;
  /** Called once per finished task, in completion order. */
  onResult: (task: Task, records: ReplicateResult[]) => void;
}

/**
 * Runs every task and calls onResult for each.
 * @throws the signal's reason when it aborts
 * @throws the first HeadtuneError a task throws (its details gain the task's p and replicate), at once
 * @throws TaskFailedError when a task's worker died, threw another error or ran past the time limit, and did
 *   again on a fresh worker
 * @throws in the calling thread (workers 0), whatever a task throws, at once
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

/** A worker of the pool: its handle, the Comlink proxy to it, and its initialization. */
interface PoolWorker {
  handle: WorkerHandle;
  remote: Remote<TaskWorker>;
  ready: Promise<void>;
}

async function runInPool(tasks: readonly Task[], settings: ExperimentSettings, options: ExecuteOptions): Promise<void> {
  const { factory, signal } = options;
  if (!factory) throw new TypeError("executeTasks: a worker factory is required when workers > 0");
  registerErrorTransfer();
  const scheduler = new Scheduler(tasks, options.work);
  // Every worker started and not yet terminated: all are terminated before the promise settles.
  const live = new Set<WorkerHandle>();
  // The time limits of the attempts under way: an attempt cut short by the stop never settles, so its timer
  // is cancelled here, or it would keep the process alive.
  const limits = new Set<() => void>();
  let stopped = false;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined);

  const start = (): PoolWorker => {
    const handle = factory();
    live.add(handle);
    const remote = wrap<TaskWorker>(handle.endpoint);
    const ready = Promise.race([remote.init(settings), handle.failed]);
    ready.catch(() => undefined);
    return { handle, remote, ready };
  };

  const retire = async (worker: PoolWorker): Promise<void> => {
    await worker.handle.terminate();
    live.delete(worker.handle);
  };

  // The task's records, or the error of the attempt: a HeadtuneError the task threw (details.task added), an
  // internal error, the worker's death, or the time limit. A HeadtuneError from init (no SIMD) is the engine's,
  // not the task's.
  const attempt = async (worker: PoolWorker, task: Task): Promise<ReplicateResult[]> => {
    await worker.ready;
    const limit = deadline(options.limitSeconds?.(task.p) ?? 0);
    limits.add(limit.cancel);
    try {
      return unpackRecords(await Promise.race([worker.remote.runTask(task.p, task.replicate), worker.handle.failed, limit.expired]));
    } catch (err) {
      throw withTask(err, task);
    } finally {
      limit.cancel();
      limits.delete(limit.cancel);
    }
  };

  // A HeadtuneError is deterministic (the same task fails the same way anywhere): it stops the sweep at once.
  // Anything else may be the worker's fault: the task gets one more attempt on a fresh worker (the old one is
  // terminated, which also stops a worker stuck past its time limit).
  const slot = async (id: number): Promise<void> => {
    let worker = start();
    for (let task = scheduler.next(id); task && !stopped; task = scheduler.next(id)) {
      let records: ReplicateResult[];
      try {
        records = await attempt(worker, task);
      } catch (first) {
        if (stopped) return;
        if (first instanceof HeadtuneError) throw first;
        await retire(worker);
        if (stopped) return;
        worker = start();
        try {
          records = await attempt(worker, task);
        } catch (second) {
          if (stopped) return;
          throw second instanceof HeadtuneError ? second : new TaskFailedError(task, first, second);
        }
      }
      if (stopped) return;
      options.onResult(task, records);
    }
  };

  try {
    const count = Math.min(options.workers, tasks.length);
    const slots: Promise<void>[] = [];
    for (let id = 0; id < count; id++) slots.push(slot(id));
    await Promise.race([Promise.all(slots), aborted]);
  } finally {
    stopped = true;
    for (const cancel of limits) cancel();
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    await Promise.all([...live].map((handle) => handle.terminate()));
  }
}

/** Adds the task's size and replicate to a HeadtuneError's details (other errors pass unchanged). */
function withTask(err: unknown, task: Task): unknown {
  if (err instanceof HeadtuneError) err.details.task = { p: task.p, replicate: task.replicate };
  return err;
}
