/**
 * A sweep as CSV files. The summary has one line per (head, p) with every value twice: per output
 * (total / k, the columns without "_total", unit = "per_output") and as the total over the k outputs
 * (the "_total" columns), so that sizes with different k compare per output and the file still holds the
 * totals exactly. The replicates file is long: one line per (head, p, replicate), totals over k.
 * Numbers are written in their shortest round-trip form (so merged shards can be compared bit for bit),
 * non-finite values as "inf", "-inf", "nan". In the token world the theory is the Gaussian-equivalent
 * approximation (SPEC 10d), and its columns say so: gaussian_theory_* for theory_* in both files.
 */
import { ArgumentError } from "../errors.js";
import type { WorldName } from "../experiment/settings.js";
import { csvLine, parseCsv } from "./csvcodec.js";
import { formatExact, parseExact } from "./format.js";
import {
  assertReplicateResult,
  assertReplicateResults,
  assertSummaryRow,
  assertSummaryRows,
  REPLICATE_COLUMN_NAMES,
  REPLICATE_VALUE_FIELDS,
  SUMMARY_VALUE_FIELDS,
} from "./rows.js";
import type { ReplicateResult, SummaryRow } from "./types.js";

type ValueField = (typeof SUMMARY_VALUE_FIELDS)[number];

/** risk_mean -> risk_total_mean, theory_risk -> theory_risk_total, noise -> noise_total. */
function totalName(field: ValueField): string {
  const m = /^(.*)_(mean|se)$/.exec(field);
  return m ? `${m[1]}_total_${m[2]}` : `${field}_total`;
}

// lambda_mean is not a risk: it is written as is, not per output.
// So are the token world's diagnostics (SPEC 10d; NaN in the Gaussian world).
const SUMMARY_KEYS = ["head", "p", "gamma", "replicates", "k", "lambda_mean", "gram_min_median", "gaussian_gram_min_median", "states_never_top_mean"] as const;

/** The summary file's header in the Gaussian world, in order. */
export const SUMMARY_COLUMNS: readonly string[] = [
  "unit",
  ...SUMMARY_KEYS,
  ...SUMMARY_VALUE_FIELDS,
  ...SUMMARY_VALUE_FIELDS.map(totalName),
];

/** The replicates file's header in the Gaussian world, in order. */
export const REPLICATE_COLUMNS: readonly string[] = [
  "head",
  "p",
  "replicate",
  "k",
  "path",
  ...REPLICATE_VALUE_FIELDS.map((f) => REPLICATE_COLUMN_NAMES[f]),
];

/** A column's name in a world: theory_* is gaussian_theory_* in the token world (an approximation there). */
function worldColumns(columns: readonly string[], world: WorldName): readonly string[] {
  return world === "tokens" ? columns.map((c) => (c.startsWith("theory_") ? `gaussian_${c}` : c)) : columns;
}

/**
 * The summary file's header in a world.
 * @param world "gaussian" (the default: SUMMARY_COLUMNS) or "tokens" (theory_* named gaussian_theory_*)
 * @example summaryColumns("tokens").includes("gaussian_theory_risk") // true
 */
export function summaryColumns(world: WorldName = "gaussian"): readonly string[] {
  return worldColumns(SUMMARY_COLUMNS, world);
}

/**
 * The replicates file's header in a world.
 * @param world "gaussian" (the default: REPLICATE_COLUMNS) or "tokens" (theory_* named gaussian_theory_*)
 * @example replicateColumns("tokens").includes("gaussian_theory_risk_total") // true
 */
export function replicateColumns(world: WorldName = "gaussian"): readonly string[] {
  return worldColumns(REPLICATE_COLUMNS, world);
}

/**
 * CSV of a summary, one line per row in the given order: per-output values (total / k) and totals.
 * @param rows SummaryRow[] (totals over k)
 * @param world the sweep's world ("gaussian" when absent; the header is summaryColumns(world))
 * @throws {ArgumentError} when a row is malformed (see assertSummaryRows)
 * @example summaryCsv(result.summary).split("\n")[0].startsWith("unit,head,p,gamma,replicates,k,lambda_mean")
 */
export function summaryCsv(rows: SummaryRow[], world: WorldName = "gaussian"): string {
  assertSummaryRows(rows);
  let out = csvLine([...summaryColumns(world)]);
  for (const row of rows) {
    out += csvLine([
      "per_output",
      row.head,
      ...SUMMARY_KEYS.slice(1).map((key) => formatExact(row[key] as number)),
      ...SUMMARY_VALUE_FIELDS.map((f) => formatExact(row[f] / row.k)),
      ...SUMMARY_VALUE_FIELDS.map((f) => formatExact(row[f])),
    ]);
  }
  return out;
}

