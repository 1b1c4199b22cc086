// One merge of divide and conquer: the eigenpairs of diag(T1, T2) + |beta| u u^T, u = e_last(T1) +
// sign(beta) e_first(T2), from those of T1 (n1 x n1) and T2 (n2 x n2), in place in the basis Z.
//
// Algorithm (LAPACK dlaed1 = dlaed2 + dlaed3). On entry the diagonal block of Z at (s, s) holds the
// children's eigenvectors Q1, Q2 as columns, d[s..) their eigenvalues and indxq[s..) each child's ascending
// order. With rho = 2 |beta| and z = Q^T u / sqrt 2 (the last row of Q1, the first of Q2 times sign(beta)):
//   deflate (dlaed2): in ascending order of d, a column with rho |z_j| <= tol = 8 u max(|d|, |z|) is
//     already an eigenvector; of two neighbours p, j with |(d_j - d_p) c s| <= tol for the Givens rotation
//     (c, s) that moves z_p into z_j, p is rotated out. The K kept columns are grouped by their row support
//     (1: top rows only, 2: both, 3: bottom rows only) and packed: the top rows of types 1-2 and the bottom
//     rows of types 2-3, contiguous, and the deflated columns whole;
//   secular equation (dlaed4.ts) for the K roots, as pole + offset;
//   Loewner (Gu and Eisenstat): zhat_i^2 = -delta_i(lambda_i) prod_{j != i} delta_i(lambda_j) / (d_i - d_j),
//     so that the vectors zhat_i / delta_i(lambda_j) are orthogonal to working precision whatever the
//     accuracy of the roots; they are normalized into the rows of S^T (row j: root j, columns in type order);
//   update (dlaed3): Z[top, 0:K) = Ptop S^T[:, 0:n12)^T and Z[bottom, 0:K) = Pbot S^T[:, c1:K)^T, two dgemm
//     calls that skip the zero blocks of diag(Q1, Q2); the deflated columns go back after them.
// On exit the block holds the new eigenvectors (roots first, then the deflated ones), d[s..) the values and
// indxq[s..) their ascending order. Returns 0, or (root index + 1) if a secular equation failed.
//
// see: LAPACK dlaed1, dlaed2, dlaed3; Gu and Eisenstat (SIMAX 1995); the plain-TS twin src/ref/dstedc.ts.
import { dgemm } from "./dgemm";
import { rootOrigin, rootTau, secularRoot } from "./dlaed4";
import { ldf, ldi, stf, sti } from "./elem";

/** The unit roundoff 2^-53 (LAPACK's dlamch('E')). */
const UNIT: f64 = reinterpret<f64>(<u64>(1023 - 53) << 52);

let ldz = 0;
let zbase: usize = 0;
let pack: usize = 0;
let st: usize = 0;
// f64 vectors of n: z, the kept poles (then the deflated values), their z, zhat, the roots' offsets.
let zv: usize = 0;
let dl: usize = 0;
let zl: usize = 0;
let what: usize = 0;
let taus: usize = 0;
// i32 vectors of n: merged order, column type, kept and deflated columns, type position, its column, origins.
let indx: usize = 0;
let coltyp: usize = 0;
let kept: usize = 0;
let defl: usize = 0;
let rowOf: usize = 0;
let perm: usize = 0;
let orig: usize = 0;

/**
 * Sets the workspace for merges on the basis z (n x n, row stride n): pack and st hold n^2 f64 each, vec
 * 5 n f64, ivec 7 n i32.
 */
export function mergeBegin(n: i32, z: usize, p: usize, s: usize, vec: usize, ivec: usize): void {
  ldz = n;
  zbase = z;
  pack = p;
  st = s;
  const vb = <usize>n << 3;
  zv = vec;
  dl = vec + vb;
  zl = vec + 2 * vb;
  what = vec + 3 * vb;
  taus = vec + 4 * vb;
  const ib = <usize>n << 2;
  indx = ivec;
  coltyp = ivec + ib;
  kept = ivec + 2 * ib;
  defl = ivec + 3 * ib;
  rowOf = ivec + 4 * ib;
  perm = ivec + 5 * ib;
  orig = ivec + 6 * ib;
}

