/**
 * Exact population quantities of the HMM (SPEC section 2): the Lyapunov recursion for the hidden
 * covariance, the joint covariance of (x_T, y), the best linear head B* and the residual covariance Se.
 */
import { assertContextLength, chainStep } from "../context-length.js";
import { ArgumentError, NotPositiveDefiniteError } from "../errors.js";
import { choleskyUnchecked } from "../linalg/cholesky.js";
import { gramUnchecked } from "../linalg/gram.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import { identity, type Matrix } from "../linalg/matrix.js";
import { triangularSolveUnchecked } from "../linalg/triangular.js";
import { assertComputedFinite, largestVariance, maxAbs, MIN_VARIANCE } from "../range.js";
import { isIdentity, modelWarnings, validateModel, type Model } from "./model.js";
import type { MemoryStep } from "../wasm/memory.js";
import { orthogonalFactorMemory } from "./haar.js";

export interface Population {
  /** d x d covariance of z_T. */
  ST: Matrix;
  /** p x p covariance of x = x_T. */
  Sx: Matrix;
  /** p x k cross-covariance E[x^T y]. */
  Cxy: Matrix;
  /** k x k covariance of y. */
  Sy: Matrix;
  /** p x k best linear head Sx^{-1} Cxy. */
  Bstar: Matrix;
  /** k x k residual covariance of e = y - x B*. */
  Se: Matrix;
  /** tr(Se): the risk of B*, a floor for every head. */
  noise: number;
  /** p x p lower Cholesky factor of Sx (Sx = Lx Lx^T). */
  Lx: Matrix;
  /** What a user should know about a valid but unusual model (rho >= 1, a nearly singular Sx); usually empty. */
  warnings: string[];
}

/**
 * S_{t+1} = A^T S_t A + sEps^2 I from S_1 = I up to S_T; Sx = W^T S_T W + sU^2 I; Cxy = W^T S_T A V;
 * Sy = V^T (A^T S_T A + sEps^2 I) V + sY^2 I; B* = Sx^{-1} Cxy; Se = Sy - B*^T Sx B*; noise = tr(Se).
 * With Sx = Lx Lx^T and F = Lx^{-1} Cxy: B* = Lx^{-T} F and Se = Sy - F^T F, so that Se is exactly
 * symmetric. Products meant to be symmetric are symmetrized. V is not multiplied when it is exactly I.
 * tr(Se) >= 0 exactly; when y is a function of x (sEps = sY = 0, sU = 0) rounding leaves it at -O(eps tr Sy),
 * and it is clamped to 0. Every computed quantity is checked: one that leaves the f64 range is an error
 * naming it and its likely cause, never an Infinity passed on.
 * @param model the HMM (A d x d, W d x p, V d x k)
 * @returns the population quantities (fresh matrices) and warnings: rho >= 1 (modelWarnings), and Sx nearly
 *   singular (Cholesky pivots spanning a ratio below p^2 eps: the min-norm head's pseudo-inverse then drops
 *   directions of x that the theory may count)
 * @throws {ArgumentError} the model is invalid, or x's or y's largest variance is positive but below
 *   MIN_VARIANCE (2^-970), where f64 loses relative precision.
 * @throws {ShapeError} a matrix of the model has the wrong shape.
 * @throws {NonFiniteError} a matrix of the model has NaN or Infinity.
 * @throws {TooLargeError} the T steps of S_T cost more than CONTEXT_WORK_LIMIT flops (context-length.ts).
 * @throws {HeadtuneError} code E_NON_FINITE: a computed quantity overflows f64 (S_t when rho >= 1 and T is
 *   large, Sx when W or sU is huge, ...); the message names it and what to change.
 * @throws {NotPositiveDefiniteError} Sx is singular in f64 (sU = 0 with p > d, or sU^2 lost in rounding
 *   against W^T S_T W); the message says which and what to do.
 * @example const pop = population(model); pop.noise / model.k; // per-output noise
 */
