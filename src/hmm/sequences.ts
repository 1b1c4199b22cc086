/**
 * Whole HMM runs, every hidden state and representation kept (for inspection, demos and tests; the
 * experiments use sampleSequential, which keeps only x_T and y).
 */
import { assertContextLength, samplerStep } from "../context-length.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import { assertInteger } from "../validate.js";
import { validateModel, type Model } from "./model.js";

export interface Sequences {
  /** z_1 .. z_{T+1}, each n x d. */
  Z: Matrix[];
  /** x_1 .. x_T, each n x p. */
  X: Matrix[];
  /** y = z_{T+1} V + sY xi, n x k. */
  Y: Matrix;
}

/**
 * n runs of the HMM: z_1 ~ N(0, I), z_{t+1} = z_t A + sEps eps, x_t = z_t W + sU u_t (t <= T), y = z_{T+1} V + sY xi.
 * Draw order: z_1, eps_2, ..., eps_T, u_T, eps_{T+1}, xi, then u_1, ..., u_{T-1}; so x_T and y equal
 * sampleSequential's X and Y from a stream in the same state.
 * @param model the HMM
 * @param n number of sequences (>= 0)
 * @param stream random stream, advanced by n (d (T + 1) + T p + k) normals
 * @throws {ArgumentError} n is not a non-negative integer, or the model is invalid (validateModel).
 * @throws {ShapeError} a matrix of the model has the wrong shape.
 * @throws {NonFiniteError} a matrix of the model has NaN or Infinity.
 * @throws {TooLargeError} the T steps of n sequences would cost more than src/context-length.ts allows.
 * @example const { Z, X } = sampleSequences(model, 10, new RandomStream(1));
 */
export function sampleSequences(model: Model, n: number, stream: RandomStream): Sequences {
  assertInteger("n", n, 0);
  validateModel(model);
  assertContextLength(model.T, samplerStep(n, model.d));
  const { d, p, k, T, sEps, sU, sY, A, W, V } = model;
  const Z: Matrix[] = [stream.normalMatrix(n, d)];
  const next = (z: Matrix): Matrix => plus(matmulUnchecked(z, A), stream.normalMatrix(n, d, sEps));
  for (let t = 1; t < T; t++) Z.push(next(Z[t - 1]!));
  const zT = Z[T - 1]!;
  const xT = plus(matmulUnchecked(zT, W), stream.normalMatrix(n, p, sU));
  Z.push(next(zT));
  const Y = plus(matmulUnchecked(Z[T]!, V), stream.normalMatrix(n, k, sY));
  const X: Matrix[] = [];
  for (let t = 0; t < T - 1; t++) X.push(plus(matmulUnchecked(Z[t]!, W), stream.normalMatrix(n, p, sU)));
  X.push(xT);
  return { Z, X, Y };
}

/** a + b in place on a (same shape). */
function plus(a: Matrix, b: Matrix): Matrix {
  for (let i = 0; i < a.data.length; i++) a.data[i]! += b.data[i]!;
  return a;
}
