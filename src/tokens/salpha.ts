/**
 * S_alpha = E[alpha_T^T alpha_T] (H x H), the one population moment of a token world without a closed form
 * (SPEC 10c): exact by enumerating every token string when V^T is small, else the mean of alpha^T alpha over M
 * sequences of the world's own population stream, with the two halves kept for the Monte Carlo error.
 */
import { assertContextLength, filterStep } from "../context-length.js";
import { HeadtuneError, TooLargeError } from "../errors.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import { assertInteger } from "../validate.js";
import { getCore } from "../wasm/core.js";
import { allocStrings, loadWorld, sampleAndFilterAt } from "./filter.js";
import { worldStream } from "./streams.js";
import type { TokenWorld } from "./world.js";

/** Enumerate every token string when V^T is at most this (SPEC 10c). */
export const EXACT_ENUMERATION_LIMIT = 1e6;

/** Strings per filter call when estimating: bounds the arena to 4096 (2T + 1 + 2H) f64 plus the tables. */
const CHUNK = 4096;

/** S_alpha and how it was obtained. */
export interface SAlpha {
  /** H x H: E[alpha_T^T alpha_T], exact or the mean over M sequences. */
  S: Matrix;
  /** The means over the first floor(M / 2) and the last ceil(M / 2) sequences; both S itself when exact. */
  halves: [Matrix, Matrix];
  /** Sequences averaged, 0 when exact. */
  M: number;
  exact: boolean;
}

/**
 * The default number of estimating sequences, M = 50 H (SPEC 10c).
 * @param H hidden states
 */
export function defaultPopulationSequences(H: number): number {
  return 50 * H;
}

/**
 * S_alpha = sum over all V^T strings of P(o_1..o_T) alpha_T^T alpha_T, P(o) = prod_t (a_t 1), by a depth-first
 * walk of the strings (the filter of a prefix is shared by its V extensions): about V^T H^2 + V^(T-1) H^2 flops.
 * @param world the world
 * @throws {TooLargeError} V^T > EXACT_ENUMERATION_LIMIT
 * @example exactSAlpha(world).data // H x H, trace E||alpha_T||^2 in [1/H, 1]
 */
export function exactSAlpha(world: TokenWorld): Matrix {
  const { H, V, T } = world.spec;
  if (V ** T > EXACT_ENUMERATION_LIMIT) {
    throw new TooLargeError(`exact S_alpha enumerates V^T = ${V}^${T} strings, more than ${EXACT_ENUMERATION_LIMIT}.`, {
      what: "exact S_alpha",
      count: V ** T,
    });
  }
  const { pi, P, E } = world;
  const S = new Float64Array(H * H);
  const alphas = Array.from({ length: T }, () => new Float64Array(H));
  const priors = Array.from({ length: T }, () => new Float64Array(H));
  priors[0]!.set(pi);
  const visit = (t: number, weight: number): void => {
    const prior = priors[t]!;
    const alpha = alphas[t]!;
    for (let o = 0; o < V; o++) {
      let s = 0;
      for (let j = 0; j < H; j++) s += alpha[j] = prior[j]! * E.data[j * V + o]!;
      if (!(s > 0)) continue;
      for (let j = 0; j < H; j++) alpha[j]! /= s;
      const w = weight * s;
      if (t === T - 1) {
        for (let i = 0; i < H; i++) for (let j = 0; j <= i; j++) S[i * H + j]! += w * alpha[i]! * alpha[j]!;
        continue;
      }
      const next = priors[t + 1]!;
      next.fill(0);
      for (let h = 0; h < H; h++) for (let j = 0; j < H; j++) next[j]! += alpha[h]! * P.data[h * H + j]!;
      visit(t + 1, w);
    }
  };
  visit(0, 1);
  for (let i = 0; i < H; i++) for (let j = 0; j < i; j++) S[j * H + i] = S[i * H + j]!;
  return matrix(H, H, S);
}

/**
 * S^ = (1/M) sum_m alpha_m^T alpha_m over M strings drawn from `stream` and filtered on the core, accumulated by
 * dsyrk per chunk of 4096 strings (2 M T H^2 + M H^2 flops); the halves are the means over the first floor(M/2)
 * and the remaining strings. Unbiased for S_alpha; the risk R(B) is linear in it, so the oracle risk of a head
 * stays unbiased and the halves' spread measures its Monte Carlo error.
 * @param world the world
 * @param M strings, an integer >= 2
 * @param stream the stream to draw from (advanced by M (2T + 1) uniforms)
 * @throws {ArgumentError} M is not an integer >= 2, or a sampled string's probability underflows
 * @throws {TooLargeError} a chunk does not fit in WebAssembly memory, or filtering M strings over T tokens would
 *   cost more than src/context-length.ts allows
 * @example sampledSAlpha(world, 2500, worldStream(1, 0, "population")).S
 */
export function sampledSAlpha(world: TokenWorld, M: number, stream: RandomStream): SAlpha {
  assertInteger("M", M, 2);
  const { H, T } = world.spec;
  assertContextLength(T, filterStep(M, H));
  const core = getCore();
  const { arena, exports } = core;
  const half = Math.floor(M / 2);
  const sums = arena.scope(() => {
    const w = loadWorld(core, world);
    const S1 = arena.alloc(H * H, "S_alpha, first half");
    const S2 = arena.alloc(H * H, "S_alpha, second half");
    arena.write(S1, new Float64Array(H * H));
    arena.write(S2, new Float64Array(H * H));
    const ptrs = allocStrings(core, Math.min(CHUNK, M - half), H, T);
    for (const [from, to, S] of [[0, half, S1], [half, M, S2]] as const) {
      for (let start = from; start < to; start += CHUNK) {
        const m = Math.min(CHUNK, to - start);
        const status = sampleAndFilterAt(core, world, w, m, stream, ptrs);
        if (status !== 0) {
          throw new HeadtuneError(
            "E_NON_FINITE",
            `S_alpha: the probability of sequence ${start + status - 1} underflowed in the forward filter. Value: T = ${T}.`,
            { name: "T", value: T },
          );
        }
        exports.dsyrk(1, H, m, 1, ptrs.alpha, H, 1, S, H);
      }
    }
    return [arena.read(S1, H * H), arena.read(S2, H * H)];
  });
  const [a, b] = sums as [Float64Array, Float64Array];
  const S = matrix(H, H, a.map((v, i) => (v + b[i]!) / M));
  return { S, halves: [matrix(H, H, a.map((v) => v / half)), matrix(H, H, b.map((v) => v / (M - half)))], M, exact: false };
}

/**
 * The world's S_alpha as a sweep uses it: exact when V^T <= EXACT_ENUMERATION_LIMIT, else sampledSAlpha over M
 * strings of the stream (seed, key, population).
 * @param world the world
 * @param seed the sweep's seed
 * @param key the world's key (streams.ts)
 * @param M strings when sampling (default 50 H), an integer >= 2
 * @throws as sampledSAlpha
 * @example populationSAlpha(world, 1, 0).exact // false for V = 32, T = 10
 */
export function populationSAlpha(world: TokenWorld, seed: number, key: number, M = defaultPopulationSequences(world.spec.H)): SAlpha {
  assertInteger("M", M, 2);
  const { V, T } = world.spec;
  if (V ** T <= EXACT_ENUMERATION_LIMIT) {
    const S = exactSAlpha(world);
    return { S, halves: [S, S], M: 0, exact: true };
  }
  return sampledSAlpha(world, M, worldStream(seed, key, "population"));
}
