import { dtrsm, TRSM_NB } from "../linalg/dtrsm";
import { ROWS } from "../linalg/trsmrows";
import { copyMatrix, fillRandom, forEachKernel, gemmErrorRatio, get, newMatrix, paddingIntact, randomLower, release, seedRandom, set } from "./helpers/dense";

/**
 * Solves op(L) X = alpha B (side 0) or X op(L) = alpha B (side 1) with NaN in L's strict upper triangle and in
 * all padding, then returns the residual ratio: |op(L) X - alpha B| (or |X op(L) - alpha B|) against
 * (k + 2) eps |op(L)| |X| elementwise, which covers the backward error gamma_{k+1} |L| of substitution with
 * reciprocals (Higham, "Accuracy and Stability", Thm 8.5) plus the rounding of the residual product.
 * alpha is a power of two, so alpha B is exact. Returns Infinity if padding changed.
 */
function residual(side: i32, trans: i32, m: i32, n: i32, alpha: f64, pad: i32): f64 {
  const k = side == 0 ? m : n;
  const ldl = k + pad;
  const ldb = n + pad;
  const l = randomLower(k, ldl, NaN);
  for (let i = 0; i < k; i++) for (let j = k; j < ldl; j++) set(l, ldl, i, j, NaN);
  const clean = newMatrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) set(clean, k, i, j, get(l, ldl, i, j));
  const b = newMatrix(m, ldb, NaN);
  fillRandom(b, m, n, ldb);
  const target = newMatrix(m, ldb, NaN);
  copyMatrix(m, n, b, ldb, target, ldb);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) set(target, ldb, i, j, alpha * get(target, ldb, i, j));
  dtrsm(side, trans, m, n, alpha, l, ldl, b, ldb);
  // The residual check reuses the GEMM oracle: target == 1 * op(L) X (side 0) or X op(L) (side 1).
  let ratio = side == 0
    ? gemmErrorRatio(trans, 0, m, n, k, 1.0, clean, k, b, ldb, 0.0, target, target, ldb)
    : gemmErrorRatio(0, trans, m, n, k, 1.0, b, ldb, clean, k, 0.0, target, target, ldb);
  if (pad > 0 && !paddingIntact(b, m, n, ldb, NaN)) ratio = Infinity;
  release(l);
  release(clean);
  release(b);
  release(target);
  return ratio;
}

function allCases(m: i32, n: i32, alpha: f64, pad: i32): f64 {
  let worst = 0.0;
  for (let side = 0; side < 2; side++) for (let trans = 0; trans < 2; trans++) worst = max(worst, residual(side, trans, m, n, alpha, pad));
  return worst;
}

describe("dtrsm", () => {
  beforeEach(() => {
    seedRandom(23);
  });

  it("satisfies the residual identity for tiny and odd sizes, every side and transpose", () => {
    const sizes: i32[] = [1, 2, 3, 5, 8, 9];
    for (let x = 0; x < sizes.length; x++) {
      for (let y = 0; y < sizes.length; y++) expect(allCases(sizes[x], sizes[y], 1.0, 2)).toBeLessThanOrEqual(1.0);
    }
  });

  it("satisfies the residual identity around the block size and the GEMM tiles of every candidate kernel", () => {
    forEachKernel((mr: i32, nr: i32, _mc: i32, _nc: i32): void => {
      for (let d = -1; d <= 1; d++) {
        expect(allCases(TRSM_NB + d, nr + d, 2.0, 1)).toBeLessThanOrEqual(1.0);
        expect(allCases(mr + d, TRSM_NB + d, -0.5, 1)).toBeLessThanOrEqual(1.0);
        expect(allCases(2 * TRSM_NB + d, 2 * TRSM_NB + 3 * d, 1.0, 0)).toBeLessThanOrEqual(1.0);
      }
    });
  });

  it("satisfies the residual identity around the row groups of the right-side solver", () => {
    for (let d = -1; d <= 1; d++) {
      expect(allCases(ROWS + d, 7, 1.0, 1)).toBeLessThanOrEqual(1.0);
      expect(allCases(2 * ROWS + d, TRSM_NB + 2, 1.0, 0)).toBeLessThanOrEqual(1.0);
    }
  });

  it("sets B to zero when alpha = 0 and ignores zero sizes", () => {
    const l = newMatrix(3, 3, NaN);
    const b = newMatrix(3, 2, NaN);
    dtrsm(0, 0, 3, 2, 0.0, l, 3, b, 2);
    expect(get(b, 2, 2, 1)).toBe(0.0);
    dtrsm(1, 1, 0, 2, 1.0, l, 3, b, 2);
    dtrsm(0, 1, 3, 0, 1.0, l, 3, b, 2);
    expect(get(b, 2, 0, 0)).toBe(0.0);
    release(l);
    release(b);
  });
});
