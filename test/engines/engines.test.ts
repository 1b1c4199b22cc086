/**
 * The explorer, the README's embedding example and the custom elements in three engines: Chromium, Firefox
 * ESR and WebKitGTK (test/engines/drivers.ts). In each, every number the page shows or exports equals, bit
 * for bit, what the Node API computes in-process for the same configuration and seed (the tasks are pure
 * functions of it; WebAssembly's arithmetic is the same in every engine): the quick preset's summary.csv,
 * replicates.csv, plot.svg and verdict, the same for the token world's tokens preset, a Monte Carlo map's map.csv, map.svg and verdict, the embedding
 * example's plotted points, and the elements' results and events. The map view never makes the page scroll
 * sideways at 1360 px and at a phone's 390 px. No page logs an error, and no request fails. Screenshots go
 * to test-artifacts/engines/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plotTitle } from "../../src/elements/sweep.js";
import { mapVerdict } from "../../src/map/best.js";
import { mapCsv } from "../../src/map/csv.js";
import { monteCarloMap } from "../../src/map/monte-carlo-map.js";
import { mapSvg } from "../../src/map/svg.js";
import { theoryMap, type MapCell } from "../../src/map/theory-map.js";
import { plotSvg, replicatesCsv, summaryCsv, verdict, worldPlotOptions, worldVerdict } from "../../src/report/index.js";
import { composeConfig } from "../../src/sweep/config.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { runSweep, type SweepResult } from "../../src/sweep/run.js";
import { pointsOf, sorted, type Point } from "../helpers/plot-points.js";
import { ENGINES, type Engine } from "./drivers.js";
import { startHookedServer, type HookedServer } from "./server.js";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/engines/", import.meta.url));
/** The map the tests run (as demo/elements.html declares it): the quick preset, sEps at 0.25, 0.625, 1, 2 replicates. */
const MAP = { axis: "sEps", from: "0.25", to: "1", steps: "3", replicates: 2, values: [0.25, 0.625, 1] } as const;
/** The explorer's viewports: a laptop's and a phone's. */
const WIDTHS = [1360, 390] as const;

/** In-page helpers every script below starts with: wait for a condition, set a control as a person would. */
const PRELUDE = `
  const waitFor = (test, ms = 120000) => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const poll = () => { let v; try { v = test(); } catch {} if (v) resolve(v); else if (performance.now() - t0 > ms) reject(new Error("timed out: " + test)); else setTimeout(poll, 50); };
    poll();
  });
  const set = (doc, id, value) => { const el = doc.getElementById(id); el.value = value; el.dispatchEvent(new Event("input", { bubbles: true })); };
  const check = (doc, id, on) => { const el = doc.getElementById(id); if (el.checked !== on) el.click(); };
  const read = (link) => fetch(link.href).then((response) => response.text());
`;

/** An async script (its body may await PRELUDE's helpers) as one expression whose promise the engine awaits. */
const script = (body: string) => `(async () => { ${PRELUDE} ${body} })()`;

let expected: SweepResult;
/** The token world's preset (SPEC 10d), run in Node. */
let tokens: SweepResult;
let cells: MapCell[];

