/**
 * Files of task results, one JSON line per task after a header line: the checkpoint of a running sweep or
 * simulated map (appended as tasks finish, flushed to disk in groups) and the output of a shard (written
 * whole). Numbers are exact (jsonl.ts).
 */
import { closeSync, existsSync, fsync, fsyncSync, openSync, readFileSync } from "node:fs";
import { ArgumentError } from "../errors.js";
import { assertReplicateResult } from "../report/rows.js";
import type { TaskResult } from "../sweep/run.js";
import type { Shard } from "../sweep/tasks.js";
import { assertNonNegativeNumber } from "../validate.js";
import { writeAll, writeFileAtomic } from "./atomic.js";
import { decodeLine, encodeLine } from "./jsonl.js";

export interface RecordsHeader {
  format: "headtune-records";
  version: 1;
  kind: "checkpoint" | "shard";
  /** configHash of the sweep (or mapHash of the map) the tasks belong to. */
  configHash: string;
  shard: Shard | null;
  /** Tasks the file holds when complete. */
  tasks: number;
}

export interface RecordsFile {
  header: RecordsHeader;
  tasks: TaskResult[];
  /** Lines dropped from a torn end (0 unless `allowTornEnd`): the first unreadable line and all after it. */
  dropped: number;
}

/** The whole file's text: the header line, then one line per task. */
export function formatRecordsFile(header: RecordsHeader, tasks: readonly TaskResult[]): string {
  return [header, ...tasks].map((value) => `${encodeLine(value)}\n`).join("");
}

/**
 * Reads a records file. With `allowTornEnd` (checkpoints) the task lines are read as a log is replayed: up to
 * the first one that is incomplete (no newline) or unreadable, which is dropped with every line after it. A
 * crash leaves such a tail: a kill, part of the line being written; a power loss, any damage to the lines
 * written since the last flush to disk (cut short, zero-filled). Without it, any bad line is an error.
 * @param path the file
 * @param allowTornEnd drop a torn end instead of failing
 * @returns the file's header, its tasks and how many lines were dropped, or undefined when the file does not exist
 * @throws ArgumentError naming the file and line when the header is not a records header, or (without
 *   allowTornEnd) a line is incomplete or not a task
 */
export function readRecordsFile(path: string, allowTornEnd: boolean): RecordsFile | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n");
  const tail = lines.pop()!;
  if (tail !== "" && !allowTornEnd) throw badLine(path, lines.length + 1, "the line is incomplete");
  // The header is written whole and flushed (writeFileAtomic) before any task line: it is never torn.
  if (lines.length === 0) throw badLine(path, 1, "the header line is missing");
  const header = parse(path, 1, lines[0]!) as Partial<RecordsHeader>;
  if (header?.format !== "headtune-records" || header.version !== 1 || typeof header.configHash !== "string") {
    throw badLine(path, 1, "it is not a headtune records header");
  }
  const tasks: TaskResult[] = [];
  for (let i = 1; i < lines.length; i++) {
    const task = readTask(path, i + 1, lines[i]!);
    if (task instanceof ArgumentError) {
      if (allowTornEnd) return { header: header as RecordsHeader, tasks, dropped: lines.length - i + (tail === "" ? 0 : 1) };
      throw task;
    }
    tasks.push(task);
  }
  return { header: header as RecordsHeader, tasks, dropped: tail === "" ? 0 : 1 };
}

/** The task of a line, or the error naming why it is not one. */
function readTask(path: string, line: number, text: string): TaskResult | ArgumentError {
  let task: Partial<TaskResult>;
  try {
    task = decodeLine(text) as Partial<TaskResult>;
  } catch (err) {
    return notJson(path, line, err);
  }
  const step = task?.step === undefined || (Number.isSafeInteger(task.step) && task.step >= 0);
  if (!step || !Number.isSafeInteger(task?.p) || !Number.isSafeInteger(task?.replicate) || !Array.isArray(task?.records)) {
    return badLine(path, line, "it is not a task result {step (maps only), p, replicate, records}");
  }
  return recordsProblem(path, line, task as TaskResult) ?? (task as TaskResult);
}

/**
 * Milliseconds between two flushes to disk (fsync) of an appender: a power loss costs at most the tasks
 * appended in the last SYNC_INTERVAL_MS, where one fsync per task cost a paper sweep (800 tasks) 1.2 to 5 s
 * of its main thread on a disk.
 */
export const SYNC_INTERVAL_MS = 200;

/** Appenders open in this process (syncOpenAppenders flushes them). */
const openAppenders = new Set<RecordsAppender>();

/**
 * An append-only records file whose lines reach the disk in groups: each task's line is written at once (a
 * kill of the process loses none), and the file is flushed to disk (fsync) at most once per intervalMs, within
 * intervalMs of an append (plus the time of the flush then running, if any), and on close. The grouped
 * flushes run on libuv's thread pool: an fsync can take tens of ms on a busy disk, and the main thread that
 * hands tasks to the workers must not wait for it. close, sync and syncOpenAppenders flush synchronously. A
 * power loss can damage only the lines written since the last flush, which a resume drops (readRecordsFile
 * with allowTornEnd).
 */
