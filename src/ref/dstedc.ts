/**
 * Plain-TypeScript twin of assembly/linalg/dstedc.ts and dlaed1.ts: the eigenpairs of a symmetric
 * tridiagonal T by divide and conquer (Cuppen, as stabilized by Gu and Eisenstat; LAPACK dstedc / dlaed0-4).
 *
 * T is torn at its middle into T = diag(T1, T2) + |beta| u u^T, u = e_last(T1) + sign(beta) e_first(T2),
 * beta = T[n1][n1-1], the two diagonal entries next to the cut lowered by |beta|. Each half is solved
 * recursively (leaves of at most LEAF rows by implicit QL from the identity), and the halves are merged:
 * with T_k = Q_k D_k Q_k^T, T = Q (D + rho z z^T) Q^T, Q = diag(Q1, Q2), z = Q^T u / sqrt 2, rho = 2 |beta|.
 * The merge sorts D, deflates (rho |z_j| <= tol: (d_j, q_j) is already an eigenpair; two close d's: a Givens
 * rotation of their columns zeroes one z entry), solves the secular equation for the K remaining roots
 * (refSecularRoot), recomputes z from the roots by Loewner's formula so that the vectors z_i / (d_i - lambda_j)
 * are orthogonal to working precision, and multiplies the kept columns of Q by those vectors.
 * T is first scaled by a power of two to max |T_ij| in [1, 2) (dstedc scales to 1), and the values back.
 * The kernel computes the same quantities bottom-up in place with the products by dgemm; this twin recurses.
 */
import { ql } from "./ql.js";
import { refSecularRoot, type SecularRoot } from "./secular.js";

/** Largest subproblem solved by QL (LAPACK's SMLSIZ). */
export const DC_LEAF = 25;
/** The unit roundoff 2^-53 (LAPACK's dlamch('E')). */
const UNIT = 2 ** -53;

export interface TridiagEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** m x m row-major; column j is the eigenvector of values[j]. */
  Z: Float64Array;
  /** 0, or k + 1 when the QL iteration or a secular equation of the subproblem starting at row k failed. */
  info: number;
}

/**
 * T = Z diag(values) Z^T for the tridiagonal with diagonal d and e[i] = T[i+1][i].
 * @param d diagonal, m entries
 * @param e subdiagonal, m - 1 entries
 * @returns values ascending, Z with the eigenvectors as columns, status
 * @example refDivideAndConquer(Float64Array.of(2, 2), Float64Array.of(1)).values // [1, 3]
 */
export function refDivideAndConquer(d: Float64Array, e: Float64Array): TridiagEigen {
  let tmax = 0;
  for (const v of d) tmax = Math.max(tmax, Math.abs(v));
  for (const v of e) tmax = Math.max(tmax, Math.abs(v));
  const sigma = tmax > 0 ? 2 ** -Math.floor(Math.log2(tmax)) : 1;
  const result = solve(
    d.map((v) => v * sigma),
    e.map((v) => v * sigma),
  );
  for (let j = 0; j < result.values.length; j++) result.values[j] = result.values[j]! / sigma;
  return result;
}

/** The recursion, on T scaled so that max |T_ij| lies in [1, 2) (a power of two: exact). */
function solve(d: Float64Array, e: Float64Array): TridiagEigen {
  const m = d.length;
  if (m <= DC_LEAF) return leaf(d, e);
  const n1 = m >> 1;
  const beta = e[n1 - 1]!;
  const d1 = d.slice(0, n1);
  const d2 = d.slice(n1);
  d1[n1 - 1] = d1[n1 - 1]! - Math.abs(beta);
  d2[0] = d2[0]! - Math.abs(beta);
  const top = solve(d1, e.slice(0, n1 - 1));
  if (top.info !== 0) return top;
  const bottom = solve(d2, e.slice(n1));
  if (bottom.info !== 0) return { ...bottom, info: bottom.info + n1 };
  return merge(top, bottom, beta);
}

/** QL on the rows of the identity, then the rows sorted by eigenvalue and transposed into columns. */
function leaf(d: Float64Array, e: Float64Array): TridiagEigen {
  const m = d.length;
  const values = d.slice();
  const shifted = new Float64Array(m);
  for (let i = 1; i < m; i++) shifted[i] = e[i - 1]!;
  const rows = new Float64Array(m * m);
  for (let i = 0; i < m; i++) rows[i * m + i] = 1;
  const info = ql(m, values, shifted, rows);
  const order = sortedOrder(values);
  const Z = new Float64Array(m * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) Z[i * m + j] = rows[order[j]! * m + i]!;
  return { values: Float64Array.from(order, (k) => values[k]!), Z, info };
}

