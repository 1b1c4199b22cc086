/**
 * Gram benchmark: G = X^T X (p x p) and G = X X^T (n x n) for X n x p. Ours: dsyrk (pointer tier) and
 * gram() (friendly tier); peers: refGram, ml-matrix transpose + mmul, numpy X.T @ X / X @ X.T.
 * Work = inner * out^2 flops (one triangle, as syrk computes it; numpy's X.T @ X calls syrk too).
 */
import { gram } from "../src/linalg/gram.js";
import { refGram } from "../src/ref/gram.js";
import { getCore } from "../src/wasm/core.js";
import { gaussian, once, toMl } from "./inputs.js";
import type { BenchCase, Suite } from "./suite.js";

type Form = "XtX" | "XXt";

function gramCase(n: number, p: number, form: Form): BenchCase {
  const X = once(() => gaussian(n, p, 1));
  const out = form === "XtX" ? p : n;
  const inner = form === "XtX" ? n : p;
  return {
    size: `${n}×${p} ${form === "XtX" ? "XᵀX" : "XXᵀ"}`,
    work: inner * out * out,
    pointer: () => {
      const { exports, arena } = getCore();
      const x = arena.allocFrom(X().data, "X");
      const c = arena.alloc(out * out, "G");
      const trans = form === "XtX" ? 1 : 0;
      return { run: () => exports.dsyrk(trans, out, inner, 1, x, p, 0, c, out) };
    },
    friendly: () => {
      const x = X();
      return { run: () => void gram(x, form) };
    },
    js: {
      ref: () => {
        const x = X();
        return { run: () => void refGram(x, form) };
      },
      "ml-matrix": () => {
        const x = toMl(X());
        return { run: () => void (form === "XtX" ? x.transpose().mmul(x) : x.mmul(x.transpose())) };
      },
    },
    numpy: { op: form === "XtX" ? "syrk_t" : "syrk_n", dims: [n, p] },
  };
}

export const gramSuite: Suite = {
  name: "gram",
  rate: "flops",
  workNote: "Gram of X (n×p): n·p² flops for XᵀX, p·n² for XXᵀ (one triangle, as syrk computes it; numpy's X.T @ X is a syrk call too)",
  cases: (quick) => {
    const square = quick ? [64, 128] : [256, 512, 1024, 2048];
    const [n, p] = quick ? [256, 64] : [4096, 1024];
    return [...square.map((s) => gramCase(s, s, "XtX")), gramCase(n, p, "XtX"), gramCase(n, p, "XXt")];
  },
};
