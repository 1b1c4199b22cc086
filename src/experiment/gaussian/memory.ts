/**
 * The memory of one task of the Gaussian world (prepareSize and one runReplicate of size p): its WebAssembly
 * memory step by step, composed from the formulas beside the code that allocates (hmm/population.ts, hmm/haar.ts,
 * hmm/sample.ts, risk/minnorm-risks.ts, risk/diagonal-risks.ts, linalg/eigen.ts); limits.ts turns it into bytes.
 *
 * Memory model. Every friendly-tier call (matmul, gram, cholesky, ...) and every sampler copies its operands
 * into the arena inside arena.scope() and releases them on return, so the WebAssembly memory a task needs is
 * the largest single call, not the sum of the matrices alive in JavaScript. Counting the f64 each call of
 * prepareSize and runReplicate holds at once (gaussian/size.ts, gaussian/replicate.ts and what they call), with d the hidden
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
import { hiddenDim } from "../../hmm/config.js";
import { populationMemorySteps } from "../../hmm/population.js";
import { marginalSamplerMemory, sequentialSamplerMemory } from "../../hmm/sample.js";
import { symmetricEigenMemory } from "../../linalg/eigen.js";
import { diagonalRisksMemorySteps } from "../../risk/diagonal-risks.js";
import { explicitHeadsMemorySteps } from "../../risk/minnorm-risks.js";
import type { MemoryStep } from "../../wasm/memory.js";
import type { ExperimentSettings } from "../settings.js";

/**
 * The f64 each step of one task (prepareSize and one runReplicate of size p) holds in WebAssembly memory at
 * once (see the file header), k = d = hidden dimension: the formulas of the modules that allocate, composed.
 * @param settings n, nTest, scaling, d, sampler, aKind, heads
 * @param p model size
 * @example gaussianMemorySteps({ ...presetConfig("paper"), sampler: "sequential" }, 100)
 */
export function gaussianMemorySteps(settings: ExperimentSettings, p: number): MemoryStep[] {
  const d = hiddenDim(settings, p);
  const k = d;
  const { n, nTest } = settings;
  const N = Math.max(n, nTest);
  if (settings.sampler === "spectral") {
    const explicit = settings.aKind === "gaussian";
    const model = explicit
      ? [
          ...populationMemorySteps(d, p, k),
          { step: "symmetric eigensolver", f64: Math.max(symmetricEigenMemory(p), symmetricEigenMemory(k), symmetricEigenMemory(d)) },
          { step: "B~* = U_x^T B* U_e", f64: p * p + 2 * p * k },
        ]
      : [];
    return [...model, ...diagonalRisksMemorySteps(n, nTest, p, k, settings.heads.length, explicit)];
  }
  const sampler =
    settings.sampler === "sequential"
      ? { step: "sequential sampler", f64: sequentialSamplerMemory(d, p, k, N) }
      : { step: "marginal sampler", f64: marginalSamplerMemory(p, k, N) };
  return [
    ...populationMemorySteps(d, p, k),
    {
      step: "symmetric eigensolver",
      f64: Math.max(symmetricEigenMemory(p), symmetricEigenMemory(k), symmetricEigenMemory(d), symmetricEigenMemory(Math.min(n, p))),
    },
    sampler,
    ...explicitHeadsMemorySteps(n, nTest, p, k),
  ];
}

/**
 * JavaScript memory per x^2 (x = max(p, d)) of a worker running tasks of size p with an explicit model (the
 * sequential and marginal samplers, or a gaussian A), besides its WebAssembly memory: the model and population
 * of the size kept in Float64Arrays (about 10 x^2 f64 under width scaling), the copies that cross into and out
 * of WebAssembly, and garbage not yet collected. Measured peak RSS of one thread running the paper settings with
 * the sequential sampler: 185 MB at p = 800, 434 MB at p = 1600, 58 MB at p = 4.
 */
const JS_BYTES_PER_SIZE_SQUARED = 128;

/**
 * The JavaScript memory of a Gaussian-world worker besides its WebAssembly memory: 128 x^2 bytes (x = max(p, d))
 * with an explicit model; with the spectral sampler's O(p) model, the WebAssembly memory again (the arrays
 * copied out of it).
 * @param settings scaling, d, sampler, aKind
 * @param p model size
 * @param wasmBytes the task's WebAssembly memory (limits.ts taskMemoryBytes)
 * @example gaussianHeapBytes({ ...presetConfig("paper"), sampler: "sequential" }, 1000, 0) // 1.28e8
 */
export function gaussianHeapBytes(settings: ExperimentSettings, p: number, wasmBytes: number): number {
  const x = Math.max(p, settings.scaling === "width" ? p : settings.d);
  const explicit = settings.sampler !== "spectral" || settings.aKind === "gaussian";
  return explicit ? JS_BYTES_PER_SIZE_SQUARED * x * x : wasmBytes;
}
