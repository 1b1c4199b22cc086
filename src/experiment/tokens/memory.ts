/**
 * The WebAssembly memory of one task of the token world (tokenSize and one tokenReplicate of size p), step by
 * step, for limits.ts to compose. With H the hidden states (p under width and posterior scaling), N = max(n, nTest),
 * m = min(n, p), c = H + p the columns of Lx (H when sU = 0), counting the f64 each call holds at once:
 *   world tables (filter.ts loadWorld)      2 H^2 + 3 H V + H + 2 V
 *   S_alpha chunk (salpha.ts)               4096 (2T + 1 + 2H) + 2 H^2 (enumeration: none in WebAssembly)
 *   eigensolvers                            E(H) for S_alpha and F F^T, E(min(p, H)) for Sx, E(m) for the heads' fallback and the diagnostics
 *   F = L^T W, Lx^T B*                      H^2 + 2 H p,  p c + p k + c k
 *   strings and filter (sample.ts)          N (2T + 1 + 2H) on top of the tables
 *   X = alpha W, the Gaussian design        N H + H p + N p
 *   heads (the Gaussian world's explicit path with Lx of c columns): Gram n p + m^2, dual solves n^2 + 2 n p,
 *   X Lx n p + p c + n c, test predictions nTest (p + k) + p k
 * where E(x) = symmetricEigenMemory(x). An upper bound, up to alignment and the limits' scratch allowance.
 */
import { symmetricEigenMemory } from "../../linalg/eigen.js";
import type { MemoryStep } from "../../wasm/memory.js";
import type { ExperimentSettings } from "../settings.js";

/** Strings per filter call when estimating S_alpha (salpha.ts). */
const CHUNK = 4096;

/**
 * The f64 each step of a token-world task holds in WebAssembly memory at once (see the file header).
 * @param settings n, nTest, scaling, H, V, T, k, sU
 * @param p model size
 * @example tokenMemorySteps(presetConfig("tokens"), 1000)
 */
export function tokenMemorySteps(settings: ExperimentSettings, p: number): MemoryStep[] {
  const H = settings.scaling === "features" ? settings.H ?? 2 : p;
  const V = settings.V ?? 2;
  const k = settings.k ?? 1;
  const { n, nTest, T } = settings;
  const N = Math.max(n, nTest);
  const m = Math.min(n, p);
  const c = settings.sU > 0 && settings.scaling !== "posterior" ? H + p : H;
  const tables = 2 * H * H + 3 * H * V + H + 2 * V;
  return [
    { step: "S_alpha chunk", f64: tables + CHUNK * (2 * T + 1 + 2 * H) + 2 * H * H },
    { step: "symmetric eigensolver", f64: Math.max(symmetricEigenMemory(H), symmetricEigenMemory(Math.min(p, H)), symmetricEigenMemory(m)) },
    { step: "F = L^T W and Lx^T B*", f64: Math.max(H * H + 2 * H * p, p * c + p * k + c * k) },
    { step: "strings and forward filter", f64: tables + N * (2 * T + 1 + 2 * H) },
    { step: "X = alpha_T W, Gaussian design", f64: N * H + H * p + N * p },
    { step: "Gram of X and dual solves", f64: Math.max(n * p + m * m, n * n + 2 * n * p) },
    { step: "X Lx and test predictions", f64: Math.max(n * p + p * c + n * c, nTest * (p + k) + p * k) },
  ];
}

/**
 * The JavaScript memory of a token-world worker besides its WebAssembly memory: the WebAssembly memory again
 * (the strings, posteriors, designs and population copied out of it are matrices of the sizes the steps count).
 * Peak RSS of one Node process running three replicates, less the 6 MiB by which an idle process with the core
 * exceeds the worker's 48 MiB, against this estimate plus the WebAssembly memory and the 48 MiB (under load):
 * tokens preset (features, H = 50) 82 MiB vs 71 MiB at p = 1000, 107 vs 124 at p = 2000, 141 vs 321 at
 * p = 4000; width scaling (H = p) 61 vs 64 at p = 100, 119 vs 111 at p = 400. Within 11 MiB below at mid sizes,
 * inside the 20% of the machine a sweep leaves free (sweep/memory.ts), and above from p = 2000.
 * @param _settings the token settings (the estimate needs only the steps' bytes)
 * @param _p model size
 * @param wasmBytes the task's WebAssembly memory (limits.ts taskMemoryBytes)
 * @example tokenHeapBytes(presetConfig("tokens"), 1000, taskMemoryBytes(presetConfig("tokens"), 1000))
 */
export function tokenHeapBytes(_settings: ExperimentSettings, _p: number, wasmBytes: number): number {
  return wasmBytes;
}
