/**
 * The explorer page: the settings form, Run and Cancel, and two views. Sweep: a sweep run in Web Workers (the
 * library's Comlink pool and WebAssembly core) whose plot is redrawn from a running summary as tasks finish;
 * at the end the verdict, the elapsed time and the exports (CSV, JSON, SVG) as Blob URLs. Map: the theory map
 * over g and a second setting, computed in a worker, then the Monte Carlo cells filling in (monteCarloMap in
 * the same pool); at the end the map verdict and map.csv and map.svg, as `headtune map` writes them.
 */
import { headLabel } from "../src/experiment/settings.js";
import { type ReplicateResult } from "../src/experiment/world.js";
import { encodeLine } from "../src/io/jsonl.js";
import { mapVerdict } from "../src/map/best.js";
import { mapCsv } from "../src/map/csv.js";
import { monteCarloMap } from "../src/map/monte-carlo-map.js";
import { mapSvg } from "../src/map/svg.js";
import type { MapCell } from "../src/map/theory-map.js";
import { plotSvg, replicatesCsv, summaryCsv, worldVerdict } from "../src/report/index.js";
import { summarize, type SummaryRow } from "../src/sweep/aggregate.js";
import { browserWorkerFactory } from "../src/sweep/browser-workers.js";
import { resolveSizes } from "../src/sweep/grid.js";
import { presetConfig } from "../src/sweep/presets.js";
import { runSweep, type SweepResult } from "../src/sweep/run.js";
import type { SweepConfig } from "../src/sweep/schema.js";
import { init } from "../src/wasm/core.js";
import { setDownload } from "./downloads.js";
import { byId } from "./dom.js";
import { fillForm, MAX_WORKERS, readForm, showErrors, syncDependentControls, type FormState } from "./form.js";
import { liveCells } from "./map-cells.js";
import { fillAxisOptions, mapExtent, readMapForm, type MapSettings } from "./map-form.js";
import { MapPlot } from "./map-view.js";
import { countedWorkerFactory } from "./pool.js";
import { theoryInWorker } from "./theory-worker.js";
import { plotTitle, renderPlot, renderTable, showStatus } from "./view.js";

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
  plot: byId<HTMLElement>("plot"),
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
const mapPlot = new MapPlot(byId("map-plot"), byId("map-hover"));

const workerFactory = countedWorkerFactory(browserWorkerFactory(new URL("./worker.browser.js", import.meta.url)), (live) => {
  ui.live.value = String(live);
  ui.live.dataset.live = String(live);
});

/**
 * The live plot is redrawn no sooner than RENDER_SPACING times its last drawing's script time after it, and
 * no more than four times a second (the browser's layout and paint of the new SVG come on top of the script).
 */
const RENDER_SPACING = 10;
const RENDER_INTERVAL_MS = 250;

let ready = false;
let running: AbortController | undefined;
let form: FormState = { errors: new Map() };
/** The map the controls describe, when the map view is on and its controls are valid. */
let map: MapSettings | undefined;
/** What the plot shows, kept to redraw it when the y scale changes. */
let shown: { rows: SummaryRow[]; title: string } = { rows: [], title: "Risk against model size" };

function show(rows: SummaryRow[], title: string): void {
  shown = { rows, title };
  renderPlot(ui.plot, rows, title, ui.logY.checked);
  renderTable(ui.table, rows);
}

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

