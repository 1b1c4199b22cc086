/** The best model size for each value of a map's second setting, and the verdict of a map in words. */
import { formatCompact, formatSig } from "../report/format.js";
import type { WorldName } from "../experiment/settings.js";
import { headLabel } from "../report/rows.js";
import { GAUSSIAN_EQUIVALENT_LABEL } from "../report/theory-tracking.js";
import { SIMULATION_SUFFIX } from "./monte-carlo-map.js";
import { drawnRisk, type MapCell } from "./theory-map.js";

/** One value of the second setting: the size with the smallest risk per output, and whether it is the smallest size. */
export interface BestSize {
  value: number;
  p: number;
  gamma: number;
  /** Risk per output at the best size. */
  risk: number;
  /** The best size is the smallest of the grid: the first descent is degenerate. */
  degenerate: boolean;
}

/**
 * For each value (ascending) of one head's cells: the size minimizing the risk per output (the smallest size
 * on ties); values whose risks are all non-finite are left out.
 * @param cells the map's cells
 * @param head the head label
 * @param riskOf the total risk judged (default drawnRisk: a theory cell's finite-n theory, a simulated cell's mean)
 * @example bestSizes(cells, "minnorm")[0].degenerate
 */
export function bestSizes(cells: MapCell[], head: string, riskOf: (c: MapCell) => number = drawnRisk): BestSize[] {
  const byValue = new Map<number, MapCell[]>();
  for (const c of cells) if (c.head === head) byValue.set(c.value, [...(byValue.get(c.value) ?? []), c]);
  const out: BestSize[] = [];
  for (const value of [...byValue.keys()].sort((a, b) => a - b)) {
    const row = byValue.get(value)!.sort((a, b) => a.p - b.p);
    let best: MapCell | undefined;
    for (const c of row) if (Number.isFinite(riskOf(c)) && (best === undefined || riskOf(c) / c.k < riskOf(best) / best.k)) best = c;
    if (best) out.push({ value, p: best.p, gamma: best.gamma, risk: riskOf(best) / best.k, degenerate: best.p === row[0]!.p });
  }
  return out;
}

/** A map head's name for people: the report's head label, with " (simulation)" kept. */
export function mapHeadLabel(head: string): string {
  return head.endsWith(SIMULATION_SUFFIX) ? `${headLabel(head.slice(0, -SIMULATION_SUFFIX.length))}${SIMULATION_SUFFIX}` : headLabel(head);
}

/**
 * A map head's name with what it shows: in the token world a theory head's cells are the Gaussian-equivalent
 * approximation (SPEC 10d), and its name says so; elsewhere mapHeadLabel.
 * @param head the head of a map's cells
 * @param world the map's world ("gaussian" when absent)
 * @example mapPanelLabel("minnorm", "tokens") // "min-norm, Gaussian-equivalent theory (approximation)"
 */
export function mapPanelLabel(head: string, world: WorldName = "gaussian"): string {
  const label = mapHeadLabel(head);
  return world === "tokens" && !head.endsWith(SIMULATION_SUFFIX) ? `${label}, ${GAUSSIAN_EQUIVALENT_LABEL}` : label;
}

/** The heads of a map's cells in order of first appearance. */
export function mapHeads(cells: MapCell[]): string[] {
  return [...new Set(cells.map((c) => c.head))];
}

/**
 * The verdict of a map: per head, over which values of the second setting the best size is the smallest one
 * (a degenerate first descent) and where else it sits, by the risk the map draws (drawnRisk).
 * @param cells the map's cells
 * @param axis the second setting's name
 * @param world the map's world ("gaussian" when absent): the token world's theory heads are named as the
 *   approximation they are (mapPanelLabel)
 * @example mapVerdict(cells, "alpha")
 */
export function mapVerdict(cells: MapCell[], axis: string, world: WorldName = "gaussian"): string {
  return mapHeads(cells)
    .map((head) => {
      const best = bestSizes(cells, head);
      const name = mapPanelLabel(head, world);
      if (best.length === 0) return `${name}: no finite risk on the map.`;
      const show = (v: number) => formatCompact(v, 3);
      // Runs of consecutive values with the same best size.
      const runs: { from: BestSize; to: BestSize }[] = [];
      for (const b of best) {
        const last = runs[runs.length - 1];
        if (last && last.to.p === b.p) last.to = b;
        else runs.push({ from: b, to: b });
      }
      const range = (r: (typeof runs)[number]) => (r.from === r.to ? `${axis} = ${show(r.from.value)}` : `${axis} ${show(r.from.value)} to ${show(r.to.value)}`);
      const parts = runs.map((r) => {
        const g = r.from.gamma;
        if (r.from.degenerate) return `${range(r)}: the smallest size (g = ${show(g)}), the first descent is degenerate`;
        return `${range(r)}: g = ${show(g)} (${g > 1 ? "past the interpolation threshold" : "a real first descent"})`;
      });
      const lowest = best.reduce((a, b) => (b.risk < a.risk ? b : a));
      return `${name}, best size: ${parts.join("; ")}. Lowest risk per output on the map: ${formatSig(lowest.risk, 3)} at ${axis} = ${show(lowest.value)}, g = ${show(lowest.gamma)}.`;
    })
    .join("\n");
}