export function population(model: Model): Population {
  validateModel(model);
  assertContextLength(model.T, chainStep(model.d));
  return populationUnchecked(model);
}

/**
 * population for a checked model (drawModel made it, or validateModel passed it): the same quantities without
 * scanning the model again; each computed quantity is still range-checked.
 * @param model the HMM, checked
 * @throws as population, less the model's checks
 * @example populationUnchecked(drawModelUnchecked(spec, stream))
 */
export function populationUnchecked(model: Model): Population {
  const { p, T, sEps, sU, sY, A, W, V } = model;
  let ST = identity(model.d);
  for (let t = 1; t < T; t++) ST = lyapunovStep(ST, A, sEps, t, chainHint(model, t + 1));
  const SA = checked("S_T A", chainHint(model, T))(matmulUnchecked(ST, A));
  const xHint = (): string =>
    `x = z_T W + sU u is too large (sU = ${sU}, largest |W_ij| = ${maxAbs(W.data)}, largest |S_T| entry = ${maxAbs(ST.data)}). ` +
    "Scale W and sU down: the risks do not depend on the scale of x.";
  const yHint = (): string =>
    `y = z_{T+1} V + sY xi is too large (sY = ${sY}, largest |V_ij| = ${maxAbs(V.data)}, largest |S_T A| entry = ${maxAbs(SA.data)}). ` +
    "Scale V and sY down: the risks scale with the square of y's scale.";
  const Sx = checked("Sx = W^T S_T W + sU^2 I", xHint)(
    symmetrizedPlusDiagonal(matmulUnchecked(W, checked("S_T W", xHint)(matmulUnchecked(ST, W)), { transA: true }), sU * sU),
  );
  assertVarianceInRange("Sx", Sx, "Scale W and sU up: the risks do not depend on the scale of x.");
  const SNext = checked("S_{T+1} = A^T S_T A + sEps^2 I", chainHint(model, T + 1))(
    symmetrizedPlusDiagonal(matmulUnchecked(A, SA, { transA: true }), sEps * sEps),
  );
  const yChecked = checked("Sy", yHint);
  const Sy = yChecked(symmetrizedPlusDiagonal(isIdentity(V) ? SNext : matmulUnchecked(V, matmulUnchecked(SNext, V), { transA: true }), sY * sY));
  assertVarianceInRange("Sy", Sy, "Scale V and sY up: the risks scale with the square of y's scale.");
  const Cxy = checked("Cxy = W^T S_T A V", yHint)(timesV(matmulUnchecked(W, SA, { transA: true }), V));
  const Lx = choleskyOfSx(model, Sx);
  const F = checked("Lx^{-1} Cxy", yHint)(triangularSolveUnchecked(Lx, Cxy));
  const Bstar = checked("B* = Sx^{-1} Cxy", () =>
    `x is too small relative to y (largest diagonal entry of Sx ${largestVariance(Sx)}, of Sy ${largestVariance(Sy)}). ` +
    "Scale W and sU up, or V and sY down.",
  )(triangularSolveUnchecked(Lx, F, { transpose: true }));
  const FtF = gramUnchecked(F);
  const Se = yChecked({ rows: Sy.rows, cols: Sy.cols, data: Sy.data.map((v, i) => v - FtF.data[i]!) });
  let trace = 0;
  for (let i = 0; i < Se.rows; i++) trace += Se.data[i * Se.cols + i]!;
  assertComputedFinite("noise = tr(Se)", [trace], yHint);
  return { ST, Sx, Cxy, Sy, Bstar, Se, noise: Math.max(trace, 0), Lx, warnings: [...modelWarnings(model), ...conditionWarnings(pivotRatio(Lx), p)] };
}

/** A function that returns its matrix after checking that every entry is finite (assertComputedFinite). */
function checked(what: string, hint: () => string): (M: Matrix) => Matrix {
  return (M) => {
    assertComputedFinite(what, M.data, hint);
    return M;
  };
}

