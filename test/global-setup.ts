/**
 * Builds the bundles (worker threads, Web Worker, CLI, library) that the pool and CLI tests run, with esbuild
 * (about a second), into a private folder under test-artifacts/: a concurrent "npm run build" (or another
 * test run) rewriting dist/ cannot change them halfway through this run. Beside them goes the test-only
 * faulty-worker.node.js (test/sweep/faulty-worker.ts) of the fault tests. A build failure does not stop other
 * suites: it is handed to the tests that need the bundles (requireBundles in test/sweep/bundles.ts).
 * It also resolves the browser of the browser tests once (test/helpers/chromium.ts), so that the packaged
 * Chromium is unpacked by one process before any test file asks for it; a failure there is left for those
 * tests to report.
 */
import { build } from "esbuild";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { bundle, BUILD_OPTIONS } from "../scripts/bundle.mjs";
import { resolveChromium } from "./helpers/chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute folder holding this run's index.js, worker.node.js, worker.browser.js and cli.js. */
    bundleDir: string;
    /** The build error, or "" when the bundles were built. */
    bundleError: string;
  }
}

export async function setup({ provide }: TestProject): Promise<() => void> {
  const artifacts = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
  mkdirSync(artifacts, { recursive: true });
  const dir = mkdtempSync(join(artifacts, "bundles-"));
  provide("bundleDir", dir);
  try {
    await bundle(dir);
    await build({
      ...BUILD_OPTIONS,
      entryPoints: [fileURLToPath(new URL("sweep/faulty-worker.ts", import.meta.url))],
      outfile: join(dir, "faulty-worker.node.js"),
      platform: "node",
    });
    provide("bundleError", "");
  } catch (err) {
    provide("bundleError", err instanceof Error ? err.message : String(err));
  }
  await resolveChromium().catch(() => undefined);
  return () => rmSync(dir, { recursive: true, force: true });
}
