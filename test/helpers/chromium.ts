/**
 * The Chromium the browser tests drive (playwright-core), found in one place: HEADTUNE_CHROMIUM (a path, or
 * "bundled"), else a system Chromium, else the build shipped inside the npm package @sparticuz/chromium (a
 * devDependency, so `npm ci` brings it on a machine with no browser; it unpacks to the temporary folder on
 * first use, a few seconds). test/global-setup.ts resolves it once before any test file runs, so that two
 * files never unpack it at the same time.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Where a system Chromium is looked for, in order (Debian, Ubuntu, Google's package). */
const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser executable and where it came from ("HEADTUNE_CHROMIUM", "system", "@sparticuz/chromium"). */
export interface ChromiumBinary {
  path: string;
  source: string;
}

/**
 * The browser the tests use: HEADTUNE_CHROMIUM when it names a file, a system Chromium when one is installed,
 * else @sparticuz/chromium's build (HEADTUNE_CHROMIUM=bundled picks it even beside a system one).
 * @throws Error when HEADTUNE_CHROMIUM names a file that does not exist (it never falls back silently)
 */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumBinary> {
  const chosen = env.HEADTUNE_CHROMIUM;
  if (chosen !== undefined && chosen !== "" && chosen !== "bundled") {
    if (!existsSync(chosen)) throw new Error(`HEADTUNE_CHROMIUM=${chosen}: no such file (unset it to use the bundled Chromium).`);
    return { path: chosen, source: "HEADTUNE_CHROMIUM" };
  }
  const system = chosen === "bundled" ? undefined : SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return { path: system, source: "system" };
  const { default: bundled } = await import("@sparticuz/chromium");
  return { path: await bundled.executablePath(), source: "@sparticuz/chromium" };
}

/** A running browser with a fresh profile; close() stops it and deletes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  binary: ChromiumBinary;
  close(): Promise<void>;
}

/**
 * Starts the resolved Chromium headless with a fresh --user-data-dir and flags that keep it off the network.
 * @param options playwright context options (viewport, deviceScaleFactor)
 */
export async function launchChromium(options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {}): Promise<TestBrowser> {
  const binary = await resolveChromium();
  const profile = mkdtempSync(join(tmpdir(), "headtune-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: binary.path, headless: true, args: ARGS, ...options });
    return {
      context,
      binary,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}
