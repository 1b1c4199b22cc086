/**
 * The population of a token world at one size (SPEC 10c), from S_alpha: with S_alpha = L L^T and F = L^T W,
 *   Sx = F^T F + sU^2 I,  Cxy = F^T c (c = L^T G),  Sy = V_lab^T diag(pi) V_lab + sY^2 I,
 *   B* = Sx^+ Cxy,  Se = Sy - Cxy^T B*,  null risk tr(Sy),  Bayes risk tr(Sy) - tr(G^T S_alpha G) = tr(Sy) - ||c||^2.
 * The spectrum of Sx comes from the smaller of F^T F (p x p) and F F^T (H x H): for p > H the eigenvalues are
 * mu_i + sU^2 (mu_i those of F F^T, eigenvectors u_i) and p - H copies of sU^2 on which B* has no weight, and
 * B* = F^T U diag(1/l) U^T c, so the cost is O(p H (H + k) + H^3): Sx itself (p x p) is never formed.
 */
import { gram } from "../linalg/gram.js";
import { symmetricEigen } from "../linalg/eigen.js";
import { matmul } from "../linalg/matmul.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { frobenius2 } from "../linalg/norms.js";
import { snapZeroEigenvalues } from "../theory/spectrum.js";
import type { SizeSpectrum } from "../theory/types.js";
import type { Population } from "../hmm/population.js";
import type { Representation } from "./representation.js";
import type { TokenWorld } from "./world.js";

/** A token world's population at one size; risks are totals over the k outputs. Sx = F^T F + sU^2 I is never formed. */
export interface TokenPopulation extends Pick<Population, "Cxy" | "Sy" | "Bstar" | "Se" | "noise"> {
  p: number;
  k: number;
  /** H x p: Sx = F^T F + sU^2 I (F = L^T W with S_alpha = L L^T). */
  F: Matrix;
  sU: number;
  /** R(0) = tr(Sy). */
  nullRisk: number;
  /** The risk of the Bayes predictor alpha_T G: tr(Sy) - tr(G^T S_alpha G). */
  bayesRisk: number;
  /** Eigenvalues of Sx and the weights w_i = ||v_i^T B*||^2 (the input of every theory). */
  spectrum: SizeSpectrum;
}

/**
 * The population of representation `rep` in `world` given S_alpha.
 * @param world the world (P, pi, V_lab, G; spec.sY)
 * @param S S_alpha (H x H, symmetric positive semidefinite; rounding negatives are treated as 0)
 * @param rep the representation of the size
 * @throws {NoConvergenceError} an eigensolver failed
 * @example const pop = tokenPopulation(world, populationSAlpha(world, 1, 0).S, representationOf("features", 50, 0.5, 1, 0, 100));
 */
export function tokenPopulation(world: TokenWorld, S: Matrix, rep: Representation): TokenPopulation {
  const { k, sY } = world.spec;
  const { p, sU } = rep;
  const { F, c, basis, spectrum } = spectralParts(world, S, rep);
  const Cxy = matmul(F, c, { transA: true });
  const Bstar = basis.side === "primal" ? matmul(basis.vectors, basis.scaled) : matmul(F, matmul(basis.vectors, basis.scaled), { transA: true });
  const Sy = labelCovariance(world, sY);
  const CtB = matmul(Cxy, Bstar, { transA: true });
  const Se = matrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Se.data[i * k + j] = Sy.data[i * k + j]! - 0.5 * (CtB.data[i * k + j]! + CtB.data[j * k + i]!);
  const nullRisk = trace(Sy);
  const noise = Math.max(trace(Se), 0);
  return { p, k, F, sU, Cxy, Sy, Bstar, Se, noise, nullRisk, bayesRisk: nullRisk - frobenius2(c), spectrum: { ...spectrum, noise, k } };
}

/**
 * The spectrum of Sx with B*'s weights and tr(Se) = tr(Sy) - sum_i w_i l_i, without B* or Se: what the theory
 * of one S_alpha needs (the halves' theories).
 * @param world the world
 * @param S S_alpha (H x H)
 * @param rep the representation of the size
 * @throws {NoConvergenceError} an eigensolver failed
 * @example tokenSpectrum(world, sAlpha.halves[0], rep).noise
 */
export function tokenSpectrum(world: TokenWorld, S: Matrix, rep: Representation): SizeSpectrum {
  const { k, sY } = world.spec;
  const { eigenvalues, weights } = spectralParts(world, S, rep).spectrum;
  let signal = 0;
  for (let i = 0; i < eigenvalues.length; i++) signal += eigenvalues[i]! * weights[i]!;
  return { eigenvalues, weights, noise: Math.max(trace(labelCovariance(world, sY)) - signal, 0), k };
}

/** B* in the eigenbasis: primal B* = vectors scaled (p x p times p x k); dual B* = F^T vectors scaled (H x H times H x k). */
interface Basis {
  side: "primal" | "dual";
  vectors: Matrix;
  scaled: Matrix;
}

