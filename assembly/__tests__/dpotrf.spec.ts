import { dpotrf, POTRF_NB } from "../linalg/dpotrf";
import { TRSM_NB } from "../linalg/dtrsm";
import { EPS, copyMatrix, get, newMatrix, paddingIntact, randomSpd, release, seedRandom, set } from "./helpers/dense";

/**
 * Factorizes a random SPD matrix (padding and strict upper triangle hold NaN) and returns the worst ratio
 * |L L^T - S|_ij / ((n + 2) eps sqrt(S_ii S_jj)): Cholesky's backward error is gamma_{n+1} |L| |L^T|
 * (Higham, "Accuracy and Stability", Thm 10.3) and (|L| |L^T|)_ij <= sqrt(S_ii S_jj) by Cauchy-Schwarz;
 * the residual product adds gamma_n more. Returns Infinity on a failure status or a non-zero upper triangle.
 */
function residual(n: i32, pad: i32): f64 {
  const ld = n + pad;
  const s = randomSpd(n, ld);
  const a = newMatrix(n, ld, NaN);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) set(a, ld, i, j, get(s, ld, i, j));
  const info = dpotrf(n, a, ld);
  let worst = info == 0 ? 0.0 : Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j > i) {
        if (get(a, ld, i, j) != 0.0) worst = Infinity;
        continue;
      }
      let t = 0.0;
      for (let p = 0; p <= j; p++) t += get(a, ld, i, p) * get(a, ld, j, p);
      const r = Math.abs(t - get(s, ld, i, j)) / (<f64>(n + 2) * EPS * Math.sqrt(get(s, ld, i, i) * get(s, ld, j, j)));
      if (!(r <= worst)) worst = isNaN(r) ? Infinity : r;
    }
  }
  if (!paddingIntact(a, n, n, ld, NaN)) worst = Infinity;
  release(s);
  release(a);
  return worst;
}

/** dpotrf's status on a matrix whose leading `pivot` x `pivot` block is SPD and whose pivot `pivot` is `d`. */
function statusWithPivot(n: i32, pivot: i32, d: f64): i32 {
  const s = randomSpd(n, n);
  // The Schur complement at `pivot` is S_pp - s_p^T S_11^{-1} s_p; factor to find it, then shift S_pp.
  const a = newMatrix(n, n);
  copyMatrix(n, n, s, n, a, n);
  dpotrf(pivot + 1, a, n);
  const l = get(a, n, pivot, pivot);
  set(s, n, pivot, pivot, get(s, n, pivot, pivot) - l * l + d);
  const info = dpotrf(n, s, n);
  release(s);
  release(a);
  return info;
}

describe("dpotrf", () => {
  beforeEach(() => {
    seedRandom(31);
  });

  it("factorizes SPD matrices of tiny and odd sizes to backward-error accuracy", () => {
    const sizes: i32[] = [1, 2, 3, 4, 5, 7, 17];
    for (let i = 0; i < sizes.length; i++) expect(residual(sizes[i], 2)).toBeLessThanOrEqual(1.0);
  });

  it("factorizes around the block sizes", () => {
    for (let d = -1; d <= 1; d++) {
      expect(residual(POTRF_NB + d, 1)).toBeLessThanOrEqual(1.0);
      expect(residual(TRSM_NB + d, 0)).toBeLessThanOrEqual(1.0);
    }
    expect(residual(2 * POTRF_NB + TRSM_NB + 1, 3)).toBeLessThanOrEqual(1.0);
  });

  it("accepts n = 0", () => {
    expect(dpotrf(0, 0, 1)).toBe(0);
  });

  it("reports the first pivot that is not positive as j + 1", () => {
    expect(statusWithPivot(6, 3, -1.0)).toBe(4);
    expect(statusWithPivot(6, 0, -1.0)).toBe(1);
    expect(statusWithPivot(POTRF_NB + 9, POTRF_NB + 5, -1.0)).toBe(POTRF_NB + 6);
    expect(statusWithPivot(POTRF_NB + 9, POTRF_NB + 8, -0.25)).toBe(POTRF_NB + 9);
  });

  it("reports an exactly zero pivot and NaN pivots, without trapping", () => {
    const a = newMatrix(2, 2, 1.0);
    expect(dpotrf(2, a, 2)).toBe(2);
    const s = randomSpd(POTRF_NB + 4, POTRF_NB + 4);
    set(s, POTRF_NB + 4, POTRF_NB + 2, POTRF_NB + 2, NaN);
    expect(dpotrf(POTRF_NB + 4, s, POTRF_NB + 4)).toBe(POTRF_NB + 3);
    // NaN below the diagonal in row p makes L[p][3] and then pivot p NaN.
    const t = randomSpd(POTRF_NB + 9, POTRF_NB + 9);
    set(t, POTRF_NB + 9, POTRF_NB + 7, 3, NaN);
    expect(dpotrf(POTRF_NB + 9, t, POTRF_NB + 9)).toBe(POTRF_NB + 8);
    release(a);
    release(s);
    release(t);
  });
});
