/**
 * What <headtune-sweep> and <headtune-map> share: the shadow tree (toolbar with Run, Cancel, progress and
 * elapsed time; status line; the drawing's frame; verdict and downloads), run() and cancel() with their
 * events, the `config` and `workerFactory` properties, the `state` attribute, and painting at a readable rate.
 * Under Node (no DOM) the classes still load, so that a server-side import of headtune/elements does not throw.
 */
import { ArgumentError } from "../errors.js";
import { browserWorkerFactory } from "../sweep/browser-workers.js";
import type { SweepConfig } from "../sweep/schema.js";
import type { WorkerFactory } from "../sweep/workers.js";
import { init } from "../wasm/core.js";
import { setDownload } from "./downloads.js";
import { elapsedText, Painter, PAINT_INTERVAL_MS } from "./paint.js";
import { ELEMENT_STYLE } from "./style.js";

/** What an element is doing, reflected as its `state` attribute (for styles and scripts). */
export type ElementState = "ready" | "running" | "done" | "cancelled" | "error";

/** The detail of a `progress` event: work done, its total, and what is counted ("tasks", "theory cells", ...). */
export interface ProgressDetail {
  done: number;
  total: number;
  unit: string;
}

/** A file the element offers for download once a run is done. */
export interface ElementExport {
  type: string;
  text: () => string;
}

/** What a subclass puts in the shared tree. */
export interface ElementLayout {
  /** "sweep" or "map": a class on the tree, and what the buttons and messages call a run. */
  kind: "sweep" | "map";
  /** The drawing's accessible name. */
  label: string;
  /** Extra toolbar markup (a labelled control). */
  toolbar?: string;
  /** The drawing scrolls sideways inside its frame: the frame takes the keyboard focus (arrow keys scroll). */
  scrolls?: boolean;
  /** The names of the files offered for download, in order. */
  downloads: string[];
}

const ElementBase: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

/** The base of the headtune elements; R is the result of a run. */
export abstract class HeadtuneElement<R> extends ElementBase {
  /** The configuration to run; when unset, the attributes' (preset, n, replicates, heads, seed, ...). */
  config: SweepConfig | undefined;
  /** Where the workers come from; default: module Web Workers of worker.browser.js beside this module. */
  workerFactory: WorkerFactory | undefined;

  protected readonly root: ShadowRoot;
  /** The drawing's container (data-renders counts its drawings). */
  protected readonly plot: HTMLElement;
  private readonly runButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly bar: HTMLProgressElement;
  private readonly count: HTMLElement;
  private readonly elapsed: HTMLElement;
  private readonly status: HTMLElement;
  private readonly verdictText: HTMLElement;
  private readonly links: HTMLAnchorElement[];
  private readonly progressPainter: Painter;
  private progressState = { done: 0, total: 0, unit: "tasks" };
  private controller: AbortController | undefined;
  private lastResult: R | undefined;

  constructor(private readonly layout: ElementLayout) {
    super();
    this.root = this.attachShadow({ mode: "open" });
    const frameAttributes = layout.scrolls ? ` tabindex="0" role="group" aria-label="${layout.label}"` : ` role="group" aria-label="${layout.label}"`;
    this.root.innerHTML = `<style>${ELEMENT_STYLE}</style>
<div class="${layout.kind}">
  <div class="toolbar" part="toolbar">
    <button type="button" class="run" part="run">Run ${layout.kind}</button>
    <button type="button" class="cancel" part="cancel" disabled>Cancel</button>
    <progress part="progress" value="0" max="1" aria-label="${layout.kind === "sweep" ? "Tasks" : "Cells"} finished"></progress>
    <span class="count" part="count"></span>
    <span class="elapsed" part="elapsed"></span>
    ${layout.toolbar ?? ""}
  </div>
  <p class="status" part="status" role="status" aria-live="polite"></p>
  <div class="frame" part="frame"${frameAttributes}><div class="plot" part="plot" data-renders="0"></div></div>
  <div part="footer">
    <p class="verdict" part="verdict" aria-live="polite"></p>
    <nav class="exports" part="exports" aria-label="Downloads">${layout.downloads.map((name) => `<a download="${name}" aria-disabled="true">${name}</a>`).join("")}</nav>
  </div>
</div>`;
    const $ = <T extends Element>(selector: string) => this.root.querySelector<T & Element>(selector)!;
    this.plot = $(".plot");
    this.runButton = $(".run");
    this.cancelButton = $(".cancel");
    this.bar = $("progress");
    this.count = $(".count");
    this.elapsed = $(".elapsed");
    this.status = $(".status");
    this.verdictText = $(".verdict");
    this.links = [...this.root.querySelectorAll<HTMLAnchorElement>(".exports a")];
    this.progressPainter = new Painter(() => this.paintProgress(), PAINT_INTERVAL_MS.progress);
    this.runButton.addEventListener("click", () => void this.run().catch(() => undefined));
    this.cancelButton.addEventListener("click", () => this.cancel());
    // Escape anywhere in the element stops a run, as Cancel does.
    this.root.addEventListener("keydown", (event) => {
      if ((event as KeyboardEvent).key === "Escape" && this.running) this.cancel();
    });
  }

