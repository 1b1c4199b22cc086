/**
 * Head fit benchmark: the min-norm head B = X^+ Y for X n x p, Y n x k with k = p as under the paper's
 * width scaling (n = 200 as in its preset, and n = 1000), p = 100 and then p = 256 .. 4096 by doubling at each
 * n, a series the report turns into growth exponents of time in p. A composite of gram, cholesky and matmul with no
 * pointer tier: ours is fitMinNorm. Peers: numpy on the same normal equations of the smaller Gram
 * (np.linalg.solve, LU); ml-matrix solve (QR least squares) when n >= p, pseudoInverse (SVD) times Y when
 * n < p. No plain-TS twin of the fit exists, so that peer is not applicable.
 * Work (to predict slow peers) = the flops of the Cholesky path.
 */
import { pseudoInverse, solve } from "ml-matrix";
import { fitMinNorm } from "../src/head/minnorm.js";
import { gaussian, once, toMl } from "./inputs.js";
import type { BenchCase, Suite } from "./suite.js";

/** Flops of B = X^+ Y by the normal equations of the smaller Gram (m = min(n, p), M = max(n, p)). */
function fitFlops(n: number, p: number, k: number): number {
  const [m, M] = [Math.min(n, p), Math.max(n, p)];
  return M * m * m + (m * m * m) / 3 + 2 * m * m * k + 2 * n * p * k;
}

function headfitCase(n: number, p: number, k: number, scaling = false): BenchCase {
  const X = once(() => gaussian(n, p, 6));
  const Y = once(() => gaussian(n, k, 7));
  return {
    size: `n=${n} p=${p} k=${k} (${n >= p ? "primal" : "dual"})`,
    work: fitFlops(n, p, k),
    family: n >= p ? "primal" : "dual",
    friendly: () => {
      const [x, y] = [X(), Y()];
      return { run: () => void fitMinNorm(x, y) };
    },
    js: {
      "ml-matrix": () => {
        const [x, y] = [toMl(X()), toMl(Y())];
        return { run: () => void (n >= p ? solve(x, y) : pseudoInverse(x).mmul(y)) };
      },
    },
    numpy: { op: "minnorm", dims: [n, p, k] },
    ...(scaling ? { scaling: { series: `n=${n}, k=p`, x: p } } : {}),
  };
}

/** The growth in p at fixed n: p = 256 .. 4096 by doubling, for n = 200 and n = 1000. */
const SCALING_P = [256, 512, 1024, 2048, 4096];

export const headfitSuite: Suite = {
  name: "headfit",
  rate: "time",
  workNote:
    "headfit (B = X⁺Y, X n×p, Y n×k): time only; ours = fitMinNorm (Cholesky of the smaller Gram), numpy = np.linalg.solve on the same Gram, ml-matrix = solve by QR (n ≥ p) or pseudoInverse by SVD (n < p)",
  cases: (quick) =>
    quick
      ? [headfitCase(50, 25, 25, true), headfitCase(50, 100, 100, true)]
      : [headfitCase(200, 100, 100), ...[200, 1000].flatMap((n) => SCALING_P.map((p) => headfitCase(n, p, p, true)))],
};
