/**
 * Plain-TypeScript twin of assembly/linalg/dsterf.ts, step for step: the eigenvalues of a symmetric tridiagonal
 * matrix by LAPACK dsterf's root-free QL/QR (Pal-Walker-Kahan), ascending in d. The oracle in tests and the
 * readable version of the kernel.
 */

const MAX_IT = 30;
/** dlamch('E'), 'S': the unit roundoff 2^-53 and the smallest normal number 2^-1022. */
const EPS = 1.1102230246251565e-16;
const SAFMIN = 2.2250738585072014e-308;

/**
 * Overwrites d (n f64) with the eigenvalues of the tridiagonal with diagonal d and off-diagonal e (n - 1 f64,
 * destroyed), ascending. Returns 0, or the number of off-diagonal entries that had not converged to zero after
 * 30 n iterations (LAPACK's info; d is then unsorted).
 */
export function refDsterf(n: number, d: Float64Array, e: Float64Array): number {
  if (n <= 1) return 0;
  const eps2 = EPS * EPS;
  const ssfmax = Math.sqrt(1.0 / SAFMIN) / 3.0;
  const ssfmin = Math.sqrt(SAFMIN) / eps2;
  const nmaxit = n * MAX_IT;
  let jtot = 0;
  let l1 = 0;
  while (l1 < n) {
    if (l1 > 0) e[l1 - 1] = 0.0;
    let m = l1;
    while (m < n - 1) {
      if (Math.abs(e[m]!) <= Math.sqrt(Math.abs(d[m]!)) * Math.sqrt(Math.abs(d[m + 1]!)) * EPS) {
        e[m] = 0.0;
        break;
      }
      m++;
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend === l) continue;
    // Scale the block into [ssfmin, ssfmax] (dlanst 'M', dlascl), then square its off-diagonal.
    let anorm = 0.0;
    for (let i = l; i <= lend; i++) anorm = Math.max(anorm, Math.abs(d[i]!));
    for (let i = l; i < lend; i++) anorm = Math.max(anorm, Math.abs(e[i]!));
    if (anorm === 0) continue;
    let scale = 1.0;
    if (anorm > ssfmax) scale = ssfmax / anorm;
    else if (anorm < ssfmin) scale = ssfmin / anorm;
    if (scale !== 1) {
      for (let i = l; i <= lend; i++) d[i] = d[i]! * scale;
      for (let i = l; i < lend; i++) e[i] = e[i]! * scale;
    }
    for (let i = l; i < lend; i++) e[i] = e[i]! * e[i]!;
    if (Math.abs(d[lend]!) < Math.abs(d[l]!)) {
      lend = lsv;
      l = lendsv;
    }
    if (lend >= l) jtot = qlBlock(d, e, l, lend, jtot, nmaxit, eps2);
    else jtot = qrBlock(d, e, l, lend, jtot, nmaxit, eps2);
    if (scale !== 1) for (let i = lsv; i <= lendsv; i++) d[i] = d[i]! / scale;
    if (jtot >= nmaxit) {
      let info = 0;
      for (let i = 0; i < n - 1; i++) if (e[i]! !== 0) info++;
      return info;
    }
  }
  heapSort(d, n);
  return 0;
}

/** QL iterations on the block l..lend (lend >= l) of squared off-diagonals; returns the iteration count. */
function qlBlock(d: Float64Array, e: Float64Array, l: number, lend: number, jtot: number, nmaxit: number, eps2: number): number {
  while (l <= lend) {
    let m = l;
    while (m < lend && !(Math.abs(e[m]!) <= eps2 * Math.abs(d[m]! * d[m + 1]!))) m++;
    if (m < lend) e[m] = 0.0;
    let p = d[l]!;
    if (m === l) {
      l++;
      continue;
    }
    if (m === l + 1) {
      eig2(d, l, Math.sqrt(e[l]!), l + 1);
      e[l] = 0.0;
      l += 2;
      continue;
    }
    if (jtot === nmaxit) return jtot;
    jtot++;
    const sigma = shift(p, d[l + 1]!, e[l]!);
    let c = 1.0;
    let s = 0.0;
    let gamma = d[m]! - sigma;
    p = gamma * gamma;
    for (let i = m - 1; i >= l; i--) {
      const bb = e[i]!;
      const r = p + bb;
      if (i !== m - 1) e[i + 1] = s * r;
      const oldc = c;
      c = p / r;
      s = bb / r;
      const oldgam = gamma;
      const alpha = d[i]!;
      gamma = c * (alpha - sigma) - s * oldgam;
      d[i + 1] = oldgam + (alpha - gamma);
      p = c !== 0 ? (gamma * gamma) / c : oldc * bb;
    }
    e[l] = s * p;
    d[l] = sigma + gamma;
  }
  return jtot;
}

