/**
 * The summary as a fixed-width text table for a terminal: one line per (head, p), all rows (a sweep has
 * tens of sizes; hiding some could hide the peak). Per-output values (total / k) with standard errors,
 * the theory at n (finite-n, SPEC 6; the limit for ridge heads), and the total risk; the largest and smallest mean risk of the judged head are marked.
 * In the token world the theory columns are headed as the Gaussian-equivalent approximation (SPEC 10d).
 */
import type { WorldName } from "../experiment/settings.js";
import { formatCompact, formatSig } from "./format.js";
import { GAUSSIAN_EQUIVALENT_LABEL } from "./theory-tracking.js";
import { argmaxFinite, argminFinite, assertSummaryRows, groupByHead, primarySeries } from "./rows.js";
import type { SummaryRow } from "./types.js";

const COLUMNS: { name: string; left?: boolean }[] = [
  { name: "head", left: true },
  { name: "p" },
  { name: "g" },
  { name: "k" },
  { name: "excess/out" },
  { name: "± se", left: true },
  { name: "th. excess (n)" },
  { name: "risk/out" },
  { name: "± se", left: true },
  { name: "th. risk (n)" },
  { name: "risk total" },
  { name: "", left: true },
];

function cells(r: SummaryRow, note: string): string[] {
  const po = (v: number) => formatSig(v / r.k, 4);
  const se = (v: number) => `± ${formatSig(v / r.k, 2)}`;
  return [
    r.head,
    String(r.p),
    formatCompact(r.gamma, 3),
    String(r.k),
    po(r.excess_mean),
    se(r.excess_se),
    po(r.theory_finite_excess),
    po(r.risk_mean),
    se(r.risk_se),
    po(r.theory_finite_risk),
    formatSig(r.risk_mean, 4),
    note,
  ];
}

/**
 * A fixed-width table of the summary: head, p, g, k, excess and risk per output (mean ± se, theory at n),
 * total risk; "<- max" and "<- min" mark the largest and smallest mean risk of the min-norm head.
 * Rows are grouped by head (min-norm first) and sorted by p. Lines are joined by "\n", no final newline.
 * @param rows SummaryRow[] (totals over k)
 * @param world the sweep's world ("gaussian" when absent): the token world heads its theory columns "G-eq."
 *   and says under the table what that is
 * @throws {ArgumentError} when a row is malformed or two rows share a head and p
 * @example console.log(summaryTable(result.summary))
 */
export function summaryTable(rows: SummaryRow[], world: WorldName = "gaussian"): string {
  assertSummaryRows(rows);
  const series = groupByHead(rows);
  if (series.length === 0) return "(no rows)";
  const primary = primarySeries(series)!;
  const perOutput = primary.rows.map((r) => r.risk_mean / r.k);
  const peak = primary.rows[argmaxFinite(perOutput)];
  const min = primary.rows[argminFinite(perOutput)];
  const body = series.flatMap((s) => s.rows.map((r) => cells(r, r === peak ? "<- max" : r === min ? "<- min" : "")));
  const tokens = world === "tokens";
  const table = [COLUMNS.map((c) => (tokens ? c.name.replace("th. ", "G-eq. ") : c.name)), ...body];
  const widths = COLUMNS.map((_, j) => Math.max(...table.map((line) => line[j]!.length)));
  const render = (line: string[]) =>
    line
      .map((cell, j) => (COLUMNS[j]!.left ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!)))
      .join("  ")
      .trimEnd();
  const [header, ...lines] = table.map(render);
  const note = tokens ? [`G-eq.: the ${GAUSSIAN_EQUIVALENT_LABEL}, SPEC 10d`] : [];
  return [header!, "-".repeat(header!.length), ...lines, ...note].join("\n");
}
