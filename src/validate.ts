/** Checks at the public boundary. Each throws a typed error that names the argument and shows its value. */
import { ArgumentError, NonFiniteError, ShapeError } from "./errors.js";
import type { Matrix } from "./linalg/matrix.js";
import { firstNonFinite } from "./range.js";

export function assertInteger(name: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    const what = min === 0 ? "a non-negative integer" : min === 1 ? "a positive integer" : `an integer >= ${min}`;
    throw new ArgumentError(`${name} must be ${what}. Value: ${String(value)}.`, { name, value });
  }
}

export function assertFiniteNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ArgumentError(`${name} must be a finite number. Value: ${String(value)}.`, { name, value });
  }
}

export function assertBoolean(name: string, value: unknown): asserts value is boolean {
  if (typeof value !== "boolean") {
    throw new ArgumentError(`${name} must be true or false. Value: ${String(value)}.`, { name, value });
  }
}

export function assertFiniteArray(name: string, data: ArrayLike<number>): void {
  const i = firstNonFinite(data);
  if (i >= 0) throw new NonFiniteError(name, i, data[i]!);
}

/** A Matrix whose data length matches rows * cols and whose entries are finite. */
export function assertMatrix(name: string, m: Matrix): void {
  if (m === null || typeof m !== "object" || !(m.data instanceof Float64Array)) {
    throw new ArgumentError(`${name} must be a Matrix {rows, cols, data: Float64Array}. Value: ${String(m)}.`, {
      name,
    });
  }
  assertInteger(`${name}.rows`, m.rows, 0);
  assertInteger(`${name}.cols`, m.cols, 0);
  if (m.data.length !== m.rows * m.cols) {
    throw new ShapeError(
      `${name}.data has ${m.data.length} entries but ${name} is ${m.rows} x ${m.cols}.`,
      { name, rows: m.rows, cols: m.cols, length: m.data.length },
    );
  }
  assertFiniteArray(name, m.data);
}

export function assertSquare(name: string, m: Matrix): void {
  if (m.rows !== m.cols) {
    throw new ShapeError(`${name} must be square. Value: ${m.rows} x ${m.cols}.`, { name, rows: m.rows, cols: m.cols });
  }
}

/** A finite number >= 0. */
export function assertNonNegativeNumber(name: string, value: unknown): asserts value is number {
  assertFiniteNumber(name, value);
  if (value < 0) throw new ArgumentError(`${name} must be >= 0. Value: ${value}.`, { name, value });
}

/** A finite number > 0. */
export function assertPositiveNumber(name: string, value: unknown): asserts value is number {
  assertFiniteNumber(name, value);
  if (!(value > 0)) throw new ArgumentError(`${name} must be > 0. Value: ${value}.`, { name, value });
}

/** A Float64Array whose entries are finite and >= 0. */
export function assertNonNegativeArray(name: string, data: Float64Array): void {
  if (!(data instanceof Float64Array)) {
    throw new ArgumentError(`${name} must be a Float64Array. Value: ${String(data)}.`, { name });
  }
  assertFiniteArray(name, data);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < 0) throw new ArgumentError(`${name} must be >= 0. Value at index ${i}: ${v}.`, { name, index: i, value: v });
  }
}

/** The values a number may take: integers or any finite number, from a lower bound (inclusive unless `above`) to an optional upper one. */
export interface NumberRule {
  integer: boolean;
  min: number;
  /** The lower bound is excluded (> min). */
  above?: boolean;
  max?: number;
}

/**
 * The words every message about a bad number uses for its rule, from the command line or a configuration file.
 * @param rule the allowed values
 * @example ruleText({ integer: true, min: 1 }) // "an integer >= 1"
 */
export function ruleText(rule: NumberRule): string {
  const kind = rule.integer ? "an integer" : "a number";
  if (rule.min === -Infinity && rule.max === undefined) return kind;
  if (rule.max !== undefined && !rule.above) return `${kind} from ${rule.min} to ${rule.max}`;
  const upper = rule.max === undefined ? "" : ` and <= ${rule.max}`;
  return `${kind} ${rule.above ? ">" : ">="} ${rule.min}${upper}`;
}

/**
 * True when value is a finite number the rule allows (an integer when it asks for one, within its bounds).
 * @param rule the allowed values
 * @param value anything
 * @example followsRule({ integer: false, min: 0, above: true }, 0) // false
 */
export function followsRule(rule: NumberRule, value: unknown): value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) return false;
  if (rule.integer && !Number.isSafeInteger(value)) return false;
  if (rule.above ? value <= rule.min : value < rule.min) return false;
  return rule.max === undefined || value <= rule.max;
}

/**
 * A value as a message shows it: JSON cut at 80 characters ("missing" for undefined, 5n for a BigInt). A value
 * JSON cannot write (a cycle, a BigInt inside, nesting past the stack) shows as its tag, e.g. "[object Array]".
 * @example showValue({ n: -5 }) // '{"n":-5}'
 */
export function showValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
