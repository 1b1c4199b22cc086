/**
 * The product kernels' planner. The WebAssembly core carries several GEMM micro-kernels and blockings
 * (assembly/linalg/gemmcore.ts, gemmSelect): every product (dgemm, dsyrk, dtrsm, dpotrf, hence the Grams and
 * the test risks) runs on the selected one. All give the same bits, since they share the k-blocking and the
 * order of the sum over k; which is fastest depends on the CPU and the engine. When a thread's core is
 * instantiated, the planner times each candidate on a small product (a few tens of ms) and selects the
 * fastest (2x8 unless another is 5% faster in the median of rounds timed side by side), unless
 * HEADTUNE_KERNEL (Node) or useKernel names one; where the clock is too coarse to time a product (a page
 * that is not cross-origin isolated), it keeps 2x8 and says why.
 */
import { ArgumentError } from "../errors.js";
import { median } from "../median.js";
import type { Arena } from "./arena.js";
import type { KernelExports } from "./exports.js";

/**
 * The candidates, in gemmSelect's id order: MR x NR micro-tile, then MC x NC blocking where it differs from
 * 128 x 512. "2x8-small" keeps the packed blocks in half the cache (64 x 256); "4x4-swap" multiplies A pairs
 * by B pairs and their swaps instead of broadcasting A.
 */
export const KERNEL_NAMES = ["2x8", "2x8-small", "2x6", "4x4", "4x4-swap"] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

/** The kernel a thread's products run on, and how it was chosen. */
export interface KernelChoice {
  name: KernelName;
  /**
   * "planned": chosen by the planner's timing; "forced": named by HEADTUNE_KERNEL or useKernel; "default":
   * 2x8 without timing, because this thread's clock is too coarse to time a product (reason says how coarse).
   */
  how: "planned" | "forced" | "default";
  /** The planner's rate of each candidate (flop/s, flops / its fastest timed run); empty unless planned. */
  rates: Partial<Record<KernelName, number>>;
  /**
   * The planner's speed of each candidate relative to 2x8: the median over the timed rounds of 2x8's time /
   * the candidate's time in the same round (> 1: faster than 2x8); empty unless planned.
   */
  speedups: Partial<Record<KernelName, number>>;
  /** Why the planner did not time the candidates (how = "default"). */
  reason?: string;
}

/**
 * The planner's product: C = A B, m = n = PLAN_MN, k = PLAN_K (one whole KC slice; two MC row blocks):
 * 2 x 192^2 x 256 = 19 MFLOP, about 0.8 ms at 23 GFLOP/s; 9 rounds of 5 candidates take about 35 ms.
 */
const PLAN_MN = 192;
const PLAN_K = 256;
/**
 * Untimed rounds first: V8 runs a WebAssembly function on its baseline compiler until the function is hot,
 * then swaps in optimized code compiled on a background thread; on a busy core that takes a round or two.
 */
const PLAN_WARMUP = 2;
/** Timed rounds; each runs every candidate once, in an order rotated from round to round. */
const PLAN_ROUNDS = 7;
/**
 * Another candidate replaces the first (2x8, tuned on Zen 5) only when its median speed-up is at least this:
 * a switch on noise alone could cost more than it gains.
 */
const PLAN_MARGIN = 1.05;
/**
 * The coarsest clock step (ms) that still times the planner's product to about 2%. Browsers coarsen
 * performance.now() in pages that are not cross-origin isolated (100 µs in Chromium, 1 ms in Firefox).
 */
const PLAN_CLOCK_STEP_MS = 0.015;
/** Readings of the clock that clockStep makes at most (a few ms: a reading takes tens of ns). */
const CLOCK_READS = 200_000;

/** What this thread asked for: a name, "auto" (plan), or undefined (HEADTUNE_KERNEL, else plan). */
let requested: KernelName | "auto" | undefined;
let current: { exports: KernelExports; arena: Arena; choice: KernelChoice } | undefined;

/**
 * Checks a kernel name (or "auto").
 * @throws {ArgumentError} when name is not one of KERNEL_NAMES or "auto"; the message lists them
 */
export function assertKernelName(what: string, name: unknown): asserts name is KernelName | "auto" {
  if (name !== "auto" && !(KERNEL_NAMES as readonly unknown[]).includes(name)) {
    throw new ArgumentError(`${what} must be "auto" or one of ${KERNEL_NAMES.map((k) => `"${k}"`).join(", ")}. Value: ${JSON.stringify(name)}.`, {
      [what]: name,
    });
  }
}

/**
 * Forces this thread's product kernel (or "auto": let the planner choose), for the products that follow; the
 * results' bits do not change. Takes precedence over HEADTUNE_KERNEL. Applies at once when the core exists.
 * @param name one of KERNEL_NAMES, or "auto"
 * @throws {ArgumentError} for another name (the message lists the names)
 * @example useKernel("4x4") // every later product of this thread runs the 4 x 4 micro-kernel
 */
export function useKernel(name: KernelName | "auto"): void {
  assertKernelName("kernel", name);
  requested = name;
  if (current) current.choice = choose(current.exports, current.arena);
}

/** The kernel this thread's products run on (undefined before its core is instantiated). */
export function kernelChoice(): KernelChoice | undefined {
  return current?.choice;
}

