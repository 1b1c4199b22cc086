/**
 * The CLI's exit codes, one per kind of failure, and the code of a given error. A user error (a HeadtuneError,
 * a bad flag or file) gets one line on stderr; only an internal fault (anything else) prints a stack.
 */
import { HeadtuneError } from "../errors.js";

export const EXIT = {
  /** Finished. */
  OK: 0,
  /** Bad command line or configuration (unknown option or field, wrong type, out of range). */
  USAGE: 2,
  /** A numerical failure (matrix not positive definite, no convergence, non-finite values). */
  NUMERICAL: 3,
  /** The problem does not fit in WebAssembly memory, or its workers in the machine's memory. */
  TOO_LARGE: 4,
  /** This JavaScript engine cannot run headtune (no WebAssembly SIMD). */
  ENGINE: 5,
  /** A file could not be read or written (missing, no permission, disk full). */
  FILE: 6,
  /** A bug in headtune. */
  INTERNAL: 70,
  /** Stopped by Ctrl-C (SIGINT); a sweep or a simulated map keeps its checkpoint. */
  INTERRUPTED: 130,
} as const;

/** The exit code for an error, or undefined for an internal fault (not a user error, TaskFailedError included). */
export function exitCodeOf(err: unknown): number | undefined {
  if (err instanceof HeadtuneError) {
    switch (err.code) {
      case "E_NOT_POSITIVE_DEFINITE":
      case "E_NO_CONVERGENCE":
      case "E_NON_FINITE":
        return EXIT.NUMERICAL;
      case "E_TOO_LARGE":
        return EXIT.TOO_LARGE;
      case "E_TASK_FAILED":
        // A worker that died or faulted twice is a bug: its stack and cause are printed.
        return undefined;
      case "E_NO_SIMD":
      case "E_NOT_INITIALIZED":
        return EXIT.ENGINE;
      default:
        return EXIT.USAGE;
    }
  }
  if (isFileError(err)) return EXIT.FILE;
  if (err instanceof Error && err.name === "AbortError") return EXIT.INTERRUPTED;
  return undefined;
}

/** A Node file-system error (it carries a syscall and an errno code such as ENOENT). */
export function isFileError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === "string" && typeof (err as NodeJS.ErrnoException).code === "string";
}
