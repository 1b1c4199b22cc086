import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { removeTemporaries, writeFileAtomic } from "../../src/io/atomic.js";
import { FileCheckpoint, loadCheckpoint } from "../../src/io/checkpoint.js";
import { canonicalJson, configHash } from "../../src/io/hash.js";
import { encodeLine } from "../../src/io/jsonl.js";
import { readRecordsFile, type RecordsHeader } from "../../src/io/records-file.js";
import { resolveSizes } from "../../src/sweep/grid.js";
import { presetConfig } from "../../src/sweep/presets.js";
import type { TaskResult } from "../../src/sweep/run.js";

const root = mkdtempSync(join(tmpdir(), "headtune-io-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const header: RecordsHeader = { format: "headtune-records", version: 1, kind: "checkpoint", configHash: "sha256:abc", shard: null, tasks: 4 };

function task(p: number, replicate: number): TaskResult {
  const records = [{ head: "minnorm", p, replicate, k: p, path: "eigen", oracleRisk: 1 / 3, testRisk: NaN, excess: -0, biasX: 0, varX: 1e-310, noise: 1, theoryBias: 0, theoryVariance: Infinity, theoryExcess: Infinity, theoryRisk: Infinity, theoryRiskSe: 0, gramMin: NaN, gaussianGramMin: NaN, statesNeverTop: NaN, lambda: 0 }];
  return { p, replicate, records };
}

describe("writeFileAtomic", () => {
  it("creates folders, replaces the file, and leaves no temporary file", () => {
    const path = join(root, "a", "b", "out.csv");
    writeFileAtomic(path, "first\n");
    writeFileAtomic(path, "second\n");
    expect(readFileSync(path, "utf8")).toBe("second\n");
    expect(readdirSync(join(root, "a", "b"))).toEqual(["out.csv"]);
  });

  it("leaves the old file and no temporary file when the rename fails", () => {
    const dir = join(root, "c");
    mkdirSync(join(dir, "taken"), { recursive: true });
    writeFileSync(join(dir, "taken", "x"), "");
    // Renaming a file over a non-empty folder fails (EISDIR / ENOTEMPTY / EPERM by platform).
    expect(() => writeFileAtomic(join(dir, "taken"), "data")).toThrow();
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});

describe("removeTemporaries", () => {
  it("deletes the temporary files writeFileAtomic leaves when killed mid-write, for the named targets only", () => {
    const dir = join(root, "leftovers");
    mkdirSync(dir);
    const names = [".summary.csv.4242.0badc0de.tmp", ".plot.svg.7.12345678.tmp", ".notes.txt.4242.0badc0de.tmp", ".summary.csv.tmp", "summary.csv"];
    for (const name of names) writeFileSync(join(dir, name), "");
    expect(removeTemporaries(dir, ["summary.csv", "plot.svg"]).sort()).toEqual([".plot.svg.7.12345678.tmp", ".summary.csv.4242.0badc0de.tmp"]);
    expect(readdirSync(dir).sort()).toEqual([".notes.txt.4242.0badc0de.tmp", ".summary.csv.tmp", "summary.csv"]);
    expect(removeTemporaries(join(root, "nowhere"), ["summary.csv"])).toEqual([]);
  });
});

describe("checkpoint", () => {
  it("appends tasks and reads them back exactly", () => {
    const path = join(root, "cp1.jsonl");
    const checkpoint = new FileCheckpoint(path, header);
    expect(checkpoint.done()).toEqual([]);
    checkpoint.append(task(10, 0));
    checkpoint.append(task(20, 1));
    checkpoint.close();
    const { tasks, dropped } = loadCheckpoint(path, header)!;
    expect(tasks).toEqual([task(10, 0), task(20, 1)]);
    expect(dropped).toBe(0);
    expect(Object.is(tasks[0]!.records[0]!.excess, -0)).toBe(true);
    expect(readFileSync(path, "utf8").split("\n")[0]).toBe(JSON.stringify(header));
  });

  it("drops a last line cut short by a crash, then resumes with a whole file", () => {
    const path = join(root, "cp2.jsonl");
    const first = new FileCheckpoint(path, header);
    first.append(task(10, 0));
    first.close();
    appendFileSync(path, '{"p":20,"replicate":0,"reco');
    const earlier = loadCheckpoint(path, header)!;
    expect(earlier).toEqual({ tasks: [task(10, 0)], dropped: 1 });
    const resumed = new FileCheckpoint(path, header, earlier.tasks);
    expect(resumed.done()).toEqual([task(10, 0)]);
    resumed.append(task(20, 0));
    resumed.close();
    expect(loadCheckpoint(path, header)).toEqual({ tasks: [task(10, 0), task(20, 0)], dropped: 0 });
    expect(readFileSync(path, "utf8").endsWith("\n")).toBe(true);
  });

  it("cut anywhere in its last line (a kill mid-append): that task is dropped, and the resumed file is the uncut one", () => {
    const path = join(root, "cp-cut.jsonl");
    const tasks = [task(10, 0), task(20, 1), task(30, 2)];
    const whole = new FileCheckpoint(path, header);
    for (const t of tasks) whole.append(t);
    whole.close();
    const bytes = readFileSync(path);
    const last = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    // Every cut from the start of the last line to just before its newline.
    for (let cut = last; cut < bytes.length; cut++) {
      writeFileSync(path, bytes.subarray(0, cut));
      expect(loadCheckpoint(path, header)).toEqual({ tasks: tasks.slice(0, 2), dropped: cut === last ? 0 : 1 });
    }
    for (const cut of [last + 1, Math.floor((last + bytes.length) / 2), bytes.length - 1]) {
      writeFileSync(path, bytes.subarray(0, cut));
      const resumed = new FileCheckpoint(path, header, loadCheckpoint(path, header)!.tasks);
      resumed.append(tasks[2]!);
      resumed.close();
      expect(readFileSync(path)).toEqual(bytes);
    }
  });

  it("is undefined when absent, and removed on request", () => {
    const path = join(root, "cp3.jsonl");
    expect(loadCheckpoint(path, header)).toBeUndefined();
    new FileCheckpoint(path, header).remove();
    expect(loadCheckpoint(path, header)).toBeUndefined();
  });

  it("refuses a checkpoint of another configuration or shard, naming the file", () => {
    const path = join(root, "cp4.jsonl");
    new FileCheckpoint(path, header).close();
    expect(() => loadCheckpoint(path, { ...header, configHash: "sha256:def" })).toThrow(ArgumentError);
    expect(() => loadCheckpoint(path, { ...header, configHash: "sha256:def" })).toThrow(/cp4\.jsonl belongs to another configuration \(sha256:abc; this one is sha256:def\)/);
    expect(() => loadCheckpoint(path, { ...header, shard: { index: 1, count: 2 } })).toThrow(/belongs to shard none \(the whole sweep\), not 1\/2/);
  });

  it("names the file and line of a corrupted record; a checkpoint is read up to it, as a log is replayed", () => {
    const path = join(root, "cp5.jsonl");
    const good = encodeLine(task(10, 0));
    writeFileSync(path, `${JSON.stringify(header)}\n${good}\n{"p":1}\n${good}\n`);
    expect(() => readRecordsFile(path, false)).toThrow(/cp5\.jsonl line 3 cannot be read: it is not a task result/);
    expect(readRecordsFile(path, true)).toEqual({ header, tasks: [task(10, 0)], dropped: 2 });
    writeFileSync(path, `${JSON.stringify(header)}\n${good}\n\0\0\0\0\n${good}\n\0\0`);
    expect(() => readRecordsFile(path, false)).toThrow(/cp5\.jsonl line 5 cannot be read: the line is incomplete/);
    expect(readRecordsFile(path, true)).toEqual({ header, tasks: [task(10, 0)], dropped: 3 });
    // The header is flushed before any task line: a bad one is an error even in a checkpoint.
    writeFileSync(path, "not json\n");
    expect(() => readRecordsFile(path, true)).toThrow(/cp5\.jsonl line 1 cannot be read: it is not JSON/);
  });
});

describe("configHash", () => {
  it("depends on what determines results, not on the preset name or how the grid is written", () => {
    const quick = presetConfig("quick");
    const { sizes } = resolveSizes(quick);
    const hash = configHash(quick, sizes);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const asP = { ...quick, preset: undefined, grid: { p: sizes } };
    expect(configHash(asP, resolveSizes(asP).sizes)).toBe(hash);
    expect(configHash({ ...quick, seed: 2 }, sizes)).not.toBe(hash);
    expect(configHash({ ...quick, replicates: quick.replicates + 1 }, sizes)).not.toBe(hash);
  });

  it("canonical JSON sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe('{"a":{"c":3,"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});