/** Merges the children at rows s .. s+n1 and s+n1 .. s+n1+n2 (see the header). */
export function merge(s: i32, n1: i32, n2: i32, beta: f64, d0: usize, iq0: usize): i32 {
  const nm = n1 + n2;
  const rs = <usize>ldz << 3;
  const b = zbase + <usize>s * rs + (<usize>s << 3);
  const d = d0 + (<usize>s << 3);
  const iq = iq0 + (<usize>s << 2);
  const sign = beta < 0 ? -Math.SQRT1_2 : Math.SQRT1_2;
  for (let j = 0; j < n1; j++) stf(zv, j, ldf(b + <usize>(n1 - 1) * rs, j) * Math.SQRT1_2);
  for (let j = n1; j < nm; j++) stf(zv, j, ldf(b + <usize>n1 * rs, j) * sign);
  const rho = 2 * Math.abs(beta);
  mergeOrder(d, iq, n1, n2);
  // Deflation.
  let dmax = 0.0;
  let zmax = 0.0;
  for (let j = 0; j < nm; j++) {
    dmax = Math.max(dmax, Math.abs(ldf(d, j)));
    zmax = Math.max(zmax, Math.abs(ldf(zv, j)));
    sti(coltyp, j, j < n1 ? 1 : 3);
  }
  const tol = 8 * UNIT * Math.max(dmax, zmax);
  let k = 0;
  let k4 = 0;
  if (rho * zmax <= tol) {
    for (let t = 0; t < nm; t++) sti(defl, t, ldi(indx, t));
    k4 = nm;
  } else {
    let prev = -1;
    for (let t = 0; t < nm; t++) {
      const j = ldi(indx, t);
      if (rho * Math.abs(ldf(zv, j)) <= tol) {
        k4 = insertDeflated(d, k4, j);
        continue;
      }
      if (prev < 0) {
        prev = j;
        continue;
      }
      const zj = ldf(zv, j);
      const zp = ldf(zv, prev);
      const h = hypot(zj, zp);
      const c = zj / h;
      const sn = -zp / h;
      const dj = ldf(d, j);
      const dp = ldf(d, prev);
      if (Math.abs((dj - dp) * c * sn) <= tol) {
        stf(zv, j, h);
        stf(zv, prev, 0);
        rotateColumns(b, rs, nm, prev, j, c, sn);
        stf(d, prev, dp * c * c + dj * sn * sn);
        stf(d, j, dp * sn * sn + dj * c * c);
        if (ldi(coltyp, j) != ldi(coltyp, prev)) sti(coltyp, j, 2);
        k4 = insertDeflated(d, k4, prev);
      } else {
        sti(kept, k++, prev);
      }
      prev = j;
    }
    sti(kept, k++, prev);
  }
  // Type order of the kept columns, and the packed copies.
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < k; i++) {
    const ty = ldi(coltyp, ldi(kept, i));
    if (ty == 1) c1++;
    else if (ty == 2) c2++;
  }
  let next1 = 0;
  let next2 = c1;
  let next3 = c1 + c2;
  for (let i = 0; i < k; i++) {
    const j = ldi(kept, i);
    const ty = ldi(coltyp, j);
    const pos = ty == 1 ? next1++ : ty == 2 ? next2++ : next3++;
    sti(rowOf, i, pos);
    sti(perm, pos, j);
    stf(dl, i, ldf(d, j));
    stf(zl, i, ldf(zv, j));
  }
  for (let t = 0; t < k4; t++) stf(dl, k + t, ldf(d, ldi(defl, t)));
  const n12 = c1 + c2;
  const n23 = k - c1;
  const ptop = pack;
  const pbot = pack + (<usize>(n1 * n12) << 3);
  const pdef = pbot + (<usize>(n2 * n23) << 3);
  gatherColumns(b, rs, n1, perm, n12, ptop);
  gatherColumns(b + <usize>n1 * rs, rs, n2, perm + (<usize>c1 << 2), n23, pbot);
  gatherColumns(b, rs, nm, defl, k4, pdef);
  // Secular equation, Loewner's zhat, and the rows of S^T.
  for (let i = 0; i < k; i++) {
    if (!secularRoot(k, dl, zl, rho, i)) return i + 1;
    sti(orig, i, rootOrigin);
    stf(taus, i, rootTau);
  }
  // From here on zv holds the kept poles in type order (z is no longer needed), so that zhat and the rows
  // of S^T are formed in that order, contiguous.
  for (let i = 0; i < k; i++) stf(zv, ldi(rowOf, i), ldf(dl, i));
  loewner(k);
  for (let j = 0; j < k; j++) secularVector(j, k);
  // Z[:, 0:K) = diag(Q1, Q2)[:, kept] S, as two products; then the deflated columns.
  dgemm(0, 1, n1, k, n12, 1.0, ptop, n12, st, k, 0.0, b, ldz);
  dgemm(0, 1, n2, k, n23, 1.0, pbot, n23, st + (<usize>c1 << 3), k, 0.0, b + <usize>n1 * rs, ldz);
  for (let r = 0; r < nm; r++) memory.copy(b + <usize>r * rs + (<usize>k << 3), pdef + <usize>(r * k4) * 8, <usize>k4 << 3);
  for (let i = 0; i < k; i++) stf(d, i, ldf(dl, ldi(orig, i)) + ldf(taus, i));
  for (let t = 0; t < k4; t++) stf(d, k + t, ldf(dl, k + t));
  // Ascending order of the roots (0 .. K) merged with the deflated values (K .. nm).
  let a = 0;
  let c = k;
  for (let t = 0; t < nm; t++) {
    if (c >= nm || (a < k && ldf(d, a) <= ldf(d, c))) sti(iq, t, a++);
    else sti(iq, t, c++);
  }
  return 0;
}

