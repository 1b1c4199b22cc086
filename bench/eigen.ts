/**
 * Symmetric eigendecomposition benchmark: S = V diag(w) V^T, values and vectors, for an SPD S (n x n).
 * Ours: dsyev (pointer tier: S restored from a copy in WebAssembly memory before each call, untimed) and
 * symmetricEigen() (friendly tier); peers: refSymmetricEigen, ml-matrix EigenvalueDecomposition,
 * numpy.linalg.eigh. Algorithms differ (numpy calls LAPACK's divide and conquer), so only time is
 * reported; work = n^3 serves to predict slow peers.
 */
import { EigenvalueDecomposition } from "ml-matrix";
import { symmetricEigen } from "../src/linalg/eigen.js";
import { refSymmetricEigen } from "../src/ref/eigen.js";
import { getCore } from "../src/wasm/core.js";
import { once, spd, toMl } from "./inputs.js";
import type { BenchCase, Suite } from "./suite.js";

function eigenCase(n: number): BenchCase {
  const S = once(() => spd(n, 5));
  return {
    size: `n=${n}`,
    work: n * n * n,
    pointer: () => {
      const { exports, arena } = getCore();
      const pristine = arena.allocFrom(S().data, "S");
      const a = arena.alloc(n * n, "V");
      const w = arena.alloc(n, "w");
      const work = arena.alloc(exports.dsyevWorkSize(n), "work");
      return {
        reset: () => arena.f64.copyWithin(a / 8, pristine / 8, pristine / 8 + n * n),
        run: () => {
          const status = exports.dsyev(n, a, n, w, work);
          if (status !== 0) throw new Error(`dsyev returned ${status} (n = ${n})`);
        },
      };
    },
    friendly: () => {
      const s = S();
      return { run: () => void symmetricEigen(s) };
    },
    js: {
      ref: () => {
        const s = S();
        return { run: () => void refSymmetricEigen(s) };
      },
      "ml-matrix": () => {
        const s = toMl(S());
        return { run: () => void new EigenvalueDecomposition(s, { assumeSymmetric: true }) };
      },
    },
    numpy: { op: "syev", dims: [n] },
  };
}

export const eigenSuite: Suite = {
  name: "eigen",
  rate: "time",
  workNote: "eigen (n×n, values and vectors): time only",
  cases: (quick) => (quick ? [32, 64] : [256, 1024]).map(eigenCase),
};
