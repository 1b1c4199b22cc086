/**
 * The model in its eigenbasis (SPEC section 8): what a replicate reports is unchanged in law when the features
 * are rotated by the eigenvectors of Sx and the outputs by those of Se, so a model is, for sampling, risks and
 * theory, the eigenvalues l_j of Sx, the rotated best head B~* and the eigenvalues of Se.
 * - The paper's family (SPEC 8a: A = rho Q or rho I, S_1 = I, V = I_d, W iid N(0, 1/d)): S_T = c I, and with
 *   W = U diag(s) R^T the rotated model is diagonal, l_j = c s_j^2 + sU^2, B~*_jj = rho c s_j / l_j; the r
 *   singular values are drawn exactly in law by the Laguerre bidiagonal model, without forming W: O(r^2).
 * - Any other model (SPEC 8b): the eigendecompositions of its Sx and Se, B~* = U_x^T B* U_e dense.
 */
import { assertContextLength, scalarStep } from "../context-length.js";
import { ArgumentError, NotPositiveDefiniteError } from "../errors.js";
import { symmetricEigenUnchecked } from "../linalg/eigen.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import { assertComputedFinite, maxAbs, sampleVariances } from "../range.js";
import { assertMatrix } from "../validate.js";
import { assertShape, validateModelSpec, type ModelDims, type ModelSpec } from "./config.js";
import { gaussianSingularValuesSquared } from "./laguerre.js";
import { drawModelUnchecked, modelWarnings } from "./model.js";
import { conditionWarnings, populationUnchecked, singularSxHint, type Population } from "./population.js";

/** B~* of a diagonal model: diagonal (entry j pairs feature j with output j, j < min(p, k)) or dense p x k. */
export type RotatedHead = { kind: "diagonal"; values: Float64Array } | { kind: "dense"; matrix: Matrix };

/** A model in the eigenbasis of Sx (features) and Se (outputs): Sx = diag(sx), Se = diag(se), B~*. */
export interface DiagonalModel {
  p: number;
  k: number;
  /** The p eigenvalues l_j of Sx (positive). */
  sx: Float64Array;
  bstar: RotatedHead;
  /** The k eigenvalues of Se (>= 0). */
  se: Float64Array;
  /** tr(Se) = sum of se. */
  noise: number;
  /** The largest variances of x and y, for the range checks of a sample (range.ts assertSampleRange). */
  variances: { x: number; y: number };
  /** As Population.warnings. */
  warnings: string[];
}

/**
 * True when SPEC 8a applies to a spec: A drawn as rho Q or rho I, W drawn iid N(0, 1/d), V = I_d.
 * @example isDiagonalFamily({ ...spec, aKind: "orthogonal" }) // true when no matrix is given
 */
export function isDiagonalFamily(spec: ModelSpec): boolean {
  return spec.aKind !== "gaussian" && spec.A === undefined && spec.W === undefined && spec.V === undefined;
}

/**
 * The model of a spec of the paper's family (SPEC 8a), its r = min(d, p) squared singular values drawn from
 * the stream by gaussianSingularValuesSquared (2r - 1 chi variates): the same law as drawModel followed by
 * diagonalOfPopulation, in O(r^2) time and O(p) memory.
 * @param spec sizes and scalars; aKind "orthogonal" or "diagonal", no given matrices (isDiagonalFamily)
 * @param stream random stream, advanced by the chi draws
 * @throws {ArgumentError} a scalar of spec is out of range, or spec is not of the family.
 * @throws {NotPositiveDefiniteError} Sx is singular (sU = 0 with p > d, or S_T = 0 with sU = 0).
 * @throws {TooLargeError} the T steps of c_T cost more than CONTEXT_WORK_LIMIT flops (context-length.ts).
 * @throws {HeadtuneError} code E_NON_FINITE: c_T or a variance overflows f64 (rho >= 1 with a large T).
 * @example const dm = drawDiagonalModel({ d: 200, p: 400, k: 200, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" }, stream);
 */
