/**
 * <headtune-sweep>: runs a sweep in Web Workers (runSweep) and draws it with plotSvg as tasks finish (at most
 * once a second), then the verdict and the downloads summary.csv, replicates.csv and plot.svg.
 *   <headtune-sweep preset="quick" replicates="20" heads="minnorm ridge:0.1" workers="2" log-y autorun>
 */
import type { ReplicateResult } from "../experiment/world.js";
import { plotSvg, replicatesCsv, summaryCsv, worldPlotOptions, worldVerdict } from "../report/index.js";
import { summarize, type SummaryRow } from "../sweep/aggregate.js";
import { runSweep, type SweepResult } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";
import { configFromAttributes, workersFromAttributes } from "./attributes.js";
import { HeadtuneElement, type ElementExport } from "./base.js";
import { Painter, PAINT_INTERVAL_MS } from "./paint.js";

/** The plot's title: preset (or "custom"), scaling, n and replicates. */
export function plotTitle(config: SweepConfig): string {
  const name = config.preset ? `${config.preset} preset` : "custom settings";
  return `headtune, ${name}: ${config.scaling} scaling, n = ${config.n}, ${config.replicates} replicates`;
}

/** The sweep element; its result is runSweep's. */
export class HeadtuneSweep extends HeadtuneElement<SweepResult> {
  static get observedAttributes(): string[] {
    return ["log-y"];
  }

  private readonly logBox: HTMLInputElement;
  /** What the plot shows (the summary rows and their sweep's configuration), kept to redraw it when the y scale changes. */
  private shown: { rows: SummaryRow[]; config?: SweepConfig } = { rows: [] };

  constructor() {
    super({
      kind: "sweep",
      label: "Risk against model size",
      toolbar: `<label class="check" part="log-y"><input type="checkbox" class="log-y" /> log y axis</label>`,
      downloads: ["summary.csv", "replicates.csv", "plot.svg"],
    });
    this.logBox = this.root.querySelector(".log-y")!;
    this.logBox.addEventListener("change", () => this.toggleAttribute("log-y", this.logBox.checked));
  }

  attributeChangedCallback(): void {
    this.logBox.checked = this.logY;
    if (this.shown.config) this.show(this.shown.rows, this.shown.config);
  }

  /** Logarithmic y axes (the log-y attribute). */
  get logY(): boolean {
    return this.hasAttribute("log-y");
  }

  /** The summary rows the plot shows now (of the sweep running, cancelled or done). */
  get rows(): SummaryRow[] {
    return this.shown.rows;
  }

  /** The finished sweep's summary.csv (undefined before one). */
  csv(): string | undefined {
    return this.result && summaryCsv(this.result.summary, this.result.config.world);
  }

  /** The finished sweep's plot.svg, with the y scale shown (undefined before one). */
  svg(): string | undefined {
    return this.result && this.plotOf(this.result.summary, this.result.config);
  }

  protected async execute(signal: AbortSignal): Promise<SweepResult> {
    const config = this.config ?? configFromAttributes(this, "<headtune-sweep> attributes");
    const workers = workersFromAttributes(this);
    const records: ReplicateResult[] = [];
    const painter = new Painter(() => this.show(summarize(records, config.n), config), PAINT_INTERVAL_MS.plot);
    this.show([], config);
    this.say(`Running ${config.preset ? `the ${config.preset} preset` : "custom settings"} on ${workers} worker${workers === 1 ? "" : "s"}…`);
    try {
      const result = await runSweep(config, {
        workers,
        workerFactory: this.workers(),
        signal,
        onProgress: ({ done, total }) => this.progress(done, total, "tasks"),
        onRecords: (task) => {
          records.push(...task.records);
          painter.request();
        },
      });
      painter.cancel();
      this.show(result.summary, config);
      return result;
    } catch (err) {
      // A cancelled sweep keeps the finished tasks on its plot.
      painter.cancel();
      if (signal.aborted) this.show(summarize(records, config.n), config);
      throw err;
    }
  }

  protected verdictOf(result: SweepResult): string {
    return worldVerdict(result.summary, result.config);
  }

  protected exportsOf(result: SweepResult): ElementExport[] {
    return [
      { type: "text/csv", text: () => summaryCsv(result.summary, result.config.world) },
      { type: "text/csv", text: () => replicatesCsv(result.records, result.config.world) },
      { type: "image/svg+xml", text: () => this.svg()! },
    ];
  }

  private show(rows: SummaryRow[], config: SweepConfig): void {
    this.shown = { rows, config };
    this.drawSvg(this.plotOf(rows, config));
  }

  /** plot.svg of a sweep's summary rows, with the y scale shown and its world's theory label. */
  private plotOf(rows: SummaryRow[], config: SweepConfig): string {
    return plotSvg(rows, { title: plotTitle(config), logY: this.logY, ...worldPlotOptions(config) });
  }
}
