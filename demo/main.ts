/**
 * The explorer page: the settings form, Run and Cancel, and two views, each one of the library's custom
 * elements (src/elements) driven by the form. Sweep: <headtune-sweep> runs the sweep in Web Workers and draws
 * its plot as tasks finish; at the end the page shows the verdict, the table, the elapsed time and the
 * exports (CSV, JSON, SVG). Map: <headtune-map> draws the theory map over g and a second setting, then the
 * Monte Carlo cells filling in; at the end the map verdict and map.csv and map.svg, as `headtune map` writes
 * them. The page's own meters repaint at the elements' readable rate (src/elements/paint.ts).
 */
import { encodeLine } from "../src/io/jsonl.js";
import { replicatesCsv, summaryCsv } from "../src/report/index.js";
import { browserWorkerFactory } from "../src/sweep/browser-workers.js";
import { resolveSizes } from "../src/sweep/grid.js";
import { presetConfig } from "../src/sweep/presets.js";
import type { MapCell } from "../src/map/theory-map.js";
import type { SweepResult } from "../src/sweep/run.js";
import type { SweepConfig } from "../src/sweep/schema.js";
import { init } from "../src/wasm/core.js";
import { setDownload } from "../src/elements/downloads.js";
import { HeadtuneMap, HeadtuneSweep, type ProgressDetail } from "../src/elements/index.js";
import { elapsedText, Painter, PAINT_INTERVAL_MS } from "../src/elements/paint.js";
import { byId } from "./dom.js";
import { fillForm, MAX_WORKERS, readForm, showErrors, syncDependentControls, worldOf, type FormState } from "./form.js";
import { fillAxisOptions, mapExtent, readMapForm, type MapSettings } from "./map-form.js";
import { countedWorkerFactory } from "./pool.js";
import { renderTable, showStatus } from "./view.js";

const ui = {
  layout: byId<HTMLElement>("layout"),
  viewMap: byId<HTMLInputElement>("view-map"),
  mapExtent: byId<HTMLElement>("map-extent"),
  mapVerdict: byId<HTMLElement>("map-verdict"),
  form: byId<HTMLFormElement>("settings"),
  controls: byId<HTMLFieldSetElement>("controls"),
  preset: byId<HTMLSelectElement>("preset"),
  workers: byId<HTMLInputElement>("workers"),
  workersHint: byId<HTMLElement>("workers-hint"),
  sizes: byId<HTMLElement>("sizes"),
  run: byId<HTMLButtonElement>("run"),
  cancel: byId<HTMLButtonElement>("cancel"),
  status: byId<HTMLElement>("status"),
  progress: byId<HTMLProgressElement>("progress"),
  progressText: byId<HTMLElement>("progress-text"),
  elapsed: byId<HTMLOutputElement>("elapsed"),
  live: byId<HTMLOutputElement>("live-workers"),
  plot: byId<HeadtuneSweep>("plot"),
  mapPlot: byId<HeadtuneMap>("map-plot"),
  logY: byId<HTMLInputElement>("logY"),
  verdict: byId<HTMLElement>("verdict"),
  table: byId<HTMLTableElement>("summary-table").tBodies[0]!,
  downloads: {
    summary: byId<HTMLAnchorElement>("download-summary"),
    replicates: byId<HTMLAnchorElement>("download-replicates"),
    json: byId<HTMLAnchorElement>("download-json"),
    svg: byId<HTMLAnchorElement>("download-svg"),
  },
  mapDownloads: {
    csv: byId<HTMLAnchorElement>("download-map-csv"),
    svg: byId<HTMLAnchorElement>("download-map-svg"),
  },
};
const workerFactory = countedWorkerFactory(browserWorkerFactory(new URL("./worker.browser.js", import.meta.url)), (live) => {
  ui.live.value = String(live);
  ui.live.dataset.live = String(live);
});
ui.plot.workerFactory = workerFactory;
ui.mapPlot.workerFactory = workerFactory;

let ready = false;
let running: AbortController | undefined;
let form: FormState = { errors: new Map() };
/** The map the controls describe, when the map view is on and its controls are valid. */
let map: MapSettings | undefined;
function mapView(): boolean {
  return ui.viewMap.checked;
}

function updateRunButton(): void {
  ui.run.disabled = !ready || running !== undefined || form.config === undefined || (mapView() && map === undefined);
  ui.cancel.disabled = running === undefined;
}