export function drawDiagonalModel(spec: ModelSpec, stream: RandomStream): DiagonalModel {
  validateModelSpec(spec);
  if (!isDiagonalFamily(spec)) {
    throw new ArgumentError(
      `spec must be of the paper's family (aKind "orthogonal" or "diagonal", no given A, W or V). Value: aKind ${spec.aKind}.`,
      { name: "spec", aKind: spec.aKind },
    );
  }
  assertContextLength(spec.T, scalarStep());
  return drawDiagonalModelUnchecked(spec, stream);
}

/** drawDiagonalModel for a checked spec of the paper's family (isDiagonalFamily), without checking it again. */
function drawDiagonalModelUnchecked(spec: ModelSpec, stream: RandomStream): DiagonalModel {
  return paperFamilyModel(spec, gaussianSingularValuesSquared(spec.d, spec.p, stream));
}

/**
 * SPEC 8a from the squared singular values of W: c = c_T (c_1 = 1, c_{t+1} = rho^2 c_t + sEps^2),
 * l_j = c s_j^2 + sU^2 (j < r), sU^2 (j >= r); B~*_jj = rho c s_j / l_j; Se_ii = rho^2 c sU^2 / l_i + sEps^2 + sY^2
 * (i < r; the same as rho^2 c + sEps^2 + sY^2 - (rho c s_i)^2 / l_i without its cancellation), and
 * rho^2 c + sEps^2 + sY^2 for r <= i < k.
 * @param dims sizes and scalars (k = d)
 * @param s2 the r = min(d, p) squared singular values of W, >= 0
 */
export function paperFamilyModel(dims: ModelDims, s2: Float64Array): DiagonalModel {
  const { d, p, k, T, rho, sEps, sU, sY } = dims;
  const r = s2.length;
  const chainHint = (): string =>
    rho >= 1
      ? `rho = ${rho} >= 1: the hidden chain does not settle and S_t = c_t I leaves the f64 range (T = ${T}). Use a smaller T, or rho < 1.`
      : `The hidden state is too large (sEps = ${sEps}, T = ${T}). Scale sEps down.`;
  let c = 1;
  for (let t = 1; t < T; t++) c = rho * rho * c + sEps * sEps;
  assertComputedFinite("S_T = c_T I", [c], chainHint);
  const u2 = sU * sU;
  const sx = new Float64Array(p).fill(u2);
  const values = new Float64Array(Math.min(p, k));
  const se = new Float64Array(k).fill(rho * rho * c + sEps * sEps + sY * sY);
  for (let j = 0; j < r; j++) {
    const l = c * s2[j]! + u2;
    sx[j] = l;
    if (l > 0) {
      values[j] = (rho * c * Math.sqrt(s2[j]!)) / l;
      se[j] = (rho * rho * c * u2) / l + sEps * sEps + sY * sY;
    }
  }
  const vx = maxAbs(sx);
  assertComputedFinite("Sx = diag(c s_j^2 + sU^2)", [vx], () => `x is too large (sU = ${sU}, c_T = ${c}). Scale sU down.`);
  const zero = sx.findIndex((l) => !(l > 0));
  if (zero >= 0) throw new NotPositiveDefiniteError("Sx", zero, sU === 0 && p > d ? singularSxHint(d, p) : "With sU = 0, Sx = c_T W^T W is singular when c_T = 0 (rho = 0 and sEps = 0 with T > 1). Use sU > 0.");
  const vy = rho * rho * c + sEps * sEps + sY * sY;
  assertComputedFinite("Sy", [vy], chainHint);
  let noise = 0;
  for (let i = 0; i < k; i++) noise += se[i]!;
  return {
    p,
    k,
    sx,
    bstar: { kind: "diagonal", values },
    se,
    noise,
    variances: { x: vx, y: vy },
    warnings: [...modelWarnings(dims), ...conditionWarnings(minOf(sx) / vx, p)],
  };
}

