/**
 * The explorer's map view end to end, in real headless Chromium (as test/browser/demo.test.ts): a small map
 * over sEps on the quick preset is drawn from its theory at once (every simulated cell pending), then its
 * Monte Carlo cells fill in as each (value, size) finishes; hovering a cell shows its numbers; and the verdict
 * and the exported map.csv and map.svg equal, character for character, what the library computes in Node for
 * the same settings (theoryMap, then monteCarloMap: the CLI's `headtune map --replicates R`).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemo } from "../../demo/build.mjs";
import { startServer, type DemoServer } from "../../demo/serve.mjs";
import { logSpaced } from "../../demo/grid.js";
import { configAt, WORLD_MAP_AXES } from "../../src/map/axis.js";
import { mapVerdict } from "../../src/map/best.js";
import { mapCsv } from "../../src/map/csv.js";
import { monteCarloMap, SIMULATION_SUFFIX } from "../../src/map/monte-carlo-map.js";
import { mapSvg } from "../../src/map/svg.js";
import { theoryMap, type MapCell } from "../../src/map/theory-map.js";
import { formatSig } from "../../src/report/format.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { launchChromium, type TestBrowser } from "../helpers/chromium.js";
import { requireBundles } from "../sweep/bundles.js";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const RUN_TIMEOUT = 20_000;
/** The map the test asks for: the quick preset with ridge-gcv and 6 replicates (a few paintings of the map while they run), sEps at 0.25, 0.625 and 1. */
const REPLICATES = 6;
const VALUES = [0.25, 0.625, 1];

let server: DemoServer;
let browser: TestBrowser;
let page: Page;
const problems: string[] = [];
/** The map computed in Node: theory cells, then simulated ones, as `headtune map` orders them. */
let theory: MapCell[];
let cells: MapCell[];

