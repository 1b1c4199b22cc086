/** The best model size for each value of a map's second setting, and the verdict of a map in words. */
import { formatCompact, formatSig } from "../report/format.js";
import { headLabel } from "../report/rows.js";
import type { MapCell } from "./theory-map.js";

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
 * @example bestSizes(cells, "minnorm")[0].degenerate
 */
export function bestSizes(cells: MapCell[], head: string): BestSize[] {
  const byValue = new Map<number, MapCell[]>();
  for (const c of cells) if (c.head === head) byValue.set(c.value, [...(byValue.get(c.value) ?? []), c]);
  const out: BestSize[] = [];
  for (const value of [...byValue.keys()].sort((a, b) => a - b)) {
    const row = byValue.get(value)!.sort((a, b) => a.p - b.p);
    let best: MapCell | undefined;
    for (const c of row) if (Number.isFinite(c.risk) && (best === undefined || c.risk / c.k < best.risk / best.k)) best = c;
    if (best) out.push({ value, p: best.p, gamma: best.gamma, risk: best.risk / best.k, degenerate: best.p === row[0]!.p });
  }
  return out;
}

/** The heads of a map's cells in order of first appearance. */
export function mapHeads(cells: MapCell[]): string[] {
  return [...new Set(cells.map((c) => c.head))];
}

/**
 * The verdict of a map: per head, over which values of the second setting the best size is the smallest one
 * (a degenerate first descent) and where else it sits.
 * @param cells the map's cells
 * @param axis the second setting's name
 * @example mapVerdict(cells, "alpha")
 */
export function mapVerdict(cells: MapCell[], axis: string): string {
  return mapHeads(cells)
    .map((head) => {
      const best = bestSizes(cells, head);
      if (best.length === 0) return `${headLabel(head)}: no finite risk on the map.`;
      const show = (v: number) => formatCompact(v, 3);
      const runs: { degenerate: boolean; from: BestSize; to: BestSize }[] = [];
      for (const b of best) {
        const last = runs[runs.length - 1];
        if (last && last.degenerate === b.degenerate) last.to = b;
        else runs.push({ degenerate: b.degenerate, from: b, to: b });
      }
      const range = (r: (typeof runs)[number]) => (r.from === r.to ? `${axis} = ${show(r.from.value)}` : `${axis} from ${show(r.from.value)} to ${show(r.to.value)}`);
      const parts = runs.map((r) => {
        if (r.degenerate) return `${range(r)}: the best size is the smallest (g = ${show(r.from.gamma)}), the first descent is degenerate`;
        const gs = best.filter((b) => b.value >= r.from.value && b.value <= r.to.value).map((b) => b.gamma);
        const lo = Math.min(...gs);
        const hi = Math.max(...gs);
        return `${range(r)}: the best size is at g = ${lo === hi ? show(lo) : `${show(lo)} to ${show(hi)}`} (${hi > 1 ? "past the interpolation threshold" : "a real first descent"})`;
      });
      const lowest = best.reduce((a, b) => (b.risk < a.risk ? b : a));
      return `${headLabel(head)}: ${parts.join("; ")}. Lowest risk per output on the map: ${formatSig(lowest.risk, 3)} at ${axis} = ${show(lowest.value)}, g = ${show(lowest.gamma)}.`;
    })
    .join("\n");
}
