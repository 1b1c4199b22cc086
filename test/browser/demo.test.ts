/**
 * The browser explorer end to end, in real headless Chromium (test/helpers/chromium.ts picks it; driven by
 * playwright-core): the page built into dist/demo/ and served on a free port runs the quick preset in Web
 * Workers, and everything it shows and exports equals, bit for bit, what the Node API computes in-process for
 * the same configuration and seed (the tasks are pure functions of the configuration; WebAssembly arithmetic
 * is deterministic). Cancel terminates the workers; bad input shows the library's message next to the field
 * and disables Run; the README's embedding example (embed.html, on the library bundle dist/index.js) draws
 * the same numbers; no error reaches the console. Screenshots (the finished plot, the page, the form with bad
 * input) are saved under test-artifacts/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemo } from "../../demo/build.mjs";
import { startServer, type DemoServer } from "../../demo/serve.mjs";
import { plotTitle } from "../../src/elements/sweep.js";
import { encodeLine } from "../../src/io/jsonl.js";
import { plotSvg, replicatesCsv, summaryCsv, verdict, worldPlotOptions, worldVerdict } from "../../src/report/index.js";
import { logSpaced } from "../../demo/grid.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { runSweep, type SweepResult } from "../../src/sweep/run.js";
import { resolveSizes } from "../../src/sweep/grid.js";
import { parseSweepConfig, type Grid } from "../../src/sweep/schema.js";
import { launchChromium, type TestBrowser } from "../helpers/chromium.js";
import { pointsOf, sorted, type Point } from "../helpers/plot-points.js";
import { requireBundles } from "../sweep/bundles.js";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const RUN_TIMEOUT = 15_000;

let server: DemoServer;
let browser: TestBrowser;
let context: BrowserContext;
let page: Page;
/** Console errors, uncaught exceptions and failed requests of every page and worker, over the whole file. */
const problems: string[] = [];
/** The quick preset run in-process by the Node API: the reference for what the page shows. */
let expected: SweepResult;

