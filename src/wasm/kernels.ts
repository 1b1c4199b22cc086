/**
 * The product kernels' planner. The WebAssembly core carries several GEMM micro-kernels and blockings
 * (assembly/linalg/gemmcore.ts, gemmSelect): every product (dgemm, dsyrk, dtrsm, dpotrf, hence the Grams and
 * the test risks) runs on the selected one. All give the same bits, since they share the k-blocking and the
 * order of the sum over k; which is fastest depends on the CPU and the engine. When a thread's core is
 * instantiated, the planner times each candidate on a small product (a few tens of ms) and selects the
 * fastest (2x8 unless another is 5% faster), unless HEADTUNE_KERNEL (Node) or useKernel names one.
 */
import { ArgumentError } from "../errors.js";
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
  /** "planned": the fastest in the planner's timing; "forced": named by HEADTUNE_KERNEL or useKernel. */
  how: "planned" | "forced";
  /** The planner's rate of each candidate (flop/s, best of its timed runs); empty when forced. */
  rates: Partial<Record<KernelName, number>>;
}

/**
 * The planner's product: C = A B, m = n = PLAN_MN, k = PLAN_K (one whole KC slice; two MC row blocks):
 * 2 x 192^2 x 256 = 19 MFLOP, about 0.75 ms at 25 GFLOP/s, 15 ms for all the runs of all candidates.
 */
const PLAN_MN = 192;
const PLAN_K = 256;
/** Timed runs per candidate after one untimed run (which also lets the engine's optimizing tier take over). */
const PLAN_ROUNDS = 3;
/**
 * Another candidate replaces the first (2x8, tuned on Zen 5) only when it is this much faster: on a busy
 * machine a few ms of timing are noisy, and a switch on noise alone could cost more than it gains.
 */
const PLAN_MARGIN = 1.05;

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
  return { name, how: "forced", rates: {} };
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
 * Times every candidate on C = A B (PLAN_MN x PLAN_K times PLAN_K x PLAN_MN, inputs in the arena, released
 * after), rounds interleaved so
 * that a burst of other work on the core hits all of them alike; selects the fastest (best of PLAN_ROUNDS),
 * or the first candidate when the fastest beats it by less than PLAN_MARGIN.
 */
function plan(exports: KernelExports, arena: Arena): KernelChoice {
  const [n, k] = [PLAN_MN, PLAN_K];
  const best = KERNEL_NAMES.map(() => Infinity);
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
    for (let round = 0; round <= PLAN_ROUNDS; round++) {
      KERNEL_NAMES.forEach((name, id) => {
        select(exports, name);
        const start = performance.now();
        exports.dgemm(0, 0, n, n, k, 1, a, k, b, n, 0, c, n);
        const seconds = (performance.now() - start) / 1e3;
        if (round > 0) best[id] = Math.min(best[id]!, seconds);
      });
    }
  });
  const flops = 2 * n * n * k;
  let fastest = 0;
  best.forEach((t, id) => {
    if (t < best[fastest]!) fastest = id;
  });
  const name = KERNEL_NAMES[best[0]! > PLAN_MARGIN * best[fastest]! ? fastest : 0]!;
  select(exports, name);
  const rates = Object.fromEntries(KERNEL_NAMES.map((k, id) => [k, flops / Math.max(best[id]!, 1e-9)])) as Record<KernelName, number>;
  return { name, how: "planned", rates };
}
