/** main() in this process, with its io and stop signal injected: exit codes of each kind of failure. */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT, exitCodeOf } from "../../src/cli/exit-codes.js";
import { main } from "../../src/cli/main.js";
import { ArgumentError, ConfigError, NoConvergenceError, TaskFailedError, NonFiniteError, NotPositiveDefiniteError, TooLargeError, UnsupportedEngineError } from "../../src/errors.js";

const root = mkdtempSync(join(tmpdir(), "headtune-main-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(argv: string[], options: { readFile?: (path: string) => string; signal?: AbortSignal } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    io: { stdout: (text) => void (stdout += text), readFile: options.readFile ?? (() => "{}") },
    stderr: { write: (text: string) => void (stderr += text) },
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}

describe("main", () => {
  it("an internal fault prints its stack and asks for a report: exit 70", async () => {
    const readFile = () => {
      throw new TypeError("boom");
    };
    const { code, stderr } = await run(["sweep", "--config", "c.json"], { readFile });
    expect(code).toBe(EXIT.INTERNAL);
    expect(stderr).toMatch(/^TypeError: boom\n\s+at /);
    expect(stderr).toMatch(/headtune: internal error\. This is a bug in headtune .*: please report it with the command you ran and the output above\.\n$/);
  });

  it("an internal fault with a cause (a task that failed twice) prints the stack of each", async () => {
    const readFile = () => {
      throw new Error("task (p = 4, replicate 0) failed twice", { cause: new TypeError("inner") });
    };
    const { code, stderr } = await run(["sweep", "--config", "c.json"], { readFile });
    expect(code).toBe(EXIT.INTERNAL);
    expect(stderr).toMatch(/^Error: task \(p = 4, replicate 0\) failed twice\n\s+at [^]*\nCaused by: TypeError: inner\n\s+at [^]*headtune: internal error\./);
  });

  it("a stop signal ends a sweep with exit 130, keeping the checkpoint and writing no result", async () => {
    const out = join(root, "stopped");
    const { code, stdout, stderr } = await run(["sweep", "--preset", "quick", "--workers", "0", "--out", out], { signal: AbortSignal.abort() });
    expect(code).toBe(EXIT.INTERRUPTED);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/headtune: interrupted\. 0 of 50 tasks are saved in .*checkpoint\.jsonl: run the same command with --resume to finish\.\n$/);
    expect(readdirSync(out)).toEqual(["checkpoint.jsonl"]);
  });

  it("no command prints the help with exit 2; --help with exit 0", async () => {
    const none = await run([]);
    expect(none.code).toBe(EXIT.USAGE);
    expect(none.stdout).toMatch(/^headtune .*\n.*\n\nUsage: headtune <command> \[options\]/);
    expect((await run(["--help"])).code).toBe(EXIT.OK);
  });
});

describe("exitCodeOf", () => {
  it.each([
    [new ArgumentError("x"), EXIT.USAGE],
    [new ConfigError("x"), EXIT.USAGE],
    [new NotPositiveDefiniteError("S", 2), EXIT.NUMERICAL],
    [new NoConvergenceError("x"), EXIT.NUMERICAL],
    [new NonFiniteError("X", 0, NaN), EXIT.NUMERICAL],
    [new TooLargeError("x"), EXIT.TOO_LARGE],
    [new UnsupportedEngineError("x"), EXIT.ENGINE],
    [Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT", syscall: "open" }), EXIT.FILE],
    [new DOMException("stopped", "AbortError"), EXIT.INTERRUPTED],
    [new TypeError("x"), undefined],
    [new TaskFailedError({ p: 4, replicate: 0 }, new Error("exit 1"), new Error("exit 1")), undefined],
  ])("%s -> %s", (err, code) => {
    expect(exitCodeOf(err)).toBe(code);
  });
});
