/**
 * Typed errors. Every error headtune raises on purpose is a HeadtuneError with a stable `code`;
 * the message names the argument and shows the offending value.
 */

export type ErrorCode =
  | "E_ARGUMENT" // a scalar argument is out of range or of the wrong kind
  | "E_SHAPE" // matrix dimensions do not agree
  | "E_NON_FINITE" // NaN or Infinity in an input
  | "E_NOT_POSITIVE_DEFINITE" // Cholesky met a non-positive pivot
  | "E_NO_CONVERGENCE" // an iterative method did not converge
  | "E_TOO_LARGE" // the request does not fit in WebAssembly memory
  | "E_NO_SIMD" // the engine lacks WebAssembly SIMD
  | "E_NOT_INITIALIZED" // the core must be initialized asynchronously first (browser main thread)
  | "E_TASK_FAILED"; // a sweep task's worker died or faulted twice (an internal fault, not a user error)

export class HeadtuneError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class ArgumentError extends HeadtuneError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("E_ARGUMENT", message, details);
  }
}

export class ShapeError extends HeadtuneError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("E_SHAPE", message, details);
  }
}

export class NonFiniteError extends HeadtuneError {
  constructor(name: string, index: number, value: number) {
    super("E_NON_FINITE", `${name} must be finite. Value at index ${index}: ${value}.`, { name, index, value });
  }
}

export class NotPositiveDefiniteError extends HeadtuneError {
  /** 0-based index of the first pivot that was not positive. */
  readonly pivot: number;

  /** `hint`, when given, is appended to the message: the likely cause and what to do. */
  constructor(name: string, pivot: number, hint = "") {
    super(
      "E_NOT_POSITIVE_DEFINITE",
      `${name} is not positive definite: pivot ${pivot} is not positive.${hint === "" ? "" : ` ${hint}`}`,
      { name, pivot },
    );
    this.pivot = pivot;
  }
}

export class NoConvergenceError extends HeadtuneError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("E_NO_CONVERGENCE", message, details);
  }
}

export class TooLargeError extends HeadtuneError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("E_TOO_LARGE", message, details);
  }
}

export class UnsupportedEngineError extends HeadtuneError {
  constructor(message: string) {
    super("E_NO_SIMD", message);
  }
}

export class NotInitializedError extends HeadtuneError {
  constructor(message: string) {
    super("E_NOT_INITIALIZED", message);
  }
}

/** A configuration that cannot be used (a sweep's, or an experiment's settings): it names the field and shows the value. */
export class ConfigError extends ArgumentError {
  /** The offending field as a path ("heads[0].lambda"), or "" for the configuration as a whole. */
  readonly field: string;

  constructor(message: string, field = "", value?: unknown) {
    super(message, { field, value });
    this.field = field;
  }
}

/**
 * The error of a task that failed twice in a pool of workers for a reason of the pool's own: its worker died
 * (exited, crashed) or threw an internal error, not a HeadtuneError. The pool retries such a task once on a
 * fresh worker; this error is what it throws when the retry fails too. It is an internal fault, not a user
 * error (code E_TASK_FAILED).
 */
export class TaskFailedError extends HeadtuneError {
  /** The task that failed. */
  readonly task: { p: number; replicate: number };

  /**
   * @param task the task's model size p and replicate
   * @param first the error of the first attempt
   * @param second the error of the retry (kept as `cause`)
   */
  constructor(task: { p: number; replicate: number }, first: unknown, second: unknown) {
    const why = describe(second);
    const before = describe(first);
    super(
      "E_TASK_FAILED",
      `task (p = ${task.p}, replicate ${task.replicate}) failed twice, the second time on a fresh worker: ${why}${before === why ? "" : ` (first attempt: ${before})`}.`,
      { task: { p: task.p, replicate: task.replicate } },
      { cause: second },
    );
    this.task = { p: task.p, replicate: task.replicate };
  }
}

/** "message" for a plain Error, "Name: message" for another class, the value's text otherwise. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.name === "Error" ? err.message : `${err.name}: ${err.message}`;
}
