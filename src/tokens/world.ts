/**
 * Drawing a token world (SPEC 10a, 10c): transitions P = rho Pi + (1 - rho) D, emissions E with Dirichlet rows,
 * the stationary start law pi, the task's labels V_lab and the Bayes head G = P V_lab; each part from its own
 * stream (streams.ts).
 */
import { matmul } from "../linalg/matmul.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { validateTokenSpec, type TokenWorldSpec } from "./spec.js";
import { stationaryLaw } from "./stationary.js";
import { worldStream } from "./streams.js";

/** The sizes and target noise a world's samples need (a drawn world keeps its whole TokenWorldSpec). */
export type TokenWorldShape = Pick<TokenWorldSpec, "H" | "V" | "T" | "k" | "sY">;

/** A token world: the HMM and its task. Matrices are row-major; rows of P and E sum to 1. */
export interface TokenWorld {
  spec: TokenWorldShape;
  /** H x H transitions. */
  P: Matrix;
  /** H x V emissions. */
  E: Matrix;
  /** Stationary law (H): pi P = pi. */
  pi: Float64Array;
  /** H x k labels: y = V_lab[h_{T+1}, :] + sY xi. */
  Vlab: Matrix;
  /** H x k Bayes head: E[y | o_1..o_T] = alpha_T G, G = P V_lab. */
  G: Matrix;
}

/**
 * The world of key `key` (streams.ts): Pi a uniformly random permutation (Fisher-Yates on uniforms), rows of D
 * iid Dirichlet(aTr 1_H) (D = 1 1^T / H when aTr = Infinity), rows of E iid Dirichlet(beta 1_V), V_lab iid N(0, 1).
 * @param spec the world's settings (validated here)
 * @param seed the sweep's seed, a non-negative safe integer
 * @param key 0 for a world shared by every size, else the size p
 * @throws {ArgumentError} a setting is invalid (validateTokenSpec), or seed or key is out of range
 * @throws {NoConvergenceError} P has no unique stationary law (only when D has zero rows and rho Pi is reducible)
 * @example const world = drawTokenWorld({ H: 50, V: 32, T: 10, k: 4, rho: 0.8, aTr: 1, beta: 0.1, sU: 0.5, sY: 0.5 }, 1, 0);
 */
export function drawTokenWorld(spec: TokenWorldSpec, seed: number, key: number): TokenWorld {
  validateTokenSpec(spec);
  const { H, V, k, rho, aTr, beta } = spec;
  const P = transitions(H, rho, aTr, seed, key);
  const E = worldStream(seed, key, "emissions").dirichlet(H, V, beta);
  const Vlab = worldStream(seed, key, "labels").normalMatrix(H, k);
  return { spec, P, E, pi: stationaryLaw(P), Vlab, G: matmul(P, Vlab) };
}

/** P = rho Pi + (1 - rho) D from the transitions stream: H uniforms for Pi, then the H rows of D. */
function transitions(H: number, rho: number, aTr: number, seed: number, key: number): Matrix {
  const stream = worldStream(seed, key, "transitions");
  const u = stream.uniform(H);
  const perm = Array.from({ length: H }, (_, i) => i);
  for (let i = H - 1; i > 0; i--) {
    const j = Math.floor(u[i]! * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const D = Number.isFinite(aTr) ? stream.dirichlet(H, H, aTr) : matrix(H, H, new Float64Array(H * H).fill(1 / H));
  const P = matrix(H, H);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < H; j++) P.data[i * H + j] = (1 - rho) * D.data[i * H + j]!;
    P.data[i * H + perm[i]!]! += rho;
  }
  return P;
}