/**
 * CSV of replicate records in long format: one line per record in the given order, risks as totals over k.
 * @param records ReplicateResult[]
 * @param world the sweep's world ("gaussian" when absent; the header is replicateColumns(world))
 * @throws {ArgumentError} when a record is malformed (see assertReplicateResults)
 * @example replicatesCsv(result.records).split("\n")[0] === REPLICATE_COLUMNS.join(",")
 */
export function replicatesCsv(records: ReplicateResult[], world: WorldName = "gaussian"): string {
  assertReplicateResults(records);
  let out = csvLine([...replicateColumns(world)]);
  for (const rec of records) {
    out += csvLine([
      rec.head,
      formatExact(rec.p),
      formatExact(rec.replicate),
      formatExact(rec.k),
      rec.path,
      ...REPLICATE_VALUE_FIELDS.map((f) => formatExact(rec[f])),
    ]);
  }
  return out;
}

/**
 * The records of a CSV text as objects keyed by the Gaussian world's column names, after checking the header is
 * `expected` in either world (worldColumns); with `column`, a Gaussian name as the file spells it.
 */
function readTable(text: string, expected: readonly string[], what: string): { records: Record<string, string>[]; column: (name: string) => string } {
  const [header, ...body] = parseCsv(text);
  const line = header?.join(",");
  const tokens = worldColumns(expected, "tokens");
  if (line !== expected.join(",") && line !== tokens.join(",")) {
    throw new ArgumentError(
      `${what} CSV header must be ${expected.join(",")} (the token world's: ${tokens.join(",")}). Value: ${header === undefined ? "(empty)" : line}.`,
    );
  }
  const world: WorldName = line === expected.join(",") ? "gaussian" : "tokens";
  const records = body.map((fields, i) => {
    if (fields.length !== expected.length) {
      throw new ArgumentError(`${what} CSV record ${i + 1} has ${fields.length} fields, expected ${expected.length}.`);
    }
    return Object.fromEntries(expected.map((name, j) => [name, fields[j]!]));
  });
  return { records, column: (name) => worldColumns([name], world)[0]! };
}

/**
 * Inverse of summaryCsv: the SummaryRows (totals over k) read from the "_total" columns, exactly.
 * Each per-output column must equal its total / k exactly (a check that the file is whole).
 * @param text CSV text as written by summaryCsv, in either world
 * @throws {ArgumentError} on another header, a malformed field or a per-output value that is not total / k
 * @example parseSummaryCsv(summaryCsv(rows)) deep-equals rows (same numbers bit for bit)
 */
export function parseSummaryCsv(text: string): SummaryRow[] {
  const { records, column } = readTable(text, SUMMARY_COLUMNS, "summary");
  return records.map((rec, i) => {
    const where = (col: string) => `summary CSV record ${i + 1}, column ${column(col)}`;
    if (rec.unit !== "per_output") {
      throw new ArgumentError(`${where("unit")} must be per_output. Value: "${rec.unit}".`);
    }
    const row = { head: rec.head } as SummaryRow;
    for (const key of SUMMARY_KEYS.slice(1)) row[key as "p"] = parseExact(rec[key]!, where(key));
    for (const f of SUMMARY_VALUE_FIELDS) {
      const total = parseExact(rec[totalName(f)]!, where(totalName(f)));
      const perOutput = parseExact(rec[f]!, where(f));
      if (!Object.is(perOutput, total / row.k)) {
        throw new ArgumentError(
          `${where(f)} must equal ${column(totalName(f))} / k = ${formatExact(total / row.k)}. Value: ${rec[f]}.`,
        );
      }
      row[f] = total;
    }
    assertSummaryRow(`summary CSV record ${i + 1}`, row);
    return row;
  });
}

/**
 * Inverse of replicatesCsv: the records, numbers exact.
 * @param text CSV text as written by replicatesCsv, in either world
 * @throws {ArgumentError} on another header or a malformed field
 * @example parseReplicatesCsv(replicatesCsv(records)) deep-equals records
 */
export function parseReplicatesCsv(text: string): ReplicateResult[] {
  const { records, column } = readTable(text, REPLICATE_COLUMNS, "replicates");
  return records.map((rec, i) => {
    const where = (col: string) => `replicates CSV record ${i + 1}, column ${column(col)}`;
    const out = {
      head: rec.head!,
      p: parseExact(rec.p!, where("p")),
      replicate: parseExact(rec.replicate!, where("replicate")),
      k: parseExact(rec.k!, where("k")),
      path: rec.path!,
    } as ReplicateResult;
    for (const f of REPLICATE_VALUE_FIELDS) out[f] = parseExact(rec[REPLICATE_COLUMN_NAMES[f]]!, where(REPLICATE_COLUMN_NAMES[f]));
    assertReplicateResult(`replicates CSV record ${i + 1}`, out);
    return out;
  });
}
