/**
 * End-to-end benchmark: a whole sweep (runSweep on a preset: "paper" in full mode, "quick" with --quick) in
 * Node worker threads, with 1 worker and with one per core. Each is timed once, without warm-up, because a
 * paper sweep takes about a minute; the time includes starting the workers and compiling the core in each.
 * Then the numpy peer (bench/peers/sweep_peer.py: the same grid, sampler, head, risks and theory, other
 * random numbers) twice on the same cores: a pool of one single-threaded process per core, and one process
 * with OpenBLAS's default threads; its ratio is numpy time / our time with one worker per core (the peer
 * fits the min-norm head only: the quick preset's ridge head makes its ratio a smoke test, not a measure). Its per-size
 * mean excess risk is compared with ours (z = difference / combined standard error). Last, the peak memory
 * of our sweep with one worker per core: the built CLI run in a child whose peak RSS (worker threads
 * included: they share the process) is written at exit by bench/max-rss.cjs.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { nodeWorkerFactory } from "../src/sweep/node-workers.js";
import { presetConfig } from "../src/sweep/presets.js";
import { runSweep, type SweepResult } from "../src/sweep/run.js";
import { AVX2_CORE, childEnv, type NumpyThreads } from "./numpy.js";
import { errorOutcome, type Outcome } from "./outcome.js";

/**
 * The numpy peers of a sweep (bench/peers/): "sweep" does our previous algorithm (sequential sampler, risks
 * folded through X Lx), "naive" the experiment written plainly (sequences, B formed, risks through Sx), "spectral"
 * our spectral algorithm (SPEC 8), each in numpy/scipy with its own random numbers.
 */
export type SweepPeer = "sweep" | "naive" | "spectral";

/** One run of a numpy sweep peer. */
export interface NumpySweepRun {
  peer: SweepPeer;
  processes: number;
  threads: NumpyThreads;
  /** The OpenBLAS core type the run was forced to (the AVX2 run: "Haswell"); absent for OpenBLAS's own choice. */
  coreType?: string;
  outcome: Outcome;
  /** numpy time / our time with the most workers (> 1: we are faster); null when either failed. */
  ratio: number | null;
  /** Peak RSS (KiB) of the main process plus each pool process's peak; null when it did not run. */
  maxRssKiB: number | null;
}

/** Per-size mean excess risk (total over k) with its standard error, ours against the peer's. */
export interface ExcessComparison {
  p: number;
  ours: { mean: number; se: number };
  numpy: { mean: number; se: number };
  /** (numpy - ours) / sqrt(se_ours^2 + se_numpy^2). */
  z: number;
}

export interface SweepRow {
  preset: string;
  /** Sizes × replicates, n, and the largest p. */
  description: string;
  runs: { workers: number; outcome: Outcome }[];
  /** Time with 1 worker / time with the most workers; null when either failed or there is one core. */
  ratio: number | null;
  numpy: NumpySweepRun[];
  /** Against the first numpy run that succeeded; empty when none did. */
  excess: ExcessComparison[];
  /** The built CLI's sweep with the most workers in a child process: wall time (start-up included) and peak RSS (KiB). */
  cli: { status: "ok"; seconds: number; kib: number } | { status: "error"; reason: string };
}

interface PeerReply {
  absent?: string;
  seconds: number;
  sizes: { p: number; excess_mean: number; excess_se: number }[];
  mainMaxRssKiB: number;
  workerMaxRssKiB: number[];
}