function revalidate(): void {
  form = readForm();
  ui.layout.dataset.view = mapView() ? "map" : "sweep";
  map = mapView() ? readMapForm(form.config, form.errors) : undefined;
  ui.mapExtent.textContent = map ? mapExtent(map) : "";
  showErrors(form.errors);
  const { config, sizes } = form;
  if (config && sizes) {
    const list = sizes.sizes;
    const dropped = sizes.dropped.map((drop) => `g = ${drop.gamma} (${drop.reason})`).join(", ");
    ui.sizes.textContent =
      `${list.length} size${list.length === 1 ? "" : "s"}, p = ${list[0]} to ${list[list.length - 1]}: ` +
      `${list.length * config.replicates} tasks.${dropped ? ` Dropped: ${dropped}.` : ""}`;
  } else {
    ui.sizes.textContent = "";
  }
  updateRunButton();
}

/** The page's meters: the progress the running element last reported, painted at a readable rate. */
let progress = { done: 0, total: 0, unit: "tasks" };
const progressPainter = new Painter(() => {
  ui.progress.max = Math.max(progress.total, 1);
  ui.progress.value = progress.done;
  ui.progressText.textContent = `${progress.done} / ${progress.total} ${progress.unit}`;
}, PAINT_INTERVAL_MS.progress);

