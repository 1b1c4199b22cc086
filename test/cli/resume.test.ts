/**
 * headtune sweep stopped and resumed: by Ctrl-C (SIGINT), by SIGTERM, by SIGKILL at chosen moments (a checkpoint
 * line torn mid-write among them) and at 20 random ones, and while writing its results. --resume must lose no
 * finished task and give the files of an uninterrupted run, bit for bit; the results folder never holds a
 * half-written result file.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKPOINT } from "../../src/cli/results-folder.js";
import { readRecordsFile } from "../../src/io/records-file.js";
import { RandomStream } from "../../src/rng/stream.js";
import { requireBundles } from "../sweep/bundles.js";
import { expectUserError, interruptAtTenth, readResults, RESULT_FILES, startCli, writeJson, type Run } from "./headtune.js";

const root = mkdtempSync(join(tmpdir(), "headtune-resume-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 5 sizes x 60 replicates = 300 small tasks: about 1.5 s on 2 idle cores, long enough to stop mid-run. */
const TASKS = 300;
const BOUND = { timeout: 20_000 };
const RESULTS = ["config.json", "plot-linear.svg", "plot.svg", "replicates.csv", "summary.csv"];
let config: string;
let whole: string[];

function sweep(dir: string, ...more: string[]): string[] {
  return ["sweep", "--config", config, "--workers", "2", "--out", dir, ...more];
}

/** The tasks ("p/replicate") of dir's checkpoint as a resume reads them (a torn last line dropped); none when absent. */
function checkpointTasks(dir: string): Set<string> {
  const file = readRecordsFile(join(dir, CHECKPOINT), true);
  return new Set(file?.tasks.map((task) => `${task.p}/${task.replicate}`) ?? []);
}

/** The number of complete lines of the file at path (0 when absent). */
function lineCount(path: string): number {
  let count = 0;
  try {
    for (const byte of readFileSync(path)) if (byte === 10) count++;
  } catch {
    return 0;
  }
  return count;
}

/** The files of dir that are not hidden (writeFileAtomic's temporary files are); none when dir is absent. */
function visibleFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith(".")).sort() : [];
}

/** When to send SIGKILL: as the process starts, at its first output (before its workers finish a task), or once the checkpoint holds that many tasks. */
type Moment = "at start" | "at first output" | number;

/** Runs `sweep --resume` into dir and kills it (SIGKILL) at the given moment, or delayMs after it. */
async function killedAt(dir: string, moment: Moment, delayMs = 0): Promise<Run> {
  let delay: NodeJS.Timeout | undefined;
  const kill = (child: ChildProcess) => {
    if (delayMs === 0) child.kill("SIGKILL");
    else delay ??= setTimeout(() => child.kill("SIGKILL"), delayMs);
  };
  const { child, finished } = startCli(root, sweep(dir, "--resume", "--quiet"), moment === "at first output" ? (_, c) => kill(c) : undefined);
  if (moment === "at start") kill(child);
  const poll =
    typeof moment === "number"
      ? setInterval(() => {
          // The header line, then one line per task.
          if (lineCount(join(dir, CHECKPOINT)) - 1 >= moment) kill(child);
        }, 5)
      : undefined;
  const run = await finished;
  clearInterval(poll);
  clearTimeout(delay);
  return run;
}

beforeAll(async () => {
  requireBundles();
  config = writeJson(root, "long.json", { preset: "quick", replicates: TASKS / 5, grid: { gamma: [0.5, 1.5, 2, 3, 4] } });
  const run = await startCli(root, sweep("whole", "--quiet")).finished;
  expect(run.code).toBe(0);
  whole = readResults(join(root, "whole"));
});