/** Why S_t overflowed: the chain does not settle (rho >= 1), or A or sEps is too large. */
function chainHint(model: Model, t: number): () => string {
  const { rho, sEps, T, A } = model;
  return () =>
    modelWarnings(model).length > 0
      ? `rho = ${rho} >= 1: the hidden chain does not settle and S_t = Cov(z_t) leaves the f64 range at t = ${t} (T = ${T}). ` +
        "Use a smaller T, or rho < 1."
      : `The hidden state is too large at t = ${t} (T = ${T}): largest |A_ij| = ${maxAbs(A.data)}, sEps = ${sEps}. ` +
        "Scale A or sEps down, or use a smaller T.";
}

/**
 * The largest variance of the covariance S must be 0 (y = 0, or a singular Sx: handled by its Cholesky) or at
 * least MIN_VARIANCE.
 * @throws {ArgumentError} 0 < max_i S_ii < MIN_VARIANCE; the message names S, shows the value and ends with todo.
 */
function assertVarianceInRange(name: string, S: Matrix, todo: string): void {
  const v = largestVariance(S);
  if (v > 0 && v < MIN_VARIANCE) {
    throw new ArgumentError(
      `${name} is too small for f64: its largest variance is ${v}, below 2^-970 (about 1e-292), where f64 loses ` +
        `relative precision. ${todo}`,
      { name, value: v },
    );
  }
}

/**
 * Rounding in forming W^T S_T W (inner dimension d) and in its Cholesky (size p) leaves pivots of up to about
 * c (d + p) eps max_i (Sx)_ii where Sx is singular; c = 100 covers the largest seen, 19, over 600 draws of
 * the features scaling with sU = 0 and p = 21..25.
 */
const ROUNDING_PIVOTS = 100;

/**
 * Lx with Sx = Lx Lx^T, or a NotPositiveDefiniteError that says why Sx is singular. When p > d, Sx is
 * W^T S_T W (rank <= d < p) plus sU^2 I: singular in exact arithmetic for sU = 0, and in f64 when sU^2 is
 * within the rounding of W^T S_T W (ROUNDING_PIVOTS (d + p) eps max_i (Sx)_ii). Both are decided before the
 * factorization, whose rounding pivots would otherwise let it succeed or fail at random, and reported at
 * pivot d (the first zero pivot in exact arithmetic for a W of full rank). Otherwise a failed factorization
 * is reported with its cause.
 */
function choleskyOfSx(model: Model, Sx: Matrix): Matrix {
  const { d, p, sU } = model;
  const scale = largestVariance(Sx);
  const lost =
    `sU^2 = ${sU * sU} is lost in rounding against W^T S_T W (largest variance ${scale}; f64 resolves about ` +
    `${ROUNDING_PIVOTS * (d + p) * Number.EPSILON * scale} there), so Sx is singular to working precision.`;
  if (p > d && sU * sU <= ROUNDING_PIVOTS * (d + p) * Number.EPSILON * scale) {
    throw new NotPositiveDefiniteError(
      "Sx",
      d,
      sU === 0 ? singularSxHint(d, p) : `${lost} Raise sU, or use p <= d = ${d}.`,
    );
  }
  try {
    return choleskyUnchecked(Sx, "Sx");
  } catch (err) {
    if (!(err instanceof NotPositiveDefiniteError)) throw err;
    const hint =
      sU === 0
        ? "With sU = 0, Sx = W^T S_T W is singular when W has rank < p or S_T is singular (e.g. rho = 0 and sEps = 0 with T > 1). Use sU > 0."
        : `${lost} Raise sU.`;
    throw new NotPositiveDefiniteError("Sx", err.pivot, hint);
  }
}

