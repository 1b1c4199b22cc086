/**
 * The token world's random streams. A replicate of size p draws from (seed, p, r + 1), as in the Gaussian
 * world (experiment/size.ts). The world's parts draw from (seed, key, 2^32 - 1 - part), far from any replicate's
 * low word: key = p under width and posterior scaling (the world depends on the size), key = 0 under features
 * scaling (one world per sweep; 0 is never a size). So every part depends on (seed, size) alone.
 */
import { RandomStream } from "../rng/stream.js";
import type { TokenScaling } from "./spec.js";

/** The parts of a world, each with its own stream. */
export const WORLD_PARTS = {
  /** The permutation Pi and the rows of D. */
  transitions: 0,
  /** The rows of E. */
  emissions: 1,
  /** V_lab. */
  labels: 2,
  /** W, column after column, so that size p reads the first p columns of one matrix. */
  representation: 3,
  /** The M sequences that estimate S_alpha. */
  population: 4,
} as const;

export type WorldPart = keyof typeof WORLD_PARTS;

const LAST_U32 = 4294967295;

/**
 * The key of size p's world: 0 under features scaling (one world), p otherwise.
 * @param scaling the token scaling
 * @param p model size
 * @example worldKey("features", 300) // 0
 */
export function worldKey(scaling: TokenScaling, p: number): number {
  return scaling === "features" ? 0 : p;
}

/**
 * The stream (seed, key, 2^32 - 1 - part) of one part of a world.
 * @param seed the sweep's seed
 * @param key worldKey(scaling, p)
 * @param part which part
 * @throws {ArgumentError} seed or key is out of range (RandomStream)
 * @example worldStream(1, 0, "emissions").uniform(3)
 */
export function worldStream(seed: number, key: number, part: WorldPart): RandomStream {
  return new RandomStream(seed, key, LAST_U32 - WORLD_PARTS[part]);
}
