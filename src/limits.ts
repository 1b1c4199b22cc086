/**
 * What fits in memory: the WebAssembly memory one sweep task needs, checked before anything is allocated
 * (the f64 range of the numbers it computes is range.ts's concern), and the whole memory of a worker running
 * tasks of a size (workerMemoryBytes, at the end).
 *
 * Memory model. Every friendly-tier call (matmul, gram, cholesky, ...) and every sampler copies its operands
 * into the arena inside arena.scope() and releases them on return, so the WebAssembly memory a task needs is
 * the largest single call, not the sum of the matrices alive in JavaScript. Counting the f64 each call of
 * prepareSize and runReplicate holds at once (experiment/size.ts and what it calls), with d the hidden
 * dimension, k = d outputs (V = I), N = max(n, nTest), m = min(n, p):
 *   Lyapunov step S A, A^T (S A)           3 d^2
 *   W^T S_T W                              d^2 + 2 d p,  2 d p + p^2
 *   Haar QR block update (panels of 32)    d^2 + 64 d + 1024
 *   Sx solves, V^T B*, excess              p^2 + 2 p k,  k^2 + 2 k
 *   symmetric eigensolver                  E(p) for Sx, E(k) for Se, E(d) for a Gaussian A (its norm),
 *                                          E(m) for the min-norm head's eigen fallback
 *   whitening Lx by the Gram factor        3 p^2 when n >= p (eigen path: H^T Lx with H p x r, r <= p)
 *   sequential sampler                     d^2 + d p + N (2 d + p + k)
 *   marginal sampler                       p^2 + p k + k^2 + 2 N (p + k)
 *   Gram of X and its factor               n p + m^2
 *   dual-side solves (n < p)               n^2 + 2 n p,  2 n p + p^2
 *   X^T Y, test predictions                n p + n k + p k,  nTest (p + k) + p k
 *   dual-side risks (n < p)                M^T Z: n p + n k + p k,  Xt X^T: nTest p + n p + nTest n,
 *     (risk/minnorm-risks.ts)              (Xt X^T) Z: nTest n + n k + nTest k
 * where E(x) = symmetricEigenMemory(x): the copy of the x x x matrix, its eigenvalues and the kernel's
 * workspace, x^2 + 2 x up to x = 64 (QL) and 4 x^2 + 13 x above (divide and conquer). The eigen fallback of
 * the min-norm head depends on the data and the Gaussian A on the settings, so both are always counted: the
 * result is an upper bound, exact up to the 16-byte alignment of each allocation and a fixed allowance for
 * small scratch.
 */
import { TooLargeError } from "./errors.js";
import { hiddenDim, type Scaling } from "./hmm/config.js";
import { gramSide } from "./head/minnorm.js";
import { symmetricEigenMemory } from "./linalg/eigen.js";
import { assertInteger, assertNonNegativeNumber } from "./validate.js";
import { getCore } from "./wasm/core.js";

/** The settings that set a task's sizes (ExperimentSettings has them all). */
export interface TaskSizeSettings {
  scaling: Scaling;
  /** Hidden dimension under features scaling, d0 under linear (width: d = p). */
  d: number;
  alpha?: number;
  n: number;
  nTest: number;
  sampler: "spectral" | "sequential" | "marginal";
  /** The spectral sampler's model is O(p) for the paper's family (orthogonal, diagonal A), explicit otherwise. */
  aKind: "orthogonal" | "diagonal" | "gaussian";
  /** Each head keeps an n x k solve through the spectral sampler's test set. */
  heads: readonly unknown[];
}

/** Small scratch besides the matrices: the random draws' buffer (256 KiB), stream state slots, alignment. */
const SCRATCH_BYTES = 512 * 1024;

/** One step of a task and the f64 it holds in WebAssembly memory at once. */
export interface MemoryStep {
  step: string;
  f64: number;
}

/**
 * The f64 each step of one task (prepareSize and one runReplicate of size p) holds in WebAssembly memory at
 * once (see the file header), k = d = hidden dimension.
 * @param settings n, nTest, scaling, d, sampler
 * @param p model size
 * @example taskMemorySteps({ scaling: "width", d: 20, n: 200, nTest: 500, sampler: "sequential" }, 100)
 */
