/**
 * The WebAssembly memory of one task of the Gaussian world (prepareSize and one runReplicate of size p), step by
 * step, for limits.ts to compose.
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
import { gramSide } from "../../head/minnorm.js";
import { hiddenDim } from "../../hmm/config.js";
import { symmetricEigenMemory } from "../../linalg/eigen.js";
import type { MemoryStep } from "../../wasm/memory.js";
import type { ExperimentSettings } from "../settings.js";

/**
 * The f64 each step of one task (prepareSize and one runReplicate of size p) holds in WebAssembly memory at
 * once (see the file header), k = d = hidden dimension.
 * @param settings n, nTest, scaling, d, sampler
 * @param p model size
 * @example gaussianMemorySteps({ ...presetConfig("paper"), sampler: "sequential" }, 100)
 */
export function gaussianMemorySteps(settings: ExperimentSettings, p: number): MemoryStep[] {
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
function spectralPrimalSteps(settings: ExperimentSettings, p: number, k: number, explicit: boolean): MemoryStep[] {
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
function spectralDualSteps(settings: ExperimentSettings, p: number, k: number, explicit: boolean): MemoryStep[] {
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

