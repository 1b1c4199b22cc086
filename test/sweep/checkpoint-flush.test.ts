/**
 * The checkpoint's grouped flushes (RecordsAppender) under a fake clock, with every fsync counted: N appends
 * within SYNC_INTERVAL_MS cost one fsync, never two closer than that, and none is left pending at close or
 * exit; the grouped ones run in the background (fs.fsync), close's in the foreground; a failed flush is reported. Then a power loss simulated after the last flush (whatever followed it cut
 * short or zero-filled, as a file system leaves unflushed data): the resume loses only tasks appended since,
 * and ends with the file of an uninterrupted run, byte for byte.
 */
import { existsSync, fstatSync, fsync as fsyncAsync, fsyncSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { FileCheckpoint, loadCheckpoint } from "../../src/io/checkpoint.js";
import { formatRecordsFile, RecordsAppender, SYNC_INTERVAL_MS, syncOpenAppenders, type RecordsHeader } from "../../src/io/records-file.js";
import { RandomStream } from "../../src/rng/stream.js";
import type { TaskResult } from "../../src/sweep/run.js";

// Every flush goes through the fsyncSync mock, so that the tests count and time them in one place: the mock of
// fs.fsync (the background flush) calls it and then its callback at once, as if the thread pool were instant.
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const fsyncSync = vi.fn(fs.fsyncSync);
  const fsync = vi.fn((fd: number, done: (err: NodeJS.ErrnoException | null) => void) => {
    let failure: NodeJS.ErrnoException | null = null;
    try {
      fsyncSync(fd);
    } catch (err) {
      failure = err as NodeJS.ErrnoException;
    }
    done(failure);
  });
  return { ...fs, fsync, fsyncSync };
});

