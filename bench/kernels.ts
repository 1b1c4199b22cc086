/**
 * The product kernels' candidates on this CPU (src/wasm/kernels.ts): the planner's choice when this process's
 * core started, with the rates it timed, then each candidate forced in turn on the Gram and dgemm sizes of the
 * kernel table, timed by the protocol of bench/timer.ts (pointer tier), and set against the f64x2 peak.
 * The planner's choice is restored at the end.
 */
import { getCore } from "../src/wasm/core.js";
import { KERNEL_NAMES, kernelChoice, useKernel, type KernelChoice, type KernelName } from "../src/wasm/kernels.js";
import { gaussian } from "./inputs.js";
import { errorOutcome, type Outcome } from "./outcome.js";
import { measure, type TimingOptions } from "./timer.js";

export interface KernelCase {
  size: string;
  /** Flops of one call. */
  work: number;
}

export interface KernelRow {
  name: KernelName;
  /** Per case (KernelRun.cases order): the outcome and its rate in flop/s (null when it did not run). */
  results: { outcome: Outcome; rate: number | null }[];
}

export interface KernelRun {
  /** The planner's choice when this process's core started (HEADTUNE_KERNEL unset), with its rates. */
  planned: KernelChoice;
  cases: KernelCase[];
  rows: KernelRow[];
}

interface Product extends KernelCase {
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
  return quick ? [gemm(128), gramXXt(64, 256)] : [gemm(256), gemm(1024), gramXXt(1024, 1024), gramXXt(512, 4096)];
}

/** Times every candidate on each product; the planner's choice comes back into force after. */
export function benchKernels(quick: boolean, timing: TimingOptions): KernelRun {
  const { arena } = getCore();
  const planned = kernelChoice()!;
  const cases = products(quick);
  const rows = KERNEL_NAMES.map((name): KernelRow => {
    useKernel(name);
    const results = cases.map((p) => {
      try {
        const timed = arena.scope(() => {
          const a = arena.allocFrom(gaussian(1, p.inputs[0], 5).data, "A");
          const b = arena.allocFrom(gaussian(1, p.inputs[1], 6).data, "B");
          const c = arena.alloc(Math.max(p.inputs[0], p.inputs[1]), "C");
          return measure({ run: () => p.run({ a, b, c }) }, timing);
        });
        return { outcome: { status: "ok", ...timed } as Outcome, rate: p.work / timed.min };
      } catch (err) {
        return { outcome: errorOutcome(err), rate: null };
      }
    });
    process.stderr.write(`kernel ${name}: ${results.map((r, i) => `${cases[i]!.size} ${r.rate === null ? "error" : `${(r.rate / 1e9).toPrecision(3)} GFLOP/s`}`).join(", ")}\n`);
    return { name, results };
  });
  useKernel(planned.name);
  return { planned, cases: cases.map(({ size, work }) => ({ size, work })), rows };
}