beforeAll(async () => {
  expected = await runSweep(presetConfig("quick"), { workers: 0 });
  tokens = await runSweep(presetConfig("tokens"), { workers: 0 });
  const quick = { ...presetConfig("quick"), replicates: MAP.replicates };
  cells = [...theoryMap(quick, MAP.axis, [...MAP.values]), ...(await monteCarloMap(quick, MAP.axis, [...MAP.values], { workers: 0 }))];
});

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])("in %s", (name) => {
  let engine: Engine;
  let server: HookedServer;
  /** Every page's window.__problems (console errors, uncaught errors, unhandled rejections), read before leaving it. */
  const problems: string[] = [];

  async function leave(frame = false): Promise<void> {
    const where = frame ? `document.querySelector("iframe").contentWindow` : "window";
    problems.push(...(await engine.evaluate<string[]>(`${where}.__problems ?? ["the page has no error hook"]`)));
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startHookedServer();
    engine = await ENGINES[name]();
  });

  afterAll(async () => {
    await engine?.close();
    await server?.close();
  });

  it("runs the explorer's quick preset and shows and exports exactly what the Node API computes", async () => {
    await engine.goto(`${server.origin}/demo/`);
    const page = await engine.evaluate<{ files: string[]; verdict: string; points: Point[]; tasks: string }>(
      script(`
        await waitFor(() => document.querySelector('#status[data-state="ready"]'));
        set(document, "workers", "2");
        document.getElementById("run").click();
        await waitFor(() => document.querySelector('#status[data-state="done"]'));
        const links = ["download-summary", "download-replicates", "download-svg"].map((id) => document.getElementById(id));
        const points = [...document.getElementById("plot").shadowRoot.querySelectorAll("g.point")].map((g) => {
          const { panel, series, head, p, mean, se } = g.dataset;
          return { panel, series, head, p, mean, se };
        });
        return { files: await Promise.all(links.map(read)), verdict: document.getElementById("verdict").textContent, points, tasks: document.getElementById("progress-text").textContent };
      `),
    );
    const tasks = expected.sizes.length * expected.config.replicates;
    expect(page.tasks).toBe(`${tasks} / ${tasks} tasks`);
    expect(page.files[0]).toBe(summaryCsv(expected.summary));
    expect(page.files[1]).toBe(replicatesCsv(expected.records));
    expect(page.files[2]).toBe(plotSvg(expected.summary, { title: plotTitle(expected.config), logY: false }));
    expect(page.verdict).toBe(verdict(expected.summary, "width"));
    expect(sorted(page.points)).toEqual(sorted(pointsOf(expected, ["risk", "bias-variance"])));
    await engine.screenshot(join(ARTIFACTS, `${name}-explorer.png`));
    await leave();
  });

  it("runs the explorer's tokens preset (the token world) to Node's files, its theory named the Gaussian-equivalent approximation", async () => {
    await engine.goto(`${server.origin}/demo/`);
    const page = await engine.evaluate<{ files: string[]; verdict: string }>(
      script(`
        await waitFor(() => document.querySelector('#status[data-state="ready"]'));
        const preset = document.getElementById("preset");
        preset.value = "tokens";
        preset.dispatchEvent(new Event("change", { bubbles: true }));
        set(document, "workers", "2");
        document.getElementById("run").click();
        await waitFor(() => document.querySelector('#status[data-state="done"]'), 170000);
        const links = ["download-summary", "download-replicates", "download-svg"].map((id) => document.getElementById(id));
        return { files: await Promise.all(links.map(read)), verdict: document.getElementById("verdict").textContent };
      `),
    );
    const { config } = tokens;
    expect(page.files[0]).toBe(summaryCsv(tokens.summary, "tokens"));
    expect(page.files[1]).toBe(replicatesCsv(tokens.records, "tokens"));
    expect(page.files[2]).toBe(plotSvg(tokens.summary, { title: plotTitle(config), logY: false, ...worldPlotOptions(config) }));
    expect(page.verdict).toBe(worldVerdict(tokens.summary, config));
    await leave();
  });

  it.each(WIDTHS)("runs a Monte Carlo map in the explorer at %i px: the library's cells, and no sideways scrolling", async (width) => {
    // The explorer in a frame of the given width (a window cannot be made as narrow as a phone in every engine).
    await engine.goto(`${server.origin}/frame-host.html`);
    const page = await engine.evaluate<{ files: string[]; verdict: string; scroll: number[] }>(
      script(`
        document.body.style.margin = "0";
        const frame = Object.assign(document.createElement("iframe"), { src: "/demo/", width: "${width}", height: "900" });
        frame.style.border = "0";
        document.body.append(frame);
        await waitFor(() => frame.contentDocument?.querySelector('#status[data-state="ready"]'));
        const doc = frame.contentDocument;
        check(doc, "view-map", true);
        doc.getElementById("axis").value = "${MAP.axis}";
        set(doc, "axisFrom", "${MAP.from}");
        set(doc, "axisTo", "${MAP.to}");
        set(doc, "axisSteps", "${MAP.steps}");
        set(doc, "replicates", "${MAP.replicates}");
        set(doc, "workers", "2");
        check(doc, "simulate", true);
        doc.getElementById("run").click();
        await waitFor(() => doc.querySelector('#status[data-state="done"]'));
        const links = ["download-map-csv", "download-map-svg"].map((id) => doc.getElementById(id));
        const root = doc.documentElement;
        // The screenshot shows the map (the frame scrolled to it; scrolling never widens the page).
        doc.getElementById("map-plot").scrollIntoView();
        return { files: await Promise.all(links.map(read)), verdict: doc.getElementById("map-verdict").textContent, scroll: [root.scrollWidth, root.clientWidth] };
      `),
    );
    expect(page.files).toEqual([mapCsv(cells, MAP.axis), mapSvg(cells, MAP.axis, false)]);
    expect(page.verdict).toBe(mapVerdict(cells, MAP.axis));
    const [scrollWidth, clientWidth] = page.scroll;
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth!);
    await engine.screenshot(join(ARTIFACTS, `${name}-map-${width}.png`));
    await leave(true);
  });

  it("runs the README's embedding example (the library bundle in a module script) to Node's points", async () => {
    await engine.goto(`${server.origin}/demo/embed.html`);
    const points = await engine.evaluate<Point[]>(
      script(`
        await waitFor(() => document.querySelector("#plot svg"));
        return [...document.querySelectorAll("#plot g.point")].map((g) => {
          const { panel, series, head, p, mean, se } = g.dataset;
          return { panel, series, head, p, mean, se };
        });
      `),
    );
    expect(sorted(points)).toEqual(sorted(pointsOf(expected, ["risk", "bias-variance"])));
    await leave();
  });

  it("runs both custom elements from one script tag: results, events and errors as the library gives them; Escape or removal stops a run", async () => {
    await engine.goto(`${server.origin}/demo/elements.html`);
    const page = await engine.evaluate<{
      sweep: { files: string[]; verdict: string; state: string };
      map: { csv: string; svg: string; verdict: string; progress: number; last: { done: number; total: number }; resultIsDetail: boolean; resolved: boolean };
      error: { event: string; rejection: string; state: string; status: string };
      stops: { outcome: string; state: string }[];
    }>(
      script(`
        const sweep = document.getElementById("sweep");
        const map = document.getElementById("map");
        await waitFor(() => sweep.getAttribute("state") === "done");
        const links = [...sweep.shadowRoot.querySelectorAll("[part~=exports] a")];
        const sweepPart = { files: [sweep.csv(), ...(await Promise.all(links.map(read)))], verdict: sweep.verdict, state: sweep.getAttribute("state") };

        let progress = 0, last, detail;
        map.addEventListener("progress", (event) => { progress += 1; last = event.detail; });
        map.addEventListener("result", (event) => { detail = event.detail; });
        const cells = await map.run();
        const mapPart = { csv: map.csv(), svg: map.svg(), verdict: map.verdict, progress, last: { done: last.done, total: last.total }, resultIsDetail: detail === map.result, resolved: cells === map.result };

        let event = "";
        sweep.addEventListener("error", (e) => { event = e.detail.message; });
        sweep.setAttribute("n", "-3");
        const rejection = await sweep.run().then(() => "resolved", (err) => err.message);
        const status = sweep.shadowRoot.querySelector("[part~=status]").textContent;
        const errorPart = { event, rejection, state: sweep.getAttribute("state"), status };

        // Escape stops a run, as Cancel does; so does taking the element out of the page.
        map.setAttribute("replicates", "400");
        const escaped = map.run().then(() => "resolved", (err) => err.name);
        map.shadowRoot.querySelector("[part~=cancel]").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
        const escape = { outcome: await escaped, state: map.getAttribute("state") };
        sweep.removeAttribute("n");
        sweep.setAttribute("replicates", "400");
        const removed = sweep.run().then(() => "resolved", (err) => err.name);
        sweep.remove();
        const removal = { outcome: await removed, state: sweep.getAttribute("state") };
        document.body.append(sweep);
        return { sweep: sweepPart, map: mapPart, error: errorPart, stops: [escape, removal] };
      `),
    );
    const title = plotTitle(expected.config);
    expect(page.sweep.files).toEqual([
      summaryCsv(expected.summary),
      summaryCsv(expected.summary),
      replicatesCsv(expected.records),
      plotSvg(expected.summary, { title, logY: false }),
    ]);
    expect(page.sweep.verdict).toBe(verdict(expected.summary, "width"));

    expect(page.map.csv).toBe(mapCsv(cells, MAP.axis));
    expect(page.map.svg).toBe(mapSvg(cells, MAP.axis, false));
    expect(page.map.verdict).toBe(mapVerdict(cells, MAP.axis));
    const simulated = cells.filter((cell) => cell.head.endsWith(" (simulation)")).length;
    expect(page.map.last).toEqual({ done: simulated, total: simulated });
    expect(page.map.progress).toBeGreaterThan(1);
    expect(page.map.resultIsDetail && page.map.resolved).toBe(true);

    let message = "";
    try {
      composeConfig([{ source: "<headtune-sweep> attributes", values: { preset: "quick", n: -3 } }]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('"n"');
    expect(page.error).toEqual({ event: message, rejection: message, state: "error", status: message });
    expect(page.stops).toEqual([
      { outcome: "AbortError", state: "cancelled" },
      { outcome: "AbortError", state: "cancelled" },
    ]);
    await engine.screenshot(join(ARTIFACTS, `${name}-elements.png`));
    await leave();
  });

  it("logs no error in any page, and every request succeeds", () => {
    expect(problems).toEqual([]);
    expect(server.failures).toEqual([]);
  });
});