export function taskMemorySteps(settings: TaskSizeSettings, p: number): MemoryStep[] {
  const d = hiddenDim(settings, p);
  const k = d;
  const { n, nTest } = settings;
  const N = Math.max(n, nTest);
  const m = Math.min(n, p);
  const dual = gramSide(n, p) === "dual";
  if (settings.sampler === "spectral") {
    const explicit = settings.aKind === "gaussian";
    const model = explicit
      ? [
          ...explicitModelSteps(d, p, k),
          { step: "symmetric eigensolver", f64: Math.max(symmetricEigenMemory(p), symmetricEigenMemory(k), symmetricEigenMemory(d)) },
          { step: "B~* = U_x^T B* U_e", f64: p * p + 2 * p * k },
        ]
      : [];
    return [...model, ...(dual ? spectralDualSteps(settings, p, k, explicit) : spectralPrimalSteps(settings, p, k, explicit))];
  }
  const sampler =
    settings.sampler === "sequential"
      ? { step: "sequential sampler", f64: d * d + d * p + N * (2 * d + p + k) }
      : { step: "marginal sampler", f64: p * p + p * k + k * k + 2 * N * (p + k) };
  return [
    ...explicitModelSteps(d, p, k),
    {
      step: "symmetric eigensolver",
      f64: Math.max(symmetricEigenMemory(p), symmetricEigenMemory(k), symmetricEigenMemory(d), symmetricEigenMemory(m)),
    },
    sampler,
    ...primalHeadSteps(n, nTest, p, k),
    { step: "dual-side solves", f64: dual ? Math.max(n * n + 2 * n * p, 2 * n * p + p * p) : 0 },
    {
      step: "dual-side risks",
      f64: dual ? Math.max(n * p + n * k + p * k, nTest * p + n * p + nTest * n, nTest * n + n * k + nTest * k) : 0,
    },
  ];
}

/** Drawing an explicit model and its population: the Lyapunov recursion, W^T S_T W, the Haar QR, solves with Sx. */
function explicitModelSteps(d: number, p: number, k: number): MemoryStep[] {
  return [
    { step: "Lyapunov step", f64: 3 * d * d },
    { step: "W^T S_T W", f64: Math.max(d * d + 2 * d * p, 2 * d * p + p * p) },
    { step: "Haar QR block update", f64: d * d + 64 * d + 1024 },
    { step: "solves with Sx", f64: Math.max(p * p + 2 * p * k, k * k + 2 * k) },
  ];
}

/** The heads' fits and risks through the p x p Gram and formed B (every sampler's primal side; the explicit dual side's Gram). */
function primalHeadSteps(n: number, nTest: number, p: number, k: number): MemoryStep[] {
  const m = Math.min(n, p);
  return [
    { step: "whitening Lx", f64: gramSide(n, p) === "dual" ? 0 : 3 * p * p },
    { step: "Gram of X", f64: n * p + m * m },
    { step: "X^T Y and test predictions", f64: Math.max(n * p + n * k + p * k, nTest * (p + k) + p * k) },
  ];
}

/**
 * The spectral sampler on the primal side (p <= n): the model's scale vectors and one sample of n or nTest
 * rows of p + k, then the heads as for the other samplers, with their eigen fallback.
 */
function spectralPrimalSteps(settings: TaskSizeSettings, p: number, k: number, explicit: boolean): MemoryStep[] {
  const { n, nTest } = settings;
  const factors = p + k + (explicit ? p * k : Math.min(p, k));
  return [
    { step: "spectral sampler", f64: factors + Math.max(n, nTest) * (p + k) },
    { step: "symmetric eigensolver", f64: symmetricEigenMemory(Math.min(n, p)) },
    ...primalHeadSteps(n, nTest, p, k),
  ];
}

