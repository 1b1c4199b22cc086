// Entry of `npm run bench`: Node 20 cannot run TypeScript, so this bundles bench/run.ts (with the library
// sources it imports and ml-matrix) with esbuild into a temporary file, imports it and runs it with this
// process's arguments. Usage: node bench/main.mjs [--quick] [--only gram,cholesky] [--json] [--help]
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BUILD_OPTIONS } from "../scripts/bundle.mjs";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "headtune-bench-"));
const outfile = join(outDir, "run.mjs");
try {
  await build({ ...BUILD_OPTIONS, entryPoints: [join(benchDir, "run.ts")], outfile, platform: "node", logLevel: "warning" });
  const { main } = await import(pathToFileURL(outfile).href);
  process.exitCode = await main(process.argv.slice(2), benchDir);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
