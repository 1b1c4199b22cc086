/**
 * What the map element draws and says about a cell: while the simulation runs, the theory's cells with a pending
 * twin (NaN risk, drawn grey) for each simulated cell not yet in; on hover, a cell's numbers beside its twin's.
 */
import type { WorldName } from "../experiment/settings.js";
import { mapHeadLabel } from "../map/best.js";
import { SIMULATION_SUFFIX } from "../map/monte-carlo-map.js";
import { drawnRisk, type MapCell } from "../map/theory-map.js";
import { formatCompact, formatSig } from "../report/format.js";
import { theoryLabel } from "../report/theory-tracking.js";

const key = (head: string, value: number, p: number) => `${head}|${value}|${p}`;

/**
 * The cells of a map being simulated: the theory's, then the simulated panels laid out as the theory's (one
 * twin per theory cell, head "<head> (simulation)": the finished one, or a pending one with NaN risks), then
 * the panels of the heads without a theory (ridge-gcv), laid out as the theory's first head.
 * @param theory the theory map's cells
 * @param simulated the simulated cells finished so far
 * @param untheorized the heads the simulation has and the theory has not (their labels, as "ridge-gcv")
 * @example liveCells(theory, []).length === 2 * theory.length
 */
export function liveCells(theory: MapCell[], simulated: MapCell[], untheorized: string[] = []): MapCell[] {
  const done = new Map(simulated.map((c) => [key(c.head, c.value, c.p), c]));
  const first = theory[0]?.head;
  const twin = (c: MapCell, head: string) =>
    done.get(key(head, c.value, c.p)) ?? { ...c, head, lambda: NaN, noise: NaN, bias: NaN, variance: NaN, excess: NaN, risk: NaN, finite: undefined };
  return [
    ...theory,
    ...theory.map((c) => twin(c, `${c.head}${SIMULATION_SUFFIX}`)),
    ...untheorized.flatMap((head) => theory.filter((c) => c.head === first).map((c) => twin(c, `${head}${SIMULATION_SUFFIX}`))),
  ];
}

/**
 * The number of cells still pending (simulated cells whose risk is NaN).
 * @param cells cells as liveCells gives them
 */
export function pendingCount(cells: MapCell[]): number {
  return cells.filter((c) => c.head.endsWith(SIMULATION_SUFFIX) && Number.isNaN(c.risk)).length;
}

/**
 * A cell's numbers for people, per output (risk / k): the head, the axis value, g and p, then the theory's
 * risk and the simulated mean ± se when the map has them ("pending" while the simulation runs).
 * @param cells the cells drawn
 * @param row the cell's index in cells (the data-row of its rectangle)
 * @param axis the second setting's name
 * @param world the map's world ("gaussian" when absent): the token world's theory is named as the approximation it is
 * @returns lines of text; empty when row is not a cell
 * @example describeCell(cells, 0, "sEps") // ["min-norm", "sEps = 0.25, g = 0.1, p = 4", "theory: 0.2903 per output", ...]
 */
export function describeCell(cells: MapCell[], row: number, axis: string, world: WorldName = "gaussian"): string[] {
  const cell = cells[row];
  if (!cell) return [];
  const head = cell.head.endsWith(SIMULATION_SUFFIX) ? cell.head.slice(0, -SIMULATION_SUFFIX.length) : cell.head;
  const find = (name: string) => cells.find((c) => c.head === name && c.value === cell.value && c.p === cell.p);
  const theory = find(head);
  const simulated = find(`${head}${SIMULATION_SUFFIX}`);
  const lines = [mapHeadLabel(head), `${axis} = ${formatCompact(cell.value, 6)}, g = ${formatCompact(cell.gamma, 6)}, p = ${cell.p}`];
  if (theory) {
    const atN = drawnRisk(theory);
    const limit = Object.is(atN, theory.risk) ? "" : ` (n → ∞ limit ${formatSig(theory.risk / theory.k, 4)})`;
    lines.push(`${theoryLabel(world)}: ${formatSig(atN / theory.k, 4)} per output${limit}`);
  }
  if (simulated) {
    const { risk, riskSe, k } = simulated;
    const se = riskSe === undefined || Number.isNaN(riskSe) ? "" : ` ± ${formatSig(riskSe / k, 2)}`;
    lines.push(Number.isNaN(risk) ? "simulated: pending" : `simulated: ${formatSig(risk / k, 4)}${se} per output`);
  }
  return lines;
}
