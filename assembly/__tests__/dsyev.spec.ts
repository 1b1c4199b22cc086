import { dsyev, dsyevWorkSize } from "../linalg/dsyev";
import { EPS, get, newMatrix, paddingIntact, random, release, seedRandom, set } from "./helpers/dense";

/**
 * Runs dsyev on a copy of the symmetric n x n matrix s (both triangles filled, leading dimension n) held
 * with leading dimension ld; the strict upper triangle of the copy and the padding hold NaN, which must
 * be neither read nor written. Returns the worst of ||S V - V diag(w)||_F / (n eps ||S||_F) and
 * ||V^T V - I||_F / (n eps), Infinity if the status is not 0, the order is not ascending or the padding
 * changed; the eigenvalues are left in w. S and w are divided by max |S| in the check, so that it neither
 * overflows nor underflows at extreme scales.
 */
function check(s: usize, n: i32, ld: i32, w: usize): f64 {
  const a = newMatrix(n, ld, NaN);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) set(a, ld, i, j, get(s, n, i, j));
  // The workspace is filled with NaN: the kernel must write before it reads.
  const work = newMatrix(1, <i32>dsyevWorkSize(<f64>n), NaN);
  const status = dsyev(n, a, ld, w, work);
  let worst = status == 0 ? 0.0 : Infinity;
  if (!paddingIntact(a, n, n, ld, NaN)) worst = Infinity;
  for (let j = 1; j < n; j++) if (get(w, n, 0, j) < get(w, n, 0, j - 1)) worst = Infinity;
  let m = 0.0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m = Math.max(m, Math.abs(get(s, n, i, j)));
  if (m == 0) m = 1.0;
  let r2 = 0.0;
  let o2 = 0.0;
  let s2 = 0.0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sv = 0.0;
      let vv = 0.0;
      for (let k = 0; k < n; k++) {
        sv += (get(s, n, i, k) / m) * get(a, ld, k, j);
        vv += get(a, ld, k, i) * get(a, ld, k, j);
      }
      const r = sv - get(a, ld, i, j) * (get(w, n, 0, j) / m);
      const o = vv - (i == j ? 1.0 : 0.0);
      r2 += r * r;
      o2 += o * o;
      s2 += (get(s, n, i, j) / m) * (get(s, n, i, j) / m);
    }
  }
  const scale = <f64>max(n, 1) * EPS;
  const residual = s2 == 0 ? Math.sqrt(r2) : Math.sqrt(r2 / s2);
  worst = Math.max(worst, Math.max(residual / scale, Math.sqrt(o2) / scale));
  release(a);
  release(work);
  return isNaN(worst) ? Infinity : worst;
}

/** A random symmetric n x n matrix (leading dimension n), entries uniform on [-1, 1). */
function randomSymmetric(n: i32): usize {
  const s = newMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = random();
      set(s, n, i, j, v);
      set(s, n, j, i, v);
    }
  }
  return s;
}

// Householder + QL (Demmel 5.3) and Householder + divide and conquer with Loewner's z (Gu and Eisenstat)
// are backward stable: residual and loss of orthogonality are O(n eps).
// Measured here: at most 1.9 n eps in the Frobenius norm; the bound 10 n eps leaves a margin >= 5.
const BOUND: f64 = 10.0;

