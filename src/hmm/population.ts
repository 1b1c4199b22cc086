/**
 * Exact population quantities of the HMM (SPEC section 2): the Lyapunov recursion for the hidden
 * covariance, the joint covariance of (x_T, y), the best linear head B* and the residual covariance Se.
 */
import { cholesky } from "../linalg/cholesky.js";
import { gram } from "../linalg/gram.js";
import { matmul } from "../linalg/matmul.js";
import { identity, type Matrix } from "../linalg/matrix.js";
import { triangularSolve } from "../linalg/triangular.js";
import { isIdentity, type Model } from "./model.js";

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
}

/**
 * S_{t+1} = A^T S_t A + sEps^2 I from S_1 = I up to S_T; Sx = W^T S_T W + sU^2 I; Cxy = W^T S_T A V;
 * Sy = V^T (A^T S_T A + sEps^2 I) V + sY^2 I; B* = Sx^{-1} Cxy; Se = Sy - B*^T Sx B*; noise = tr(Se).
 * With Sx = Lx Lx^T and F = Lx^{-1} Cxy: B* = Lx^{-T} F and Se = Sy - F^T F, so that Se is exactly
 * symmetric. Products meant to be symmetric are symmetrized. V is not multiplied when it is exactly I.
 * @param model the HMM (A d x d, W d x p, V d x k)
 * @returns the population quantities (fresh matrices)
 * @throws {NotPositiveDefiniteError} Sx is singular (possible only when sU = 0 and p > rank of W).
 * @example const pop = population(model); pop.noise / model.k; // per-output noise
 */
export function population(model: Model): Population {
  const { d, T, sEps, sU, sY, A, W, V } = model;
  let ST = identity(d);
  for (let t = 1; t < T; t++) ST = lyapunovStep(ST, A, sEps);
  const SA = matmul(ST, A);
  const Sx = symmetrizedPlusDiagonal(matmul(W, matmul(ST, W), { transA: true }), sU * sU);
  const Cxy = timesV(matmul(W, SA, { transA: true }), V);
  const SNext = symmetrizedPlusDiagonal(matmul(A, SA, { transA: true }), sEps * sEps);
  const Sy = symmetrizedPlusDiagonal(isIdentity(V) ? SNext : matmul(V, matmul(SNext, V), { transA: true }), sY * sY);
  const Lx = cholesky(Sx, "Sx");
  const F = triangularSolve(Lx, Cxy);
  const Bstar = triangularSolve(Lx, F, { transpose: true });
  const FtF = gram(F);
  const Se = { rows: Sy.rows, cols: Sy.cols, data: Sy.data.map((v, i) => v - FtF.data[i]!) };
  let noise = 0;
  for (let i = 0; i < Se.rows; i++) noise += Se.data[i * Se.cols + i]!;
  return { ST, Sx, Cxy, Sy, Bstar, Se, noise, Lx };
}

/** A^T S A + sEps^2 I. */
function lyapunovStep(S: Matrix, A: Matrix, sEps: number): Matrix {
  return symmetrizedPlusDiagonal(matmul(A, matmul(S, A), { transA: true }), sEps * sEps);
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
  return isIdentity(V) ? M : matmul(M, V);
}
