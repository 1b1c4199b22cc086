/**
 * What fits in memory: the WebAssembly memory one sweep task needs, checked before anything is allocated
 * (the f64 range of the numbers it computes is range.ts's concern), and the whole memory of a worker running
 * tasks of a size (workerMemoryBytes, at the end).
 *
 * The memory of a task is its world's (World.taskMemorySteps; the Gaussian world's formulas are in
 * experiment/gaussian/memory.ts): the largest step, exact up to the 16-byte alignment of each allocation and a
 * fixed allowance for small scratch.
 */
import { assertTaskContext } from "./task-context.js";
import { TooLargeError } from "./errors.js";
import type { ExperimentSettings } from "./experiment/settings.js";
import { worldOf } from "./experiment/worlds.js";
import { assertInteger, assertNonNegativeNumber } from "./validate.js";
import { getCore } from "./wasm/core.js";
import { formatBytes, type MemoryStep } from "./wasm/memory.js";

/** Small scratch besides the matrices: the random draws' buffer (256 KiB), stream state slots, alignment. */
const SCRATCH_BYTES = 512 * 1024;

/**
 * The f64 each step of one task (prepareSize and one runReplicate of size p) holds in WebAssembly memory at
 * once: its world's formulas (World.taskMemorySteps).
 * @param settings checked settings
 * @param p model size
 * @example taskMemorySteps(presetConfig("paper"), 100)
 */
export function taskMemorySteps(settings: ExperimentSettings, p: number): MemoryStep[] {
  return worldOf(settings).taskMemorySteps(settings, p);
}

/**
 * Bytes of WebAssembly memory one sweep task of size p needs: 8 max_step f64 + alignment + scratch (an upper
 * bound; see the file header).
 * @param settings n, nTest, scaling, d, sampler
 * @param p model size, positive integer
 * @throws {ArgumentError} p, n, nTest or d is not an integer in range.
 * @example taskMemoryBytes(presetConfig("paper"), 200) // 4.4e6 (4.2 MiB)
 */
export function taskMemoryBytes(settings: ExperimentSettings, p: number): number {
  assertSizes(settings, p);
  return stepBytes(largestStep(settings, p));
}

/**
 * WebAssembly memory a task may use: the arena's limit (4 GiB, the most a wasm32 memory can address) minus
 * the module's static data below the arena.
 */
export function availableTaskBytes(): number {
  const { arena } = getCore();
  return arena.limitBytes - arena.base;
}

/**
 * The largest p with taskMemoryBytes(settings, p) <= availableBytes (0 when not even p = 1 fits).
 * @param settings n, nTest, scaling, d, sampler
 * @param availableBytes memory budget (default: availableTaskBytes())
 * @throws {ArgumentError} n, nTest or d is not an integer in range.
 * @example maxModelSize(presetConfig("paper")) // 11580 (the arena's 4 GiB, less the static data)
 */
export function maxModelSize(settings: ExperimentSettings, availableBytes = availableTaskBytes()): number {
  assertSizes(settings, 1);
  return largestFitting((p) => stepBytes(largestStep(settings, p)) <= availableBytes);
}

/**
 * The largest n (training samples) with taskMemoryBytes({ ...settings, n }, p) <= availableBytes (0 when none).
 * @param settings nTest, scaling, d, sampler (n is what varies)
 * @param p model size
 * @param availableBytes memory budget (default: availableTaskBytes())
 * @throws {ArgumentError} p, nTest or d is not an integer in range.
 * @example maxTrainingSize(presetConfig("paper"), 100) // 1341381
 */
export function maxTrainingSize(settings: ExperimentSettings, p: number, availableBytes = availableTaskBytes()): number {
  assertSizes({ ...settings, n: 1 }, p);
  return largestFitting((n) => stepBytes(largestStep({ ...settings, n }, p)) <= availableBytes);
}

/**
 * Checks, before anything is allocated, that a task of size p fits in WebAssembly memory, and that its T steps
 * fit the time limit (context-length.ts).
 * @param settings n, nTest, scaling, d, sampler
 * @param p model size
 * @throws {ArgumentError} p, n, nTest or d is not an integer in range.
 * @throws {TooLargeError} T's steps cost more than CONTEXT_WORK_LIMIT flops (assertTaskContext).
 * @throws {TooLargeError} the task needs more than availableTaskBytes(); the message names the size, the
 *   largest step, the limit and the largest p that fits.
 */
