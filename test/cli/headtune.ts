/** The built CLI (cli.js of this run's bundles) started as a user starts it, and what the CLI tests check of it. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { bundlePath } from "../sweep/bundles.js";

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Settles when the process has ended, with its exit code or signal and all its output. */
  finished: Promise<Run>;
}

/**
 * Starts `node cli.js ...args` in folder cwd.
 * @param onStderr sees all of stderr so far each time more arrives, and the process (to signal it)
 * @param env variables added to this process's environment for the child
 */
export function startCli(
  cwd: string,
  args: string[],
  onStderr?: (stderr: string, child: ChildProcess) => void,
  env: Record<string, string> = {},
): CliProcess {
  const child = spawn(process.execPath, [bundlePath("cli.js"), ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  const finished = new Promise<Run>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, child);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, finished };
}

/**
 * Starts `node cli.js ...args` in cwd and sends it SIGINT (or the given signal) once a tenth of its tasks is
 * done (the progress display without a terminal prints a line per tenth).
 * @returns the run, and whether the signal was sent
 */
export async function interruptAtTenth(cwd: string, args: string[], signal: NodeJS.Signals = "SIGINT"): Promise<Run & { sent: boolean }> {
  let sent = false;
  const run = await startCli(cwd, args, (stderr, child) => {
    if (!sent && / 1\d%/.test(stderr)) {
      sent = true;
      child.kill(signal);
    }
  }).finished;
  return { ...run, sent };
}

/** A user error: exit `code`, nothing on stdout, exactly one line on stderr starting "headtune: error: ", no stack. */
export function expectUserError(run: Run, code: number, pattern: RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe("");
  expect(run.stderr.split("\n")).toEqual([expect.stringMatching(/^headtune: error: /), ""]);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** The result files that must not depend on how a sweep was run (config.json holds times and worker counts). */
export const RESULT_FILES = ["replicates.csv", "summary.csv", "plot.svg", "plot-linear.svg"];

/** The contents of RESULT_FILES in folder dir. */
export function readResults(dir: string): string[] {
  return RESULT_FILES.map((name) => readFileSync(join(dir, name), "utf8"));
}

/** Writes value as JSON to dir/name; returns the path. */
export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}
