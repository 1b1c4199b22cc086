/**
 * The explorer page: the settings form, Run and Cancel, and a sweep run in Web Workers (the library's Comlink
 * pool and WebAssembly core) whose plot is redrawn from a running summary as tasks finish; at the end the
 * verdict, the elapsed time and the exports (CSV, JSON, SVG) as Blob URLs.
 */
import type { ReplicateResult } from "../src/experiment/size.js";
import { encodeLine } from "../src/io/jsonl.js";
import { plotSvg, replicatesCsv, summaryCsv, verdict } from "../src/report/index.js";
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
import { countedWorkerFactory } from "./pool.js";
import { plotTitle, renderPlot, renderTable, showStatus } from "./view.js";

const ui = {
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
};

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
/** What the plot shows, kept to redraw it when the y scale changes. */
let shown: { rows: SummaryRow[]; title: string } = { rows: [], title: "Risk against model size" };

function show(rows: SummaryRow[], title: string): void {
  shown = { rows, title };
  renderPlot(ui.plot, rows, title, ui.logY.checked);
  renderTable(ui.table, rows);
}

function updateRunButton(): void {
  ui.run.disabled = !ready || running !== undefined || form.config === undefined;
  ui.cancel.disabled = running === undefined;
}

function revalidate(): void {
  form = readForm();
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

function showProgress(done: number, total: number): void {
  ui.progress.max = Math.max(total, 1);
  ui.progress.value = done;
  ui.progressText.textContent = `${done} / ${total} tasks`;
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

async function start(config: SweepConfig, workers: number): Promise<void> {
  const controller = new AbortController();
  running = controller;
  ui.controls.disabled = true;
  updateRunButton();
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
  const started = performance.now();
  const tick = () => (ui.elapsed.value = `${seconds(started).toFixed(2)} s`);
  const timer = setInterval(tick, 100);
  show([], title);
  ui.verdict.textContent = "Running…";
  showStatus(ui.status, "running", `Running ${config.preset ? `the ${config.preset} preset` : "custom settings"} on ${workers} worker${workers === 1 ? "" : "s"}…`);
  try {
    const result = await runSweep(config, {
      workers,
      workerFactory,
      signal: controller.signal,
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
    tick();
    show(result.summary, title);
    ui.verdict.textContent = verdict(result.summary, config.scaling);
    exportFiles(result, elapsed, title);
    showStatus(ui.status, "done", `Done: ${progress.total} tasks in ${elapsed.toFixed(2)} s on ${result.workers} worker${result.workers === 1 ? "" : "s"}.`);
  } catch (err) {
    cancelAnimationFrame(frame);
    tick();
    if (controller.signal.aborted) {
      draw();
      ui.verdict.textContent = "Cancelled: no verdict on a partial sweep.";
      showStatus(ui.status, "cancelled", `Cancelled after ${progress.done} of ${progress.total} tasks; the plot shows the finished ones.`);
    } else {
      ui.verdict.textContent = "";
      showStatus(ui.status, "error", `The sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  } finally {
    clearInterval(timer);
    running = undefined;
    ui.controls.disabled = false;
    updateRunButton();
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
  if (!form.config || form.workers === undefined || running) return;
  void start(form.config, form.workers);
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