describe("headtune sweep: stopped, then --resume", () => {
  it.each([
    ["SIGINT (Ctrl-C)", 130, "SIGINT"],
    ["SIGTERM", 143, "SIGTERM"],
  ] as const)("stops on %s (exit %i) leaving only the checkpoint; --resume then gives the uninterrupted result", BOUND, async (_, code, signal) => {
    const dir = join(root, signal);
    const interrupted = await interruptAtTenth(root, sweep(dir), signal);
    expect(interrupted.sent).toBe(true);
    expect(interrupted.code).toBe(code);
    expect(interrupted.stderr).toMatch(/interrupted\. \d+ of 300 tasks are saved in .*checkpoint\.jsonl: run the same command with --resume to finish\./);
    expect(readdirSync(dir)).toEqual([CHECKPOINT]);
    const saved = checkpointTasks(dir).size;
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(TASKS);

    expectUserError(await startCli(root, sweep(dir)).finished, 2, /checkpoint\.jsonl holds \d+ finished tasks of a run that did not finish: add --resume to finish it/);
    const resumed = await startCli(root, sweep(dir, "--resume")).finished;
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`(${saved} from the checkpoint)`);
    expect(readdirSync(dir).sort()).toEqual(RESULTS);
    expect(readResults(dir)).toEqual(whole);
  });

  it("killed (SIGKILL) at start, at its first output, after 40 tasks, with a torn line, after 120: no finished task is lost, and --resume gives the uninterrupted result", BOUND, async () => {
    const dir = join(root, "killed");
    const cp = join(dir, CHECKPOINT);
    let saved = new Set<string>();
    for (const moment of ["at start", "at first output", 40, "torn line", 120] as const) {
      if (moment === "torn line") {
        // A kill in the middle of an append leaves part of the last line: cut the last line in half.
        const bytes = readFileSync(cp);
        const last = bytes.lastIndexOf(10, bytes.length - 2) + 1;
        const lastTask = JSON.parse(bytes.subarray(last).toString()) as { p: number; replicate: number };
        truncateSync(cp, last + Math.floor((bytes.length - last) / 2));
        const left = checkpointTasks(dir);
        expect([...saved].filter((task) => !left.has(task))).toEqual([`${lastTask.p}/${lastTask.replicate}`]);
        saved = left;
        continue;
      }
      const run = await killedAt(dir, moment);
      expect(run.signal).toBe("SIGKILL");
      // The run after the cut says what it dropped.
      if (moment === 120) expect(run.stderr).toContain("headtune: the checkpoint's last line was cut short by the stop (a kill, a crash or a power loss while writing): dropped, its task runs again.\n");
      // Only the checkpoint (once it exists): no result file, whole or half.
      expect(visibleFiles(dir)).toEqual(existsSync(cp) ? [CHECKPOINT] : []);
      const now = checkpointTasks(dir);
      expect([...saved].filter((task) => !now.has(task))).toEqual([]);
      if (typeof moment === "number") expect(now.size).toBeGreaterThanOrEqual(moment);
      expect(now.size).toBeLessThan(TASKS);
      saved = now;
    }
    // A kill while writing a result file leaves its temporary file; the next run deletes it.
    writeFileSync(join(dir, ".replicates.csv.99999.0badc0de.tmp"), "head,p,repl");

    const resumed = await startCli(root, sweep(dir, "--resume")).finished;
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`(${saved.size} from the checkpoint)`);
    expect(readdirSync(dir).sort()).toEqual(RESULTS);
    expect(readResults(dir)).toEqual(whole);
  });

  it("killed (SIGKILL) at 20 random moments (seeded): no finished task is lost, and every resume ends with the uninterrupted result", { timeout: 180_000 }, async () => {
    const dir = join(root, "random");
    // Moment i: once the checkpoint holds j_i more tasks than the last kill left (j_i uniform in 0..29: 20
    // kills cover about the 300 tasks), then d_i ms more (uniform in [0, 20)): a kill lands in the start-up,
    // among the appends (mid-line at times), while the results are written, or after the run ended.
    const draws = new RandomStream(20261207).uniform(40);
    let saved = new Set<string>();
    let kills = 0;
    for (let i = 0; i < 20; i++) {
      const run = await killedAt(dir, saved.size + Math.floor(30 * draws[2 * i]!), 20 * draws[2 * i + 1]!);
      if (run.signal === "SIGKILL") {
        kills++;
        // Result files are written whole, once every task is checkpointed; the checkpoint goes last.
        const visible = visibleFiles(dir);
        expect(visible.filter((name) => name !== CHECKPOINT && !RESULTS.includes(name))).toEqual([]);
        for (const [k, name] of RESULT_FILES.entries()) {
          if (visible.includes(name)) expect(readFileSync(join(dir, name), "utf8")).toBe(whole[k]);
        }
        if (visible.includes(CHECKPOINT)) {
          const now = checkpointTasks(dir);
          expect([...saved].filter((task) => !now.has(task))).toEqual([]);
          if (visible.length > 1) expect(now.size).toBe(TASKS);
          saved = now;
        } else if (visible.length > 0) {
          // Killed after the checkpoint was removed: the run was done.
          expect(visible).toEqual(RESULTS);
          rmSync(dir, { recursive: true });
          saved = new Set();
        } else {
          // Killed before its checkpoint was first written: only a fresh sweep has none.
          expect(saved.size).toBe(0);
        }
      } else {
        // Finished before its moment: the files of an uninterrupted run; the next run starts the sweep over.
        expect(run.code).toBe(0);
        expect(readdirSync(dir).sort()).toEqual(RESULTS);
        expect(readResults(dir)).toEqual(whole);
        rmSync(dir, { recursive: true });
        saved = new Set();
      }
    }
    expect(kills).toBeGreaterThan(0);
    const resumed = await startCli(root, sweep(dir, "--resume")).finished;
    expect(resumed.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(RESULTS);
    expect(readResults(dir)).toEqual(whole);
  });

  it("stopped while writing its results, every task checkpointed: --resume runs no task and gives the uninterrupted result", BOUND, async () => {
    const dir = join(root, "late");
    // A folder in the way of summary.csv makes the second result file fail to be written (EISDIR).
    mkdirSync(join(dir, "summary.csv", "in-the-way"), { recursive: true });
    const stopped = await startCli(root, sweep(dir, "--quiet")).finished;
    expect(stopped.code).toBe(6);
    expect(stopped.stderr).toMatch(/\nheadtune: error: EISDIR: .* -> '.*summary\.csv'\n$/);
    // replicates.csv, written before, is whole; the checkpoint holds every task; no temporary file is left.
    expect(readdirSync(dir).sort()).toEqual([CHECKPOINT, "replicates.csv", "summary.csv"]);
    expect(readFileSync(join(dir, "replicates.csv"), "utf8")).toBe(whole[0]);
    expect(checkpointTasks(dir).size).toBe(TASKS);

    rmSync(join(dir, "summary.csv"), { recursive: true });
    const resumed = await startCli(root, sweep(dir, "--resume")).finished;
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`${TASKS}/${TASKS} tasks (${TASKS} from the checkpoint)`);
    expect(readdirSync(dir).sort()).toEqual(RESULTS);
    expect(readResults(dir)).toEqual(whole);
  });
});