/** Why Sx is singular when sU = 0 and p > d (shared with the diagonal models of diagonal.ts). */
export function singularSxHint(d: number, p: number): string {
  return `With sU = 0, x = z_T W spans at most d = ${d} of its p = ${p} dimensions, so Sx = W^T S_T W is singular. Use sU > 0, or p <= d.`;
}

/** The ratio min_i L_ii^2 / max_i L_ii^2 of the Cholesky pivots of Sx = Lx Lx^T (a lower bound on 1 / cond(Sx)). */
function pivotRatio(Lx: Matrix): number {
  const p = Lx.rows;
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < p; i++) {
    const d2 = Lx.data[i * p + i]! ** 2;
    lo = Math.min(lo, d2);
    hi = Math.max(hi, d2);
  }
  return lo / hi;
}

/**
 * A warning when Sx's pivots (or eigenvalues) span a ratio below p^2 eps: cond(Sx) >= 1 / ratio is past f64 at
 * this size (shared with the diagonal models of diagonal.ts).
 * @param ratio min / max of the Cholesky pivots of Sx, or of its eigenvalues
 * @param p model size
 */
export function conditionWarnings(ratio: number, p: number): string[] {
  if (!(ratio < p * p * Number.EPSILON)) return [];
  return [
    `Sx is nearly singular: its Cholesky pivots (or eigenvalues) span a ratio of ${ratio.toPrecision(3)}, so cond(Sx) >= ${(1 / ratio).toPrecision(3)}, ` +
      `past what f64 resolves at p = ${p} (1 / (p^2 eps) = ${(1 / (p * p * Number.EPSILON)).toPrecision(3)}). ` +
      "B* and Se carry few correct digits, and the min-norm head's pseudo-inverse drops directions of x that the theory may count, " +
      "so simulation and theory can disagree. Raise sU to make Sx well conditioned.",
  ];
}

/** S_{t+1} = A^T S_t A + sEps^2 I, both products checked (finite entries; hint on overflow). */
function lyapunovStep(S: Matrix, A: Matrix, sEps: number, t: number, hint: () => string): Matrix {
  const SA = checked(`S_${t} A`, hint)(matmulUnchecked(S, A));
  return checked(`S_${t + 1} = A^T S_${t} A + sEps^2 I`, hint)(symmetrizedPlusDiagonal(matmulUnchecked(A, SA, { transA: true }), sEps * sEps));
}

/** (M + M^T) / 2 + c I, in place on the square M. */
function symmetrizedPlusDiagonal(M: Matrix, c: number): Matrix {
  const n = M.rows;
  const a = M.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (a[i * n + j]! + a[j * n + i]!);
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
    a[i * n + i]! += c;
  }
  return M;
}

/** M V, or M itself when V is exactly the identity. */
function timesV(M: Matrix, V: Matrix): Matrix {
  return isIdentity(V) ? M : matmulUnchecked(M, V);
}

/**
 * The f64 population (and drawModel before it) holds in WebAssembly memory at once, step by step: the Lyapunov
 * step S A and A^T (S A) (3 d^2), W^T S_T W (d^2 + 2 d p, then 2 d p + p^2), the Haar QR of a d x d draw
 * (orthogonalFactorMemory) and the solves with Sx (p^2 + 2 p k, k^2 + 2 k); the eigensolvers are counted apart.
 * @param d hidden dimension
 * @param p model size
 * @param k outputs
 * @example populationMemorySteps(20, 40, 20)[0] // { step: "Lyapunov step", f64: 1200 }
 */
export function populationMemorySteps(d: number, p: number, k: number): MemoryStep[] {
  return [
    { step: "Lyapunov step", f64: 3 * d * d },
    { step: "W^T S_T W", f64: Math.max(d * d + 2 * d * p, 2 * d * p + p * p) },
    { step: "Haar QR block update", f64: orthogonalFactorMemory(d) },
    { step: "solves with Sx", f64: Math.max(p * p + 2 * p * k, k * k + 2 * k) },
  ];
}
