/**
 * The browser pool: index.js loaded in a page runs its sweep in module Web Workers (worker.browser.js)
 * and gets the Node result bit for bit, in the Chromium test/helpers/chromium.ts picks.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replicatesCsv, summaryCsv } from "../../src/report/index.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { runSweep } from "../../src/sweep/run.js";
import { launchChromium, type TestBrowser } from "../helpers/chromium.js";
import { bundlePath, requireBundles } from "./bundles.js";

describe("the browser pool in headless Chromium", () => {
  let server: Server;
  let browser: TestBrowser;
  let origin: string;

  beforeAll(async () => {
    requireBundles();
    server = createServer((request, response) => {
      const name = (request.url ?? "/").replace(/^\/+/, "");
      if (name === "") {
        response.setHeader("content-type", "text/html");
        response.end("<!doctype html><title>headtune</title>");
      } else if (/^[\w.-]+\.js$/.test(name) && existsSync(bundlePath(name))) {
        response.setHeader("content-type", "text/javascript");
        response.end(readFileSync(bundlePath(name)));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it("runs the quick preset in 2 Web Workers and gets the Node result bit for bit", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/`);
    // A string, not a function: vitest would rewrite a function's import() for Node.
    const fromPage = (await page.evaluate(`(async () => {
      const lib = await import("${origin}/index.js");
      const result = await lib.runSweep(lib.presetConfig("quick"), { workers: 2 });
      return { workers: result.workers, files: [lib.replicatesCsv(result.records), lib.summaryCsv(result.summary)] };
    })()`)) as { workers: number; files: string[] };
    const local = await runSweep(presetConfig("quick"), { workers: 0 });
    expect(fromPage.workers).toBe(2);
    expect(fromPage.files).toEqual([replicatesCsv(local.records), summaryCsv(local.summary)]);
  });
});
