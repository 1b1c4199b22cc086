/** The bundles test/global-setup.ts built for this run, for the tests that run them (worker threads, CLI, browser). */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";
import { nodeWorkerFactory } from "../../src/sweep/node-workers.js";
import type { WorkerFactory } from "../../src/sweep/workers.js";

/** Fails the calling suite with the build error when the bundles could not be built. */
export function requireBundles(): void {
  const error = inject("bundleError");
  if (error) throw new Error(`the bundles could not be built (test/global-setup.ts): ${error}`);
}

/** A bundle file of this run: "cli.js", "worker.node.js", "index.js", "worker.browser.js". */
export function bundlePath(name: string): string {
  return join(inject("bundleDir"), name);
}

/** Worker threads running this run's worker bundle. */
export function testWorkerFactory(): Promise<WorkerFactory> {
  return nodeWorkerFactory(pathToFileURL(bundlePath("worker.node.js")));
}