export class RecordsAppender {
  private fd: number | undefined;
  private readonly intervalMs: number;
  /** When the file was last flushed (performance.now()), whether lines were written since, and the flush due. */
  private syncedAt: number;
  private unsynced = false;
  /** A background flush is running (its lines are not known to be on disk yet). */
  private flushing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A background flush that failed, thrown by the next append, sync or close. */
  private failure: unknown;

  /**
   * Writes the header and the given tasks atomically (flushed), then keeps the file open for appending.
   * @param path the file (replaced if it exists)
   * @param header its header
   * @param tasks tasks to start with (those of the run being resumed)
   * @param intervalMs the least time between two flushes (0: a flush per append)
   * @throws ArgumentError when intervalMs is not a finite number >= 0; the file system's error
   */
  constructor(path: string, header: RecordsHeader, tasks: readonly TaskResult[] = [], intervalMs = SYNC_INTERVAL_MS) {
    assertNonNegativeNumber("intervalMs", intervalMs);
    writeFileAtomic(path, formatRecordsFile(header, tasks));
    this.fd = openSync(path, "a");
    this.intervalMs = intervalMs;
    this.syncedAt = performance.now();
    openAppenders.add(this);
  }

  /**
   * Writes one task's line; starts a background flush now if the last one started intervalMs ago, else when
   * it will have (or when the one running ends).
   * @throws the file system's error of this write or of a flush that failed since the last call
   */
  append(task: TaskResult): void {
    if (this.fd === undefined) throw new Error("RecordsAppender: append after close");
    this.rethrow();
    writeAll(this.fd, `${encodeLine(task)}\n`);
    this.unsynced = true;
    this.schedule();
  }

  /**
   * Flushes the lines written so far to disk (fsync), when there are any, and waits for it.
   * @throws the file system's error of this flush or of one that failed since the last call
   */
  sync(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.rethrow();
    if (this.fd === undefined || !(this.unsynced || this.flushing)) return;
    fsyncSync(this.fd);
    this.unsynced = false;
    this.syncedAt = performance.now();
  }

  /**
   * Flushes what is left and closes the file; nothing happens when it is closed already.
   * @throws the file system's error of the last flush (the file is closed all the same)
   */
  close(): void {
    if (this.fd === undefined) return;
    try {
      this.sync();
    } finally {
      openAppenders.delete(this);
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  /** Starts the flush that is due, or sets the timer for it, unless one is running or set already. */
  private schedule(): void {
    if (this.flushing || this.timer !== undefined || this.failure !== undefined) return;
    const wait = this.syncedAt + this.intervalMs - performance.now();
    if (wait <= 0) this.flushInBackground();
    // unref: a flush still due does not keep the process alive; close (or syncOpenAppenders at exit) does it.
    else this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushInBackground();
    }, wait).unref();
  }

  /**
   * fsync on the thread pool; its error cannot be thrown from a callback, so the next call throws it. Lines
   * written after it started wait for the next flush, at least intervalMs after this one's start.
   */
  private flushInBackground(): void {
    if (this.fd === undefined || !this.unsynced) return;
    const started = performance.now();
    this.unsynced = false;
    this.flushing = true;
    fsync(this.fd, (err) => {
      this.flushing = false;
      // Closed meanwhile: close flushed synchronously; an error of this fsync on the closed descriptor is moot.
      if (this.fd === undefined) return;
      if (err) {
        this.failure ??= err;
        this.unsynced = true;
        return;
      }
      this.syncedAt = Math.max(this.syncedAt, started);
      if (this.unsynced) this.schedule();
    });
  }

  private rethrow(): void {
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) throw failure;
  }
}

/**
 * Flushes every open appender to disk: for a process about to exit without closing them (a second Ctrl-C).
 * @throws the first file system error met (the others are flushed all the same)
 */
export function syncOpenAppenders(): void {
  let first: unknown;
  for (const appender of openAppenders) {
    try {
      appender.sync();
    } catch (err) {
      first ??= err;
    }
  }
  if (first !== undefined) throw first;
}

/** Why a task's records are not replicate results of that task (a damaged line must not reach the results files), if they are not. */
function recordsProblem(path: string, line: number, task: TaskResult): ArgumentError | undefined {
  for (const [j, record] of task.records.entries()) {
    try {
      assertReplicateResult(`records[${j}]`, record);
    } catch (err) {
      return badLine(path, line, (err as Error).message.replace(/\.$/, ""));
    }
    if (record.p !== task.p || record.replicate !== task.replicate) {
      return badLine(path, line, `records[${j}] is of task (p = ${record.p}, replicate ${record.replicate}), not of the line's (p = ${task.p}, replicate ${task.replicate})`);
    }
  }
  return undefined;
}

function parse(path: string, line: number, text: string): unknown {
  try {
    return decodeLine(text);
  } catch (err) {
    throw notJson(path, line, err);
  }
}

function notJson(path: string, line: number, err: unknown): ArgumentError {
  return badLine(path, line, `it is not JSON (${(err as Error).message})`);
}

function badLine(path: string, line: number, why: string): ArgumentError {
  return new ArgumentError(`${path} line ${line} cannot be read: ${why}.`, { path, line });
}
