/** Small token worlds shared by the token-world tests. */
import type { Matrix } from "../../src/linalg/matrix.js";
import { refMatmul } from "../../src/ref/matmul.js";
import type { TokenPopulation } from "../../src/tokens/population.js";
import type { TokenWorldSpec } from "../../src/tokens/spec.js";
import { drawTokenWorld, type TokenWorld } from "../../src/tokens/world.js";

/** SPEC 10d's setting at a given H, V, T. */
export function spec(over: Partial<TokenWorldSpec> = {}): TokenWorldSpec {
  return { H: 50, V: 32, T: 10, k: 4, rho: 0.8, aTr: 1, beta: 0.1, sU: 0.5, sY: 0.5, ...over };
}

/** A small world whose strings can be enumerated: H = 4, V = 3, T = 5 (243 strings). */
export function smallWorld(over: Partial<TokenWorldSpec> = {}, seed = 7): TokenWorld {
  return drawTokenWorld(spec({ H: 4, V: 3, T: 5, k: 2, beta: 0.5, ...over }), seed, 0);
}

/** Sx = F^T F + sU^2 I, formed by the reference product. */
export function sxOf(pop: TokenPopulation): Matrix {
  const Sx = refMatmul(pop.F, pop.F, { transA: true });
  for (let i = 0; i < pop.p; i++) Sx.data[i * pop.p + i]! += pop.sU ** 2;
  return Sx;
}
