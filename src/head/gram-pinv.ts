/**
 * The pseudo-inverse of a Gram matrix G (symmetric positive semi-definite), as the min-norm head and the
 * conditional risk need it: Cholesky when G is safely positive definite, otherwise a symmetric
 * eigendecomposition with numpy's pinv cut-off.
 *
 * Criterion. For G = L L^T every pivot satisfies lambda_min(G) <= L_ii^2 <= lambda_max(G), so
 * kappa_est = max L_ii^2 / min L_ii^2 is a lower bound on cond(G); for a near-null vector v of G the last
 * pivot obeys L_mm^2 <= lambda_min / v_m^2, so for a generic v (v_m^2 ~ 1/m) kappa_est is within a factor
 * ~ m of cond(G). The eigen path drops eigenvalues below rcond lambda_max with rcond = maxDim * eps; Cholesky
 * is kept only when even m * kappa_est stays below 1 / rcond, i.e. when
 *     min L_ii^2 > m * maxDim * eps * max L_ii^2,
 * so that (up to the factor-m slack) no eigenvalue the pinv rule would drop is inverted.
 */
import { NotPositiveDefiniteError } from "../errors.js";
import { choleskyUnchecked, choleskySolveUnchecked } from "../linalg/cholesky.js";
import { symmetricEigenUnchecked } from "../linalg/eigen.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import { triangularSolveUnchecked } from "../linalg/triangular.js";

export interface GramPinv {
  kind: "cholesky" | "eigen";
  /** G^+ R (m x c for R m x c). */
  solve(R: Matrix): Matrix;
  /** H^T R where G^+ = H H^T (Cholesky: H = L^{-T}; eigen: H = V_r diag(lambda_r^{-1/2})). */
  whiten(R: Matrix): Matrix;
}

/**
 * G^+ through L L^T = G, or through G = V diag(lambda) V^T keeping lambda_j > maxDim * eps * lambda_max
 * (see the file header for the switch).
 * @param G m x m symmetric positive semi-definite (a Gram matrix; not checked)
 * @param maxDim max(n, p) of the data matrix G came from (the rcond factor)
 * @throws {NoConvergenceError} the eigensolver failed.
 */
export function gramPinv(G: Matrix, maxDim: number): GramPinv {
  const m = G.rows;
  const L = choleskyOrNull(G);
  if (L !== null && choleskyTrusted(m, maxDim, (i) => L.data[i * m + i]!)) {
    return {
      kind: "cholesky",
      solve: (R) => choleskySolveUnchecked(L, R),
      whiten: (R) => triangularSolveUnchecked(L, R),
    };
  }
  const { values, vectors } = symmetricEigenUnchecked(G);
  const cut = m === 0 ? 0 : maxDim * Number.EPSILON * values[m - 1]!;
  let first = 0;
  while (first < m && !(values[first]! > cut)) first++;
  const r = m - first;
  const H = matrix(m, r);
  for (let j = 0; j < r; j++) {
    const s = 1 / Math.sqrt(values[first + j]!);
    for (let i = 0; i < m; i++) H.data[i * r + j] = vectors.data[i * m + first + j]! * s;
  }
  const whiten = (R: Matrix): Matrix => matmulUnchecked(H, R, { transA: true });
  return { kind: "eigen", solve: (R) => matmulUnchecked(H, whiten(R)), whiten };
}

function choleskyOrNull(G: Matrix): Matrix | null {
  try {
    return choleskyUnchecked(G, "Gram");
  } catch (err) {
    if (err instanceof NotPositiveDefiniteError) return null;
    throw err;
  }
}

/**
 * Whether the Cholesky factor of an m x m Gram may be used (see the file header): min L_ii^2 > m maxDim eps max L_ii^2.
 * @param m order of the Gram
 * @param maxDim max(n, p) of the data matrix it came from
 * @param pivot L_ii for i < m
 */
export function choleskyTrusted(m: number, maxDim: number, pivot: (i: number) => number): boolean {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < m; i++) {
    const d2 = pivot(i) ** 2;
    lo = Math.min(lo, d2);
    hi = Math.max(hi, d2);
  }
  return m === 0 || lo > m * maxDim * Number.EPSILON * hi;
}
