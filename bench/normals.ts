/**
 * Standard normal generation benchmark: n draws. Ours: rngNormal (pointer tier, into WebAssembly memory)
 * and RandomStream.normal (friendly tier, a fresh Float64Array), Philox4x32-10 and the ziggurat; peers:
 * RefRandomStream (the same in plain TS), numpy default_rng().standard_normal (PCG64 and its own ziggurat:
 * another generator, the same job). Work = n normals.
 */
import { RefRandomStream } from "../src/ref/rng.js";
import { RandomStream } from "../src/rng/stream.js";
import { getCore } from "../src/wasm/core.js";
import { RNG_STATE_BYTES } from "../src/wasm/exports.js";
import type { BenchCase, Suite } from "./suite.js";

const SEED = 1;

function normalsCase(n: number): BenchCase {
  return {
    size: `n=${n.toExponential(0).replace("+", "")}`,
    work: n,
    pointer: () => {
      const { exports, arena } = getCore();
      const state = arena.alloc(RNG_STATE_BYTES / 8, "state");
      const out = arena.alloc(n, "out");
      exports.rngInit(state, SEED, 0, 0, 0);
      return { run: () => exports.rngNormal(state, out, n) };
    },
    friendly: () => {
      const stream = new RandomStream(SEED);
      return { run: () => void stream.normal(n) };
    },
    js: {
      ref: () => {
        const stream = new RefRandomStream(SEED);
        return { run: () => void stream.normal(n) };
      },
    },
    numpy: { op: "normal", dims: [n] },
  };
}

export const normalsSuite: Suite = {
  name: "normals",
  rate: "normals",
  workNote: "normals: draws per second",
  cases: (quick) => (quick ? [1e4, 1e5] : [1e6, 1e7]).map(normalsCase),
};
