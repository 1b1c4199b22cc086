/**
 * The browser engines `npm run test:browsers` drives, behind one small interface: Chromium (playwright-core,
 * test/helpers/chromium.ts), Firefox ESR (puppeteer-core over WebDriver BiDi) and WebKitGTK (its MiniBrowser
 * under WebKitWebDriver, on an Xvfb display, through selenium-webdriver). Everything the tests check is read
 * by a script in the page, so the three are driven the same way; WebKitWebDriver has no BiDi, so console
 * errors are caught by a hook the test server puts in every page (test/engines/server.ts), in every engine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import puppeteer from "puppeteer-core";
import { Builder, type WebDriver } from "selenium-webdriver";
import { launchChromium } from "../helpers/chromium.js";

export const FIREFOX = "/usr/bin/firefox-esr";
export const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
export const WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver";
/** The longest script Firefox or WebKit waits for: a quick sweep takes seconds, the bench's paper preset minutes on a busy machine. */
const SCRIPT_TIMEOUT_MS = 600_000;

/** A running browser with one page. */
export interface Engine {
  name: "chromium" | "firefox" | "webkit";
  version: string;
  goto(url: string): Promise<void>;
  /** Evaluates an expression (a promise is awaited) in the page; the value comes back as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** Sets the viewport (the page's clientWidth and innerHeight) in CSS pixels. */
  resize(width: number, height: number): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts Chromium (the npm test's browser) with one page. */
export async function launchChromiumEngine(): Promise<Engine> {
  const browser = await launchChromium({ viewport: { width: 1360, height: 1000 } });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return {
    name: "chromium",
    version: browser.context.browser()?.version() ?? browser.binary.source,
    goto: async (url) => void (await page.goto(url)),
    evaluate: (expression) => page.evaluate(expression),
    resize: (width, height) => page.setViewportSize({ width, height }),
    screenshot: async (path) => void (await page.screenshot({ path })),
    close: () => browser.close(),
  };
}

/** Starts Firefox ESR headless over WebDriver BiDi (puppeteer-core) with one page. */
export async function launchFirefox(): Promise<Engine> {
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true, protocolTimeout: SCRIPT_TIMEOUT_MS });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport({ width: 1360, height: 1000 });
  return {
    name: "firefox",
    version: await browser.version(),
    goto: async (url) => void (await page.goto(url)),
    evaluate: (expression) => page.evaluate(expression) as Promise<never>,
    resize: (width, height) => page.setViewport({ width, height }),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    close: () => browser.close(),
  };
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the WebDriver server answers GET /status (it prints nothing when ready), or fails when it exits. */
async function ready(child: ChildProcess, url: string): Promise<void> {
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (exited !== undefined) throw new Error(`WebKitWebDriver exited (${exited}) before it answered`);
    if (await fetch(`${url}/status`).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer at ${url} within 20 s`);
}

/**
 * Starts WebKitGTK's MiniBrowser under WebKitWebDriver on a private Xvfb display, with one page. (Compositing
 * stays on: WEBKIT_DISABLE_COMPOSITING_MODE=1 hangs the first load.)
 */
export async function launchWebKit(): Promise<Engine> {
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children.reverse()) child.kill("SIGTERM");
  };
  try {
    const xvfb = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1600x1200x24", "-nolisten", "tcp"], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(xvfb);
    const display = await new Promise<string>((resolve, reject) => {
      xvfb.stdout!.once("data", (chunk: Buffer) => resolve(`:${chunk.toString().trim()}`));
      xvfb.once("exit", (code) => reject(new Error(`Xvfb exited (${code}) before it gave its display`)));
    });
    const port = await freePort();
    const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DISPLAY: display } });
    children.push(driverProcess);
    const server = `http://127.0.0.1:${port}`;
    await ready(driverProcess, server);
    const capabilities = {
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    };
    const driver: WebDriver = await new Builder().usingServer(server).withCapabilities(capabilities).build();
    await driver.manage().setTimeouts({ script: SCRIPT_TIMEOUT_MS, pageLoad: SCRIPT_TIMEOUT_MS });
    const version = String((await driver.getCapabilities()).get("browserVersion") ?? "");
    const engine: Engine = {
      name: "webkit",
      version,
      goto: (url) => driver.get(url),
      // WebDriver's Execute Script awaits a promise the script returns.
      evaluate: (expression) => driver.executeScript(`return (${expression});`),
      resize: async (width, height) => {
        // The window's outer size less its frame gives the viewport: measure the frame, then set the outer size.
        await driver.manage().window().setRect({ width, height });
        const [innerWidth, innerHeight] = await driver.executeScript<number[]>("return [document.documentElement.clientWidth, window.innerHeight];");
        await driver.manage().window().setRect({ width: 2 * width - innerWidth!, height: 2 * height - innerHeight! });
      },
      screenshot: async (path) => {
        // A screenshot right after a change can show a stale frame: wait two animation frames first.
        await driver.executeScript("return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));");
        writeFileSync(path, Buffer.from(await driver.takeScreenshot(), "base64"));
      },
      close: async () => {
        try {
          await driver.quit();
        } finally {
          stop();
        }
      },
    };
    await engine.resize(1360, 1000);
    return engine;
  } catch (err) {
    stop();
    throw err;
  }
}

/** The engines the tests drive, by name. */
export const ENGINES = { chromium: launchChromiumEngine, firefox: launchFirefox, webkit: launchWebKit } as const;
