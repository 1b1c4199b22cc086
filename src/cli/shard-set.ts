/**
 * The shard folders of one sweep, or of one simulated map, read and checked before a merge: the same
 * configuration (and map) in every one, each of the N shards once, every task of the whole run exactly once.
 */
import { ArgumentError } from "../errors.js";
import { configHash } from "../io/hash.js";
import { mapHash, type MapSpec } from "../map/hash.js";
import { mapSteps } from "../map/monte-carlo-map.js";
import type { ReplicateResult } from "../experiment/world.js";
import { resolveSizes } from "../sweep/grid.js";
import { taskKey, type TaskResult } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";
import { listTasks, type Task } from "../sweep/tasks.js";
import { readShard } from "./results-folder.js";

export interface ShardSet {
  config: SweepConfig;
  /** The map the shards share out (undefined for a sweep's shards). */
  map?: MapSpec;
  /** The configHash (sweep) or mapHash (map) they all carry. */
  hash: string;
  /** The shard count N, and the tasks of the whole run. */
  count: number;
  tasks: number;
  /** The records of these tasks of a step (undefined for a sweep), in their order. */
  recordsOf: (step: number | undefined, tasks: Task[]) => ReplicateResult[];
}

/**
 * Reads the shard folders and checks that they make one whole run.
 * @param dirs the shard folders (at least one)
 * @throws ArgumentError when a folder holds no shard, the shards belong to different configurations or maps,
 *   differ in shard count, repeat a shard or a task, miss a shard or a task, or hold a task outside the run
 * @throws ConfigError when a shard's config.json is not a valid configuration
 * @example const { config, recordsOf } = readShardSet(["results/quick-1/shard-0-of-2", "results/quick-1/shard-1-of-2"])
 */
export function readShardSet(dirs: string[]): ShardSet {
  const shards = dirs.map((dir) => ({ dir, ...readShard(dir) }));
  const first = shards[0]!;
  const { config, map } = first;
  // A map's shards are tied to its axis and values as well as to the configuration.
  const identity = (shard: (typeof shards)[number]) => (shard.map ? mapHash(shard.config, shard.map) : configHash(shard.config, resolveSizes(shard.config).sizes));
  const hash = identity(first);
  const count = first.file.header.shard!.count;
  const seen = new Map<number, string>();
  for (const shard of shards) {
    const { dir, file } = shard;
    const { index } = file.header.shard!;
    if (file.header.configHash !== hash || identity(shard) !== hash) {
      const what = map ? "map" : "configuration";
      throw new ArgumentError(`${dir} is a shard of another ${what} than ${first.dir} (${file.header.configHash}, not ${hash}).`, { dir });
    }
    if (file.header.shard!.count !== count) throw new ArgumentError(`${dir} is shard ${index}/${file.header.shard!.count}, but ${first.dir} is one of ${count} shards.`, { dir });
    const other = seen.get(index);
    if (other !== undefined) throw new ArgumentError(`${dir} and ${other} are the same shard ${index}/${count}.`, { dir });
    seen.set(index, dir);
    if (file.tasks.length !== file.header.tasks) {
      throw new ArgumentError(`${dir} holds ${file.tasks.length} tasks; its header promises ${file.header.tasks}.`, { dir });
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ArgumentError(`shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} missing: merge needs all ${count}.`, {});

  const byTask = new Map<string, TaskResult>();
  for (const { dir, file } of shards) {
    for (const task of file.tasks) {
      const key = taskKey(task);
      if (byTask.has(key)) throw new ArgumentError(`${dir} repeats task (${taskName(task, map)}).`, { dir });
      byTask.set(key, task);
    }
  }
  const steps = map ? mapSteps(config, map.axis, map.values) : [{ step: undefined, tasks: listTasks(resolveSizes(config).sizes, config.replicates) }];
  const expected = steps.flatMap(({ step, tasks }) => tasks.map((task) => ({ ...task, step })));
  const absent = expected.find((task) => !byTask.has(taskKey(task)));
  if (absent || byTask.size !== expected.length) {
    const what = absent ? `task (${taskName(absent, map)}) is missing` : `the shards hold tasks outside the ${map ? "map" : "sweep"}`;
    throw new ArgumentError(`cannot merge: ${what}.`, {});
  }
  const recordsOf = (step: number | undefined, tasks: Task[]) => tasks.flatMap((task) => byTask.get(taskKey({ ...task, step }))!.records);
  return { config, map, hash, count, tasks: expected.length, recordsOf };
}

/** A task as the messages name it: "p = 20, replicate 3", after "<axis> = <value>, " in a map. */
function taskName(task: { step?: number; p: number; replicate: number }, map: MapSpec | undefined): string {
  const value = map && task.step !== undefined ? `${map.axis} = ${map.values[task.step]}, ` : "";
  return `${value}p = ${task.p}, replicate ${task.replicate}`;
}