/** QR iterations on the block lend..l (lend < l) of squared off-diagonals; returns the iteration count. */
function qrBlock(d: Float64Array, e: Float64Array, l: number, lend: number, jtot: number, nmaxit: number, eps2: number): number {
  while (l >= lend) {
    let m = l;
    while (m > lend && !(Math.abs(e[m - 1]!) <= eps2 * Math.abs(d[m]! * d[m - 1]!))) m--;
    if (m > lend) e[m - 1] = 0.0;
    let p = d[l]!;
    if (m === l) {
      l--;
      continue;
    }
    if (m === l - 1) {
      eig2(d, l, Math.sqrt(e[l - 1]!), l - 1);
      e[l - 1] = 0.0;
      l -= 2;
      continue;
    }
    if (jtot === nmaxit) return jtot;
    jtot++;
    const sigma = shift(p, d[l - 1]!, e[l - 1]!);
    let c = 1.0;
    let s = 0.0;
    let gamma = d[m]! - sigma;
    p = gamma * gamma;
    for (let i = m; i < l; i++) {
      const bb = e[i]!;
      const r = p + bb;
      if (i !== m) e[i - 1] = s * r;
      const oldc = c;
      c = p / r;
      s = bb / r;
      const oldgam = gamma;
      const alpha = d[i + 1]!;
      gamma = c * (alpha - sigma) - s * oldgam;
      d[i] = oldgam + (alpha - gamma);
      p = c !== 0 ? (gamma * gamma) / c : oldc * bb;
    }
    e[l - 1] = s * p;
    d[l] = sigma + gamma;
  }
  return jtot;
}

/**
 * The shift of a QL or QR step: the eigenvalue nearer p of the 2 x 2 block at the iteration's end, with p its
 * corner, q the next diagonal entry and e2 the squared off-diagonal between them.
 */
function shift(p: number, q: number, e2: number): number {
  const rte = Math.sqrt(e2);
  const sigma = (q - p) / (2.0 * rte);
  const r = hypotOne(sigma);
  return p - rte / (sigma + (sigma >= 0.0 ? r : -r));
}

/**
 * The eigenvalues of [[a, b], [b, c]] with a = d[i], c = d[j]: the one of larger magnitude into d[i], the other
 * into d[j] (LAPACK dlae2, which avoids overflow and cancellation).
 */
function eig2(d: Float64Array, i: number, b: number, j: number): void {
  const a = d[i]!;
  const c = d[j]!;
  const sm = a + c;
  const adf = Math.abs(a - c);
  const ab = Math.abs(b + b);
  const acmx = Math.abs(a) > Math.abs(c) ? a : c;
  const acmn = Math.abs(a) > Math.abs(c) ? c : a;
  let rt: number;
  if (adf > ab) rt = adf * Math.sqrt(1.0 + (ab / adf) * (ab / adf));
  else if (adf < ab) rt = ab * Math.sqrt(1.0 + (adf / ab) * (adf / ab));
  else rt = ab * Math.SQRT2;
  let rt1: number;
  let rt2: number;
  if (sm !== 0) {
    rt1 = 0.5 * (sm < 0.0 ? sm - rt : sm + rt);
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else {
    rt1 = 0.5 * rt;
    rt2 = -0.5 * rt;
  }
  d[i] = rt1;
  d[j] = rt2;
}

/** sqrt(x^2 + 1) without overflow (LAPACK dlapy2 with y = 1). */
function hypotOne(x: number): number {
  const w = Math.max(Math.abs(x), 1.0);
  const z = Math.min(Math.abs(x), 1.0);
  return w * Math.sqrt(1.0 + (z / w) * (z / w));
}

/** Sorts d[0..n) ascending in place (heapsort: O(n log n), no extra memory). */
function heapSort(d: Float64Array, n: number): void {
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(d, start, n);
  for (let end = n - 1; end > 0; end--) {
    const top = d[0]!;
    d[0] = d[end]!;
    d[end] = top;
    siftDown(d, 0, end);
  }
}

function siftDown(d: Float64Array, root: number, n: number): void {
  const v = d[root]!;
  let i = root;
  while (true) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && d[child + 1]! > d[child]!) child++;
    if (!(d[child]! > v)) break;
    d[i] = d[child]!;
    i = child;
  }
  d[i] = v;
}