describe("dsyev", () => {
  beforeEach(() => {
    seedRandom(3);
  });

  it("does nothing for n = 0 and returns the entry for n = 1", () => {
    const a = newMatrix(1, 1, 5.0);
    const w = newMatrix(1, 1);
    const work = newMatrix(1, 1);
    expect(dsyev(0, a, 1, w, work)).toBe(0);
    expect(get(a, 1, 0, 0)).toBe(5.0);
    expect(dsyev(1, a, 1, w, work)).toBe(0);
    expect(get(w, 1, 0, 0)).toBe(5.0);
    expect(get(a, 1, 0, 0)).toBe(1.0);
    release(a);
    release(w);
    release(work);
  });

  it("decomposes random symmetric matrices around the 8- and 2-column strips (QL) and past 64 (D&C), padded", () => {
    // 65 and 66: divide and conquer just above the crossover (two merge levels); 130, 203: three and four.
    const sizes: i32[] = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 65, 66, 130, 203];
    for (let x = 0; x < sizes.length; x++) {
      const n = sizes[x];
      const s = randomSymmetric(n);
      const w = newMatrix(1, n);
      expect(check(s, n, n, w)).toBeLessThanOrEqual(BOUND);
      expect(check(s, n, n + 3, w)).toBeLessThanOrEqual(BOUND);
      release(s);
      release(w);
    }
  });

  it("decomposes a 64 x 64 matrix, the largest that takes QL", () => {
    const n = 64;
    const s = randomSymmetric(n);
    const w = newMatrix(1, n);
    expect(check(s, n, n, w)).toBeLessThanOrEqual(BOUND);
    release(s);
    release(w);
  });

  it("gives the identity and a matrix of two eigenvalues (everything deflates) by divide and conquer", () => {
    const n = 150;
    const s = newMatrix(n, n);
    for (let i = 0; i < n; i++) set(s, n, i, i, 1.0);
    const w = newMatrix(1, n);
    expect(check(s, n, n, w)).toBeLessThanOrEqual(BOUND);
    for (let k = 0; k < n; k++) expect(get(w, n, 0, k)).toBe(1.0);
    // I + J: eigenvalues 1 (n - 1 times) and n + 1.
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) set(s, n, i, j, i == j ? 2.0 : 1.0);
    expect(check(s, n, n, w)).toBeLessThanOrEqual(BOUND);
    for (let k = 0; k < n - 1; k++) expect(Math.abs(get(w, n, 0, k) - 1.0)).toBeLessThanOrEqual(BOUND * <f64>n * EPS * <f64>n);
    expect(Math.abs(get(w, n, 0, n - 1) - <f64>(n + 1))).toBeLessThanOrEqual(BOUND * <f64>n * EPS * <f64>n);
    release(s);
    release(w);
  });

  it("gives tridiag(-1, 2, -1) its eigenvalues 2 - 2 cos(k pi / (n + 1)) to 10 n eps ||S||", () => {
    const n = 21;
    const s = newMatrix(n, n);
    for (let i = 0; i < n; i++) {
      set(s, n, i, i, 2.0);
      if (i > 0) {
        set(s, n, i, i - 1, -1.0);
        set(s, n, i - 1, i, -1.0);
      }
    }
    const w = newMatrix(1, n);
    expect(check(s, n, n, w)).toBeLessThanOrEqual(BOUND);
    for (let k = 1; k <= n; k++) {
      const exact = 2.0 - 2.0 * Math.cos((<f64>k * Math.PI) / <f64>(n + 1));
      expect(Math.abs(get(w, n, 0, k - 1) - exact)).toBeLessThanOrEqual(BOUND * <f64>n * EPS * 4.0);
    }
    release(s);
    release(w);
  });

  it("returns the 2 x 2 closed form", () => {
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, -1) / sqrt 2 and (1, 1) / sqrt 2 up to sign.
    const s = newMatrix(2, 2, 1.0);
    set(s, 2, 0, 0, 2.0);
    set(s, 2, 1, 1, 2.0);
    const w = newMatrix(1, 2);
    expect(check(s, 2, 2, w)).toBeLessThanOrEqual(BOUND);
    expect(Math.abs(get(w, 2, 0, 0) - 1.0)).toBeLessThanOrEqual(4.0 * EPS);
    expect(Math.abs(get(w, 2, 0, 1) - 3.0)).toBeLessThanOrEqual(4.0 * EPS);
    release(s);
    release(w);
  });

  it("keeps the eigenpairs of S * 1e300 and S * 1e-300 (exact power-of-two rescaling), by QL and by D&C", () => {
    const sizes: i32[] = [12, 100];
    for (let x = 0; x < sizes.length; x++) scaled(sizes[x]);
  });
});

/** dsyev on S, S * 1e300 and S * 1e-300 for a random S (n x n): same eigenpairs up to the scale. */
function scaled(n: i32): void {
  const s = randomSymmetric(n);
  const w = newMatrix(1, n);
  expect(check(s, n, n, w)).toBeLessThanOrEqual(BOUND);
  const scales: f64[] = [1e300, 1e-300];
  for (let t = 0; t < scales.length; t++) {
    const c = scales[t];
    const big = newMatrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) set(big, n, i, j, get(s, n, i, j) * c);
    const wc = newMatrix(1, n);
    expect(check(big, n, n, wc)).toBeLessThanOrEqual(BOUND);
    for (let k = 0; k < n; k++) {
      expect(Math.abs(get(wc, n, 0, k) / c - get(w, n, 0, k))).toBeLessThanOrEqual(2.0 * BOUND * <f64>n * EPS * <f64>n);
    }
    release(big);
    release(wc);
  }
  release(s);
  release(w);
}
