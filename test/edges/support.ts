/**
 * Support for the edge-case suites: the HeadtuneError a call throws (to check class, code and message
 * together), a CLI io that records stdout and serves files from a map, and a Monte Carlo mean-zero check.
 */
import { expect } from "vitest";
import { HeadtuneError } from "../../src/errors.js";
import { meanSe } from "../hmm/moments.js";

/** The HeadtuneError fn throws; anything else thrown, or nothing, fails the test with a plain Error. */
export function thrown(fn: () => unknown): HeadtuneError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HeadtuneError) return err;
    throw new Error(`expected a HeadtuneError, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  }
  throw new Error("expected a HeadtuneError, but nothing was thrown");
}

/** The HeadtuneError a promise rejects with (as thrown). */
export async function rejected(promise: Promise<unknown>): Promise<HeadtuneError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HeadtuneError) return err;
    throw new Error(`expected a HeadtuneError, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  }
  throw new Error("expected a HeadtuneError, but the promise resolved");
}

/** A CliIo whose stdout is recorded in out and whose files are the entries of files. */
export function fakeIo(files: Record<string, string> = {}): { out: string[]; stdout(s: string): void; readFile(path: string): string } {
  const out: string[] = [];
  return {
    out,
    stdout: (s) => {
      out.push(s);
    },
    readFile: (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return files[path]!;
    },
  };
}

/**
 * |mean| <= 5 se of the values (a zero spread needs an exact zero mean, up to rounding of the values' scale):
 * a false alarm about once in 1.7 million for a mean that is zero.
 */
export function expectMeanZero(what: string, values: number[], scale: number): void {
  const { mean, se } = meanSe(values);
  expect(Math.abs(mean), `${what}: mean ${mean}, se ${se}`).toBeLessThanOrEqual(5 * se + 1e-12 * scale);
}
