// Entry of `npm run bench`: Node 20 cannot run TypeScript, so this bundles bench/run.ts (with the library
// sources it imports and ml-matrix) with esbuild into a temporary file, imports it and runs it with this
// process's arguments. Usage: node bench/main.mjs [--quick] [--only gram,cholesky] [--json] [--help]
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildDemo } from "../demo/build.mjs";
import { BUILD_OPTIONS } from "../scripts/bundle.mjs";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
// The bundle lives under node_modules/.cache so that the packages left external (the browser of the explorer
// benchmark: playwright-core loads its own files at run time) resolve from the package's node_modules.
const cache = join(benchDir, "..", "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const outDir = mkdtempSync(join(cache, "headtune-bench-"));
const outfile = join(outDir, "run.mjs");
try {
  // The explorer benchmark serves dist/demo, which npm run build does not make.
  await buildDemo();
  await build({
    ...BUILD_OPTIONS,
    external: [...BUILD_OPTIONS.external, "playwright-core", "@sparticuz/chromium", "puppeteer-core", "selenium-webdriver"],
    entryPoints: [join(benchDir, "run.ts")],
    outfile,
    platform: "node",
    logLevel: "warning",
  });
  const { main } = await import(pathToFileURL(outfile).href);
  process.exitCode = await main(process.argv.slice(2), benchDir);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
