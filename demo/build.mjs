// Builds the browser explorer into dist/demo/ with esbuild: the page's script (demo/main.ts, the library
// bundled from src/), the module Web Worker it starts (src/worker/worker.browser.ts) and the static files
// (index.html, style.css, embed.html, elements.html). embed.html imports the library bundle dist/index.js and
// elements.html the elements bundle dist/elements.js (scripts/bundle.mjs),
// as another web tool would.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_OPTIONS } from "../scripts/bundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const OUT = "dist/demo";
const STATIC_FILES = ["index.html", "style.css", "embed.html", "elements.html"];
const SCRIPTS = [
  { entry: "demo/main.ts", out: `${OUT}/main.js` },
  { entry: "src/worker/worker.browser.ts", out: `${OUT}/worker.browser.js` },
];

/** Builds dist/demo/; resolves with the folder's absolute path. */
export async function buildDemo() {
  const outDir = join(root, OUT);
  mkdirSync(outDir, { recursive: true });
  for (const script of SCRIPTS) {
    await build({ ...BUILD_OPTIONS, entryPoints: [script.entry], outfile: script.out, platform: "browser" });
  }
  for (const name of STATIC_FILES) copyFileSync(join(root, "demo", name), join(outDir, name));
  return outDir;
}