function showProgress(done: number, total: number, unit: string): void {
  progress = { done, total, unit };
  progressPainter.request();
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function exportFiles(result: SweepResult, elapsedSeconds: number): void {
  const json = JSON.parse(
    encodeLine({
      generator: "headtune explorer",
      elapsedSeconds,
      workers: result.workers,
      config: result.config,
      sizes: result.sizes,
      dropped: result.dropped,
      summary: result.summary,
    }),
  ) as unknown;
  setDownload(ui.downloads.summary, summaryCsv(result.summary, result.config.world), "text/csv");
  setDownload(ui.downloads.replicates, replicatesCsv(result.records, result.config.world), "text/csv");
  setDownload(ui.downloads.json, `${JSON.stringify(json, null, 2)}\n`, "application/json");
  setDownload(ui.downloads.svg, ui.plot.svg(), "image/svg+xml");
}

/**
 * Runs one sweep or map: locks the form, ticks the elapsed time once a second, and unlocks when the job ends.
 * @param job the work; it reports its own outcome (status, verdict, exports)
 */
async function exclusive(job: (signal: AbortSignal, started: number) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  running = controller;
  ui.controls.disabled = true;
  updateRunButton();
  const started = performance.now();
  const timer = setInterval(() => (ui.elapsed.value = elapsedText(started)), 1000);
  ui.elapsed.value = elapsedText(started);
  try {
    await job(controller.signal, started);
  } finally {
    clearInterval(timer);
    progressPainter.flush();
    ui.elapsed.value = `${seconds(started).toFixed(2)} s`;
    running = undefined;
    ui.controls.disabled = false;
    updateRunButton();
  }
}

function failed(what: string, err: unknown): void {
  showStatus(ui.status, "error", `The ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
}

/** Runs an element with the page's Cancel wired to it; resolves with its result, or undefined when it failed. */
async function runElement<R>(element: HeadtuneSweep | HeadtuneMap, signal: AbortSignal, what: string, onCancel: () => void): Promise<R | undefined> {
  const cancel = () => element.cancel();
  signal.addEventListener("abort", cancel);
  try {
    return (await element.run()) as R;
  } catch (err) {
    if (signal.aborted) onCancel();
    else failed(what, err);
    return undefined;
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}

async function start(config: SweepConfig, workers: number, signal: AbortSignal, started: number): Promise<void> {
  for (const link of Object.values(ui.downloads)) setDownload(link, undefined);
  ui.plot.config = config;
  ui.plot.setAttribute("workers", String(workers));
  ui.verdict.textContent = "Running…";
  showProgress(0, 0, "tasks");
  showStatus(ui.status, "running", `Running ${config.preset ? `the ${config.preset} preset` : "custom settings"} on ${workers} worker${workers === 1 ? "" : "s"}…`);
  const result = await runElement<SweepResult>(ui.plot, signal, "sweep", () => {
    ui.verdict.textContent = "Cancelled: no verdict on a partial sweep.";
    showStatus(ui.status, "cancelled", `Cancelled after ${progress.done} of ${progress.total} tasks; the plot shows the finished ones.`);
  });
  renderTable(ui.table, ui.plot.rows);
  if (!result) {
    if (!signal.aborted) ui.verdict.textContent = "";
    return;
  }
  const elapsed = seconds(started);
  ui.verdict.textContent = ui.plot.verdict;
  exportFiles(result, elapsed);
  showStatus(ui.status, "done", `Done: ${progress.total} tasks in ${elapsed.toFixed(2)} s on ${result.workers} worker${result.workers === 1 ? "" : "s"}.`);
}

/**
 * The map: <headtune-map> on the form's configuration and the map controls' range; at the end the cells
 * `headtune map` writes (theory, then simulation), their verdict and exports.
 */
async function startMap(settings: MapSettings, workers: number, signal: AbortSignal, started: number): Promise<void> {
  const { config, axis, values, log, simulate, range } = settings;
  for (const link of Object.values(ui.mapDownloads)) setDownload(link, undefined);
  const element = ui.mapPlot;
  element.config = config;
  const attributes = { axis, from: String(range.from), to: String(range.to), steps: String(range.count), workers: String(workers) };
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.toggleAttribute("log", log);
  element.toggleAttribute("simulate", simulate);
  ui.mapVerdict.textContent = "Running…";
  showProgress(0, 0, "theory cells");
  showStatus(ui.status, "running", `Computing the theory map: ${values.length} value${values.length === 1 ? "" : "s"} of ${axis}…`);
  const cells = await runElement<MapCell[]>(element, signal, "map", () => {
    ui.mapVerdict.textContent = "Cancelled: no verdict on a partial map.";
    showStatus(ui.status, "cancelled", `Cancelled after ${progress.done} of ${progress.total} ${progress.unit}; the map shows the finished ones.`);
  });
  if (!cells) {
    if (!signal.aborted) ui.mapVerdict.textContent = "";
    return;
  }
  ui.mapVerdict.textContent = element.verdict;
  setDownload(ui.mapDownloads.csv, element.csv(), "text/csv");
  setDownload(ui.mapDownloads.svg, element.svg(), "image/svg+xml");
  showStatus(ui.status, "done", `Done: the map of ${cells.length} cells in ${seconds(started).toFixed(2)} s.`);
}

function onFormEdit(event: Event): void {
  if (event.target === ui.preset) fillForm(presetConfig(ui.preset.value));
  syncDependentControls();
  fillAxisOptions(worldOf());
  revalidate();
}

ui.form.addEventListener("input", onFormEdit);
ui.form.addEventListener("change", onFormEdit);
ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  const { config, workers } = form;
  if (!config || workers === undefined || running) return;
  const chosen = map;
  if (mapView()) {
    if (chosen) void exclusive((signal, started) => startMap(chosen, workers, signal, started));
  } else {
    void exclusive((signal, started) => start(config, workers, signal, started));
  }
});
ui.cancel.addEventListener("click", () => running?.abort());
ui.logY.addEventListener("change", () => ui.plot.toggleAttribute("log-y", ui.logY.checked));
for (const element of [ui.plot, ui.mapPlot]) {
  element.addEventListener("progress", (event: Event) => {
    const { done, total, unit } = (event as CustomEvent<ProgressDetail>).detail;
    showProgress(done, total, unit);
  });
}

for (const option of ui.preset.options) {
  const preset = presetConfig(option.value);
  const count = resolveSizes(preset).sizes.length;
  option.textContent = `${option.value} · n = ${preset.n}, ${count} sizes × ${preset.replicates}`;
}
const cores = navigator.hardwareConcurrency || 2;
ui.workersHint.textContent = `1 to ${MAX_WORKERS}; this device reports ${cores} core${cores === 1 ? "" : "s"}`;
ui.workers.value = String(Math.min(cores, 4));
fillForm(presetConfig(ui.preset.value));
fillAxisOptions(worldOf());
revalidate();
try {
  await init();
  ready = true;
  showStatus(ui.status, "ready", "Ready: the WebAssembly SIMD core is loaded. Pick a preset or edit the settings, then Run.");
} catch (err) {
  showStatus(ui.status, "error", err instanceof Error ? err.message : String(err));
}
updateRunButton();