export function assertTaskFits(settings: ExperimentSettings, p: number): void {
  assertSizes(settings, p);
  assertTaskContext(settings, p);
  const available = availableTaskBytes();
  const step = largestStep(settings, p);
  const bytes = stepBytes(step);
  if (bytes <= available) return;
  const maxP = maxModelSize(settings, available);
  throw new TooLargeError(
    `model size p = ${p} with n = ${settings.n}, nTest = ${settings.nTest} needs ${formatBytes(bytes)} of WebAssembly memory ` +
      `(largest step: ${step.step}), more than the ${formatBytes(available)} available. ` +
      `The largest p that fits these settings is ${maxP}.`,
    { p, n: settings.n, nTest: settings.nTest, bytes, availableBytes: available, step: step.step, maxP },
  );
}

function assertSizes(settings: ExperimentSettings, p: number): void {
  assertInteger("p", p, 1);
  assertInteger("n", settings.n, 1);
  assertInteger("nTest", settings.nTest, 0);
  if (settings.scaling === "features") assertInteger("d", settings.d, 1);
  if (settings.scaling === "linear") {
    assertInteger("d", settings.d, 0);
    assertNonNegativeNumber("alpha", settings.alpha ?? 1);
  }
}

function largestStep(settings: ExperimentSettings, p: number): MemoryStep {
  return taskMemorySteps(settings, p).reduce((a, b) => (b.f64 > a.f64 ? b : a));
}

/** 8 bytes per f64, up to 16 bytes of alignment for each of at most 8 allocations, and the scratch. */
function stepBytes(step: MemoryStep): number {
  return 8 * step.f64 + 16 * 8 + SCRATCH_BYTES;
}

/** The largest x >= 1 with fits(x) (fits decreasing in x), or 0; x < 2^53. */
function largestFitting(fits: (x: number) => boolean): number {
  if (!fits(1)) return 0;
  let lo = 1;
  let hi = 2;
  while (hi < Number.MAX_SAFE_INTEGER && fits(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}


/**
 * JavaScript memory per x^2 (x = max(p, d)) of a worker running tasks of size p with an explicit model (the
 * sequential and marginal samplers, or a gaussian A), besides its WebAssembly memory: the model and population
 * of the size kept in Float64Arrays (about 10 x^2 f64 under width scaling), the copies that cross into and out
 * of WebAssembly, and garbage not yet collected. Measured peak RSS of one thread running the paper settings with
 * the sequential sampler: 185 MB at p = 800, 434 MB at p = 1600, 58 MB at p = 4.
 */
const JS_BYTES_PER_SIZE_SQUARED = 128;
/** A worker's own memory whatever the size: its JavaScript engine instance, the compiled core, small buffers. */
const WORKER_BASE_BYTES = 48 * 2 ** 20;

/**
 * Memory one worker needs to run tasks of size p (an estimate, from the top): the task's WebAssembly memory
 * (taskMemoryBytes), plus its JavaScript memory, plus 48 MiB for the worker itself. The JavaScript memory is
 * 128 x^2 bytes (x = max(p, d)) with an explicit model; with the spectral sampler's O(p) model it is counted
 * as the WebAssembly memory again (the arrays copied out of it). A sweep refuses, before any task, a grid
 * whose largest size times the worker count exceeds the machine's memory (src/sweep/memory.ts).
 * @param settings n, nTest, scaling, d, sampler, aKind, heads
 * @param p model size, positive integer
 * @throws {ArgumentError} p, n, nTest or d is not an integer in range.
 * @example workerMemoryBytes({ ...presetConfig("paper"), sampler: "sequential" }, 1000) // 2.1e8 (201 MiB)
 */
export function workerMemoryBytes(settings: ExperimentSettings, p: number): number {
  const wasm = taskMemoryBytes(settings, p);
  const x = Math.max(p, settings.scaling === "width" ? p : settings.d);
  const explicit = settings.sampler !== "spectral" || settings.aKind === "gaussian";
  return (explicit ? JS_BYTES_PER_SIZE_SQUARED * x * x : wasm) + wasm + WORKER_BASE_BYTES;
}

/**
 * The largest p with workerMemoryBytes(settings, p) <= availableBytes (0 when not even p = 1 fits).
 * @param settings n, nTest, scaling, d, sampler
 * @param availableBytes memory for one worker
 */
export function maxWorkerModelSize(settings: ExperimentSettings, availableBytes: number): number {
  assertSizes(settings, 1);
  return largestFitting((p) => workerMemoryBytes(settings, p) <= availableBytes);
}
