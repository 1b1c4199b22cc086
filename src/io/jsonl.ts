/**
 * One JSON value per line, with numbers kept exactly: JSON's shortest decimals round-trip every finite double,
 * and the values JSON lacks (NaN, Infinity, -Infinity, -0) are written as {"$num": "NaN"} and read back.
 */

/** The value as one line of JSON (no newline), numbers exact. */
export function encodeLine(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0)) ? { $num: Object.is(v, -0) ? "-0" : String(v) } : v,
  );
}

/**
 * The value encodeLine wrote.
 * @throws SyntaxError when the line is not JSON
 */
export function decodeLine(line: string): unknown {
  return JSON.parse(line, (_key, v: unknown) => {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const num = (v as { $num?: unknown }).$num;
      if (keys.length === 1 && typeof num === "string") return Number(num);
    }
    return v;
  });
}
