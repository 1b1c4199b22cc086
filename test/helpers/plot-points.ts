/**
 * The plot's points as the tests compare them: each plotted point of plotSvg (a g.point element) by its data
 * attributes, and the points a sweep's summary rows must give, written as the SVG writes numbers.
 */
import { formatExact } from "../../src/report/format.js";
import type { SweepResult } from "../../src/sweep/run.js";

/** A plotted point: its panel, series and head, its size and its numbers as the SVG writes them. */
export interface Point {
  panel: string;
  series: string;
  head: string;
  p: string;
  mean: string;
  se: string;
}

/**
 * The points the summary rows give: per output (value / k), one per row with a finite mean, for risk in the
 * top panel and bias and variance in the bottom one, written as the SVG writes numbers (formatExact).
 */
export function pointsOf(result: SweepResult, panels: readonly ("risk" | "bias-variance")[]): Point[] {
  const points: Point[] = [];
  for (const row of result.summary) {
    const series = [
      ["risk", "risk", row.risk_mean, row.risk_se],
      ["bias-variance", "bias", row.bias_mean, row.bias_se],
      ["bias-variance", "variance", row.variance_mean, row.variance_se],
    ] as const;
    for (const [panel, name, mean, se] of series) {
      if (!panels.includes(panel) || !Number.isFinite(mean / row.k)) continue;
      points.push({ panel, series: name, head: row.head, p: String(row.p), mean: formatExact(mean / row.k), se: formatExact(se / row.k) });
    }
  }
  return points;
}

/** The points in a fixed order (panel, series, head, p), so that two lists compare whatever their drawing order. */
export function sorted(points: Point[]): Point[] {
  const key = (q: Point) => `${q.panel}|${q.series}|${q.head}|${q.p.padStart(6, "0")}`;
  return [...points].sort((a, b) => key(a).localeCompare(key(b)));
}
