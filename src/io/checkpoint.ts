/**
 * The checkpoint of a sweep or simulated map run from the command line: an append-only records file (header
 * naming the config hash and shard, then one line per finished task, flushed to disk at most every
 * SYNC_INTERVAL_MS and on close). Resuming reads it back; a torn end (a crash mid-write, or a power loss
 * before the last flush) is dropped, and the file is rewritten whole before appending again.
 */
import { rmSync } from "node:fs";
import { ArgumentError } from "../errors.js";
import { taskKey, type Checkpoint, type TaskResult } from "../sweep/run.js";
import { readRecordsFile, RecordsAppender, type RecordsFile, type RecordsHeader } from "./records-file.js";

export class FileCheckpoint implements Checkpoint {
  readonly path: string;
  private readonly header: RecordsHeader;
  private readonly earlier: TaskResult[];
  private appender: RecordsAppender | undefined;
  private appended = 0;

  /**
   * Starts the checkpoint file at `path` with the tasks of the run being resumed. A new checkpoint is written at
   * once; a resumed one is rewritten (its tasks without the torn end and repeats) only at the first append, so
   * that a run refusing its earlier tasks (heads of another configuration) leaves the file as it found it.
   * @param path the file (replaced)
   * @param header its header (kind "checkpoint")
   * @param earlier tasks already finished (from loadCheckpoint), or none
   */
  constructor(path: string, header: RecordsHeader, earlier: TaskResult[] = []) {
    this.path = path;
    this.header = header;
    this.earlier = earlier;
    if (earlier.length === 0) this.appender = new RecordsAppender(path, header);
  }

  done(): TaskResult[] {
    return this.earlier;
  }

  append(result: TaskResult): void {
    this.appender ??= new RecordsAppender(this.path, this.header, this.earlier);
    this.appender.append(result);
    this.appended++;
  }

  /** True when it holds no finished task: none from the run resumed, none appended. */
  isEmpty(): boolean {
    return this.earlier.length === 0 && this.appended === 0;
  }

  /** Flushes the tasks appended so far to disk and closes the file (again: nothing). */
  close(): void {
    this.appender?.close();
  }

  /** Closes and deletes the file (once the results are written). */
  remove(): void {
    this.close();
    rmSync(this.path, { force: true });
  }
}

/**
 * The tasks of the checkpoint at `path`, which must belong to the same sweep and shard as `header`.
 * @returns the tasks (duplicates removed) and the lines dropped from a torn end, or undefined when there is no checkpoint
 * @throws ArgumentError when the file is not a checkpoint, or belongs to another configuration or shard
 */
export function loadCheckpoint(path: string, header: RecordsHeader): Pick<RecordsFile, "tasks" | "dropped"> | undefined {
  const file = readRecordsFile(path, true);
  if (!file) return undefined;
  if (file.header.kind !== "checkpoint") throw new ArgumentError(`${path} is not a checkpoint (its kind is "${file.header.kind}").`, { path });
  if (file.header.configHash !== header.configHash) {
    throw new ArgumentError(
      `${path} belongs to another configuration (${file.header.configHash}; this one is ${header.configHash}): delete it, or choose another output folder.`,
      { path },
    );
  }
  if (JSON.stringify(file.header.shard) !== JSON.stringify(header.shard)) {
    throw new ArgumentError(
      `${path} belongs to shard ${shardName(file.header.shard)}, not ${shardName(header.shard)}: delete it, or choose another output folder.`,
      { path },
    );
  }
  const seen = new Set<string>();
  const tasks = file.tasks.filter((task) => {
    const key = taskKey(task);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { tasks, dropped: file.dropped };
}

function shardName(shard: RecordsHeader["shard"]): string {
  return shard ? `${shard.index}/${shard.count}` : "none (the whole sweep)";
}
