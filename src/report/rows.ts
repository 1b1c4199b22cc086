/**
 * Checks on the report's inputs, and the rows of a summary grouped into one series per head.
 */
import { ArgumentError } from "../errors.js";
import { assertInteger } from "../validate.js";
import type { ReplicateResult, SummaryRow } from "./types.js";

/**
 * The number fields of a SummaryRow after head, p, gamma, replicates and k, in the summary CSV's column
 * order: any f64, NaN and Infinity allowed.
 */
export const SUMMARY_VALUE_FIELDS = [
  "excess_mean",
  "excess_se",
  "theory_excess",
  "risk_mean",
  "risk_se",
  "theory_risk",
  "bias_mean",
  "bias_se",
  "variance_mean",
  "variance_se",
  "theory_bias",
  "theory_variance",
  "test_risk_mean",
  "test_risk_se",
  "noise",
  "theory_finite_bias",
  "theory_finite_variance",
  "theory_finite_excess",
  "theory_finite_risk",
  "risk_median",
  "theory_risk_se",
] as const satisfies readonly (keyof SummaryRow)[];

/** The number fields of a ReplicateResult after head, p, replicate, k and path. */
export type ReplicateValueField = Exclude<keyof ReplicateResult, "head" | "p" | "replicate" | "k" | "path">;

/**
 * Each number field of a ReplicateResult and its CSV column (snake case, "_total": all are totals over k).
 * A Record, so that a field added to ReplicateResult does not compile until it is named here.
 */
export const REPLICATE_COLUMN_NAMES: Record<ReplicateValueField, string> = {
  oracleRisk: "oracle_risk_total",
  testRisk: "test_risk_total",
  excess: "excess_total",
  biasX: "bias_x_total",
  varX: "var_x_total",
  noise: "noise_total",
  theoryBias: "theory_bias_total",
  theoryVariance: "theory_variance_total",
  theoryExcess: "theory_excess_total",
  theoryRisk: "theory_risk_total",
  theoryRiskSe: "theory_risk_se_total",
  gramMin: "gram_min",
  gaussianGramMin: "gaussian_gram_min",
  statesNeverTop: "states_never_top",
  lambda: "lambda",
};

/** The number fields of a ReplicateResult, in column order. */
export const REPLICATE_VALUE_FIELDS = Object.keys(REPLICATE_COLUMN_NAMES) as ReplicateValueField[];

function assertArray(name: string, value: unknown): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new ArgumentError(`${name} must be an array. Value: ${String(value)}.`, { name });
}

function assertText(name: string, value: unknown): void {
  if (typeof value !== "string" || value.length === 0) {
    throw new ArgumentError(`${name} must be a non-empty string. Value: ${String(value)}.`, { name, value });
  }
}

function assertNumber(name: string, value: unknown): void {
  if (typeof value !== "number") {
    throw new ArgumentError(`${name} must be a number. Value: ${String(value)}.`, { name, value });
  }
}

/**
 * One row: a head, integer p >= 1 and k >= 1, replicates >= 0, a finite g > 0 and numbers elsewhere.
 * @param name the row's name in messages, e.g. "rows[3]"
 * @param row a SummaryRow
 * @throws {ArgumentError} naming the first bad field, e.g. "rows[3].k must be a positive integer. Value: 0."
 */
export function assertSummaryRow(name: string, row: SummaryRow): void {
  if (row === null || typeof row !== "object")
    throw new ArgumentError(`${name} must be an object. Value: ${String(row)}.`);
  assertText(`${name}.head`, row.head);
  assertInteger(`${name}.p`, row.p, 1);
  assertInteger(`${name}.k`, row.k, 1);
  assertInteger(`${name}.replicates`, row.replicates, 0);
  if (typeof row.gamma !== "number" || !Number.isFinite(row.gamma) || row.gamma <= 0) {
    throw new ArgumentError(`${name}.gamma must be a positive finite number. Value: ${String(row.gamma)}.`, {
      name: `${name}.gamma`,
      value: row.gamma,
    });
  }
  for (const f of SUMMARY_VALUE_FIELDS) assertNumber(`${name}.${f}`, row[f]);
}

/**
 * Every row passes assertSummaryRow.
 * @param rows SummaryRow[] from a sweep
 * @throws {ArgumentError} when rows is not an array, or naming the first bad field of a row
 */
