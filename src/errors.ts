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
  | "E_NOT_INITIALIZED"; // the core must be initialized asynchronously first (browser main thread)

export class HeadtuneError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
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