beforeAll(async () => {
  requireBundles();
  await buildDemo();
  server = await startServer({ port: 0 });
  browser = await launchChromium({ viewport: { width: 1360, height: 1000 }, deviceScaleFactor: 2 });
  context = browser.context;
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  expected = await runSweep(presetConfig("quick"), { workers: 0 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDemo(): Promise<void> {
  await page.goto(`${server.origin}/demo/`);
  await page.waitForSelector('#status[data-state="ready"]');
}

/** The plotted points (g.point elements of the plot's SVG) in document order. */
function pointsIn(selector: string): Promise<Point[]> {
  return page.$$eval(`${selector} g.point`, (elements) =>
    elements.map((element) => {
      const data = (element as SVGGElement).dataset;
      return {
        panel: data.panel!,
        series: data.series!,
        head: data.head!,
        p: data.p!,
        mean: data.mean!,
        se: data.se!,
      };
    }),
  );
}

/** The text of a download link's Blob, read by the page. */
function download(id: string): Promise<string> {
  return page.$eval(`#${id}`, (link) => fetch((link as HTMLAnchorElement).href).then((response) => response.text()));
}

/** The message parseSweepConfig gives for the quick preset with one field replaced (as the page words it). */
function configMessage(field: string, value: unknown): string {
  try {
    parseSweepConfig({ ...presetConfig("quick"), [field]: value }, "settings");
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${field} = ${String(value)} was expected to be invalid`);
}

/** The message resolveSizes gives for a grid that leaves no model size. */
function gridMessage(grid: Grid, n: number): string {
  try {
    resolveSizes({ grid, n });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${JSON.stringify(grid)} was expected to leave no size at n = ${n}`);
}

describe("the browser explorer in headless Chromium", () => {
  it("runs the quick preset in Web Workers and shows exactly what the Node API computes", async () => {
    await openDemo();
    await page.selectOption("#preset", "quick");
    await page.fill("#workers", "2");
    await page.click("#run");
    await page.waitForSelector('#status[data-state="done"]', { timeout: RUN_TIMEOUT });

    const tasks = expected.sizes.length * expected.config.replicates;
    expect(await page.textContent("#progress-text")).toBe(`${tasks} / ${tasks} tasks`);
    expect(sorted(await pointsIn("#plot"))).toEqual(sorted(pointsOf(expected, ["risk", "bias-variance"])));
    expect(await page.locator("#plot path.theory").count()).toBeGreaterThan(0);
    expect(await page.textContent("#verdict")).toBe(verdict(expected.summary, "width"));

    expect(await download("download-summary")).toBe(summaryCsv(expected.summary));
    expect(await download("download-replicates")).toBe(replicatesCsv(expected.records));
    expect(await download("download-svg")).toBe(plotSvg(expected.summary, { title: plotTitle(expected.config), logY: false }));
    const json = JSON.parse(await download("download-json")) as { config: unknown; summary: unknown };
    expect(json.config).toEqual({ ...presetConfig("quick") });
    expect(json.summary).toEqual(JSON.parse(encodeLine(expected.summary)));

    expect(await page.getAttribute("#live-workers", "data-live")).toBe("0");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator("#plot svg").screenshot({ path: join(ARTIFACTS, "demo-plot.png") });
    await page.screenshot({ path: join(ARTIFACTS, "demo-page.png"), fullPage: true });
  });

  it("runs the token world (its preset's settings on a small grid) and shows and exports what the Node API computes", async () => {
    await openDemo();
    expect(await page.isVisible("#H")).toBe(false);
    await page.selectOption("#preset", "tokens");
    // The token world's fields in, the Gaussian world's out; the preset fills them.
    expect(await page.inputValue("#world")).toBe("tokens");
    for (const id of ["H", "V", "k", "aTr", "beta", "mPop"]) expect(await page.isVisible(`#${id}`)).toBe(true);
    for (const id of ["d", "sEps", "aKind", "sampler", "fixedModel"]) expect(await page.isVisible(`#${id}`)).toBe(false);
    const tokens = presetConfig("tokens");
    expect([await page.inputValue("#H"), await page.inputValue("#beta"), await page.inputValue("#mPop")]).toEqual([String(tokens.H), String(tokens.beta), ""]);
    await page.fill("#V", "1");
    expect(await page.textContent("#V-error")).toBe(configMessage("V", 1));
    expect(await page.isDisabled("#run")).toBe(true);
    await page.fill("#V", "32");
    await page.fill("#replicates", "2");
    await page.uncheck("#presetGrid");
    await page.fill("#gFrom", "0.05");
    await page.fill("#gTo", "2");
    await page.fill("#gPoints", "5");
    await page.fill("#mPop", "600");
    await page.fill("#workers", "2");
    await page.click("#run");
    await page.waitForSelector('#status[data-state="done"]', { timeout: 4 * RUN_TIMEOUT });

    const config = parseSweepConfig({ ...tokens, preset: undefined, replicates: 2, mPop: 600, grid: { gamma: logSpaced(0.05, 2, 5) } });
    const result = await runSweep(config, { workers: 0 });
    expect(await download("download-summary")).toBe(summaryCsv(result.summary, "tokens"));
    expect(await download("download-replicates")).toBe(replicatesCsv(result.records, "tokens"));
    const svg = await download("download-svg");
    expect(svg).toBe(plotSvg(result.summary, { title: plotTitle(config), logY: false, ...worldPlotOptions(config) }));
    expect(svg).toContain("Gaussian-equivalent theory (approximation)");
    expect(await page.textContent("#verdict")).toBe(worldVerdict(result.summary, config));
    expect(await page.isVisible("text=Gaussian-equivalent theory (approximation) at n")).toBe(true);

    // Back to the Gaussian world: its fields return, the token world's go.
    await page.selectOption("#world", "gaussian");
    expect(await page.isVisible("#d")).toBe(true);
    expect(await page.isVisible("#H")).toBe(false);
  });

  it("draws finished tasks while running, and Cancel terminates every worker", async () => {
    await openDemo();
    await page.fill("#workers", "2");
    await page.fill("#replicates", "400");
    await page.click("#run");
    await page.waitForFunction(() => (document.querySelector("#progress") as HTMLProgressElement).value >= 20, undefined, {
      timeout: RUN_TIMEOUT,
    });

    expect(await page.getAttribute("#status", "data-state")).toBe("running");
    expect(await page.locator('#plot g.point[data-panel="risk"]').count()).toBeGreaterThan(0);
    expect(await page.getAttribute("#live-workers", "data-live")).toBe("2");
    expect(page.workers()).toHaveLength(2);

    await page.click("#cancel");
    await page.waitForSelector('#status[data-state="cancelled"]');
    expect(await page.getAttribute("#live-workers", "data-live")).toBe("0");
    // Chromium's own account (DevTools protocol): the page's dedicated workers are gone.
    await expect.poll(() => page.workers().length, { timeout: 5_000 }).toBe(0);
    const [done, total] = await page.$eval("#progress", (bar) => [(bar as HTMLProgressElement).value, (bar as HTMLProgressElement).max]);
    expect(done).toBeLessThan(total!);
    expect(await page.isEnabled("#run")).toBe(true);
  });

  it("shows the library's message next to a bad field and keeps Run disabled until it is fixed", async () => {
    await openDemo();
    expect(await page.isEnabled("#run")).toBe(true);

    await page.fill("#n", "-3");
    expect(await page.textContent("#n-error")).toBe(configMessage("n", -3));
    expect(await page.textContent("#n-error")).toContain('field "n" must be an integer >= 1. Value: -3.');
    expect(await page.getAttribute("#n", "aria-invalid")).toBe("true");
    expect(await page.isDisabled("#run")).toBe(true);

    await page.fill("#n", "abc");
    expect(await page.textContent("#n-error")).toBe(configMessage("n", "abc"));
    await page.fill("#n", "");
    expect(await page.textContent("#n-error")).toBe(configMessage("n", undefined));

    await page.fill("#rho", "-0.5");
    await page.fill("#workers", "0");
    await page.uncheck("#headMinnorm");
    await page.uncheck("#headRidge");
    expect(await page.textContent("#rho-error")).toBe(configMessage("rho", -0.5));
    expect(await page.textContent("#workers-error")).toBe("workers must be a positive integer. Value: 0.");
    expect(await page.textContent("#heads-error")).toBe(configMessage("heads", []));
    expect(await page.textContent("#n-error")).toBe(configMessage("n", undefined));
    expect(await page.isDisabled("#run")).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator("#settings").screenshot({ path: join(ARTIFACTS, "demo-invalid-input.png") });

    await page.fill("#n", "40");
    await page.fill("#rho", "0.9");
    await page.fill("#workers", "2");
    await page.check("#headMinnorm");
    expect(await page.isEnabled("#run")).toBe(true);
    await page.uncheck("#presetGrid");
    await page.fill("#gPoints", "2.5");
    expect(await page.textContent("#gPoints-error")).toBe("points must be a positive integer. Value: 2.5.");
    expect(await page.isDisabled("#run")).toBe(true);
    await page.fill("#gPoints", "2");
    await page.fill("#gFrom", "0.99");
    await page.fill("#gTo", "1.01");
    expect(await page.textContent("#grid-error")).toBe(gridMessage({ gamma: [0.99, 1.01] }, 40));
    expect(await page.isDisabled("#run")).toBe(true);
    await page.fill("#gFrom", "0.1");
    await page.fill("#gTo", "3");
    await page.fill("#gPoints", "12");

    expect(await page.$$eval("p.error", (slots) => slots.map((slot) => slot.textContent).join(""))).toBe("");
    expect(await page.locator("[aria-invalid]").count()).toBe(0);
    expect(await page.isEnabled("#run")).toBe(true);
  });

  it("runs the README's embedding example on the library bundle dist/index.js", async () => {
    await page.goto(`${server.origin}/demo/embed.html`);
    await page.waitForSelector("#plot svg", { timeout: RUN_TIMEOUT });
    expect(sorted(await pointsIn("#plot"))).toEqual(sorted(pointsOf(expected, ["risk", "bias-variance"])));
    await expect.poll(() => page.workers().length, { timeout: 5_000 }).toBe(0);
  });

  it("logs no error to the console", () => {
    expect(problems).toEqual([]);
  });
});