/**
 * The model of a spec in its eigenbasis, as the spectral sampler draws it: drawDiagonalModel for the paper's
 * family (SPEC 8a), else the explicit model's population turned by diagonalOfPopulation (SPEC 8b).
 * Internal: the spec is checked (validateModelSpec, or the experiment's settings), so it is not scanned again.
 * @throws as drawDiagonalModel, drawModel, population and diagonalOfPopulation, less their checks of the spec
 * @example const dm = spectralModel(modelSpecOf(settings, p), new RandomStream(seed, p, 0));
 */
export function spectralModel(spec: ModelSpec, stream: RandomStream): DiagonalModel {
  return isDiagonalFamily(spec)
    ? drawDiagonalModelUnchecked(spec, stream)
    : diagonalOfPopulationUnchecked(populationUnchecked(drawModelUnchecked(spec, stream)));
}

/**
 * SPEC 8b: the model in the eigenbases of its population's Sx and Se, B~* = U_x^T B* U_e (dense). Round-off
 * negatives of Se's eigenvalues are clamped to 0; noise stays tr(Se) as the population computed it.
 * @param pop the population (Sx p x p, Se k x k, Bstar p x k, Sy, noise, warnings)
 * @throws {NoConvergenceError} an eigensolver failed.
 * @example const dm = diagonalOfPopulation(population(model));
 */
export function diagonalOfPopulation(pop: Population): DiagonalModel {
  assertMatrix("Bstar", pop?.Bstar);
  const { rows: p, cols: k } = pop.Bstar;
  assertShape("Sx", pop.Sx, p, p);
  assertShape("Se", pop.Se, k, k);
  return diagonalOfPopulationUnchecked(pop);
}

/** diagonalOfPopulation for a population computed here (populationUnchecked), without scanning it again. */
function diagonalOfPopulationUnchecked(pop: Population): DiagonalModel {
  const { rows: p, cols: k } = pop.Bstar;
  const x = symmetricEigenUnchecked(pop.Sx, "Sx");
  const e = symmetricEigenUnchecked(pop.Se, "Se");
  const matrix = matmulUnchecked(matmulUnchecked(x.vectors, pop.Bstar, { transA: true }), e.vectors);
  return {
    p,
    k,
    sx: x.values.map((l) => Math.max(l, 0)),
    bstar: { kind: "dense", matrix },
    se: e.values.map((v) => Math.max(v, 0)),
    noise: pop.noise,
    variances: sampleVariances(pop),
    warnings: pop.warnings,
  };
}

/**
 * The diagonal model as the risk functions' population (risk/oracle.ts): Lx = diag(sqrt l) (p x p), B~* dense
 * (p x k), noise. For the primal side (p <= n), where p x p is small.
 * @param dm the diagonal model
 */
export function diagonalPopulation(dm: DiagonalModel): { Lx: Matrix; Bstar: Matrix; noise: number } {
  const { p, k } = dm;
  const Lx = matrix(p, p);
  for (let j = 0; j < p; j++) Lx.data[j * p + j] = Math.sqrt(dm.sx[j]!);
  let Bstar: Matrix;
  if (dm.bstar.kind === "dense") Bstar = dm.bstar.matrix;
  else {
    Bstar = matrix(p, k);
    dm.bstar.values.forEach((b, j) => (Bstar.data[j * k + j] = b));
  }
  return { Lx, Bstar, noise: dm.noise };
}

/**
 * w_j = ||row j of B~*||^2, the weights of SPEC 6's theory on the eigenvalues sx.
 * @param dm the diagonal model
 */
export function headWeights(dm: DiagonalModel): Float64Array {
  const w = new Float64Array(dm.p);
  if (dm.bstar.kind === "diagonal") dm.bstar.values.forEach((b, j) => (w[j] = b * b));
  else {
    const { data } = dm.bstar.matrix;
    for (let j = 0; j < dm.p; j++) for (let i = 0; i < dm.k; i++) w[j]! += data[j * dm.k + i]! ** 2;
  }
  return w;
}

function minOf(a: Float64Array): number {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) m = Math.min(m, a[i]!);
  return m;
}
