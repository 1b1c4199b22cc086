/**
 * The spectral sampler's speed targets beyond the paper sweep (issue 11): one replicate at the largest size of
 * the paper-large preset, the browser explorer's paper preset beside runSweep in the same browser, in each engine
 * installed (Chromium, Firefox ESR, WebKitGTK: Run to the finished plot),
 * and, on request only (it takes about half an hour), the whole paper-large preset through the built CLI with
 * its peak memory and its agreement with the theory. bench/report.ts puts them in one table with the sweep's.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../demo/serve.mjs";
import { prepareSize, runReplicate } from "../src/experiment/public.js";
import { getCore } from "../src/wasm/core.js";
import { taskWork } from "../src/sweep/cost.js";
import { parseSummaryCsv } from "../src/report/csv.js";
import { presetConfig } from "../src/sweep/presets.js";
import { ENGINES, FIREFOX, MINIBROWSER, WEBKIT_DRIVER } from "../test/engines/drivers.js";
import { zRows, zSummary, type ZRow, type ZSummary } from "./finite.js";
import { gaussian } from "./inputs.js";
import { errorOutcome, type Outcome } from "./outcome.js";
import { runCli } from "./sweep.js";
import { timedCall } from "./timer.js";

/** One run of a replicate: its time and the multiply-adds its products ran (the core's gemmIssued). */
export interface ReplicateRun {
  outcome: Outcome;
  /** Multiply-adds through the product micro-kernel (edge tiles whole); null when it did not run. */
  issued: number | null;
}

/**
 * Replicates 0 and 1 of the spectral sampler at a large size after its size is prepared, in one process: the
 * first runs on WebAssembly memory the process has just grown (every page touched for the first time), the
 * second on memory the first left, as every later replicate of a sweep's worker does. Beside them, dgemm's rate
 * on this core in the same process, the rate the replicate's products could run at.
 */
export interface LargeReplicate {
  n: number;
  p: number;
  k: number;
  /** Preparing the size (the Laguerre draw and the theory), seconds. */
  prepare: Outcome;
  first: ReplicateRun;
  warm: ReplicateRun;
  /** The cost model's multiply-adds of the replicate (src/sweep/cost.ts). */
  work: number;
  /** dgemm (pointer tier) on n x n x n: its fastest of 3 calls before and 3 after the replicates, in flop/s. */
  dgemm: { n: number; rate: number | null };
}

/**
 * One engine's runs of a preset in the same browser: the explorer (the click on Run to the finished plot,
 * verdict and table) and the library's runSweep on the same workers (browserWorkerFactory, nothing drawn).
 * Each is timed twice, alternating, and the faster kept: explorer / API is what the page costs on top.
 */
export interface ExplorerRun {
  engine: string;
  preset: string;
  workers: number;
  browser: string;
  outcome: Outcome;
  api: Outcome;
}

/** Runs of each side per engine, alternating explorer and API (the faster of each is kept); --quick: one. */
const EXPLORER_RUNS = 2;

/** In the explorer page: picks the preset and workers, clicks Run, and resolves with the seconds to "done". */
const EXPLORER_SCRIPT = (preset: string, workers: number) => `(async () => {
  const status = document.getElementById("status");
  const until = (state) => new Promise((resolve) => {
    const look = () => status.dataset.state === state && (observer.disconnect(), resolve());
    const observer = new MutationObserver(look);
    observer.observe(status, { attributes: true });
    look();
  });
  await until("ready");
  const select = document.getElementById("preset");
  select.value = ${JSON.stringify(preset)};
  select.dispatchEvent(new Event("change", { bubbles: true }));
  const workers = document.getElementById("workers");
  workers.value = "${workers}";
  workers.dispatchEvent(new Event("input", { bubbles: true }));
  const t0 = performance.now();
  document.getElementById("run").click();
  await until("done");
  return (performance.now() - t0) / 1000;
})()`;

/** In the same page: the library bundle's runSweep on the preset in Web Workers; resolves with its seconds. */
const API_SCRIPT = (preset: string, workers: number) => `(async () => {
  const lib = await import("../index.js");
  await lib.init();
  const t0 = performance.now();
  await lib.runSweep(lib.presetConfig(${JSON.stringify(preset)}), { workers: ${workers}, workerFactory: lib.browserWorkerFactory() });
  return (performance.now() - t0) / 1000;
})()`;

function best(seconds: number[]): Outcome {
  return { status: "ok", median: Math.min(...seconds), min: Math.min(...seconds), count: seconds.length };
}

/**
 * The explorer and the API (dist/ under the package folder root, served locally) on the preset (paper; quick
 * with --quick) with one worker per core, in each engine test/engines/drivers.ts drives: Chromium always,
 * Firefox ESR and WebKitGTK when installed (npm run test:browsers installs them); --quick: Chromium, one run.
 */
