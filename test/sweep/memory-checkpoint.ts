/** A checkpoint kept in memory, for the tests of runSweep and simulateMap. */
import type { Checkpoint, TaskResult } from "../../src/sweep/run.js";

/** A checkpoint whose done() is `earlier` and whose appended tasks are kept in `appended`. */
export function memoryCheckpoint(earlier: TaskResult[] = []): Checkpoint & { appended: TaskResult[] } {
  const appended: TaskResult[] = [];
  return { appended, done: () => earlier, append: (task) => void appended.push(task) };
}