/** indx = the ascending order of d[0:n1+n2), merging the children's orders iq[0:n1) and n1 + iq[n1:). */
function mergeOrder(d: usize, iq: usize, n1: i32, n2: i32): void {
  let a = 0;
  let c = 0;
  for (let t = 0; t < n1 + n2; t++) {
    const ja = a < n1 ? ldi(iq, a) : 0;
    const jc = c < n2 ? n1 + ldi(iq, n1 + c) : 0;
    if (c >= n2 || (a < n1 && ldf(d, ja) <= ldf(d, jc))) {
      sti(indx, t, ja);
      a++;
    } else {
      sti(indx, t, jc);
      c++;
    }
  }
}

/** Appends column j to the deflated list, keeping it ascending in d; returns the new length. */
function insertDeflated(d: usize, count: i32, j: i32): i32 {
  const v = ldf(d, j);
  let t = count;
  while (t > 0 && ldf(d, ldi(defl, t - 1)) > v) {
    sti(defl, t, ldi(defl, t - 1));
    t--;
  }
  sti(defl, t, j);
  return count + 1;
}

/** Columns p, j of the nm x nm block: x_p <- c x_p + s x_j, x_j <- c x_j - s x_p (LAPACK drot). */
function rotateColumns(b: usize, rs: usize, nm: i32, p: i32, j: i32, c: f64, s: f64): void {
  const op = <usize>p << 3;
  const oj = <usize>j << 3;
  for (let r = 0; r < nm; r++) {
    const row = b + <usize>r * rs;
    const x = load<f64>(row + op);
    const y = load<f64>(row + oj);
    store<f64>(row + op, c * x + s * y);
    store<f64>(row + oj, c * y - s * x);
  }
}

/** out (rows x cols, row stride cols) = the columns cols_idx[0:cols) of the rows x ? block at b. */
function gatherColumns(b: usize, rs: usize, rows: i32, idx: usize, cols: i32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const row = b + <usize>r * rs;
    const o = out + <usize>(r * cols) * 8;
    for (let c = 0; c < cols; c++) store<f64>(o + (<usize>c << 3), load<f64>(row + (<usize>ldi(idx, c) << 3)));
  }
}

