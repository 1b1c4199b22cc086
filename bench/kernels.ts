/**
 * The product kernels' candidates on this CPU (src/wasm/kernels.ts): the planner's choice when this process's
 * core started, with the speeds it measured, then every candidate on the Gram and dgemm sizes of the kernel
 * table (pointer tier) in interleaved rounds: each round calls the f64x2 peak loop, then each candidate once,
 * in an order rotated from round to round. A candidate's rate is flops / its fastest call. Its fraction of the
 * peak is the median over rounds of its rate in a round over the peak loop's rate in the same round: a change
 * of the host's clock rate during the run (these machines are shared) moves both alike, and one lucky call
 * on either side does not decide it. The planner's choice is restored at the end.
 */
import { median } from "../src/median.js";
import { getCore } from "../src/wasm/core.js";
import { KERNEL_NAMES, kernelChoice, useKernel, type KernelChoice, type KernelName } from "../src/wasm/kernels.js";
import type { PeakLoop } from "./ceiling.js";
import { gaussian } from "./inputs.js";
import { errorOutcome, type Outcome } from "./outcome.js";
import { timedCall, type TimingOptions } from "./timer.js";

export interface KernelCase {
  size: string;
  /** Flops of one call. */
  work: number;
  /** The f64x2 peak of this case's rounds (flop/s; null when the peak loop did not run). */
  peakRate: number | null;
  /** Rounds timed (after one untimed round). */
  rounds: number;
}

export interface KernelRow {
  name: KernelName;
  /** Per case (KernelRun.cases order): the outcome, its rate in flop/s and its fraction of the case's peak. */
  results: { outcome: Outcome; rate: number | null; ofPeak: number | null }[];
}

export interface KernelRun {
  /** The planner's choice when this process's core started (HEADTUNE_KERNEL unset), with its speeds. */
  planned: KernelChoice;
  cases: KernelCase[];
  rows: KernelRow[];
}

interface Product {
  size: string;
  work: number;
  run: (x: { a: number; b: number; c: number }) => void;
  inputs: [number, number];
}

function products(quick: boolean): Product[] {
  const { exports } = getCore();
  const gemm = (n: number): Product => ({
    size: `dgemm ${n}×${n}×${n}`,
    work: 2 * n ** 3,
    inputs: [n * n, n * n],
    run: ({ a, b, c }) => exports.dgemm(0, 0, n, n, n, 1, a, n, b, n, 0, c, n),
  });
  // The dual side's Gram K = X X^T (n x n from n x p), the replicate's largest product family.
  const gramXXt = (n: number, p: number): Product => ({
    size: `Gram ${n}×${p} XXᵀ`,
    work: p * n * n,
    inputs: [n * p, n * n],
    run: ({ a, c }) => exports.dsyrk(0, n, p, 1, a, p, 0, c, n),
  });
  return quick
    ? [gemm(128), gramXXt(64, 256)]
    : [gemm(256), gemm(1024), gemm(2048), gramXXt(256, 1024), gramXXt(1024, 1024), gramXXt(2048, 2048), gramXXt(512, 4096)];
}

/** Timed rounds of a product, at least (the large products' calls take up to a second each). */
const MIN_ROUNDS = 5;

/**
 * Rounds of one product: one untimed, then until every candidate has run for timing.budget seconds in all
 * (at least MIN_ROUNDS rounds, at most timing.maxReps); returns each candidate's timed calls and the peak
 * loop's call of each timed round (seconds; empty without the peak loop).
 */
function timeRounds(p: Product, peak: PeakLoop | null, timing: TimingOptions): { times: number[][]; peakTimes: number[] } {
  const { arena } = getCore();
  return arena.scope(() => {
    const a = arena.allocFrom(gaussian(1, p.inputs[0], 5).data, "A");
    const b = arena.allocFrom(gaussian(1, p.inputs[1], 6).data, "B");
    const c = arena.alloc(Math.max(p.inputs[0], p.inputs[1]), "C");
    const times: number[][] = KERNEL_NAMES.map(() => []);
    const spent = KERNEL_NAMES.map(() => 0);
    const peakTimes: number[] = [];
    for (let round = 0; round <= MIN_ROUNDS || (Math.min(...spent) < timing.budget && round <= timing.maxReps); round++) {
      if (peak) {
        const t = timedCall(peak);
        if (round > 0) peakTimes.push(t);
      }
      KERNEL_NAMES.forEach((_, j) => {
        const id = (round + j) % KERNEL_NAMES.length;
        useKernel(KERNEL_NAMES[id]!);
        const t = timedCall({ run: () => p.run({ a, b, c }) });
        if (round > 0) {
          times[id]!.push(t);
          spent[id]! += t;
        }
      });
    }
    return { times, peakTimes };
  });
}

/**
 * The median over rounds of round r's rate, work / times[r], over the peak loop's rate of the same round,
 * peakFlops / peakTimes[r] (times in seconds, one per round in both arrays).
 */
export function fractionOfPeak(work: number, times: readonly number[], peakFlops: number, peakTimes: readonly number[]): number {
  return median(times.map((t, r) => (work * peakTimes[r]!) / (peakFlops * t)));
}

/** Times every candidate on each product, interleaved with the peak loop; the planner's choice comes back after. */
export function benchKernels(quick: boolean, timing: TimingOptions, peak: PeakLoop | null): KernelRun {
  const planned = kernelChoice()!;
  const cases: KernelCase[] = [];
  const rows: KernelRow[] = KERNEL_NAMES.map((name) => ({ name, results: [] }));
  try {
    for (const p of products(quick)) {
      try {
        const { times, peakTimes } = timeRounds(p, peak, timing);
        const peaked = peak !== null && peak.check() === null;
        const peakRate = peaked ? peak.flops / Math.min(...peakTimes) : null;
        cases.push({ size: p.size, work: p.work, peakRate, rounds: times[0]!.length });
        times.forEach((t, id) => {
          const outcome: Outcome = { status: "ok", median: median(t), min: Math.min(...t), count: t.length };
          const ofPeak = peaked ? fractionOfPeak(p.work, t, peak.flops, peakTimes) : null;
          rows[id]!.results.push({ outcome, rate: p.work / outcome.min, ofPeak });
        });
      } catch (err) {
        cases.push({ size: p.size, work: p.work, peakRate: null, rounds: 0 });
        for (const row of rows) row.results.push({ outcome: errorOutcome(err), rate: null, ofPeak: null });
      }
      const last = rows.map((r) => `${r.name} ${fmtRate(r.results.at(-1)!.rate)}`).join(", ");
      process.stderr.write(`kernels ${p.size} (peak ${fmtRate(cases.at(-1)!.peakRate)}): ${last}\n`);
    }
  } finally {
    useKernel(planned.name);
  }
  return { planned, cases, rows };
}

function fmtRate(rate: number | null): string {
  return rate === null ? "error" : `${(rate / 1e9).toPrecision(3)} GFLOP/s`;
}