const root = mkdtempSync(join(tmpdir(), "headtune-flush-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const header: RecordsHeader = { format: "headtune-records", version: 1, kind: "checkpoint", configHash: "sha256:abc", shard: null, tasks: 60 };

/** Task i of a sweep of 5 sizes: about 400 bytes a line, so that 200 ms of appends span several 512-byte sectors. */
function task(i: number): TaskResult {
  const p = 10 * (1 + (i % 5));
  const replicate = Math.floor(i / 5);
  const records = [{ head: "minnorm", p, replicate, k: p, path: "eigen", oracleRisk: 1 / (i + 3), testRisk: NaN, excess: -0, biasX: i, varX: 1e-310, noise: 1, theoryBias: 0, theoryVariance: Infinity, theoryExcess: Infinity, theoryRisk: Infinity, theoryRiskSe: 0, gramMin: NaN, gaussianGramMin: NaN, statesNeverTop: NaN, lambda: 0 }];
  return { p, replicate, records };
}

const fsync = vi.mocked(fsyncSync);
const background = vi.mocked(fsyncAsync);

/** The fsyncs since the appender was made (its constructor's atomic write flushes the file and the folder). */
function flushesAfter(make: () => RecordsAppender): { appender: RecordsAppender; count: () => number } {
  const appender = make();
  const before = fsync.mock.calls.length;
  return { appender, count: () => fsync.mock.calls.length - before };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
  // Back to the mocks' own implementations (the real fsyncSync, and fsync through it), also after a test failed.
  fsync.mockReset();
  background.mockReset();
});

describe("RecordsAppender: grouped flushes", () => {
  it("flushes N appends made within the interval once, SYNC_INTERVAL_MS after the last flush; close then has nothing left", () => {
    expect(SYNC_INTERVAL_MS).toBe(200);
    const { appender, count } = flushesAfter(() => new RecordsAppender(join(root, "burst.jsonl"), header));
    for (let i = 0; i < 50; i++) appender.append(task(i));
    expect(count()).toBe(0);
    vi.advanceTimersByTime(199);
    expect(count()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(count()).toBe(1);
    appender.close();
    expect(count()).toBe(1);
    expect(readFileSync(join(root, "burst.jsonl"), "utf8")).toBe(formatRecordsFile(header, Array.from({ length: 50 }, (_, i) => task(i))));
  });

  it("appends every 10 ms for 1 s: a flush each 200 ms, never two closer, and the last lines at close", () => {
    const times: number[] = [];
    const { appender, count } = flushesAfter(() => new RecordsAppender(join(root, "steady.jsonl"), header));
    const start = performance.now();
    fsync.mockImplementation(() => void times.push(performance.now() - start));
    for (let i = 1; i <= 100; i++) {
      vi.advanceTimersByTime(10);
      appender.append(task(i));
    }
    // Flushes at 200, 400, ..., 1000 ms (the timer runs before the append of the same instant), then the
    // line appended at 1000 ms waits for the next one, which close does.
    expect(times).toEqual([200, 400, 600, 800, 1000]);
    // Those five ran in the background (the main thread does not wait for the disk); close's in the foreground.
    expect(background).toHaveBeenCalledTimes(5);
    appender.close();
    expect(count()).toBe(6);
    expect(background).toHaveBeenCalledTimes(5);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("flushes at once an append that comes SYNC_INTERVAL_MS or more after the last flush, with no timer left", () => {
    const { appender, count } = flushesAfter(() => new RecordsAppender(join(root, "slow.jsonl"), header));
    for (let i = 1; i <= 8; i++) {
      vi.advanceTimersByTime(250);
      appender.append(task(i));
      expect(count()).toBe(i);
      expect(vi.getTimerCount()).toBe(0);
    }
    appender.close();
    expect(count()).toBe(8);
  });

  it("flushes each line within SYNC_INTERVAL_MS of its append, two flushes never closer, for random gaps (seeded)", () => {
    const path = join(root, "random.jsonl");
    // Gaps between appends: exponential with mean 40 ms, whole ms (-40 ln(1 - u)): bursts and pauses over 200 ms.
    const gaps = [...new RandomStream(18).uniform(400)].map((u) => Math.round(-40 * Math.log1p(-u)));
    const flushes: { at: number; size: number }[] = [];
    const appended: { at: number; end: number }[] = [];
    const appender = new RecordsAppender(path, header);
    fsync.mockImplementation((fd) => void flushes.push({ at: performance.now(), size: fstatSync(fd).size }));
    gaps.forEach((gap, i) => {
      vi.advanceTimersByTime(gap);
      appender.append(task(i));
      appended.push({ at: performance.now(), end: readFileSync(path).length });
    });
    const beforeClose = flushes.length;
    appender.close();
    expect(flushes.length).toBe(beforeClose + 1);
    for (const line of appended) {
      const flush = flushes.find((f) => f.size >= line.end)!;
      expect(flush.at - line.at).toBeLessThanOrEqual(SYNC_INTERVAL_MS);
    }
    // The flush at close comes when it must; every other one at least SYNC_INTERVAL_MS after the one before.
    for (let i = 1; i < beforeClose; i++) expect(flushes[i]!.at - flushes[i - 1]!.at).toBeGreaterThanOrEqual(SYNC_INTERVAL_MS);
    expect(beforeClose).toBeGreaterThan(40);
  });

  it("close flushes the lines due and cancels the timer; syncOpenAppenders flushes every open appender (at exit)", () => {
    const closed = flushesAfter(() => new RecordsAppender(join(root, "close.jsonl"), header));
    closed.appender.append(task(0));
    closed.appender.close();
    expect(closed.count()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(closed.count()).toBe(1);
    closed.appender.close();
    expect(closed.count()).toBe(1);

    const left = flushesAfter(() => new RecordsAppender(join(root, "exit.jsonl"), header));
    left.appender.append(task(0));
    syncOpenAppenders();
    expect(left.count()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    syncOpenAppenders();
    expect(left.count()).toBe(1);
    left.appender.close();
    expect(left.count()).toBe(1);
  });

  it("a background flush still running holds the next one back until it ends; close waits for the disk itself", () => {
    const pending: ((err: NodeJS.ErrnoException | null) => void)[] = [];
    background.mockImplementation((fd, done) => void (fsync(fd), pending.push(done)));
    const { appender, count } = flushesAfter(() => new RecordsAppender(join(root, "slow-disk.jsonl"), header));
    appender.append(task(0));
    vi.advanceTimersByTime(SYNC_INTERVAL_MS);
    expect([count(), pending.length]).toEqual([1, 1]);
    // The disk is slow: appends go on, and no second flush starts while the first runs, however late it is.
    for (let i = 1; i <= 5; i++) {
      vi.advanceTimersByTime(100);
      appender.append(task(i));
    }
    expect([count(), vi.getTimerCount()]).toEqual([1, 0]);
    // It ends 500 ms after it started: the lines written meanwhile are due at once.
    pending.shift()!(null);
    expect([count(), pending.length]).toEqual([2, 1]);
    // A flush in flight is not known to be on disk: close flushes in the foreground even with nothing new.
    appender.close();
    expect(count()).toBe(3);
    pending.shift()!(null);
    expect(count()).toBe(3);
  });

  it("refuses an interval that is not a finite number >= 0, naming it, before creating the file", () => {
    const path = join(root, "bad.jsonl");
    for (const bad of [-1, NaN, Infinity]) {
      expect(() => new RecordsAppender(path, header, [], bad)).toThrow(ArgumentError);
      expect(() => new RecordsAppender(path, header, [], bad)).toThrow(new RegExp(`^intervalMs must be (a finite number|>= 0)\\. Value: ${bad}\\.$`));
    }
    expect(existsSync(path)).toBe(false);
  });

  it("a flush that fails in its timer is thrown by the next append, and the lines are flushed by the next call", () => {
    const { appender, count } = flushesAfter(() => new RecordsAppender(join(root, "eio.jsonl"), header));
    const eio = Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO", syscall: "fsync" });
    fsync.mockImplementationOnce(() => {
      throw eio;
    });
    appender.append(task(0));
    vi.advanceTimersByTime(SYNC_INTERVAL_MS);
    expect(count()).toBe(1);
    expect(() => appender.append(task(1))).toThrow(eio);
    appender.close();
    expect(count()).toBe(2);
    expect(readFileSync(join(root, "eio.jsonl"), "utf8")).toBe(formatRecordsFile(header, [task(0)]));
  });
});

describe("FileCheckpoint: a power loss after the last flush", () => {
  it("whatever follows the last flush cut short or zero-filled: the resume keeps every flushed task and ends with the uninterrupted file", () => {
    const path = join(root, "power.jsonl");
    const tasks = Array.from({ length: 60 }, (_, i) => task(i));
    const whole = Buffer.from(formatRecordsFile(header, tasks));
    // The file's size at each of its fsyncs: what a power loss keeps.
    const flushed: number[] = [];
    fsync.mockImplementation((fd) => void flushed.push(fstatSync(fd).size));
    const checkpoint = new FileCheckpoint(path, header);
    flushed.length = 0;
    // One task every 30 ms: 6 or 7 lines (2 KiB, several sectors) between two flushes.
    for (const t of tasks.slice(0, 45)) {
      vi.advanceTimersByTime(30);
      checkpoint.append(t);
    }
    const written = readFileSync(path);
    const kept = flushed.at(-1)!;
    const keptTasks = written.subarray(0, kept).filter((byte) => byte === 10).length - 1;
    expect(written.length - kept).toBeGreaterThan(1024);
    expect(keptTasks).toBeGreaterThan(30);

    // What a file system may hold after a power loss: the flushed bytes, then the rest cut anywhere, or
    // zero-filled from any sector on, or with any one 512-byte sector zero-filled.
    const damaged: Buffer[] = [];
    for (let cut = kept; cut <= written.length; cut += 31) damaged.push(written.subarray(0, cut));
    for (let sector = Math.floor(kept / 512) * 512; sector < written.length; sector += 512) {
      const tail = Buffer.from(written);
      tail.fill(0, Math.max(sector, kept));
      damaged.push(tail);
      const hole = Buffer.from(written);
      hole.fill(0, Math.max(sector, kept), Math.min(sector + 512, written.length));
      damaged.push(hole);
    }
    fsync.mockImplementation(() => undefined);
    for (const bytes of damaged) {
      writeFileSync(path, bytes);
      const loaded = loadCheckpoint(path, header)!;
      expect(loaded.tasks.length).toBeGreaterThanOrEqual(keptTasks);
      expect(loaded.tasks).toEqual(tasks.slice(0, loaded.tasks.length));
      const resumed = new FileCheckpoint(path, header, loaded.tasks);
      for (const t of tasks.slice(loaded.tasks.length)) resumed.append(t);
      resumed.close();
      expect(readFileSync(path).equals(whole)).toBe(true);
    }
  });
});