/** Runs a numpy sweep peer on the preset's sizes; returns its outcome, reply and memory. */
function runPeer(
  root: string,
  peer: SweepPeer,
  preset: string,
  sizes: number[],
  processes: number,
  threads: NumpyThreads,
  coreType: string | undefined,
): { outcome: Outcome; reply?: PeerReply } {
  const { n, nTest, replicates, T, rho, sEps, sU, sY, seed } = presetConfig(preset);
  const request = { processes, n, nTest, replicates, T, rho, sEps, sU, sY, seed, sizes };
  const child = spawnSync("python3", [join(root, "bench", "peers", `${peer}_peer.py`)], {
    input: JSON.stringify(request),
    env: childEnv(threads, coreType),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.error) return { outcome: { status: "absent", reason: `python3 failed to start: ${child.error.message}` } };
  if (child.status !== 0) {
    return { outcome: { status: "error", reason: `sweep peer exited with ${child.status}: ${child.stderr.trim().slice(-500)}` } };
  }
  let reply: PeerReply;
  try {
    reply = JSON.parse(child.stdout) as PeerReply;
  } catch {
    return { outcome: { status: "error", reason: `sweep peer printed no JSON: ${child.stdout.trim().slice(0, 200)}` } };
  }
  if (reply.absent !== undefined) return { outcome: { status: "absent", reason: reply.absent } };
  return { outcome: { status: "ok", median: reply.seconds, min: reply.seconds, count: 1 }, reply };
}

/** Our per-size mean excess (min-norm head) against the peer's. */
function compareExcess(result: SweepResult, reply: PeerReply): ExcessComparison[] {
  return reply.sizes.flatMap((s) => {
    const row = result.summary.find((r) => r.head === "minnorm" && r.p === s.p);
    if (row === undefined) return [];
    const z = (s.excess_mean - row.excess_mean) / Math.hypot(row.excess_se, s.excess_se);
    return [{ p: s.p, ours: { mean: row.excess_mean, se: row.excess_se }, numpy: { mean: s.excess_mean, se: s.excess_se }, z }];
  });
}

/** The built CLI running the preset's sweep with the given workers in a child process: its wall time and peak RSS. */
function cliRun(root: string, preset: string, workers: number): SweepRow["cli"] {
  const dir = mkdtempSync(join(tmpdir(), "headtune-bench-sweep-"));
  try {
    return runCli(root, ["sweep", "--preset", preset, "--quiet", "--workers", String(workers), "--out", join(dir, "out")], "the CLI sweep");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The built CLI (dist/cli.js under the package folder root) with args in a child process whose peak RSS
 * (worker threads included) bench/max-rss.cjs writes at exit: its wall time from spawn to exit and that peak.
 * @param what names the run in the error's reason
 */
export function runCli(root: string, args: string[], what: string): SweepRow["cli"] {
  const dir = mkdtempSync(join(tmpdir(), "headtune-bench-cli-"));
  const file = join(dir, "max-rss");
  try {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ["-r", join(root, "bench", "max-rss.cjs"), join(root, "dist", "cli.js"), ...args], {
      env: { ...process.env, HEADTUNE_BENCH_MAX_RSS_FILE: file },
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.error || child.status !== 0) {
      const why = (child.error?.message ?? child.stderr).trim().slice(-500);
      return { status: "error", reason: `${what} failed (${child.status}): ${why}` };
    }
    const seconds = (performance.now() - t0) / 1000;
    return { status: "ok", seconds, kib: Number(readFileSync(file, "utf8")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function log(what: string, o: Outcome): void {
  process.stderr.write(`${what}: ${o.status === "ok" ? `${o.median.toFixed(2)} s` : o.reason}\n`);
}

/** Runs the preset's sweep with 1 worker and with one per core, the numpy peer, and the memory run; root is the package folder. */
export async function benchSweep(quick: boolean, root: string): Promise<SweepRow> {
  const preset = quick ? "quick" : "paper";
  const config = presetConfig(preset);
  const cores = availableParallelism();
  const counts = [...new Set([1, cores])];
  const runs: SweepRow["runs"] = [];
  let description = preset;
  let last: SweepResult | undefined;
  for (const workers of counts) {
    try {
      const workerFactory = await nodeWorkerFactory(pathToFileURL(join(root, "dist", "worker.node.js")));
      const t0 = performance.now();
      const result = await runSweep(config, { workers, workerFactory });
      const seconds = (performance.now() - t0) / 1000;
      runs.push({ workers, outcome: { status: "ok", median: seconds, min: seconds, count: 1 } });
      description = `${result.sizes.length} sizes × ${config.replicates} replicates, n=${config.n}, p=${result.sizes[0]}..${result.sizes.at(-1)}`;
      last = result;
    } catch (err) {
      runs.push({ workers, outcome: errorOutcome(err) });
    }
    log(`sweep ${preset}, ${workers} worker(s)`, runs.at(-1)!.outcome);
  }
  const [one, most] = [runs[0]!.outcome, runs.at(-1)!.outcome];
  const ratio = runs.length > 1 && one.status === "ok" && most.status === "ok" ? one.median / most.median : null;
  const numpy: NumpySweepRun[] = [];
  let excess: ExcessComparison[] = [];
  if (last !== undefined) {
    const peerRuns = [
      ["spectral", cores, "single", undefined],
      ["spectral", cores, "single", AVX2_CORE],
      ["naive", 1, "default", undefined],
      ["sweep", cores, "single", undefined],
      ["sweep", 1, "default", undefined],
    ] as const;
    for (const [peer, processes, threads, coreType] of peerRuns) {
      const { outcome, reply } = runPeer(root, peer, preset, last.sizes, processes, threads, coreType);
      const r = outcome.status === "ok" && most.status === "ok" ? outcome.median / most.median : null;
      const maxRssKiB = reply ? reply.mainMaxRssKiB + reply.workerMaxRssKiB.reduce((a, b) => a + b, 0) : null;
      numpy.push({ peer, processes, threads, ...(coreType ? { coreType } : {}), outcome, ratio: r, maxRssKiB });
      if (reply && excess.length === 0) excess = compareExcess(last, reply);
      log(`numpy ${peer} peer, ${processes} process(es), ${threads} threads${coreType ? `, ${coreType} kernels` : ""}`, outcome);
    }
  }
  const cli = cliRun(root, preset, counts.at(-1)!);
  process.stderr.write(`sweep ${preset} CLI: ${cli.status === "ok" ? `${cli.seconds.toFixed(2)} s, peak RSS ${(cli.kib / 1024).toFixed(0)} MiB` : cli.reason}\n`);
  return { preset, description, runs, ratio, numpy, excess, cli };
}