beforeAll(async () => {
  requireBundles();
  await buildDemo();
  server = await startServer({ port: 0 });
  browser = await launchChromium({ viewport: { width: 1600, height: 1100 } });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  const quick = presetConfig("quick");
  const config = { ...quick, heads: [...quick.heads, { kind: "ridge-gcv" as const }], replicates: REPLICATES };
  theory = theoryMap(config, "sEps", VALUES);
  cells = [...theory, ...(await monteCarloMap(config, "sEps", VALUES, { workers: 0 }))];
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The page in map view on a preset (the page's first, quick, unless named), with the map's controls set. */
async function openMapView(axis: string, from: string, to: string, steps: string, preset?: string): Promise<void> {
  await page.goto(`${server.origin}/demo/`);
  await page.waitForSelector('#status[data-state="ready"]');
  if (preset !== undefined) await page.selectOption("#preset", preset);
  await page.check("#view-map");
  await page.selectOption("#axis", axis);
  await page.fill("#axisFrom", from);
  await page.fill("#axisTo", to);
  await page.fill("#axisSteps", steps);
}

function download(id: string): Promise<string> {
  return page.$eval(`#${id}`, (link) => fetch((link as HTMLAnchorElement).href).then((response) => response.text()));
}

describe("the explorer's map view in headless Chromium", () => {
  it("draws the theory at once, fills in the Monte Carlo cells, and exports what the library computes", async () => {
    await openMapView("sEps", "0.25", "1", "3");
    await page.fill("#replicates", String(REPLICATES));
    await page.fill("#workers", "2");
    await page.check("#headRidgeGcv");
    expect(await page.isVisible("#map-verdict")).toBe(true);
    expect(await page.isVisible("#verdict")).toBe(false);
    // Every drawing's count of pending simulated cells, in order.
    await page.evaluate(() => {
      const plot = document.getElementById("map-plot")!.shadowRoot!.querySelector<HTMLElement>("[part~=plot]")!;
      const seen: string[] = [];
      (window as unknown as { pendings: string[] }).pendings = seen;
      new MutationObserver(() => seen.push(plot.dataset.pending!)).observe(plot, { attributeFilter: ["data-renders"] });
    });
    await page.click("#run");
    await page.waitForSelector('#status[data-state="done"]', { timeout: RUN_TIMEOUT });

    const pendings = (await page.evaluate(() => (window as unknown as { pendings: string[] }).pendings)).map(Number);
    // First the theory with every simulated cell pending (ridge-gcv, which has no theory, laid out as min-norm),
    // then some drawings part way, the last complete.
    const simulatedCount = cells.length - theory.length;
    expect(simulatedCount).toBe(theory.length + theory.filter((c) => c.head === "minnorm").length);
    expect(pendings[0]).toBe(simulatedCount);
    expect(pendings.some((n) => n > 0 && n < simulatedCount)).toBe(true);
    expect(pendings[pendings.length - 1]).toBe(0);

    expect(await download("download-map-csv")).toBe(mapCsv(cells, "sEps"));
    expect(await download("download-map-svg")).toBe(mapSvg(cells, "sEps", false));
    expect(await page.textContent("#map-verdict")).toBe(mapVerdict(cells, "sEps"));
    expect(await page.locator("#map-plot rect[data-row]").count()).toBe(cells.length);
    expect(await page.getAttribute("#live-workers", "data-live")).toBe("0");

    // Hover the simulated min-norm cell at sEps = 1, p = 20: its numbers and its theory twin's.
    const row = cells.findIndex((c) => c.head === `minnorm${SIMULATION_SUFFIX}` && c.value === 1 && c.p === 20);
    const simulated = cells[row]!;
    const twin = theory.find((c) => c.head === "minnorm" && c.value === 1 && c.p === 20)!;
    await page.hover(`#map-plot rect[data-row="${row}"]`);
    expect(await page.isVisible("#map-plot [part~=hover]")).toBe(true);
    expect(await page.$$eval("#map-plot [part~=hover] div", (lines) => lines.map((line) => line.textContent))).toEqual([
      "min-norm",
      `sEps = 1, g = 0.5, p = 20`,
      // The theory at n (min-norm's finite-n form, what the map draws) with its n -> infinity limit beside.
      `theory: ${formatSig(twin.finite!.risk / twin.k, 4)} per output (n → ∞ limit ${formatSig(twin.risk / twin.k, 4)})`,
      `simulated: ${formatSig(simulated.risk / simulated.k, 4)} ± ${formatSig(simulated.riskSe! / simulated.k, 2)} per output`,
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "demo-map.png"), fullPage: true });
    await page.mouse.move(0, 0);
    expect(await page.isVisible("#map-plot [part~=hover]")).toBe(false);
  });

  it("draws a theory-only map with the oracle-tuned ridge, and shows the library's message for a setting the configuration cannot take", async () => {
    await openMapView("rho", "0.5", "0.9", "2");
    await page.uncheck("#simulate");
    await page.check("#headRidgeOpt");
    await page.click("#run");
    await page.waitForSelector('#status[data-state="done"]', { timeout: RUN_TIMEOUT });
    const quick = presetConfig("quick");
    const quickTheory = theoryMap({ ...quick, heads: [...quick.heads, { kind: "ridge-opt" }] }, "rho", [0.5, 0.9]);
    expect(await download("download-map-csv")).toBe(mapCsv(quickTheory, "rho"));
    expect(await page.getAttribute("#map-plot [part~=plot]", "data-pending")).toBe("0");

    await page.uncheck("#headRidge");
    await page.uncheck("#headRidgeOpt");
    await page.selectOption("#axis", "lambda");
    let message = "";
    try {
      configAt({ ...presetConfig("quick"), heads: [{ kind: "minnorm" }] }, "lambda", 0.5);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^axis lambda needs a ridge head/);
    expect(await page.textContent("#axis-error")).toBe(message);
    expect(await page.isDisabled("#run")).toBe(true);
    await page.fill("#axisSteps", "0");
    expect(await page.textContent("#axisSteps-error")).toBe("steps must be a positive integer. Value: 0.");
  });

  it("maps the token world over its own settings, naming its theory the Gaussian-equivalent approximation, as the library does", async () => {
    await openMapView("beta", "0.05", "0.2", "2", "tokens");
    expect(await page.$$eval("#axis option", (options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([...WORLD_MAP_AXES.tokens]);
    await page.fill("#replicates", "2");
    await page.uncheck("#presetGrid");
    await page.fill("#gFrom", "0.05");
    await page.fill("#gTo", "2");
    await page.fill("#gPoints", "4");
    await page.fill("#workers", "2");
    await page.check("#simulate");
    await page.click("#run");
    await page.waitForSelector('#status[data-state="done"]', { timeout: 3 * RUN_TIMEOUT });

    const config = { ...presetConfig("tokens"), replicates: 2, grid: { gamma: logSpaced(0.05, 2, 4) } };
    const values = [0.05, 0.2];
    const tokenCells = [...theoryMap(config, "beta", values), ...(await monteCarloMap(config, "beta", values, { workers: 0 }))];
    expect(await download("download-map-csv")).toBe(mapCsv(tokenCells, "beta", "tokens"));
    const svg = await download("download-map-svg");
    expect(svg).toBe(mapSvg(tokenCells, "beta", false, "tokens"));
    expect(await page.textContent("#map-verdict")).toBe(mapVerdict(tokenCells, "beta", "tokens"));
    expect(svg).toContain("min-norm, Gaussian-equivalent theory (approximation)");
    const row = tokenCells.findIndex((c) => c.head === "minnorm" && c.value === 0.2);
    // Near the cell's corner: a best-size dot may sit at its centre.
    await page.hover(`#map-plot rect[data-row="${row}"]`, { position: { x: 3, y: 3 } });
    expect(await page.textContent("#map-plot [part~=hover]")).toContain("Gaussian-equivalent theory (approximation): ");
    await page.mouse.move(0, 0);
  });

  it("keeps the finished cells when cancelled, and terminates every worker", async () => {
    await openMapView("sEps", "0.25", "1", "3");
    await page.fill("#replicates", "200");
    await page.fill("#workers", "2");
    await page.click("#run");
    // Some simulated cells are in (fewer pending than the theory's cells), not all of them.
    const someIn = (all: number) => {
      const pending = Number(document.getElementById("map-plot")!.shadowRoot!.querySelector<HTMLElement>("[part~=plot]")!.dataset.pending);
      return pending > 0 && pending < all;
    };
    // The quick preset's map over the same values: one simulated cell per theory cell (ridge-gcv has none).
    const all = theory.length;
    await page.waitForFunction(someIn, all, { timeout: RUN_TIMEOUT });
    expect(await page.getAttribute("#status", "data-state")).toBe("running");
    await page.click("#cancel");
    await page.waitForSelector('#status[data-state="cancelled"]');
    expect(await page.getAttribute("#live-workers", "data-live")).toBe("0");
    await expect.poll(() => page.workers().length, { timeout: 5_000 }).toBe(0);
    const pending = Number(await page.getAttribute("#map-plot [part~=plot]", "data-pending"));
    expect(pending).toBeGreaterThan(0);
    expect(pending).toBeLessThan(all);
    expect(await page.getAttribute("#download-map-csv", "aria-disabled")).toBe("true");
    expect(await page.isEnabled("#run")).toBe(true);
  });

  it("logs no error to the console", () => {
    expect(problems).toEqual([]);
  });
});