function showProgress(done: number, total: number, unit = "tasks"): void {
  ui.progress.max = Math.max(total, 1);
  ui.progress.value = done;
  ui.progressText.textContent = `${done} / ${total} ${unit}`;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function exportFiles(result: SweepResult, elapsedSeconds: number, title: string): void {
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
  setDownload(ui.downloads.summary, summaryCsv(result.summary), "text/csv");
  setDownload(ui.downloads.replicates, replicatesCsv(result.records), "text/csv");
  setDownload(ui.downloads.json, `${JSON.stringify(json, null, 2)}\n`, "application/json");
  setDownload(ui.downloads.svg, plotSvg(result.summary, { title, logY: ui.logY.checked }), "image/svg+xml");
}

/**
 * Runs one sweep or map: locks the form, ticks the elapsed time, and unlocks when the job ends.
 * @param job the work; it reports its own outcome (status, verdict, exports)
 */
async function exclusive(job: (signal: AbortSignal, started: number) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  running = controller;
  ui.controls.disabled = true;
  updateRunButton();
  const started = performance.now();
  const tick = () => (ui.elapsed.value = `${seconds(started).toFixed(2)} s`);
  const timer = setInterval(tick, 100);
  try {
    await job(controller.signal, started);
  } finally {
    clearInterval(timer);
    tick();
    running = undefined;
    ui.controls.disabled = false;
    updateRunButton();
  }
}

function failed(what: string, err: unknown): void {
  showStatus(ui.status, "error", `The ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
}

async function start(config: SweepConfig, workers: number, signal: AbortSignal, started: number): Promise<void> {
  for (const link of Object.values(ui.downloads)) setDownload(link, undefined);
  const title = plotTitle(config);
  const records: ReplicateResult[] = [];
  let frame = 0;
  let progress = { done: 0, total: 0 };
  let drawnAt = -Infinity;
  let drawCost = 0;
  const draw = () => {
    const t0 = performance.now();
    show(summarize(records, config.n), title);
    drawnAt = performance.now();
    drawCost = drawnAt - t0;
  };
  // At most one drawing per frame, spaced out (RENDER_SPACING, RENDER_INTERVAL_MS): the workers share the
  // machine's cores with this thread, so the live plot must take little of one.
  const onFrame = (now: number) => {
    if (now - drawnAt < Math.max(RENDER_SPACING * drawCost, RENDER_INTERVAL_MS)) {
      frame = requestAnimationFrame(onFrame);
      return;
    }
    frame = 0;
    draw();
  };
  show([], title);
  ui.verdict.textContent = "Running…";
  showStatus(ui.status, "running", `Running ${config.preset ? `the ${config.preset} preset` : "custom settings"} on ${workers} worker${workers === 1 ? "" : "s"}…`);
  try {
    const result = await runSweep(config, {
      workers,
      workerFactory,
      signal,
      onProgress: ({ done, total }) => {
        progress = { done, total };
        showProgress(done, total);
      },
      onRecords: (task) => {
        records.push(...task.records);
        frame ||= requestAnimationFrame(onFrame);
      },
    });
    cancelAnimationFrame(frame);
    const elapsed = seconds(started);
    show(result.summary, title);
    ui.verdict.textContent = worldVerdict(result.summary, config);
    exportFiles(result, elapsed, title);
    showStatus(ui.status, "done", `Done: ${progress.total} tasks in ${elapsed.toFixed(2)} s on ${result.workers} worker${result.workers === 1 ? "" : "s"}.`);
  } catch (err) {
    cancelAnimationFrame(frame);
    if (signal.aborted) {
      draw();
      ui.verdict.textContent = "Cancelled: no verdict on a partial sweep.";
      showStatus(ui.status, "cancelled", `Cancelled after ${progress.done} of ${progress.total} tasks; the plot shows the finished ones.`);
    } else {
      ui.verdict.textContent = "";
      failed("sweep", err);
    }
  }
}

/**
 * The map: its theory in a worker (drawn at once, with the simulated cells pending), then, when asked, the
 * Monte Carlo cells as each (value, size) finishes; at the end the cells `headtune map` writes (theory, then
 * simulation), their verdict and exports.
 */
async function startMap(settings: MapSettings, workers: number, signal: AbortSignal, started: number): Promise<void> {
  const { config, axis, values, log, simulate } = settings;
  for (const link of Object.values(ui.mapDownloads)) setDownload(link, undefined);
  mapPlot.clear();
  ui.mapVerdict.textContent = "Running…";
  let progress = { done: 0, total: 0, unit: "theory cells" };
  const report = (done: number, total: number, unit: string) => {
    progress = { done, total, unit };
    showProgress(done, total, unit);
  };
  showStatus(ui.status, "running", `Computing the theory map: ${values.length} value${values.length === 1 ? "" : "s"} of ${axis}…`);
  try {
    const theory = await theoryInWorker(workerFactory, settings, signal, (done, total) => report(done, total, "theory cells"));
    let cells: MapCell[] = theory;
    if (simulate) {
      const simulated: MapCell[] = [];
      // theoryMap leaves ridge-gcv out (its lambda needs a sample): its simulated panel is laid out all the same.
      const untheorized = config.heads.filter((head) => head.kind === "ridge-gcv").map(headLabel);
      const live = () => liveCells(theory, simulated, untheorized);
      mapPlot.draw(live(), axis, log);
      showStatus(ui.status, "running", `Theory done; simulating ${values.length} sweep${values.length === 1 ? "" : "s"} of ${config.replicates} replicates on ${workers} worker${workers === 1 ? "" : "s"}…`);
      const total = live().length - theory.length;
      report(0, total, "simulated cells");
      const finished = await monteCarloMap(config, axis, values, {
        workers,
        workerFactory,
        signal,
        onCells: (done) => {
          simulated.push(...done);
          report(simulated.length, total, "simulated cells");
          mapPlot.schedule(live());
        },
      });
      cells = [...theory, ...finished];
    }
    const elapsed = seconds(started);
    mapPlot.draw(cells, axis, log);
    ui.mapVerdict.textContent = mapVerdict(cells, axis);
    setDownload(ui.mapDownloads.csv, mapCsv(cells, axis), "text/csv");
    setDownload(ui.mapDownloads.svg, mapSvg(cells, axis, log), "image/svg+xml");
    showStatus(ui.status, "done", `Done: the map of ${cells.length} cells in ${elapsed.toFixed(2)} s.`);
  } catch (err) {
    if (signal.aborted) {
      ui.mapVerdict.textContent = "Cancelled: no verdict on a partial map.";
      showStatus(ui.status, "cancelled", `Cancelled after ${progress.done} of ${progress.total} ${progress.unit}; the map shows the finished ones.`);
    } else {
      ui.mapVerdict.textContent = "";
      failed("map", err);
    }
  }
}

function onFormEdit(event: Event): void {
  if (event.target === ui.preset) fillForm(presetConfig(ui.preset.value));
  syncDependentControls();
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
ui.logY.addEventListener("change", () => renderPlot(ui.plot, shown.rows, shown.title, ui.logY.checked));

for (const option of ui.preset.options) {
  const preset = presetConfig(option.value);
  const count = resolveSizes(preset).sizes.length;
  option.textContent = `${option.value} · n = ${preset.n}, ${count} sizes × ${preset.replicates}`;
}
const cores = navigator.hardwareConcurrency || 2;
ui.workersHint.textContent = `1 to ${MAX_WORKERS}; this device reports ${cores} core${cores === 1 ? "" : "s"}`;
ui.workers.value = String(Math.min(cores, 4));
fillForm(presetConfig(ui.preset.value));
fillAxisOptions();
revalidate();
show([], plotTitle(presetConfig(ui.preset.value)));
try {
  await init();
  ready = true;
  showStatus(ui.status, "ready", "Ready: the WebAssembly SIMD core is loaded. Pick a preset or edit the settings, then Run.");
} catch (err) {
  showStatus(ui.status, "error", err instanceof Error ? err.message : String(err));
}
updateRunButton();
