/**
 * The orthogonal factor of a square QR with a positive diagonal R: applied to a Gaussian matrix, it is a
 * Haar-distributed orthogonal matrix (Mezzadri 2007, "How to generate random matrices from the classical
 * compact groups"). Blocked Householder QR: each panel of NB columns is factored column by column, its
 * reflectors are gathered as I - V T V^T (compact WY), and the trailing columns are updated with three
 * matrix products; Q is accumulated backwards by panels the same way; finally Q <- Q diag(sign R_jj).
 * See: LAPACK dgeqrf (dgeqr2, dlarft, dlarfb) and dorgqr.
 */
import { matmulUnchecked } from "../linalg/matmul.js";
import { transpose, type Matrix } from "../linalg/matrix.js";
import { assertMatrix, assertSquare } from "../validate.js";

/** Panel width: the matrix products do the O(n^3) work once panels are this wide. */
const NB = 32;

/**
 * Q of G = Q R with Q orthogonal and R upper triangular with R_jj >= 0 (unique where G is invertible).
 * The factorization works on a column-major copy (each column contiguous); cost 8/3 n^3, mostly in matmul.
 * @param G square n x n matrix
 * @returns Q, n x n
 * @throws {ShapeError} G is not square.
 * @throws {NonFiniteError} G has NaN or Infinity.
 * @example const Q = orthogonalFactor(stream.normalMatrix(5, 5)); // Haar on O(5)
 */
export function orthogonalFactor(G: Matrix): Matrix {
  assertMatrix("G", G);
  assertSquare("G", G);
  return orthogonalFactorUnchecked(G);
}

/**
 * orthogonalFactor of a square finite G the caller made (a Gaussian draw of checked size): not checked again.
 * @param G square n x n matrix, finite
 */
export function orthogonalFactorUnchecked(G: Matrix): Matrix {
  const n = G.rows;
  // a[j * n + i] = G_ij: the column-major copy; the reflectors' vectors end up below its diagonal.
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[j * n + i] = G.data[i * n + j]!;
  const tau = new Float64Array(n);
  const sign = new Float64Array(n);
  const panels: { j0: number; V: Matrix; T: Matrix }[] = [];
  for (let j0 = 0; j0 < n; j0 += NB) {
    const nb = Math.min(NB, n - j0);
    for (let j = j0; j < j0 + nb; j++) {
      sign[j] = householder(a, n, j, tau);
      if (tau[j] !== 0) applyReflector(a, n, j, tau[j]!, j + 1, j0 + nb);
    }
    const V = panelVectors(a, n, j0, nb);
    const T = triangularFactor(V, tau, j0);
    panels.push({ j0, V, T });
    if (j0 + nb < n) {
      // Trailing columns C (rows j0.., columns j0+nb..): C <- (I - V T^T V^T) C, i.e. with Ct = C^T
      // (the rows of Ct are the columns of C, contiguous in a): Ct <- Ct - ((Ct V) T) V^T.
      updateBlock(a, n, j0 + nb, j0, V, T);
    }
  }
  // Q = Q_1 Q_2 ... on the identity, last panel first: Q[j0:, j0:] <- (I - V T V^T) Q[j0:, j0:], i.e. on the
  // column-major q, Qt <- Qt - ((Qt V) T^T) V^T.
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let b = panels.length - 1; b >= 0; b--) {
    const { j0, V, T } = panels[b]!;
    updateBlock(q, n, j0, j0, V, transpose(T));
  }
  const Q = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const s = sign[c]!;
    for (let i = 0; i < n; i++) Q[i * n + c] = q[c * n + i]! * s;
  }
  return { rows: n, cols: n, data: Q };
}

/**
 * Reflector H_j = I - tau v v^T (v_j = 1, v stored below the diagonal of column j) mapping column j's rows
 * j.. to (beta, 0, ..., 0); sets tau[j] and returns sign(beta) (+1 when the column is already zero).
 */
