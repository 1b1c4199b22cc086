/**
 * Forward filter benchmark (SPEC 10b, 10e): alpha_T of n token strings of length T in a world of H states and V
 * tokens, one n x H by H x H product per token then the emission weights and normalization. Ours: the hmmForward
 * kernel (pointer tier) and forwardFilter (friendly tier); peers: the plain-TS twin (one string at a time) and
 * numpy doing the same batched products (alpha @ P, times E^T[o_t], row sums). Work = 2 n T H^2 flops (the products).
 * Sizes: the tokens preset's replicate (n = 700 strings: 200 training and 500 test) and its S_alpha (M = 50 H),
 * and a wide world (H = 1000, SPEC 10e's 4e9-flop example).
 */
import { refForwardFilter } from "../src/ref/tokens.js";
import { RandomStream } from "../src/rng/stream.js";
import { forwardFilter, loadWorld, sampleFiltered } from "../src/tokens/filter.js";
import { drawTokenWorld, type TokenWorld } from "../src/tokens/world.js";
import { getCore } from "../src/wasm/core.js";
import { once } from "./inputs.js";
import type { BenchCase, Suite } from "./suite.js";

function world(H: number, V: number, T: number): TokenWorld {
  return drawTokenWorld({ H, V, T, k: 4, rho: 0.8, aTr: 1, beta: 0.1, sU: 0.5, sY: 0.5 }, 1, 0);
}

function forwardCase(n: number, T: number, H: number, V: number): BenchCase {
  const input = once(() => {
    const w = world(H, V, T);
    return { w, tokens: sampleFiltered(w, n, new RandomStream(1, 0, 5)).tokens };
  });
  return {
    size: `n=${n} T=${T} H=${H} V=${V}`,
    work: 2 * n * T * H * H,
    pointer: () => {
      const core = getCore();
      const { arena, exports } = core;
      const { w, tokens } = input();
      const ptrs = loadWorld(core, w);
      const tok = arena.alloc(Math.ceil((n * T) / 2), "tokens");
      arena.u32.set(new Uint32Array(tokens.buffer), tok / 4);
      const alpha = arena.alloc(n * H, "alpha");
      const work = arena.alloc(n * H, "work");
      return { run: () => void exports.hmmForward(n, T, H, ptrs.pi, ptrs.P, ptrs.Et, tok, alpha, work) };
    },
    friendly: () => {
      const { w, tokens } = input();
      return { run: () => void forwardFilter(w, tokens) };
    },
    js: {
      ref: () => {
        const { w, tokens } = input();
        return { run: () => void refForwardFilter(w, T, tokens) };
      },
    },
    numpy: { op: "forward", dims: [n, T, H, V] },
  };
}

export const forwardSuite: Suite = {
  name: "forward",
  rate: "flops",
  workNote: "forward filter: 2·n·T·H² flops (the n×H by H×H product per token; the emission weights and normalization, O(n·T·H), are not counted)",
  cases: (quick) =>
    quick
      ? [forwardCase(100, 5, 20, 8), forwardCase(200, 10, 50, 32)]
      : [forwardCase(700, 10, 50, 32), forwardCase(2500, 10, 50, 32), forwardCase(200, 10, 1000, 32)],
};
