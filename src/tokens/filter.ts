/**
 * Token strings and their Bayes filter on the WebAssembly core (assembly/hmm/): alias tables of the world's
 * laws, n strings from n (2T + 1) uniforms of a stream, and the scaled forward filter alpha_T (SPEC 10b). The
 * plain-TS twins are in ref/tokens.ts.
 */
import { assertContextLength, filterStep } from "../context-length.js";
import { ArgumentError } from "../errors.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import { assertInteger } from "../validate.js";
import { getCore, type Core } from "../wasm/core.js";
import type { TokenWorld } from "./world.js";

/** n token strings of a world: tokens (n x T, row-major) and the state h_{T+1} after each. */
export interface TokenStrings {
  n: number;
  tokens: Int32Array;
  last: Int32Array;
}

/** Token strings with their posteriors alpha_T (n x H). */
export interface FilteredStrings extends TokenStrings {
  alpha: Matrix;
}

/** Byte pointers of a world loaded into the arena: its laws and their alias tables. */
export interface LoadedWorld {
  pi: number;
  P: number;
  Et: number;
  startProb: number;
  startAlias: number;
  transProb: number;
  transAlias: number;
  emitProb: number;
  emitAlias: number;
}

/** f64 slots for `count` i32 (the arena counts f64). */
function i32Slots(count: number): number {
  return Math.ceil(count / 2);
}

/**
 * Copies pi, P and E^T into the arena and builds the alias tables of pi, P and E (rows); call inside arena.scope.
 * @param core this thread's core
 * @param world the world (not validated: drawn by drawTokenWorld or read by the model file's reader)
 */
export function loadWorld(core: Core, world: TokenWorld): LoadedWorld {
  const { arena, exports } = core;
  const { H, V } = world.spec;
  const Et = new Float64Array(V * H);
  for (let h = 0; h < H; h++) for (let o = 0; o < V; o++) Et[o * H + h] = world.E.data[h * V + o]!;
  const table = (rows: number, K: number, w: number, what: string): [number, number] => {
    const prob = arena.alloc(rows * K, `${what} alias probabilities`);
    const alias = arena.alloc(i32Slots(rows * K), `${what} alias indices`);
    const mark = arena.mark();
    const work = arena.alloc(i32Slots(K), "alias work lists");
    exports.aliasBuild(rows, K, w, prob, alias, work);
    arena.release(mark);
    return [prob, alias];
  };
  const pi = arena.allocFrom(world.pi, "pi");
  const P = arena.allocFrom(world.P.data, "P");
  const E = arena.allocFrom(world.E.data, "E");
  const [startProb, startAlias] = table(1, H, pi, "pi");
  const [transProb, transAlias] = table(H, H, P, "P");
  const [emitProb, emitAlias] = table(H, V, E, "E");
  return { pi, P, Et: arena.allocFrom(Et, "E^T"), startProb, startAlias, transProb, transAlias, emitProb, emitAlias };
}

/**
 * Samples n strings into the arena (tokens n x T i32, last n i32) and filters them into alpha (n x H f64), all
 * arena pointers the caller allocated; work is scratch of n x H f64. Returns the filter's status (0 or row + 1).
 */
export function sampleAndFilterAt(
  core: Core, world: TokenWorld, w: LoadedWorld, n: number, stream: RandomStream,
  ptrs: { u: number; tokens: number; last: number; alpha: number; work: number },
): number {
  const { H, V, T } = world.spec;
  stream.fillUniform(ptrs.u, n * (2 * T + 1));
  core.exports.hmmSample(
    n, T, H, V, ptrs.u, w.startProb, w.startAlias, w.transProb, w.transAlias, w.emitProb, w.emitAlias, ptrs.tokens, ptrs.last,
  );
  return core.exports.hmmForward(n, T, H, w.pi, w.P, w.Et, ptrs.tokens, ptrs.alpha, ptrs.work);
}

/** Arena room for n strings: uniforms, tokens, last states, alpha and the filter's work. */
export function allocStrings(core: Core, n: number, H: number, T: number): { u: number; tokens: number; last: number; alpha: number; work: number } {
  const { arena } = core;
  return {
    u: arena.alloc(n * (2 * T + 1), "token uniforms"),
    tokens: arena.alloc(i32Slots(n * T), "tokens"),
    last: arena.alloc(i32Slots(n), "last states"),
    alpha: arena.alloc(n * H, "alpha_T"),
    work: arena.alloc(n * H, "forward filter work"),
  };
}