function householder(a: Float64Array, n: number, j: number, tau: Float64Array): number {
  const cj = j * n;
  const alpha = a[cj + j]!;
  let scale = 0;
  for (let i = j; i < n; i++) scale = Math.max(scale, Math.abs(a[cj + i]!));
  if (scale === 0) {
    tau[j] = 0;
    return 1;
  }
  let ss = 0;
  for (let i = j; i < n; i++) ss += (a[cj + i]! / scale) ** 2;
  const beta = (alpha >= 0 ? -1 : 1) * scale * Math.sqrt(ss);
  tau[j] = (beta - alpha) / beta;
  const inv = 1 / (alpha - beta);
  for (let i = j + 1; i < n; i++) a[cj + i]! *= inv;
  a[cj + j] = beta;
  return beta >= 0 ? 1 : -1;
}

/** Columns c in [from, to) of the column-major a, rows j.., become (I - tau v v^T) times themselves (v of column j). */
function applyReflector(a: Float64Array, n: number, j: number, tau: number, from: number, to: number): void {
  const vj = j * n;
  for (let c = from; c < to; c++) {
    const mc = c * n;
    let w = a[mc + j]!;
    for (let i = j + 1; i < n; i++) w += a[vj + i]! * a[mc + i]!;
    w *= tau;
    a[mc + j]! -= w;
    for (let i = j + 1; i < n; i++) a[mc + i]! -= w * a[vj + i]!;
  }
}

/** V (m x nb, m = n - j0): column c is the reflector vector of column j0 + c, unit at row c, zero above. */
function panelVectors(a: Float64Array, n: number, j0: number, nb: number): Matrix {
  const m = n - j0;
  const V = new Float64Array(m * nb);
  for (let c = 0; c < nb; c++) {
    V[c * nb + c] = 1;
    for (let l = c + 1; l < m; l++) V[l * nb + c] = a[(j0 + c) * n + j0 + l]!;
  }
  return { rows: m, cols: nb, data: V };
}

/** Upper triangular T with H_{j0} ... H_{j0+nb-1} = I - V T V^T (LAPACK dlarft, forward, columnwise). */
function triangularFactor(V: Matrix, tau: Float64Array, j0: number): Matrix {
  const { rows: m, cols: nb } = V;
  const T = new Float64Array(nb * nb);
  const w = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    const t = tau[j0 + i]!;
    // w = V[:, 0:i]^T v_i, then T[0:i, i] = -tau_i T[0:i, 0:i] w.
    for (let r = 0; r < i; r++) {
      let s = 0;
      for (let l = i; l < m; l++) s += V.data[l * nb + r]! * V.data[l * nb + i]!;
      w[r] = s;
    }
    for (let r = 0; r < i; r++) {
      let s = 0;
      for (let c = r; c < i; c++) s += T[r * nb + c]! * w[c]!;
      T[r * nb + i] = -t * s;
    }
    T[i * nb + i] = t;
  }
  return { rows: nb, cols: nb, data: T };
}

/**
 * On the column-major n x n array x, the block of columns c >= colFrom and rows i >= rowFrom, seen as the
 * row-major Xt (rows = columns of x): Xt <- Xt - ((Xt V) S) V^T, with V (n - rowFrom) x nb.
 */
function updateBlock(x: Float64Array, n: number, colFrom: number, rowFrom: number, V: Matrix, S: Matrix): void {
  const rows = n - colFrom;
  const m = n - rowFrom;
  const Xt = new Float64Array(rows * m);
  for (let c = 0; c < rows; c++) Xt.set(x.subarray((colFrom + c) * n + rowFrom, (colFrom + c + 1) * n), c * m);
  const block = { rows, cols: m, data: Xt };
  const D = matmulUnchecked(matmulUnchecked(matmulUnchecked(block, V), S), V, { transB: true });
  for (let c = 0; c < rows; c++) {
    const base = (colFrom + c) * n + rowFrom;
    for (let i = 0; i < m; i++) x[base + i]! -= D.data[c * m + i]!;
  }
}

/**
 * The f64 orthogonalFactor of a d x d matrix holds in WebAssembly memory at once: the matrix, its panel of 32
 * columns with the block reflector, and the block update's workspace, d^2 + 64 d + 1024.
 * @param d order of the matrix
 * @example orthogonalFactorMemory(100) // 17424
 */
export function orthogonalFactorMemory(d: number): number {
  return d * d + 64 * d + 1024;
}
