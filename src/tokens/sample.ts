/**
 * A training or test sample of a token world at one size (SPEC 10b, 10c): n strings and their posteriors, then
 * x = alpha_T W + sU u and y = V_lab[h_{T+1}, :] + sY xi, all from one stream in that order (the uniforms of the
 * strings, then u when sU > 0, then xi when sY > 0).
 */
import { matmulUnchecked } from "../linalg/matmul.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import { assertInteger } from "../validate.js";
import { sampleFilteredUnchecked } from "./filter.js";
import type { Representation } from "./representation.js";
import type { TokenWorld } from "./world.js";

/** Features X (n x p), targets Y (n x k), and what they came from: alpha_T (n x H) and h_{T+1} (n). */
export interface TokenSample {
  X: Matrix;
  Y: Matrix;
  alpha: Matrix;
  last: Int32Array;
}

/**
 * n pairs (x, y) of the world at representation rep.
 * @param world the world
 * @param rep the size's representation
 * @param n pairs, a non-negative integer
 * @param stream the replicate's stream (advanced)
 * @throws {ArgumentError} n is not a non-negative integer, or a string's probability underflows
 * @throws {TooLargeError} the sample does not fit in WebAssembly memory
 * @example const { X, Y } = drawTokenSample(world, rep, 200, new RandomStream(1, 100, 1));
 */
export function drawTokenSample(world: TokenWorld, rep: Representation, n: number, stream: RandomStream): TokenSample {
  assertInteger("n", n, 0);
  return drawTokenSampleUnchecked(world, rep, n, stream);
}

/**
 * drawTokenSample for a count checked by the caller (a replicate's n or nTest from checked settings).
 * @throws as drawTokenSample, less the check of n
 */
export function drawTokenSampleUnchecked(world: TokenWorld, rep: Representation, n: number, stream: RandomStream): TokenSample {
  const { k, sY } = world.spec;
  const { alpha, last } = sampleFilteredUnchecked(world, n, stream);
  const X = rep.W === undefined ? matrix(n, rep.p, alpha.data.slice()) : matmulUnchecked(alpha, rep.W);
  if (rep.sU > 0) {
    const u = stream.normalUnchecked(n * rep.p);
    for (let i = 0; i < u.length; i++) X.data[i]! += rep.sU * u[i]!;
  }
  const Y = matrix(n, k);
  for (let i = 0; i < n; i++) Y.data.set(world.Vlab.data.subarray(last[i]! * k, (last[i]! + 1) * k), i * k);
  if (sY > 0) {
    const xi = stream.normalUnchecked(n * k);
    for (let i = 0; i < xi.length; i++) Y.data[i]! += sY * xi[i]!;
  }
  return { X, Y, alpha, last };
}
