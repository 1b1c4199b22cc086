/**
 * The parameters of the linear-Gaussian HMM (SPEC section 1) as plain data, and their validation.
 */
import { ArgumentError, ShapeError } from "../errors.js";
import type { Matrix } from "../linalg/matrix.js";
import { assertInteger, assertMatrix, assertNonNegativeNumber } from "../validate.js";

/** How the transition A is drawn: rho * Haar-orthogonal, rho * I, or iid N(0, 1/d) rescaled to spectral norm rho. */
export type AKind = "orthogonal" | "diagonal" | "gaussian";

export const A_KINDS: readonly AKind[] = ["orthogonal", "diagonal", "gaussian"];

/**
 * How the hidden dimension follows the model size: width d = p; features d fixed while p grows; linear
 * d = round(alpha p) + d0, the family between them (width is alpha = 1, d0 = 0; features is alpha = 0, d0 = d).
 */
export type Scaling = "width" | "features" | "linear";

export const SCALINGS: readonly Scaling[] = ["width", "features", "linear"];

/** The settings that fix the hidden dimension: the scaling, d (features: d; linear: d0) and alpha (linear). */
export interface HiddenDimSettings {
  /** "posterior" is the token world's x = alpha_T (SPEC 10b), whose hidden state count is the size. */
  scaling: Scaling | "posterior";
  d: number;
  /** Slope of the linear scaling (default 1); ignored by the others. */
  alpha?: number;
}

/**
 * The hidden dimension of a model of size p: p (width and posterior), d (features), round(alpha p) + d (linear, d = d0).
 * @param settings scaling, d, alpha
 * @param p model size
 * @example hiddenDim({ scaling: "linear", d: 10, alpha: 0.5 }, 40) // 30
 */
export function hiddenDim(settings: HiddenDimSettings, p: number): number {
  if (settings.scaling === "width" || settings.scaling === "posterior") return p;
  if (settings.scaling === "features") return settings.d;
  return Math.round((settings.alpha ?? 1) * p) + settings.d;
}

/**
 * The HMM's scalars (SPEC section 1), shared by ModelSpec, Model, the presets and the experiment settings:
 * z_{t+1} = z_t A + eps (A of scale rho, eps ~ N(0, sEps^2 I)), x_t = z_t W + u (u ~ N(0, sU^2 I)),
 * y = z_{T+1} V + xi (xi ~ N(0, sY^2 I)).
 */
export interface ModelScalars {
  /** Context length: the feature is x_T, the target is built from z_{T+1}. */
  T: number;
  rho: number;
  sEps: number;
  sU: number;
  sY: number;
}

/** The sizes and scalars a ModelSpec and a Model share. */
export interface ModelDims extends ModelScalars {
  /** Hidden dimension. */
  d: number;
  /** Representation dimension (model size). */
  p: number;
  /** Task outputs: V.cols (d when V is the default I_d). */
  k: number;
}

/**
 * What drawModel needs: sizes, scalars, how to draw A, and optionally given matrices.
 * A (d x d) given overrides aKind and rho's role in drawing A; W (d x p) given replaces the N(0, 1/d) draw;
 * V (d x k) defaults to I_d, so that k = d.
 */
export interface ModelSpec extends ModelDims {
  aKind: AKind;
  A?: Matrix;
  W?: Matrix;
  V?: Matrix;
}

/**
 * Checks a ModelSpec: d, p, T positive integers, k = V.cols (or d), rho, sEps, sU, sY finite and >= 0,
 * aKind one of A_KINDS, given matrices finite and of shapes A d x d, W d x p, V d x k.
 * @param spec the candidate spec
 * @throws {ArgumentError} spec is not an object, a scalar is out of range, or aKind is unknown.
 * @throws {ShapeError} a given matrix of the wrong shape, or k != V.cols.
 * @throws {NonFiniteError} a given matrix with NaN or Infinity.
 */
export function validateModelSpec(spec: ModelSpec): void {
  validateModelScalars(spec, "spec");
  if (!A_KINDS.includes(spec.aKind)) {
    throw new ArgumentError(`aKind must be one of ${A_KINDS.join(", ")}. Value: ${String(spec.aKind)}.`, {
      name: "aKind",
      value: spec.aKind,
    });
  }
  const { d, p, k } = spec;
  if (spec.A !== undefined) assertShape("A", spec.A, d, d);
  if (spec.W !== undefined) assertShape("W", spec.W, d, p);
  if (spec.V !== undefined) assertShape("V", spec.V, d, k);
  else if (k !== d) {
    throw new ShapeError(`k must equal d when V is the default I_d. Value: k = ${k}, d = ${d}.`, { k, d });
  }
}

/**
 * Checks the sizes and scalars a ModelSpec and a Model share: d, p, k, T positive integers, rho, sEps, sU, sY
 * finite and >= 0.
 * @param m the spec or model
 * @param what its name in the message when it is not an object ("spec", "model")
 * @throws {ArgumentError} m is not an object, or a size or scalar is out of range.
 */
export function validateModelScalars(m: ModelDims, what: string): void {
  if (m === null || typeof m !== "object") {
    throw new ArgumentError(`${what} must be an object. Value: ${String(m)}.`, { name: what });
  }
  assertInteger("d", m.d, 1);
  assertInteger("p", m.p, 1);
  assertInteger("k", m.k, 1);
  assertInteger("T", m.T, 1);
  for (const name of ["rho", "sEps", "sU", "sY"] as const) assertNonNegativeNumber(name, m[name]);
}

/**
 * m must be a finite rows x cols Matrix.
 * @throws {ArgumentError} m is not a Matrix.
 * @throws {ShapeError} m is not rows x cols.
 * @throws {NonFiniteError} m has NaN or Infinity.
 */
export function assertShape(name: string, m: Matrix, rows: number, cols: number): void {
  assertMatrix(name, m);
  if (m.rows !== rows || m.cols !== cols) {
    throw new ShapeError(`${name} must be ${rows} x ${cols}. Value: ${m.rows} x ${m.cols}.`, {
      name,
      rows: m.rows,
      cols: m.cols,
    });
  }
}