/** The error of a filter status: a string whose probability underflowed to zero. */
function filterError(status: number, what: string): ArgumentError {
  return new ArgumentError(
    `${what}: string ${status - 1} has probability zero under the world (the forward filter's normalizer a_t 1 is not positive). Value: row ${status - 1}.`,
    { name: what, row: status - 1 },
  );
}

/**
 * n strings of the world and their posteriors: h_1 ~ pi, o_t ~ E[h_t, :], h_{t+1} ~ P[h_t, :], every draw an
 * alias-table draw from one uniform; alpha_T by the scaled forward filter (2 n T H^2 flops on dgemm).
 * @param world the world
 * @param n strings, a non-negative integer
 * @param stream the stream to draw n (2T + 1) uniforms from (advanced)
 * @throws {ArgumentError} n is not a non-negative integer, or a sampled string's probability underflows
 * @throws {TooLargeError} the strings do not fit in WebAssembly memory, or filtering them over T tokens would
 *   cost more than src/context-length.ts allows
 * @example const { alpha, last } = sampleFiltered(world, 200, new RandomStream(1, 50, 1));
 */
export function sampleFiltered(world: TokenWorld, n: number, stream: RandomStream): FilteredStrings {
  assertInteger("n", n, 0);
  const { H, T } = world.spec;
  assertContextLength(T, filterStep(n, H));
  const core = getCore();
  const { arena } = core;
  return arena.scope(() => {
    const w = loadWorld(core, world);
    const ptrs = allocStrings(core, n, H, T);
    const status = sampleAndFilterAt(core, world, w, n, stream, ptrs);
    if (status !== 0) throw filterError(status, "sampled strings");
    return {
      n,
      tokens: Int32Array.from(arena.u32.subarray(ptrs.tokens / 4, ptrs.tokens / 4 + n * T)),
      last: Int32Array.from(arena.u32.subarray(ptrs.last / 4, ptrs.last / 4 + n)),
      alpha: matrix(n, H, arena.read(ptrs.alpha, n * H)),
    };
  });
}

/**
 * alpha_T of given strings: a_1 = pi * E[:, o_1]^T, a_t = (alpha_{t-1} P) * E[:, o_t]^T, alpha_t = a_t / (a_t 1).
 * @param world the world
 * @param tokens n x T tokens, row-major, each an integer in [0, V)
 * @returns alpha (n x H), each row on the simplex
 * @throws {ArgumentError} tokens' length is not a multiple of T, a token is out of range, or a string has
 *   probability zero under the world
 * @example forwardFilter(world, Int32Array.of(0, 1, 1, 0)) // one string when T = 4
 */
export function forwardFilter(world: TokenWorld, tokens: Int32Array): Matrix {
  const { H, V, T } = world.spec;
  if (!(tokens instanceof Int32Array) || tokens.length % T !== 0) {
    throw new ArgumentError(`tokens must be an Int32Array of n x T entries (T = ${T}). Value: length ${String(tokens?.length)}.`, {
      name: "tokens",
    });
  }
  const bad = tokens.findIndex((o) => o < 0 || o >= V);
  if (bad >= 0) {
    throw new ArgumentError(`tokens[${bad}] must be an integer in [0, ${V}). Value: ${tokens[bad]}.`, { name: `tokens[${bad}]`, value: tokens[bad] });
  }
  const n = tokens.length / T;
  const core = getCore();
  const { arena } = core;
  return arena.scope(() => {
    const w = loadWorld(core, world);
    const tok = arena.alloc(i32Slots(n * T), "tokens");
    arena.u32.set(new Uint32Array(tokens.buffer, tokens.byteOffset, tokens.length), tok / 4);
    const alpha = arena.alloc(n * H, "alpha_T");
    const work = arena.alloc(n * H, "forward filter work");
    const status = core.exports.hmmForward(n, T, H, w.pi, w.P, w.Et, tok, alpha, work);
    if (status !== 0) throw filterError(status, "tokens");
    return matrix(n, H, arena.read(alpha, n * H));
  });
}
