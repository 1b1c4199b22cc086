/**
 * headtune as a dependency of a bundled web app, where the worker file's address is the usual trap: the
 * package is packed (npm pack), installed with the current Vite and webpack from the npm registry into fresh
 * projects in a temporary folder, and each builds two pages: one with <headtune-sweep> (headtune/elements),
 * one calling runSweep with browserWorkerFactory() (headtune). Each build is served and run in Chromium: the
 * quick preset's summary.csv and replicates.csv equal, bit for bit, the Node API's.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../demo/serve.mjs";
import { replicatesCsv, summaryCsv } from "../../src/report/index.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { runSweep, type SweepResult } from "../../src/sweep/run.js";
import { launchChromium, type TestBrowser } from "../helpers/chromium.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Installing a bundler from the registry and building takes a minute or two. */
const SETUP_TIMEOUT = 600_000;

/** The page with the element: one import, one tag. */
const ELEMENT_PAGE = (script: string) => `<!doctype html>
<html><head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>element</title>${script}</head>
<body><headtune-sweep id="sweep" preset="quick" workers="2" autorun></headtune-sweep></body></html>`;
/** The page calling the library: runSweep in Web Workers found by browserWorkerFactory's default address. */
const API_PAGE = (script: string) => `<!doctype html>
<html><head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>api</title>${script}</head><body></body></html>`;
const API_SCRIPT = `import { init, runSweep, presetConfig, browserWorkerFactory, summaryCsv, replicatesCsv } from "headtune";
(async () => {
  await init();
  const result = await runSweep(presetConfig("quick"), { workers: 2, workerFactory: browserWorkerFactory() });
  window.files = [summaryCsv(result.summary), replicatesCsv(result.records)];
})().catch((err) => console.error(err));`;

/**
 * The environment of the commands: PATH without node_modules/.bin folders, so that "npm" is the npm beside
 * Node and not the old one a devDependency (as-pect) brings along.
 */
const ENV = {
  ...process.env,
  PATH: (process.env.PATH ?? "").split(":").filter((dir) => !dir.endsWith("node_modules/.bin")).join(":"),
  npm_config_update_notifier: "false",
};

/** Runs a command in a folder (a bundler: its own bin in the project), its output kept for the error message. */
function run(cwd: string, command: string, args: string[]): string {
  const file = command === "npm" ? command : join(cwd, "node_modules", ".bin", command);
  try {
    return execFileSync(file, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: ENV });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

/** A fresh npm project with the packed headtune and the given registry packages installed. */
function project(dir: string, tarball: string, packages: string[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  run(dir, "npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball, ...packages]);
}

const BUILDS = {
  /** Vite: the two pages are the build's inputs; their module scripts import the package. */
  vite: (dir: string, tarball: string) => {
    project(dir, tarball, ["vite"]);
    writeFileSync(join(dir, "index.html"), ELEMENT_PAGE(`<script type="module">import "headtune/elements";</script>`));
    writeFileSync(join(dir, "api.html"), API_PAGE(`<script type="module">${API_SCRIPT}</script>`));
    writeFileSync(
      join(dir, "vite.config.js"),
      `export default { build: { target: "es2022", rollupOptions: { input: { index: "index.html", api: "api.html" } } } };`,
    );
    run(dir, "vite", ["build", "--logLevel", "error"]);
  },
  /** webpack: one entry per page, the pages written beside the bundles. */
  webpack: (dir: string, tarball: string) => {
    project(dir, tarball, ["webpack", "webpack-cli"]);
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "elements.js"), `import "headtune/elements";\n`);
    writeFileSync(join(dir, "src", "api.js"), `${API_SCRIPT}\n`);
    writeFileSync(
      join(dir, "webpack.config.js"),
      `export default { mode: "production", target: "web", entry: { elements: "./src/elements.js", api: "./src/api.js" },
        output: { path: new URL("./dist", import.meta.url).pathname, filename: "[name].js", clean: true } };`,
    );
    run(dir, "webpack", ["--no-stats"]);
    writeFileSync(join(dir, "dist", "index.html"), ELEMENT_PAGE(`<script src="elements.js"></script>`));
    writeFileSync(join(dir, "dist", "api.html"), API_PAGE(`<script src="api.js"></script>`));
  },
};

let work: string;
let tarball: string;
let browser: TestBrowser;
let expected: SweepResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "headtune-bundlers-"));
  // The package as published: dist/ as built by npm ci (scripts skipped: it is built already).
  const packed = run(ROOT, "npm", ["pack", "--ignore-scripts", "--pack-destination", work, "--silent"]);
  tarball = join(work, packed.trim().split("\n").pop()!);
  browser = await launchChromium();
  expected = await runSweep(presetConfig("quick"), { workers: 0 });
}, SETUP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(Object.keys(BUILDS) as (keyof typeof BUILDS)[])("headtune bundled by %s", (name) => {
  let origin: string;
  let close: () => Promise<void>;
  const problems: string[] = [];

  beforeAll(async () => {
    const dir = join(work, name);
    BUILDS[name](dir, tarball);
    const server = await startServer({ root: join(dir, "dist"), port: 0 });
    origin = server.origin;
    close = server.close;
  }, SETUP_TIMEOUT);

  afterAll(() => close?.());

  async function open(path: string) {
    const page = await browser.context.newPage();
    page.on("console", (message) => message.type() === "error" && problems.push(`${path}: ${message.text()}`));
    page.on("pageerror", (error) => problems.push(`${path}: ${error.message}`));
    page.on("response", (response) => response.status() >= 400 && problems.push(`${path}: HTTP ${response.status()} ${response.url()}`));
    await page.goto(`${origin}/${path}`);
    return page;
  }

  it("builds a page whose <headtune-sweep> runs the quick preset to Node's files", async () => {
    const page = await open("index.html");
    await page.waitForFunction(() => document.getElementById("sweep")?.getAttribute("state") === "done", undefined, { timeout: 60_000 });
    const files = await page.evaluate(async () => {
      const sweep = document.getElementById("sweep") as HTMLElement & { csv(): string; shadowRoot: ShadowRoot };
      const link = sweep.shadowRoot.querySelector<HTMLAnchorElement>('a[download="replicates.csv"]')!;
      return [sweep.csv(), await (await fetch(link.href)).text()];
    });
    expect(files).toEqual([summaryCsv(expected.summary), replicatesCsv(expected.records)]);
    await page.close();
  });

  it("builds a page whose runSweep with browserWorkerFactory() finds the worker file and gives Node's files", async () => {
    const page = await open("api.html");
    await page.waitForFunction(() => (window as unknown as { files?: string[] }).files, undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { files: string[] }).files)).toEqual([summaryCsv(expected.summary), replicatesCsv(expected.records)]);
    await page.close();
  });

  it("logs no error in either page", () => {
    expect(problems).toEqual([]);
  });
});
