/**
 * Cholesky benchmark: S = L L^T for an SPD S (n x n). Ours: dpotrf (pointer tier: S restored from a copy in
 * WebAssembly memory before each call, untimed) and cholesky() (friendly tier); peers: refCholesky,
 * ml-matrix CholeskyDecomposition, numpy.linalg.cholesky. Work = n^3 / 3 flops.
 */
import { CholeskyDecomposition } from "ml-matrix";
import { cholesky } from "../src/linalg/cholesky.js";
import { refCholesky } from "../src/ref/cholesky.js";
import { getCore } from "../src/wasm/core.js";
import { once, spd, toMl } from "./inputs.js";
import type { BenchCase, Suite } from "./suite.js";

function choleskyCase(n: number): BenchCase {
  const S = once(() => spd(n, 4));
  return {
    size: `n=${n}`,
    work: (n * n * n) / 3,
    pointer: () => {
      const { exports, arena } = getCore();
      const pristine = arena.allocFrom(S().data, "S");
      const a = arena.alloc(n * n, "L");
      return {
        reset: () => arena.f64.copyWithin(a / 8, pristine / 8, pristine / 8 + n * n),
        run: () => {
          const status = exports.dpotrf(n, a, n);
          if (status !== 0) throw new Error(`dpotrf returned ${status} on an SPD matrix (n = ${n})`);
        },
      };
    },
    friendly: () => {
      const s = S();
      return { run: () => void cholesky(s) };
    },
    js: {
      ref: () => {
        const s = S();
        return { run: () => void refCholesky(s) };
      },
      "ml-matrix": () => {
        const s = toMl(S());
        return { run: () => void new CholeskyDecomposition(s) };
      },
    },
    numpy: { op: "potrf", dims: [n] },
  };
}

export const choleskySuite: Suite = {
  name: "cholesky",
  rate: "flops",
  workNote: "Cholesky (n×n): n³/3 flops",
  cases: (quick) => (quick ? [64, 128] : [256, 512, 1024, 2048]).map(choleskyCase),
};
