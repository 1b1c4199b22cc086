/**
 * Numbers as text: exactly (for files a machine reads back bit for bit) and to a few significant digits
 * (for people). Non-finite values are written "inf", "-inf" and "nan" in both.
 */
import { ArgumentError } from "../errors.js";

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function nonFinite(x: number): string {
  return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

/**
 * The shortest decimal text that reads back as the same f64 (JavaScript's round-trip rule), keeping -0.
 * @param x any number
 * @example formatExact(0.1) === "0.1"; formatExact(-0) === "-0"; formatExact(Infinity) === "inf"
 */
export function formatExact(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  return Object.is(x, -0) ? "-0" : String(x);
}

/**
 * Inverse of formatExact: a decimal number, "inf", "-inf", "+inf" or "nan" (any case) to its f64.
 * @param text the field
 * @param where names the field in the error, e.g. "line 3, column risk_mean"
 * @throws {ArgumentError} when text is not a number (empty, hexadecimal, padded, ...)
 * @example parseExact("1e-3", "x") === 0.001
 */
export function parseExact(text: string, where: string): number {
  const lower = text.toLowerCase();
  if (lower === "inf" || lower === "+inf") return Infinity;
  if (lower === "-inf") return -Infinity;
  if (lower === "nan") return NaN;
  if (!NUMBER.test(text)) throw new ArgumentError(`${where} must be a number. Value: "${text}".`, { where, text });
  return Number(text);
}

/**
 * x to `digits` significant digits, trailing zeros kept ("1.50"), exponent written "1.5e-7".
 * @param x any number
 * @param digits significant digits, 1..21
 * @example formatSig(0.051234, 3) === "0.0512"; formatSig(1234567, 3) === "1.23e6"
 */
export function formatSig(x: number, digits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return "0";
  return x.toPrecision(digits).replace("e+", "e");
}

/**
 * x rounded to `digits` significant digits, trailing zeros dropped ("0.05", "1.25", "5").
 * @param x any number
 * @param digits significant digits, 1..21
 * @example formatCompact(0.050000001, 3) === "0.05"
 */
export function formatCompact(x: number, digits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return "0";
  return String(Number(x.toPrecision(digits))).replace("e+", "e");
}
