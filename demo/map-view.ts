/**
 * The map as the page shows it: the library's mapSvg in a container, redrawn at most once per animation
 * frame while cells fill in, and a hover box with the numbers of the cell under the pointer.
 */
import type { MapCell } from "../src/map/theory-map.js";
import { mapSvg } from "../src/map/svg.js";
import { describeCell, pendingCount } from "./map-cells.js";

/** A map drawn into a container (data-renders counts the drawings, data-pending the simulated cells not yet in). */
export class MapPlot {
  private cells: MapCell[] = [];
  private axis = "";
  private log = false;
  private frame = 0;
  /** The hovered cell, by head, value and size (its row changes between drawings). */
  private hovered: MapCell | undefined;

  /**
   * @param plot the element the SVG replaces the content of
   * @param hover the hover box (hidden when no cell is under the pointer)
   */
  constructor(
    private readonly plot: HTMLElement,
    private readonly hover: HTMLElement,
  ) {
    plot.addEventListener("mouseover", (event) => this.pointAt(event));
    plot.addEventListener("mousemove", (event) => this.place(event));
    plot.addEventListener("mouseleave", () => this.hoverOn(undefined));
  }

  /**
   * Draws the cells now (cancelling a drawing scheduled for the next frame).
   * @param cells the map's cells (theory, then simulated: finished or pending)
   * @param axis the second setting's name
   * @param log whether its axis is logarithmic
   */
  draw(cells: MapCell[], axis: string, log: boolean): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.cells = cells;
    this.axis = axis;
    this.log = log;
    this.render();
  }

  /** Draws the cells at the next animation frame; calls before it only replace the cells to draw. */
  schedule(cells: MapCell[]): void {
    this.cells = cells;
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Empties the container (and hides the hover box). */
  clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.cells = [];
    this.plot.replaceChildren();
    this.plot.dataset.pending = "0";
    this.hoverOn(undefined);
  }

  private render(): void {
    this.plot.innerHTML = this.cells.length > 0 ? mapSvg(this.cells, this.axis, this.log) : "";
    this.plot.dataset.renders = String(Number(this.plot.dataset.renders ?? "0") + 1);
    this.plot.dataset.pending = String(pendingCount(this.cells));
    const was = this.hovered;
    this.hoverOn(was && this.cells.find((c) => c.head === was.head && c.value === was.value && c.p === was.p));
  }

  private pointAt(event: MouseEvent): void {
    const rect = (event.target as Element).closest?.("rect[data-row]");
    this.hoverOn(rect ? this.cells[Number(rect.getAttribute("data-row"))] : undefined);
    this.place(event);
  }

  private hoverOn(cell: MapCell | undefined): void {
    this.hovered = cell;
    const lines = cell ? describeCell(this.cells, this.cells.indexOf(cell), this.axis) : [];
    this.hover.replaceChildren(...lines.map((line) => Object.assign(document.createElement("div"), { textContent: line })));
    this.hover.hidden = lines.length === 0;
  }

  /** Puts the hover box beside the pointer, inside the plot's card. */
  private place(event: MouseEvent): void {
    const box = this.plot.getBoundingClientRect();
    this.hover.style.left = `${event.clientX - box.left + 14}px`;
    this.hover.style.top = `${event.clientY - box.top + 14}px`;
  }
}
