/**
 * The spectral sampler's speed targets beyond the paper sweep (issue 11): one replicate at the largest size of
 * the paper-large preset, the browser explorer's paper preset in headless Chromium (Run to the finished plot),
 * and, on request only (it takes about half an hour), the whole paper-large preset through the built CLI with
 * its peak memory and its agreement with the theory. bench/report.ts puts them in one table with the sweep's.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../demo/serve.mjs";
import { prepareSize, runReplicate } from "../src/experiment/public.js";
import { taskWork } from "../src/sweep/cost.js";
import { parseSummaryCsv } from "../src/report/csv.js";
import { presetConfig } from "../src/sweep/presets.js";
import { launchChromium } from "../test/helpers/chromium.js";
import { errorOutcome, type Outcome } from "./outcome.js";
import { runCli } from "./sweep.js";

/** One replicate of the spectral sampler at a large size, timed once after its size is prepared. */
export interface LargeReplicate {
  n: number;
  p: number;
  k: number;
  /** Preparing the size (the Laguerre draw and the theory), seconds. */
  prepare: Outcome;
  replicate: Outcome;
  /** The cost model's multiply-adds of the replicate (src/sweep/cost.ts). */
  work: number;
}

/** The explorer's run of a preset: seconds from the click on Run to the finished plot. */
export interface ExplorerRun {
  preset: string;
  workers: number;
  browser: string;
  outcome: Outcome;
}

/** The paper-large preset through the built CLI: wall time, peak RSS and the simulated excess against the theory. */
export interface LargeSweep {
  outcome: Outcome;
  kib: number | null;
  /** Per size z = (mean excess - theory) / se; max |z| and how many sizes exceed 4. */
  agreement: { sizes: number; maxAbsZ: number; beyond4: number; worst: { p: number; z: number } } | null;
}

function seconds(f: () => void): Outcome {
  try {
    const t0 = performance.now();
    f();
    const s = (performance.now() - t0) / 1000;
    return { status: "ok", median: s, min: s, count: 1 };
  } catch (err) {
    return errorOutcome(err);
  }
}

/**
 * Replicate 0 of the paper-large preset's largest size (n = 2000, p = k = 10,000; quick: the paper preset's,
 * n = 200, p = k = 1000), in this process on one core.
 */
export function benchLargeReplicate(quick: boolean): LargeReplicate {
  const config = presetConfig(quick ? "paper" : "paper-large");
  const p = 5 * config.n;
  let ctx: ReturnType<typeof prepareSize> | undefined;
  const prepare = seconds(() => (ctx = prepareSize(config, p)));
  const replicate = ctx === undefined ? prepare : seconds(() => runReplicate(config, ctx!, 0));
  const work = taskWork(config, p, Infinity);
  process.stderr.write(`replicate n=${config.n}, p=k=${p}: ${replicate.status === "ok" ? `${replicate.median.toFixed(2)} s` : replicate.reason}\n`);
  return { n: config.n, p, k: p, prepare, replicate, work };
}

/**
 * The explorer (dist/demo under the package folder root, served locally) in headless Chromium: the preset (paper; quick with --quick) with one
 * worker per core, timed from the click on Run until the status says done (the plot, table and verdict drawn).
 */
export async function benchExplorer(quick: boolean, root: string): Promise<ExplorerRun> {
  const preset = quick ? "quick" : "paper";
  const workers = availableParallelism();
  let browser = "none";
  try {
    // The root is explicit: bundled into the benchmark, serve.mjs's own URL no longer points beside dist/.
    const server = await startServer({ root: join(root, "dist"), port: 0 });
    try {
      const chromium = await launchChromium({ viewport: { width: 1360, height: 1000 } });
      browser = `${chromium.binary.source} (${chromium.context.browser()?.version() ?? "persistent context"})`;
      try {
        const page = await chromium.context.newPage();
        await page.goto(`${server.origin}/demo/`);
        await page.waitForSelector('#status[data-state="ready"]');
        await page.selectOption("#preset", preset);
        await page.fill("#workers", String(workers));
        const t0 = performance.now();
        await page.click("#run");
        await page.waitForSelector('#status[data-state="done"]', { timeout: 600_000, state: "attached" });
        const s = (performance.now() - t0) / 1000;
        process.stderr.write(`explorer ${preset}, ${workers} workers: ${s.toFixed(2)} s\n`);
        return { preset, workers, browser, outcome: { status: "ok", median: s, min: s, count: 1 } };
      } finally {
        await chromium.close();
      }
    } finally {
      await server.close();
    }
  } catch (err) {
    return { preset, workers, browser, outcome: errorOutcome(err) };
  }
}

/** The paper-large preset through the built CLI with one worker per core, in a child whose peak RSS is recorded. */
export function benchLargeSweep(root: string): LargeSweep {
  const dir = mkdtempSync(join(tmpdir(), "headtune-bench-large-"));
  const out = join(dir, "out");
  try {
    const run = runCli(root, ["sweep", "--preset", "paper-large", "--quiet", "--out", out], "the paper-large sweep");
    if (run.status !== "ok") return { outcome: { status: "error", reason: run.reason }, kib: null, agreement: null };
    process.stderr.write(`paper-large CLI: ${(run.seconds / 60).toFixed(1)} min\n`);
    return {
      outcome: { status: "ok", median: run.seconds, min: run.seconds, count: 1 },
      kib: run.kib,
      agreement: theoryAgreement(readFileSync(join(out, "summary.csv"), "utf8")),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** z = (excess_mean - theory_excess) / excess_se per size of a summary.csv (the min-norm head's rows). */
function theoryAgreement(csv: string): LargeSweep["agreement"] {
  const zs = parseSummaryCsv(csv)
    .filter((row) => row.head === "minnorm")
    .map((row) => ({ p: row.p, z: (row.excess_mean - row.theory_excess) / row.excess_se }))
    .filter((r) => Number.isFinite(r.z));
  if (zs.length === 0) return null;
  const worst = zs.reduce((a, b) => (Math.abs(b.z) > Math.abs(a.z) ? b : a));
  return { sizes: zs.length, maxAbsZ: Math.abs(worst.z), beyond4: zs.filter((r) => Math.abs(r.z) > 4).length, worst };
}
