/**
 * ReplicateResults packed for the trip from a worker: the numbers of all records in one Float64Array
 * (whose buffer is transferred, not copied) and the strings beside it.
 */
import type { ReplicateResult } from "../experiment/world.js";

export interface PackedRecords {
  /** Field names in the records' own order. */
  readonly keys: string[];
  /** Per key: true for a number field (in values), false for a string field (in strings). */
  readonly numeric: boolean[];
  readonly count: number;
  /** count x (number of numeric keys), row-major. */
  readonly values: Float64Array;
  /** count x (number of string keys), row-major. */
  readonly strings: string[];
}

/**
 * Packs records that share one set of fields, each a number or a string.
 * @param records results of one task
 * @throws TypeError when the records differ in fields or hold another kind of value (an internal fault)
 */
export function packRecords(records: readonly ReplicateResult[]): PackedRecords {
  const first = (records[0] ?? {}) as unknown as Record<string, unknown>;
  const keys = Object.keys(first);
  const numeric = keys.map((key) => typeof first[key] === "number");
  const numberKeys = keys.filter((_, i) => numeric[i]);
  const values = new Float64Array(records.length * numberKeys.length);
  const strings: string[] = [];
  records.forEach((record, i) => {
    const fields = record as unknown as Record<string, unknown>;
    if (Object.keys(fields).length !== keys.length) throw new TypeError(`record ${i} has fields ${Object.keys(fields).join(", ")}; expected ${keys.join(", ")}`);
    let column = 0;
    keys.forEach((key, j) => {
      const value = fields[key];
      if (numeric[j] && typeof value === "number") values[i * numberKeys.length + column++] = value;
      else if (!numeric[j] && typeof value === "string") strings.push(value);
      else throw new TypeError(`record ${i} field ${key} is ${typeof value}; expected ${numeric[j] ? "number" : "string"}`);
    });
  });
  return { keys, numeric, count: records.length, values, strings };
}

/** The records packRecords packed: the same fields in the same order, the same numbers (-0 and NaN included). */
export function unpackRecords(packed: PackedRecords): ReplicateResult[] {
  const width = packed.numeric.filter(Boolean).length;
  const stringWidth = packed.keys.length - width;
  const records: ReplicateResult[] = [];
  for (let i = 0; i < packed.count; i++) {
    const record: Record<string, number | string> = {};
    let column = 0;
    let text = 0;
    packed.keys.forEach((key, j) => {
      record[key] = packed.numeric[j] ? packed.values[i * width + column++]! : packed.strings[i * stringWidth + text++]!;
    });
    records.push(record as unknown as ReplicateResult);
  }
  return records;
}