/**
 * The spectral sampler on the dual side (risk/diagonal-risks.ts), as it allocates: held throughout, the scale
 * vectors and B~* (diagonal: 4 min(p, k) with the cross-term weights; dense: 2 p k), the training rows
 * n (p + k), the Grams K, K_L, Y~ Y~^T, A1 A1^T, A2 A1^T, K_s^{-1}, its product and P (8 n^2), A2 (n k; dense
 * adds A1) and one n x k solve per head; on top, the largest of a weighted Gram's column block n min(256, p),
 * a factorization (its n^2 copy, and in the eigen fallback E(n) or a product with the pseudo-inverse,
 * n^2 + 2 n max(n, k)) and the test blocks (128 rows of p + k, of k and of n).
 */
function spectralDualSteps(settings: TaskSizeSettings, p: number, k: number, explicit: boolean): MemoryStep[] {
  const { n, nTest } = settings;
  const mk = Math.min(p, k);
  const model = p + k + (explicit ? 2 * p * k : 4 * mk);
  const held = model + n * (p + k) + 8 * n * n + (explicit ? 2 : 1) * n * k + settings.heads.length * n * k;
  const rows = Math.min(128, nTest);
  const top = Math.max(
    n * Math.min(256, p),
    n * n + Math.max(symmetricEigenMemory(n), n * n + 2 * n * Math.max(n, k)),
    rows * (p + 2 * k + n),
  );
  return [{ step: "spectral replicate (dual side)", f64: held + top }];
}

/**
 * Bytes of WebAssembly memory one sweep task of size p needs: 8 max_step f64 + alignment + scratch (an upper
 * bound; see the file header).
 * @param settings n, nTest, scaling, d, sampler
 * @param p model size, positive integer
 * @throws {ArgumentError} p, n, nTest or d is not an integer in range.
 * @example taskMemoryBytes(presetConfig("paper"), 200) // 4.4e6 (4.2 MiB)
 */
export function taskMemoryBytes(settings: TaskSizeSettings, p: number): number {
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
export function maxModelSize(settings: TaskSizeSettings, availableBytes = availableTaskBytes()): number {
  assertSizes(settings, 1);
  return largestFitting((p) => stepBytes(largestStep(settings, p)) <= availableBytes);
}

/**
 * The largest n (training samples) with taskMemoryBytes({ ...settings, n }, p) <= availableBytes (0 when none).
 * @param settings nTest, scaling, d, sampler (n is what varies)
 * @param p model size
 * @param availableBytes memory budget (default: availableTaskBytes())
 * @throws {ArgumentError} p, nTest or d is not an integer in range.
 * @example maxTrainingSize(presetConfig("paper"), 100) // 1341382
 */
export function maxTrainingSize(settings: TaskSizeSettings, p: number, availableBytes = availableTaskBytes()): number {
  assertSizes({ ...settings, n: 1 }, p);
  return largestFitting((n) => stepBytes(largestStep({ ...settings, n }, p)) <= availableBytes);
}

/**
 * Checks, before anything is allocated, that a task of size p fits in WebAssembly memory.
 * @param settings n, nTest, scaling, d, sampler
 * @param p model size
 * @throws {ArgumentError} p, n, nTest or d is not an integer in range.
 * @throws {TooLargeError} the task needs more than availableTaskBytes(); the message names the size, the
 *   largest step, the limit and the largest p that fits.
 */
export function assertTaskFits(settings: TaskSizeSettings, p: number): void {
  assertSizes(settings, p);
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

function assertSizes(settings: TaskSizeSettings, p: number): void {
  assertInteger("p", p, 1);
  assertInteger("n", settings.n, 1);
  assertInteger("nTest", settings.nTest, 0);
  if (settings.scaling === "features") assertInteger("d", settings.d, 1);
  if (settings.scaling === "linear") {
    assertInteger("d", settings.d, 0);
    assertNonNegativeNumber("alpha", settings.alpha ?? 1);
  }
}

function largestStep(settings: TaskSizeSettings, p: number): MemoryStep {
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

/** "1.5 GiB", "230.0 MiB": a byte count for a message. */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
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
export function workerMemoryBytes(settings: TaskSizeSettings, p: number): number {
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
export function maxWorkerModelSize(settings: TaskSizeSettings, availableBytes: number): number {
  assertSizes(settings, 1);
  return largestFitting((p) => workerMemoryBytes(settings, p) <= availableBytes);
}
