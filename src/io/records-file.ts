/**
 * Files of task results, one JSON line per task after a header line: the checkpoint of a running sweep or
 * simulated map (appended and fsynced as tasks finish) and the output of a shard (written whole). Numbers are exact (jsonl.ts).
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync } from "node:fs";
import { ArgumentError } from "../errors.js";
import { assertReplicateResult } from "../report/rows.js";
import type { TaskResult } from "../sweep/run.js";
import type { Shard } from "../sweep/tasks.js";
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
}

/** The whole file's text: the header line, then one line per task. */
export function formatRecordsFile(header: RecordsHeader, tasks: readonly TaskResult[]): string {
  return [header, ...tasks].map((value) => `${encodeLine(value)}\n`).join("");
}

/**
 * Reads a records file. A last line without its newline (a write cut short by a crash) is dropped when
 * `allowTornEnd` is set (checkpoints); any other bad line is an error.
 * @param path the file
 * @param allowTornEnd drop an incomplete last line instead of failing
 * @returns the file's header and tasks, or undefined when the file does not exist
 * @throws ArgumentError naming the file and line when it is not a records file or a line is not a task
 */
export function readRecordsFile(path: string, allowTornEnd: boolean): RecordsFile | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n");
  const tail = lines.pop()!;
  if (tail !== "" && !allowTornEnd) throw badLine(path, lines.length + 1, "the line is incomplete");
  if (lines.length === 0) throw badLine(path, 1, "the header line is missing");
  const header = parse(path, 1, lines[0]!) as Partial<RecordsHeader>;
  if (header?.format !== "headtune-records" || header.version !== 1 || typeof header.configHash !== "string") {
    throw badLine(path, 1, "it is not a headtune records header");
  }
  const tasks = lines.slice(1).map((line, i) => {
    const task = parse(path, i + 2, line) as Partial<TaskResult>;
    const step = task?.step === undefined || (Number.isSafeInteger(task.step) && task.step >= 0);
    if (!step || !Number.isSafeInteger(task?.p) || !Number.isSafeInteger(task?.replicate) || !Array.isArray(task?.records)) {
      throw badLine(path, i + 2, "it is not a task result {step (maps only), p, replicate, records}");
    }
    checkRecords(path, i + 2, task as TaskResult);
    return task as TaskResult;
  });
  return { header: header as RecordsHeader, tasks };
}

/** An append-only records file: each task is written and fsynced before append returns. */
export class RecordsAppender {
  private fd: number | undefined;

  /**
   * Writes the header and the given tasks atomically, then keeps the file open for appending.
   * @param path the file (replaced if it exists)
   * @param header its header
   * @param tasks tasks to start with (those of the run being resumed)
   */
  constructor(path: string, header: RecordsHeader, tasks: readonly TaskResult[] = []) {
    writeFileAtomic(path, formatRecordsFile(header, tasks));
    this.fd = openSync(path, "a");
  }

  /** Appends one task's line and flushes it to disk. */
  append(task: TaskResult): void {
    if (this.fd === undefined) throw new Error("RecordsAppender: append after close");
    writeAll(this.fd, `${encodeLine(task)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Each record of a task is a replicate result of that task (a damaged line must not reach the results files). */
function checkRecords(path: string, line: number, task: TaskResult): void {
  task.records.forEach((record, j) => {
    try {
      assertReplicateResult(`records[${j}]`, record);
    } catch (err) {
      throw badLine(path, line, (err as Error).message.replace(/\.$/, ""));
    }
    if (record.p !== task.p || record.replicate !== task.replicate) {
      throw badLine(path, line, `records[${j}] is of task (p = ${record.p}, replicate ${record.replicate}), not of the line's (p = ${task.p}, replicate ${task.replicate})`);
    }
  });
}

function parse(path: string, line: number, text: string): unknown {
  try {
    return decodeLine(text);
  } catch (err) {
    throw badLine(path, line, `it is not JSON (${(err as Error).message})`);
  }
}

function badLine(path: string, line: number, why: string): ArgumentError {
  return new ArgumentError(`${path} line ${line} cannot be read: ${why}.`, { path, line });
}
