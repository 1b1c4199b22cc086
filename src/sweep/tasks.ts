/** The tasks of a sweep: one per (model size p, replicate r), in a fixed canonical order, and shards of them. */
import { ArgumentError } from "../errors.js";
import { assertInteger } from "../validate.js";

export interface Task {
  /** Position in the canonical order (p ascending, then replicate ascending). */
  readonly index: number;
  readonly p: number;
  readonly replicate: number;
}

/** Share `index` (0-based) of `count` shares of a sweep's tasks. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Tasks (p, r) for every size and r = 0..replicates-1, index = position in the order (p asc, r asc).
 * @param sizes model sizes, ascending
 * @param replicates replicates per size
 */
export function listTasks(sizes: readonly number[], replicates: number): Task[] {
  const tasks: Task[] = [];
  for (const p of sizes) for (let r = 0; r < replicates; r++) tasks.push({ index: tasks.length, p, replicate: r });
  return tasks;
}

/**
 * The tasks whose index is congruent to shard.index modulo shard.count: every size spread evenly over the
 * shards, and the shards together hold each task exactly once.
 * @param tasks the full canonical task list
 * @param shard which share to keep
 * @throws ArgumentError when the shard is not 0 <= index < count
 */
export function shardTasks(tasks: readonly Task[], shard: Shard): Task[] {
  assertShard(shard);
  return tasks.filter((t) => t.index % shard.count === shard.index);
}

/**
 * Checks 0 <= index < count, both integers.
 * @throws ArgumentError naming the bad part and its value
 */
export function assertShard(shard: Shard): void {
  assertInteger("shard count", shard.count, 1);
  assertInteger("shard index", shard.index, 0);
  if (shard.index >= shard.count) {
    throw new ArgumentError(
      `shard index must be below the shard count ${shard.count} (shards are numbered from 0). Value: ${shard.index}.`,
      { name: "shard index", value: shard.index },
    );
  }
}
