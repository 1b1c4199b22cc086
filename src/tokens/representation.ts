/**
 * The frozen model of size p (SPEC 10b): x = alpha_T W + sU u. Under features scaling W is the first p columns of
 * one H x p_max matrix, drawn column after column from the world's representation stream, so size p reads a
 * prefix of the stream and the curve is smooth in p whatever p_max is; under width scaling H = p and W is the
 * size's own; under posterior scaling x = alpha_T (W = I_H, sU = 0).
 */
import { ArgumentError } from "../errors.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { assertInteger } from "../validate.js";
import type { TokenScaling } from "./spec.js";
import { worldStream } from "./streams.js";

/** The representation of one size: W (H x p), or undefined for x = alpha_T itself, and its noise scale. */
export interface Representation {
  p: number;
  /** H x p with iid N(0, 1) entries; undefined means W = I_H (posterior scaling). */
  W: Matrix | undefined;
  sU: number;
}

/**
 * The hidden states of size p's world: p under width and posterior scaling, H otherwise.
 * @param scaling the token scaling
 * @param H the settings' H (features scaling)
 * @param p model size
 * @example hiddenStates("width", 50, 300) // 300
 */
export function hiddenStates(scaling: TokenScaling, H: number, p: number): number {
  return scaling === "features" ? H : p;
}

/**
 * Size p's representation: W^T (p x H) is the stream (seed, key, representation)'s first p H normals, row by row.
 * @param scaling the token scaling
 * @param H hidden states of the size's world (= p unless features scaling)
 * @param sU the settings' noise scale (0 under posterior scaling)
 * @param seed the sweep's seed
 * @param key the world's key (streams.ts)
 * @param p model size, a positive integer (= H under posterior scaling)
 * @throws {ArgumentError} p is not a positive integer, or p != H under posterior scaling
 * @example representationOf("features", 50, 0.5, 1, 0, 120).W?.cols // 120
 */
export function representationOf(scaling: TokenScaling, H: number, sU: number, seed: number, key: number, p: number): Representation {
  assertInteger("p", p, 1);
  if (scaling === "posterior") {
    if (p !== H) throw new ArgumentError(`p must equal H under posterior scaling (x = alpha_T). Value: p = ${p}, H = ${H}.`, { name: "p", value: p });
    return { p, W: undefined, sU: 0 };
  }
  const Wt = worldStream(seed, key, "representation").normal(p * H);
  const W = matrix(H, p);
  for (let j = 0; j < p; j++) for (let h = 0; h < H; h++) W.data[h * p + j] = Wt[j * H + h]!;
  return { p, W, sU };
}
