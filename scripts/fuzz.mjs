// `npm run fuzz [-- --runs N]`: the fuzzing campaign. Runs every surface of test/property/ (vitest, its files in
// parallel on the cores) with N generated cases each (default 10,000) instead of the fixed sample npm test
// runs, then prints the cases per surface and outcome and the time taken. A failing case stops its surface:
// fast-check prints it shrunk, with the seed and path that replay it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10000" } } });
if (!/^\d+$/.test(values.runs) || Number(values.runs) < 1) {
  console.error(`npm run fuzz: --runs must be an integer >= 1. Value: ${values.runs}.`);
  process.exit(2);
}
const counts = mkdtempSync(join(tmpdir(), "headtune-fuzz-"));
const started = performance.now();
const run = spawnSync("npx", ["vitest", "run", "test/property/"], {
  stdio: "inherit",
  // Folders of the checkpoint, shard and CLI cases go to memory where there is a tmpfs (fsync is then free).
  env: { ...process.env, HEADTUNE_FUZZ_RUNS: values.runs, HEADTUNE_FUZZ_COUNTS: counts, ...(existsSync("/dev/shm") ? { TMPDIR: "/dev/shm" } : {}) },
});
const seconds = (performance.now() - started) / 1000;

const rows = readdirSync(counts)
  .sort()
  .map((file) => [file.replace(/\.json$/, ""), JSON.parse(readFileSync(join(counts, file), "utf8"))]);
rmSync(counts, { recursive: true, force: true });
console.log(`\nheadtune fuzzing campaign: ${values.runs} cases per surface, ${seconds.toFixed(0)} s`);
for (const [surface, outcomes] of rows) {
  const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
  console.log(`  ${surface}: ${total} cases`);
  for (const [outcome, n] of Object.entries(outcomes).sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(7)}  ${outcome}`);
}
process.exit(run.status ?? 1);