/**
 * zhat_i = sign(z_i) sqrt(-delta_i(lambda_i) prod_{j != i} delta_i(lambda_j) / (d_i - d_j)), one root at a
 * time, into what in type order (zv: the poles in that order).
 */
function loewner(k: i32): void {
  for (let c = 0; c < k; c++) stf(what, c, 1);
  for (let j = 0; j < k; j++) {
    const dj = ldf(dl, j);
    const dor = ldf(dl, ldi(orig, j));
    const tau = ldf(taus, j);
    const cj = ldi(rowOf, j);
    loewnerFactors(0, cj, dj, dor, tau);
    loewnerFactors(cj + 1, k, dj, dor, tau);
    stf(what, cj, ldf(what, cj) * -(dj - dor - tau));
  }
  for (let i = 0; i < k; i++) {
    const c = ldi(rowOf, i);
    const w = Math.sqrt(ldf(what, c));
    stf(what, c, ldf(zl, i) < 0 ? -w : w);
  }
}

/** zhat_c *= delta_c / (d_c - d_j) for c in [from, to) (type order), delta_c = (d_c - dor) - tau, two lanes at a time. */
function loewnerFactors(from: i32, to: i32, dj: f64, dor: f64, tau: f64): void {
  const vdj = f64x2.splat(dj);
  const vdor = f64x2.splat(dor);
  const vtau = f64x2.splat(tau);
  let c = from;
  for (; c + 2 <= to; c += 2) {
    const off = <usize>c << 3;
    const dc = v128.load(zv + off);
    // what[c] *= ((d_c - dor) - tau) / (d_c - d_j)
    const f = f64x2.div(f64x2.sub(f64x2.sub(dc, vdor), vtau), f64x2.sub(dc, vdj));
    v128.store(what + off, f64x2.mul(v128.load(what + off), f));
  }
  for (; c < to; c++) {
    const dc = ldf(zv, c);
    stf(what, c, ldf(what, c) * ((dc - dor - tau) / (dc - dj)));
  }
}

/** Row j of S^T: zhat_c / delta_c(lambda_j) for c in type order, normalized. */
function secularVector(j: i32, k: i32): void {
  const row = st + <usize>(j * k) * 8;
  const dor = ldf(dl, ldi(orig, j));
  const tau = ldf(taus, j);
  const vdor = f64x2.splat(dor);
  const vtau = f64x2.splat(tau);
  let acc = f64x2.splat(0);
  let c = 0;
  for (; c + 2 <= k; c += 2) {
    const off = <usize>c << 3;
    // v_c = zhat_c / ((d_c - dor) - tau)
    const v = f64x2.div(v128.load(what + off), f64x2.sub(f64x2.sub(v128.load(zv + off), vdor), vtau));
    v128.store(row + off, v);
    acc = f64x2.add(acc, f64x2.mul(v, v));
  }
  let norm = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; c < k; c++) {
    const v = ldf(what, c) / (ldf(zv, c) - dor - tau);
    stf(row, c, v);
    norm += v * v;
  }
  const inv = f64x2.splat(1 / Math.sqrt(norm));
  c = 0;
  for (; c + 2 <= k; c += 2) v128.store(row + (<usize>c << 3), f64x2.mul(v128.load(row + (<usize>c << 3)), inv));
  for (; c < k; c++) stf(row, c, ldf(row, c) * f64x2.extract_lane(inv, 0));
}

/**
 * sqrt(x^2 + y^2), squared directly: x and y are entries of the unit vector z, and the larger is a kept one,
 * above tol / rho >= 2 u max |z| >= 2 u / sqrt(n) (rho <= 4 after dstedc's scaling): no overflow, and no
 * underflow that matters.
 */
function hypot(x: f64, y: f64): f64 {
  return Math.sqrt(x * x + y * y);
}