export async function benchExplorer(quick: boolean, root: string): Promise<ExplorerRun[]> {
  const preset = quick ? "quick" : "paper";
  const workers = availableParallelism();
  const installed = [
    ["chromium", true],
    ["firefox", !quick && existsSync(FIREFOX)],
    ["webkit", !quick && existsSync(MINIBROWSER) && existsSync(WEBKIT_DRIVER)],
  ] as const;
  const repeats = quick ? 1 : EXPLORER_RUNS;
  const runs: ExplorerRun[] = [];
  // The root is explicit: bundled into the benchmark, serve.mjs's own URL no longer points beside dist/.
  const server = await startServer({ root: join(root, "dist"), port: 0 });
  try {
    for (const [name, present] of installed) {
      if (!present) continue;
      let browser = "none";
      try {
        const engine = await ENGINES[name]();
        browser = engine.version;
        try {
          const explorer: number[] = [];
          const api: number[] = [];
          for (let i = 0; i < repeats; i++) {
            await engine.goto(`${server.origin}/demo/`);
            api.push(await engine.evaluate<number>(API_SCRIPT(preset, workers)));
            await engine.goto(`${server.origin}/demo/`);
            explorer.push(await engine.evaluate<number>(EXPLORER_SCRIPT(preset, workers)));
            process.stderr.write(`explorer ${preset} in ${name}, ${workers} workers: ${explorer.at(-1)!.toFixed(2)} s; API ${api.at(-1)!.toFixed(2)} s\n`);
          }
          runs.push({ engine: name, preset, workers, browser, outcome: best(explorer), api: best(api) });
        } finally {
          await engine.close();
        }
      } catch (err) {
        runs.push({ engine: name, preset, workers, browser, outcome: errorOutcome(err), api: errorOutcome(err) });
      }
    }
  } finally {
    await server.close();
  }
  return runs;
}

/** The paper-large preset through the built CLI: wall time, peak RSS and the simulated excess against the theory. */
export interface LargeSweep {
  outcome: Outcome;
  kib: number | null;
  n: number;
  replicates: number;
  /** Per size z = (mean excess - theory) / se against the finite-n theory and its limit (bench/finite.ts). */
  rows: ZRow[];
  /** Max |z| against the finite-n theory over the sizes with |p - n| >= 4, and how many exceed 4. */
  agreement: ZSummary | null;
  /** The same against the n -> infinity limit. */
  agreementLimit: ZSummary | null;
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

/** dgemm's fastest of 3 calls after an untimed one on n x n x n (pointer tier, this thread's kernel), in flop/s. */
function dgemmRate(n: number): number {
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const [a, b, c] = [arena.allocFrom(gaussian(n, n, 2).data), arena.allocFrom(gaussian(n, n, 3).data), arena.alloc(n * n)];
    const trial = { run: () => exports.dgemm(0, 0, n, n, n, 1, a, n, b, n, 0, c, n) };
    timedCall(trial);
    return (2 * n ** 3) / Math.min(timedCall(trial), timedCall(trial), timedCall(trial));
  });
}

/**
 * Replicates 0 and 1 of the paper-large preset's largest size (n = 2000, p = k = 10,000; quick: the paper
 * preset's, n = 200, p = k = 1000), in this process on one core, between two dgemm measurements.
 */
export function benchLargeReplicate(quick: boolean): LargeReplicate {
  const config = presetConfig(quick ? "paper" : "paper-large");
  const p = 5 * config.n;
  const dgemmN = quick ? 256 : 1024;
  const before = dgemmRate(dgemmN);
  let ctx: ReturnType<typeof prepareSize> | undefined;
  const prepare = seconds(() => (ctx = prepareSize(config, p)));
  const { exports } = getCore();
  const run = (r: number): ReplicateRun => {
    if (ctx === undefined) return { outcome: prepare, issued: null };
    const start = exports.gemmIssued();
    const outcome = seconds(() => runReplicate(config, ctx!, r));
    return { outcome, issued: outcome.status === "ok" ? exports.gemmIssued() - start : null };
  };
  const first = run(0);
  const warm = run(1);
  const rate = Math.max(before, dgemmRate(dgemmN));
  const work = taskWork(config, p, Infinity);
  const say = (x: ReplicateRun) => (x.outcome.status === "ok" ? `${x.outcome.median.toFixed(2)} s` : x.outcome.reason);
  process.stderr.write(`replicate n=${config.n}, p=k=${p}: first ${say(first)}, warm ${say(warm)}; dgemm ${dgemmN}³ ${(rate / 1e9).toPrecision(3)} GFLOP/s\n`);
  return { n: config.n, p, k: p, prepare, first, warm, work, dgemm: { n: dgemmN, rate } };
}

/** The paper-large preset through the built CLI with one worker per core, in a child whose peak RSS is recorded. */
export function benchLargeSweep(root: string): LargeSweep {
  const dir = mkdtempSync(join(tmpdir(), "headtune-bench-large-"));
  const out = join(dir, "out");
  const { n, replicates } = presetConfig("paper-large");
  try {
    const run = runCli(root, ["sweep", "--preset", "paper-large", "--quiet", "--out", out], "the paper-large sweep");
    if (run.status !== "ok") return { outcome: { status: "error", reason: run.reason }, kib: null, n, replicates, rows: [], agreement: null, agreementLimit: null };
    process.stderr.write(`paper-large CLI: ${(run.seconds / 60).toFixed(1)} min\n`);
    const rows = zRows(parseSummaryCsv(readFileSync(join(out, "summary.csv"), "utf8")));
    return {
      outcome: { status: "ok", median: run.seconds, min: run.seconds, count: 1 },
      kib: run.kib,
      n,
      replicates,
      rows,
      agreement: zSummary(rows, n, "z"),
      agreementLimit: zSummary(rows, n, "zLimit"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
