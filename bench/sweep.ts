/**
 * End-to-end benchmark: a whole sweep (runSweep on a preset: "paper" in full mode, "quick" with --quick) in
 * Node worker threads, with 1 worker and with one per core. Each is timed once, without warm-up, because a
 * paper sweep takes about a minute; the time includes starting the workers and compiling the core in each.
 * The ratio is time with 1 worker / time with N workers (> 1: the pool is faster), the only baseline an
 * end-to-end run has here.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { nodeWorkerFactory } from "../src/sweep/node-workers.js";
import { presetConfig } from "../src/sweep/presets.js";
import { runSweep } from "../src/sweep/run.js";
import { errorOutcome, type Outcome } from "./report.js";

export interface SweepRow {
  preset: string;
  /** Sizes × replicates, n, and the largest p. */
  description: string;
  runs: { workers: number; outcome: Outcome }[];
  /** Time with 1 worker / time with the most workers; null when either failed or there is one core. */
  ratio: number | null;
}

/** Runs the preset's sweep with 1 worker and with one per core; root is the package folder (for dist/). */
export async function benchSweep(quick: boolean, root: string): Promise<SweepRow> {
  const preset = quick ? "quick" : "paper";
  const config = presetConfig(preset);
  const counts = [...new Set([1, availableParallelism()])];
  const runs: SweepRow["runs"] = [];
  let description = preset;
  for (const workers of counts) {
    try {
      const workerFactory = await nodeWorkerFactory(pathToFileURL(join(root, "dist", "worker.node.js")));
      const t0 = performance.now();
      const result = await runSweep(config, { workers, workerFactory });
      const seconds = (performance.now() - t0) / 1000;
      runs.push({ workers, outcome: { status: "ok", median: seconds, min: seconds, count: 1 } });
      description = `${result.sizes.length} sizes × ${config.replicates} replicates, n=${config.n}, p=${result.sizes[0]}..${result.sizes.at(-1)}`;
    } catch (err) {
      runs.push({ workers, outcome: errorOutcome(err) });
    }
    const o = runs.at(-1)!.outcome;
    process.stderr.write(`sweep ${preset}, ${workers} worker(s): ${o.status === "ok" ? `${o.median.toFixed(2)} s` : o.reason}\n`);
  }
  const [one, most] = [runs[0]!.outcome, runs.at(-1)!.outcome];
  const ratio = runs.length > 1 && one.status === "ok" && most.status === "ok" ? one.median / most.median : null;
  return { preset, description, runs, ratio };
}
