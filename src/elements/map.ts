/**
 * <headtune-map>: the map over g and a second setting. Its theory (theoryMap) in a Web Worker, drawn at once
 * with mapSvg; with `simulate`, its Monte Carlo cells (monteCarloMap) filling in, grey while pending, redrawn
 * at most once a second; then the verdict and the downloads map.csv and map.svg, as `headtune map` writes them.
 * Hovering a cell shows its numbers; the frame scrolls sideways (also with the arrow keys) when narrow.
 *   <headtune-map preset="quick" axis="sEps" from="0.25" to="1" steps="4" simulate replicates="4">
 */
import { headLabel, type WorldName } from "../experiment/settings.js";
import { mapVerdict } from "../map/best.js";
import { mapCsv } from "../map/csv.js";
import { monteCarloMap } from "../map/monte-carlo-map.js";
import { mapSvg } from "../map/svg.js";
import type { MapCell } from "../map/theory-map.js";
import { configFromAttributes, mapFromAttributes, workersFromAttributes } from "./attributes.js";
import { HeadtuneElement, type ElementExport } from "./base.js";
import { describeCell, liveCells, pendingCount } from "./map-cells.js";
import { Painter, PAINT_INTERVAL_MS } from "./paint.js";
import { theoryInWorker } from "./theory-worker.js";

/** The map element; its result is the map's cells: the theory's, then the simulated ones (as `headtune map`). */
export class HeadtuneMap extends HeadtuneElement<MapCell[]> {
  private readonly hover: HTMLElement;
  /** What the map shows, and how (kept for the hover box). */
  private cells: MapCell[] = [];
  private axis = "";
  private log = false;
  /** The map's world: the token world's theory panels are named as its Gaussian-equivalent approximation. */
  private world: WorldName = "gaussian";
  /** The hovered cell, by head, value and size (its row changes between drawings). */
  private hovered: MapCell | undefined;

  constructor() {
    super({ kind: "map", label: "Risk over g and a second setting", scrolls: true, downloads: ["map.csv", "map.svg"] });
    this.hover = Object.assign(document.createElement("div"), { className: "hover", hidden: true, role: "tooltip" });
    this.hover.setAttribute("part", "hover");
    this.plot.after(this.hover);
    this.plot.dataset.pending = "0";
    this.plot.addEventListener("mouseover", (event) => this.pointAt(event));
    this.plot.addEventListener("mousemove", (event) => this.place(event));
    this.plot.addEventListener("mouseleave", () => this.hoverOn(undefined));
  }

  /** The finished map's map.csv (undefined before one). */
  csv(): string | undefined {
    return this.result && mapCsv(this.result, this.axis, this.world);
  }

  /** The finished map's map.svg (undefined before one). */
  svg(): string | undefined {
    return this.result && mapSvg(this.result, this.axis, this.log, this.world);
  }

  protected async execute(signal: AbortSignal): Promise<MapCell[]> {
    const config = this.config ?? configFromAttributes(this, "<headtune-map> attributes");
    const { axis, values, log, simulate } = mapFromAttributes(this, config.world);
    const workers = workersFromAttributes(this);
    const factory = this.workers();
    this.world = config.world ?? "gaussian";
    this.cells = [];
    this.plot.replaceChildren();
    this.plot.dataset.pending = "0";
    this.hoverOn(undefined);
    this.say(`Computing the theory map: ${values.length} value${values.length === 1 ? "" : "s"} of ${axis}…`);
    const theory = await theoryInWorker(factory, { config, axis, values }, signal, (done, total) => this.progress(done, total, "theory cells"));
    if (!simulate) {
      this.draw(theory, axis, log);
      return theory;
    }
    const simulated: MapCell[] = [];
    // theoryMap leaves ridge-gcv out (its lambda needs a sample): its simulated panel is laid out all the same.
    const untheorized = config.heads.filter((head) => head.kind === "ridge-gcv").map(headLabel);
    const live = () => liveCells(theory, simulated, untheorized);
    const painter = new Painter(() => this.draw(live(), axis, log), PAINT_INTERVAL_MS.plot);
    this.draw(live(), axis, log);
    const total = live().length - theory.length;
    this.progress(0, total, "simulated cells");
    this.say(`Theory done; simulating ${values.length} sweep${values.length === 1 ? "" : "s"} of ${config.replicates} replicates on ${workers} worker${workers === 1 ? "" : "s"}…`);
    try {
      const finished = await monteCarloMap(config, axis, values, {
        workers,
        workerFactory: factory,
        signal,
        onCells: (done) => {
          simulated.push(...done);
          this.progress(simulated.length, total, "simulated cells");
          painter.request();
        },
      });
      painter.cancel();
      const cells = [...theory, ...finished];
      this.draw(cells, axis, log);
      return cells;
    } catch (err) {
      // A cancelled map keeps the finished cells.
      painter.cancel();
      if (signal.aborted) this.draw(live(), axis, log);
      throw err;
    }
  }

  protected verdictOf(cells: MapCell[]): string {
    return mapVerdict(cells, this.axis, this.world);
  }

  protected exportsOf(): ElementExport[] {
    return [
      { type: "text/csv", text: () => this.csv()! },
      { type: "image/svg+xml", text: () => this.svg()! },
    ];
  }

  /** Draws the cells (data-pending: the simulated cells not yet in), keeping the hovered cell's box. */
  private draw(cells: MapCell[], axis: string, log: boolean): void {
    this.cells = cells;
    this.axis = axis;
    this.log = log;
    this.plot.dataset.pending = String(pendingCount(cells));
    this.drawSvg(cells.length > 0 ? mapSvg(cells, axis, log, this.world) : "");
    const was = this.hovered;
    this.hoverOn(was && cells.find((c) => c.head === was.head && c.value === was.value && c.p === was.p));
  }

  private pointAt(event: MouseEvent): void {
    const rect = (event.target as Element).closest?.("rect[data-row]");
    this.hoverOn(rect ? this.cells[Number(rect.getAttribute("data-row"))] : undefined);
    this.place(event);
  }

  private hoverOn(cell: MapCell | undefined): void {
    this.hovered = cell;
    const lines = cell ? describeCell(this.cells, this.cells.indexOf(cell), this.axis, this.world) : [];
    this.hover.replaceChildren(...lines.map((line) => Object.assign(document.createElement("div"), { textContent: line })));
    this.hover.hidden = lines.length === 0;
  }

  /** Puts the hover box beside the pointer, inside the frame. */
  private place(event: MouseEvent): void {
    const box = this.plot.getBoundingClientRect();
    this.hover.style.left = `${event.clientX - box.left + 14}px`;
    this.hover.style.top = `${event.clientY - box.top + 14}px`;
  }
}