/**
 * Chooses the kernel of a new core (called once per instantiation): the requested or HEADTUNE_KERNEL's, else
 * the planner's.
 * @throws {ArgumentError} when HEADTUNE_KERNEL names no kernel
 */
export function chooseKernel(exports: KernelExports, arena: Arena): KernelChoice {
  const choice = choose(exports, arena);
  current = { exports, arena, choice };
  return choice;
}

function choose(exports: KernelExports, arena: Arena): KernelChoice {
  const name = requested ?? environmentKernel();
  if (name === undefined || name === "auto") return plan(exports, arena);
  select(exports, name);
  return { name, how: "forced", rates: {}, speedups: {} };
}

/** HEADTUNE_KERNEL, where there is a process environment (Node); undefined when unset or empty. */
function environmentKernel(): KernelName | "auto" | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.HEADTUNE_KERNEL;
  if (value === undefined || value === "") return undefined;
  assertKernelName("HEADTUNE_KERNEL", value);
  return value;
}

function select(exports: KernelExports, name: KernelName): void {
  exports.gemmSelect(KERNEL_NAMES.indexOf(name));
}

/**
 * The planner's decision from its timings: times[round][id] is candidate id's time in that round (id 0 is
 * 2x8). Each candidate's speed-up is the median over rounds of times[r][0] / times[r][id]: pairing within a
 * round cancels a slow drift of the clock rate, the median drops a round that a burst of other work hit.
 * Chooses the candidate of the largest speed-up when it reaches PLAN_MARGIN, else 2x8.
 */
export function decideKernel(times: readonly (readonly number[])[]): { id: number; speedups: number[] } {
  const speedups = KERNEL_NAMES.map((_, id) => median(times.map((round) => round[0]! / round[id]!)));
  let id = 0;
  speedups.forEach((s, c) => {
    if (s > speedups[id]!) id = c;
  });
  return { id: speedups[id]! >= PLAN_MARGIN ? id : 0, speedups };
}

/**
 * The smallest step of performance.now() seen in a short spin (3 steps, at most about 3 ms or CLOCK_READS
 * readings), in ms; Infinity when it never advanced (a frozen clock, as a test's fake timers give).
 */
function clockStep(): number {
  let step = Infinity;
  let steps = 0;
  const start = performance.now();
  let last = start;
  for (let reads = 0; steps < 3 && last - start < 3 && reads < CLOCK_READS; reads++) {
    const now = performance.now();
    if (now > last) {
      step = Math.min(step, now - last);
      steps++;
      last = now;
    }
  }
  return step;
}

/**
 * Times every candidate on C = A B (PLAN_MN x PLAN_K times PLAN_K x PLAN_MN, inputs in the arena, released
 * after): PLAN_WARMUP untimed rounds, then PLAN_ROUNDS timed ones, every candidate once per round in a
 * rotated order, decided by decideKernel. With a clock too coarse to time a product, keeps 2x8 untimed.
 */
function plan(exports: KernelExports, arena: Arena): KernelChoice {
  const step = clockStep();
  if (step > PLAN_CLOCK_STEP_MS) {
    select(exports, "2x8");
    const reason = Number.isFinite(step)
      ? `performance.now() advances in steps of ${Math.round(step * 1e3)} µs, too coarse to time a product of about 1 ms`
      : "performance.now() did not advance while the planner watched it";
    return { name: "2x8", how: "default", rates: {}, speedups: {}, reason };
  }
  const [n, k] = [PLAN_MN, PLAN_K];
  const candidates = KERNEL_NAMES.length;
  const times: number[][] = [];
  arena.scope(() => {
    const a = arena.alloc(n * k, "planner A");
    const b = arena.alloc(k * n, "planner B");
    const c = arena.alloc(n * n, "planner C");
    // Any finite inputs do: the time of a product does not depend on its values (no subnormals here).
    const f64 = arena.f64;
    for (let i = 0; i < n * k; i++) {
      f64[a / 8 + i] = (i % 7) - 3;
      f64[b / 8 + i] = (i % 5) - 2;
    }
    for (let round = 0; round < PLAN_WARMUP + PLAN_ROUNDS; round++) {
      const time = new Array<number>(candidates);
      for (let j = 0; j < candidates; j++) {
        const id = (round + j) % candidates;
        exports.gemmSelect(id);
        const start = performance.now();
        exports.dgemm(0, 0, n, n, k, 1, a, k, b, n, 0, c, n);
        time[id] = (performance.now() - start) / 1e3;
      }
      if (round >= PLAN_WARMUP) times.push(time);
    }
  });
  const { id, speedups } = decideKernel(times);
  const name = KERNEL_NAMES[id]!;
  select(exports, name);
  const flops = 2 * n * n * k;
  const byName = <T>(f: (id: number) => T) => Object.fromEntries(KERNEL_NAMES.map((k, c) => [k, f(c)])) as Record<KernelName, T>;
  return {
    name,
    how: "planned",
    rates: byName((c) => flops / Math.max(Math.min(...times.map((t) => t[c]!)), 1e-9)),
    speedups: byName((c) => speedups[c]!),
  };
}