/** The eigenpairs of diag(T1, T2) + |beta| u u^T from those of T1 and T2. */
function merge(top: TridiagEigen, bottom: TridiagEigen, beta: number): TridiagEigen {
  const n1 = top.values.length;
  const m = n1 + bottom.values.length;
  const Q = new Float64Array(m * m);
  for (let i = 0; i < n1; i++) for (let j = 0; j < n1; j++) Q[i * m + j] = top.Z[i * n1 + j]!;
  const n2 = m - n1;
  for (let i = 0; i < n2; i++) for (let j = 0; j < n2; j++) Q[(n1 + i) * m + n1 + j] = bottom.Z[i * n2 + j]!;
  const D = new Float64Array(m);
  D.set(top.values);
  D.set(bottom.values, n1);
  // z = Q^T u / sqrt 2: the last row of Q1 and the first row of Q2 (times the sign of beta).
  const z = new Float64Array(m);
  const sign = beta < 0 ? -1 : 1;
  for (let j = 0; j < n1; j++) z[j] = top.Z[(n1 - 1) * n1 + j]! * Math.SQRT1_2;
  for (let j = 0; j < n2; j++) z[n1 + j] = sign * bottom.Z[j]! * Math.SQRT1_2;
  const rho = 2 * Math.abs(beta);
  const { kept, deflated } = deflate(m, D, z, Q, rho);
  const K = kept.length;
  const dl = Float64Array.from(kept, (j) => D[j]!);
  const zl = Float64Array.from(kept, (j) => z[j]!);
  const roots: SecularRoot[] = [];
  for (let i = 0; i < K; i++) {
    const root = refSecularRoot(dl, zl, rho, i);
    if (root === null) return { values: D, Z: Q, info: i + 1 };
    roots.push(root);
  }
  const delta = (i: number, j: number) => dl[i]! - dl[roots[j]!.origin]! - roots[j]!.tau;
  // Loewner: zhat_i^2 = -delta_i(lambda_i) prod_{j != i} delta_i(lambda_j) / (d_i - d_j), up to the factor rho.
  const zhat = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let w = -delta(i, i);
    for (let j = 0; j < K; j++) if (j !== i) w *= delta(i, j) / (dl[i]! - dl[j]!);
    zhat[i] = Math.sign(zl[i]!) * Math.sqrt(w);
  }
  const pairs: { value: number; vector: Float64Array }[] = [];
  for (let j = 0; j < K; j++) {
    const s = Float64Array.from(zhat, (w, i) => w / delta(i, j));
    let norm = 0;
    for (let i = 0; i < K; i++) norm += s[i]! * s[i]!;
    norm = Math.sqrt(norm);
    const vector = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      let acc = 0;
      for (let i = 0; i < K; i++) acc += Q[r * m + kept[i]!]! * s[i]!;
      vector[r] = acc / norm;
    }
    pairs.push({ value: dl[roots[j]!.origin]! + roots[j]!.tau, vector });
  }
  for (const j of deflated) pairs.push({ value: D[j]!, vector: Float64Array.from({ length: m }, (_, r) => Q[r * m + j]!) });
  pairs.sort((a, b) => a.value - b.value);
  const Z = new Float64Array(m * m);
  pairs.forEach((p, j) => p.vector.forEach((v, r) => (Z[r * m + j] = v)));
  return { values: Float64Array.from(pairs, (p) => p.value), Z, info: 0 };
}

/**
 * LAPACK dlaed2's deflation, in the order of increasing D: z_j with rho |z_j| <= tol is dropped; of two
 * neighbours (in that order) with |(d_j - d_p) c s| <= tol for the rotation (c, s) that moves z_p into z_j,
 * p is dropped after rotating columns p and j of Q (and D) by it. tol = 8 u max(max |D|, max |z|).
 * Returns the columns kept (D ascending, strictly) and those deflated.
 */
function deflate(m: number, D: Float64Array, z: Float64Array, Q: Float64Array, rho: number): { kept: number[]; deflated: number[] } {
  const order = sortedOrder(D);
  let dmax = 0;
  let zmax = 0;
  for (let j = 0; j < m; j++) {
    dmax = Math.max(dmax, Math.abs(D[j]!));
    zmax = Math.max(zmax, Math.abs(z[j]!));
  }
  const tol = 8 * UNIT * Math.max(dmax, zmax);
  if (rho * zmax <= tol) return { kept: [], deflated: order };
  const kept: number[] = [];
  const deflated: number[] = [];
  let prev = -1;
  for (const j of order) {
    if (rho * Math.abs(z[j]!) <= tol) {
      deflated.push(j);
      continue;
    }
    if (prev < 0) {
      prev = j;
      continue;
    }
    const tau = Math.hypot(z[j]!, z[prev]!);
    const c = z[j]! / tau;
    const s = -z[prev]! / tau;
    const t = D[j]! - D[prev]!;
    if (Math.abs(t * c * s) <= tol) {
      z[j] = tau;
      z[prev] = 0;
      for (let r = 0; r < m; r++) {
        const qp = Q[r * m + prev]!;
        const qj = Q[r * m + j]!;
        Q[r * m + prev] = c * qp + s * qj;
        Q[r * m + j] = c * qj - s * qp;
      }
      const dp = D[prev]! * c * c + D[j]! * s * s;
      D[j] = D[prev]! * s * s + D[j]! * c * c;
      D[prev] = dp;
      deflated.push(prev);
    } else {
      kept.push(prev);
    }
    prev = j;
  }
  kept.push(prev);
  return { kept, deflated };
}

/** Indices of x in increasing order of value (stable). */
function sortedOrder(x: Float64Array): number[] {
  return Array.from(x.keys()).sort((a, b) => x[a]! - x[b]! || a - b);
}