export function assertSummaryRows(rows: SummaryRow[]): void {
  assertArray("rows", rows);
  rows.forEach((row, i) => assertSummaryRow(`rows[${i}]`, row));
}

/**
 * One record: a head and a solve path (non-empty strings), integer p >= 1, k >= 1, replicate >= 0, and
 * numbers elsewhere.
 * @param name the record's name in messages, e.g. "records[0]"
 * @param rec a ReplicateResult
 * @throws {ArgumentError} naming the first bad field, e.g. "records[0].k must be a positive integer. Value: 0."
 */
export function assertReplicateResult(name: string, rec: ReplicateResult): void {
  if (rec === null || typeof rec !== "object")
    throw new ArgumentError(`${name} must be an object. Value: ${String(rec)}.`);
  assertText(`${name}.head`, rec.head);
  assertInteger(`${name}.p`, rec.p, 1);
  assertInteger(`${name}.k`, rec.k, 1);
  assertInteger(`${name}.replicate`, rec.replicate, 0);
  assertText(`${name}.path`, rec.path);
  for (const f of REPLICATE_VALUE_FIELDS) assertNumber(`${name}.${f}`, rec[f]);
}

/**
 * Every record passes assertReplicateResult.
 * @param records ReplicateResult[] from a sweep
 * @throws {ArgumentError} when records is not an array, or naming the first bad field of a record
 */
export function assertReplicateResults(records: ReplicateResult[]): void {
  assertArray("records", records);
  records.forEach((rec, i) => assertReplicateResult(`records[${i}]`, rec));
}

/** The rows of one head, sorted by p. */
export interface HeadSeries {
  head: string;
  rows: SummaryRow[];
}

function ridgeLambda(head: string): number {
  const m = /^ridge\((.*)\)$/.exec(head);
  return m ? Number(m[1]) : NaN;
}

/** minnorm first, then ridge heads by lambda, then any other head by name: an order independent of the rows'. */
function compareHeads(a: string, b: string): number {
  const rank = (h: string) => (h === "minnorm" ? 0 : Number.isNaN(ridgeLambda(h)) ? 2 : 1);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1 && ridgeLambda(a) !== ridgeLambda(b)) return ridgeLambda(a) - ridgeLambda(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rows grouped by head (minnorm first, then ridge by lambda, then others by name), each sorted by p.
 * @param rows validated SummaryRow[]
 * @throws {ArgumentError} when two rows share a head and p
 */
export function groupByHead(rows: SummaryRow[]): HeadSeries[] {
  const byHead = new Map<string, { row: SummaryRow; index: number }[]>();
  rows.forEach((row, index) => {
    const list = byHead.get(row.head) ?? [];
    list.push({ row, index });
    byHead.set(row.head, list);
  });
  return [...byHead.keys()].sort(compareHeads).map((head) => {
    const list = byHead.get(head)!.sort((a, b) => a.row.p - b.row.p);
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.row.p === list[i - 1]!.row.p) {
        const [a, b] = [list[i - 1]!.index, list[i]!.index].sort((x, y) => x - y);
        throw new ArgumentError(`rows[${a}] and rows[${b}] are both head ${head}, p = ${list[i]!.row.p}.`, {
          head,
          p: list[i]!.row.p,
        });
      }
    }
    return { head, rows: list.map((e) => e.row) };
  });
}

/** The series the report judges: the min-norm head when present, else the first head. */
export function primarySeries(series: HeadSeries[]): HeadSeries | undefined {
  return series.find((s) => s.head === "minnorm") ?? series[0];
}

/** A head's name for people: "min-norm", "ridge (λ = 0.1)", "ridge (oracle λ)", "ridge (GCV λ)". */
export function headLabel(head: string): string {
  if (head === "minnorm") return "min-norm";
  if (head === "ridge-opt") return "ridge (oracle λ)";
  if (head === "ridge-gcv") return "ridge (GCV λ)";
  const m = /^ridge\((.*)\)$/.exec(head);
  return m ? `ridge (λ = ${m[1]})` : head;
}

/** The index of the largest finite value, the first on ties; -1 when none is finite. */
export function argmaxFinite(values: number[]): number {
  let best = -1;
  values.forEach((v, i) => {
    if (Number.isFinite(v) && (best < 0 || v > values[best]!)) best = i;
  });
  return best;
}

/** The index of the smallest finite value, the first on ties; -1 when none is finite. */
export function argminFinite(values: number[]): number {
  return argmaxFinite(values.map((v) => -v));
}