/** F = L^T W, c = L^T G, and the spectrum of Sx with B* in its eigenbasis (the primal or dual form, whichever is smaller). */
function spectralParts(world: TokenWorld, S: Matrix, rep: Representation): { F: Matrix; c: Matrix; basis: Basis; spectrum: Omit<SizeSpectrum, "noise" | "k"> } {
  const H = world.spec.H;
  const s2 = rep.sU * rep.sU;
  const Lt = squareRootTransposed(S);
  const F = rep.W === undefined ? Lt : matmul(Lt, rep.W);
  const c = matmul(Lt, world.G);
  const parts = rep.p <= H ? primalSpectrum(F, c, s2) : dualSpectrum(F, c, s2, rep.p);
  return { F, c, ...parts };
}

/** L^T with S = L L^T, L = Q diag(sqrt(max(s, 0))) from S = Q diag(s) Q^T. */
function squareRootTransposed(S: Matrix): Matrix {
  const { values, vectors } = symmetricEigen(S, "S_alpha");
  const H = S.rows;
  const Lt = matrix(H, H);
  for (let i = 0; i < H; i++) {
    const r = Math.sqrt(Math.max(values[i]!, 0));
    for (let j = 0; j < H; j++) Lt.data[i * H + j] = r * vectors.data[j * H + i]!;
  }
  return Lt;
}

/** Sy = V_lab^T diag(pi) V_lab + sY^2 I (k x k). */
function labelCovariance(world: TokenWorld, sY: number): Matrix {
  const { H, k } = world.spec;
  const Sy = matrix(k, k);
  for (let h = 0; h < H; h++) {
    const w = world.pi[h]!;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Sy.data[i * k + j]! += w * world.Vlab.data[h * k + i]! * world.Vlab.data[h * k + j]!;
  }
  for (let i = 0; i < k; i++) Sy.data[i * k + i]! += sY * sY;
  return Sy;
}

function trace(M: Matrix): number {
  let t = 0;
  for (let i = 0; i < M.rows; i++) t += M.data[i * M.cols + i]!;
  return t;
}

/**
 * p <= H: Sx = F^T F + sU^2 I (p x p) = V diag(l) V^T; B* = V diag(1/l) V^T Cxy over l > 0 (after snapping),
 * w_i = ||v_i^T Cxy||^2 / l_i^2.
 */
function primalSpectrum(F: Matrix, c: Matrix, s2: number): { basis: Basis; spectrum: Omit<SizeSpectrum, "noise" | "k"> } {
  const Sx = gram(F);
  const p = Sx.rows;
  for (let i = 0; i < p; i++) Sx.data[i * p + i]! += s2;
  const { values, vectors } = symmetricEigen(Sx, "Sx");
  const l = snapZeroEigenvalues(values);
  const t = matmul(vectors, matmul(F, c, { transA: true }), { transA: true });
  const { weights, scaled } = weigh(l, new Float64Array(l.length).fill(1), t);
  return { basis: { side: "primal", vectors, scaled }, spectrum: { eigenvalues: l, weights } };
}

/**
 * p > H: eig(F F^T) = U diag(mu) U^T; l = mu + sU^2 and p - H copies of sU^2 (weight 0);
 * B* = F^T U diag(1/l) U^T c, w_i = mu_i ||u_i^T c||^2 / l_i^2.
 */
function dualSpectrum(F: Matrix, c: Matrix, s2: number, p: number): { basis: Basis; spectrum: Omit<SizeSpectrum, "noise" | "k"> } {
  const H = F.rows;
  const { values, vectors } = symmetricEigen(gram(F, "XXt"), "F F^T");
  const eigenvalues = new Float64Array(p).fill(s2);
  for (let i = 0; i < H; i++) eigenvalues[i] = Math.max(values[i]!, 0) + s2;
  const l = snapZeroEigenvalues(eigenvalues);
  const mu = l.subarray(0, H).map((v) => Math.max(v - s2, 0));
  const t = matmul(vectors, c, { transA: true });
  const { weights, scaled } = weigh(l.subarray(0, H), mu, t);
  const all = new Float64Array(p);
  all.set(weights);
  return { basis: { side: "dual", vectors, scaled }, spectrum: { eigenvalues: l, weights: all } };
}

/**
 * For rows t_i of t: scaled_i = t_i / l_i and w_i = g_i ||t_i||^2 / l_i^2 where l_i > 0 (g_i = 1 in the primal
 * form, mu_i in the dual, where v_i^T B* = sqrt(mu_i) t_i / l_i), both 0 where l_i = 0.
 */
function weigh(l: Float64Array, g: Float64Array, t: Matrix): { weights: Float64Array; scaled: Matrix } {
  const { rows, cols: k } = t;
  const weights = new Float64Array(rows);
  const scaled = matrix(rows, k);
  for (let i = 0; i < rows; i++) {
    if (!(l[i]! > 0)) continue;
    let s = 0;
    for (let j = 0; j < k; j++) {
      const v = t.data[i * k + j]!;
      scaled.data[i * k + j] = v / l[i]!;
      s += v * v;
    }
    weights[i] = (g[i]! * s) / (l[i]! * l[i]!);
  }
  return { weights, scaled };
}
