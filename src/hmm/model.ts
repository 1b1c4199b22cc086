/**
 * Drawing the HMM's matrices (SPEC section 1): the transition A, the frozen representation map W, the task
 * map V. Parameters are plain data; randomness comes only from the stream passed in.
 */
import { symmetricEigenUnchecked } from "../linalg/eigen.js";
import { gramUnchecked } from "../linalg/gram.js";
import { identity, type Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import { assertShape, validateModelScalars, validateModelSpec, type ModelDims, type ModelSpec } from "./config.js";
import { orthogonalFactorUnchecked } from "./haar.js";

/** A drawn (or given) HMM: z_{t+1} = z_t A + eps, x_t = z_t W + u, y = z_{T+1} V + xi. */
export interface Model extends ModelDims {
  /** d x d transition. */
  A: Matrix;
  /** d x p representation map. */
  W: Matrix;
  /** d x k task map. */
  V: Matrix;
}

/**
 * Model with A = rho Q (Q Haar, from the sign-fixed QR of a d x d N(0,1) matrix), rho I, or G rho / ||G||_2
 * (G iid N(0, 1/d)) per spec.aKind, W iid N(0, 1/d) (d x p) and V = I_d, unless given in spec.
 * Draw order from the stream: A's d x d Gaussian matrix (orthogonal and gaussian kinds, when A is not given),
 * then W's d x p matrix (when W is not given). Given matrices are copied.
 * @param spec sizes, scalars and optional A (d x d), W (d x p), V (d x k)
 * @param stream the random stream, advanced by the draws
 * @throws {ArgumentError} a scalar of spec out of range.
 * @throws {ShapeError} a given matrix of the wrong shape.
 * @throws {NonFiniteError} a given matrix with NaN or Infinity.
 * @throws {NoConvergenceError} the eigensolver failed on A^T A (gaussian kind).
 * @example const model = drawModel({ d: 4, p: 4, k: 4, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" }, new RandomStream(1, 4, 0));
 */
export function drawModel(spec: ModelSpec, stream: RandomStream): Model {
  validateModelSpec(spec);
  return drawModelUnchecked(spec, stream);
}

/**
 * drawModel for a spec already checked (validateModelSpec, or settings the experiment validated): the same
 * draws, without checking the spec again.
 * @param spec checked sizes, scalars and optional matrices
 * @param stream the random stream, advanced by the draws
 * @throws {NoConvergenceError} the eigensolver failed on A^T A (gaussian kind).
 * @example drawModelUnchecked(modelSpecOf(settings, p), stream)
 */
export function drawModelUnchecked(spec: ModelSpec, stream: RandomStream): Model {
  const { d, p, k, T, rho, sEps, sU, sY } = spec;
  const A = spec.A !== undefined ? copy(spec.A) : drawTransition(spec, stream);
  const W = spec.W !== undefined ? copy(spec.W) : stream.normalMatrixUnchecked(d, p, 1 / Math.sqrt(d));
  const V = spec.V !== undefined ? copy(spec.V) : identity(d);
  return { d, p, k, T, rho, sEps, sU, sY, A, W, V };
}

function drawTransition(spec: ModelSpec, stream: RandomStream): Matrix {
  const { d, rho } = spec;
  switch (spec.aKind) {
    case "diagonal": {
      const A = identity(d);
      for (let i = 0; i < d; i++) A.data[i * d + i] = rho;
      return A;
    }
    case "orthogonal":
      return scaled(orthogonalFactorUnchecked(stream.normalMatrixUnchecked(d, d)), rho);
    case "gaussian": {
      const G = stream.normalMatrixUnchecked(d, d, 1 / Math.sqrt(d));
      const { values } = symmetricEigenUnchecked(gramUnchecked(G));
      // ||G||_2 = sqrt(lambda_max(G^T G)); a Gaussian matrix is non-zero with probability one.
      return scaled(G, rho / Math.sqrt(values[d - 1]!));
    }
  }
}

/**
 * Checks a Model where one enters a public function (population, the samplers): d, p, k, T positive
 * integers, rho, sEps, sU, sY finite and >= 0, A d x d, W d x p, V d x k, every entry finite.
 * @param model the candidate model
 * @throws {ArgumentError} model is not an object, a size or scalar is out of range, or a matrix is missing.
 * @throws {ShapeError} a matrix has the wrong shape.
 * @throws {NonFiniteError} a matrix has NaN or Infinity.
 * @example validateModel(modelFromJson(text));
 */
export function validateModel(model: Model): void {
  validateModelScalars(model, "model");
  assertShape("A", model.A, model.d, model.d);
  assertShape("W", model.W, model.d, model.p);
  assertShape("V", model.V, model.d, model.k);
}

/**
 * Warnings about a valid but unusual model: rho > 1, or rho = 1 with sEps > 0, where the hidden chain does
 * not settle (A = rho Q or rho I has spectral radius rho, a gaussian A spectral norm rho): S_t grows with t
 * (like rho^(2t), or linearly when rho = 1), so the results hold for this T only and grow with it. They stay
 * exact for any finite T; an S_t past the f64 range is an error of population().
 * @param model rho, sEps and T
 * @returns one sentence per warning (none for 0 <= rho < 1)
 * @example modelWarnings({ rho: 1.2, sEps: 0.5, T: 5 }) // ["rho = 1.2 > 1: the hidden chain ..."]
 */
export function modelWarnings(model: Pick<Model, "rho" | "sEps" | "T">): string[] {
  const { rho, sEps, T } = model;
  if (rho < 1 || (rho === 1 && sEps === 0)) return [];
  const growth = rho > 1 ? "like rho^(2t)" : "linearly in t (by sEps^2 per step)";
  return [
    `${rho > 1 ? `rho = ${rho} > 1` : "rho = 1"}: the hidden chain z_{t+1} = z_t A + eps does not settle ` +
      `(A = rho Q or rho I has spectral radius rho), so S_t = Cov(z_t) grows ${growth}: ` +
      `the population quantities and risks are exact for T = ${T} but grow with T.`,
  ];
}

/** True when m is exactly the identity matrix (the default V). */
export function isIdentity(m: Matrix): boolean {
  if (m.rows !== m.cols) return false;
  const n = m.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (m.data[i * n + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

function scaled(m: Matrix, s: number): Matrix {
  const data = m.data;
  for (let i = 0; i < data.length; i++) data[i]! *= s;
  return m;
}

function copy(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}