  connectedCallback(): void {
    if (!this.hasAttribute("state")) this.setState("ready", `Ready: Run computes the ${this.layout.kind} in Web Workers.`);
    if (this.hasAttribute("autorun") && !this.controller && this.lastResult === undefined) void this.run().catch(() => undefined);
  }

  disconnectedCallback(): void {
    // A removed element stops its workers; a moved one (reconnected in the same task) keeps running.
    queueMicrotask(() => {
      if (!this.isConnected) this.cancel();
    });
  }

  /** The last finished run's result (undefined before one, and while a run is going). */
  get result(): R | undefined {
    return this.lastResult;
  }

  /** The verdict line of the last finished run ("" before one). */
  get verdict(): string {
    return this.verdictText.textContent ?? "";
  }

  /** True while a run is going. */
  get running(): boolean {
    return this.controller !== undefined;
  }

  /**
   * Runs with the current configuration: `progress` events as work finishes, then `result` (or `error`).
   * @returns the result (as the library's function gives it)
   * @throws the library's error (also sent as an `error` event and shown), or an AbortError after cancel()
   */
  async run(): Promise<R> {
    if (this.controller) throw new ArgumentError(`run() was called while a ${this.layout.kind} runs: cancel() it first.`, { name: "run" });
    const controller = new AbortController();
    this.controller = controller;
    this.lastResult = undefined;
    this.runButton.disabled = true;
    this.cancelButton.disabled = false;
    for (const link of this.links) setDownload(link, undefined);
    this.verdictText.textContent = "";
    const started = performance.now();
    const tick = setInterval(() => (this.elapsed.textContent = elapsedText(started)), 1000);
    this.elapsed.textContent = elapsedText(started);
    this.setState("running", `Running the ${this.layout.kind}…`);
    try {
      await init();
      const result = await this.execute(controller.signal);
      this.lastResult = result;
      this.progressPainter.flush();
      this.verdictText.textContent = this.verdictOf(result);
      const files = this.exportsOf(result);
      this.links.forEach((link, i) => setDownload(link, files[i]!.text(), files[i]!.type));
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      this.setState("done", `Done in ${seconds} s.`);
      this.dispatchEvent(new CustomEvent("result", { detail: result, bubbles: true, composed: true }));
      return result;
    } catch (err) {
      this.progressPainter.flush();
      if (controller.signal.aborted) {
        this.setState("cancelled", `Cancelled after ${this.progressState.done} of ${this.progressState.total} ${this.progressState.unit}.`);
      } else {
        this.setState("error", err instanceof Error ? err.message : String(err));
        // As an <img>'s error event, it does not bubble: a bubbling "error" would reach window.onerror handlers.
        this.dispatchEvent(new CustomEvent("error", { detail: err }));
      }
      throw err;
    } finally {
      clearInterval(tick);
      this.elapsed.textContent = `${((performance.now() - started) / 1000).toFixed(2)} s`;
      this.controller = undefined;
      this.runButton.disabled = false;
      this.cancelButton.disabled = true;
    }
  }

  /** Stops a run: its workers are terminated and run() rejects with an AbortError. */
  cancel(): void {
    this.controller?.abort();
  }

  /** The run itself, on the checked configuration; reports with progress(). */
  protected abstract execute(signal: AbortSignal): Promise<R>;
  /** What the verdict line says of a result. */
  protected abstract verdictOf(result: R): string;
  /** The downloads of a result, in the order of layout.downloads. */
  protected abstract exportsOf(result: R): ElementExport[];

  /** The worker factory of a run: the property, else Web Workers of the worker bundle beside this module. */
  protected workers(): WorkerFactory {
    return this.workerFactory ?? browserWorkerFactory();
  }

  /**
   * Work finished: a `progress` event now (detail { done, total, unit }), the bar and count at the next paint.
   * @param unit what is counted ("tasks", "theory cells", ...)
   */
  protected progress(done: number, total: number, unit: string): void {
    this.progressState = { done, total, unit };
    this.progressPainter.request();
    const detail: ProgressDetail = { done, total, unit };
    this.dispatchEvent(new CustomEvent("progress", { detail, bubbles: true, composed: true }));
  }

  /** Puts an SVG in the frame and counts the drawing. */
  protected drawSvg(svg: string): void {
    this.plot.innerHTML = svg;
    this.plot.dataset.renders = String(Number(this.plot.dataset.renders) + 1);
  }

  protected say(text: string): void {
    this.status.textContent = text;
  }

  private paintProgress(): void {
    const { done, total, unit } = this.progressState;
    this.bar.max = Math.max(total, 1);
    this.bar.value = done;
    this.count.textContent = `${done} / ${total} ${unit}`;
  }

  private setState(state: ElementState, text: string): void {
    this.setAttribute("state", state);
    this.status.textContent = text;
  }
}
