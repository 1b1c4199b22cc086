/**
 * Matrix product benchmark: C = A B, all n x n. Ours: dgemm (pointer tier) and matmul() (friendly tier);
 * peers: refMatmul, ml-matrix mmul, numpy A @ B. Work = 2 m n k flops.
 */
import { matmul } from "../src/linalg/matmul.js";
import { refMatmul } from "../src/ref/matmul.js";
import { getCore } from "../src/wasm/core.js";
import { gaussian, once, toMl } from "./inputs.js";
import type { BenchCase, Suite } from "./suite.js";

function dgemmCase(n: number): BenchCase {
  const A = once(() => gaussian(n, n, 2));
  const B = once(() => gaussian(n, n, 3));
  return {
    size: `${n}×${n}×${n}`,
    work: 2 * n * n * n,
    pointer: () => {
      const { exports, arena } = getCore();
      const a = arena.allocFrom(A().data, "A");
      const b = arena.allocFrom(B().data, "B");
      const c = arena.alloc(n * n, "C");
      return { run: () => exports.dgemm(0, 0, n, n, n, 1, a, n, b, n, 0, c, n) };
    },
    friendly: () => {
      const [a, b] = [A(), B()];
      return { run: () => void matmul(a, b) };
    },
    js: {
      ref: () => {
        const [a, b] = [A(), B()];
        return { run: () => void refMatmul(a, b) };
      },
      "ml-matrix": () => {
        const [a, b] = [toMl(A()), toMl(B())];
        return { run: () => void a.mmul(b) };
      },
    },
    numpy: { op: "gemm", dims: [n, n, n] },
  };
}

export const dgemmSuite: Suite = {
  name: "dgemm",
  rate: "flops",
  workNote: "dgemm (m×k times k×n): 2·m·n·k flops",
  cases: (quick) => (quick ? [64, 128] : [256, 512, 1024, 2048]).map(dgemmCase),
};
