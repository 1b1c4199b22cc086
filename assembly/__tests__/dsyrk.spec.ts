import { dsyrk } from "../linalg/dsyrk";
import { KC } from "../linalg/gemmcore";
import { copyMatrix, fillRandom, forEachKernel, gemmErrorRatio, get, newMatrix, release, seedRandom, set } from "./helpers/dense";

/** True when C[i][j] and C[j][i] are the same bits for every pair. */
function exactlySymmetric(n: i32, c: usize, ldc: i32): bool {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (reinterpret<u64>(get(c, ldc, i, j)) != reinterpret<u64>(get(c, ldc, j, i))) return false;
    }
  }
  return true;
}

/**
 * Runs dsyrk on random A and a random symmetric C with padded leading dimensions and returns the error
 * ratio against the naive product (<= 1 passes), or Infinity when the result is not exactly symmetric.
 */
function check(trans: i32, n: i32, k: i32, alpha: f64, beta: f64, pad: i32): f64 {
  const aRows = trans == 0 ? n : k;
  const aCols = trans == 0 ? k : n;
  const lda = aCols + pad;
  const ldc = n + pad;
  const a = newMatrix(aRows, lda, NaN);
  const c = newMatrix(n, ldc, NaN);
  const c0 = newMatrix(n, ldc, NaN);
  fillRandom(a, aRows, aCols, lda);
  fillRandom(c, n, n, ldc);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) set(c, ldc, j, i, get(c, ldc, i, j));
  copyMatrix(n, n, c, ldc, c0, ldc);
  dsyrk(trans, n, k, alpha, a, lda, beta, c, ldc);
  // trans = 0: C = alpha A A^T (op(B) = A^T); trans = 1: C = alpha A^T A.
  let ratio = trans == 0
    ? gemmErrorRatio(0, 1, n, n, k, alpha, a, lda, a, lda, beta, c0, c, ldc)
    : gemmErrorRatio(1, 0, n, n, k, alpha, a, lda, a, lda, beta, c0, c, ldc);
  if (!exactlySymmetric(n, c, ldc)) ratio = Infinity;
  release(a);
  release(c);
  release(c0);
  return ratio;
}

function checkBoth(n: i32, k: i32, alpha: f64, beta: f64, pad: i32): f64 {
  return max(check(0, n, k, alpha, beta, pad), check(1, n, k, alpha, beta, pad));
}

describe("dsyrk", () => {
  beforeEach(() => {
    seedRandom(11);
  });

  it("matches the naive product and is exactly symmetric for tiny and odd sizes", () => {
    const sizes: i32[] = [1, 2, 3, 4, 5, 7];
    for (let x = 0; x < sizes.length; x++) {
      for (let y = 0; y < sizes.length; y++) expect(checkBoth(sizes[x], sizes[y], 1.0, 0.0, 2)).toBeLessThanOrEqual(1.0);
    }
  });

  it("matches around the tile sizes of every candidate kernel, where tiles cross the diagonal", () => {
    forEachKernel((mr: i32, nr: i32, _mc: i32, _nc: i32): void => {
      for (let d = -1; d <= 1; d++) {
        expect(checkBoth(mr + d, 5, 1.0, 0.0, 1)).toBeLessThanOrEqual(1.0);
        expect(checkBoth(nr + d, 5, 1.0, 0.0, 1)).toBeLessThanOrEqual(1.0);
        expect(checkBoth(2 * nr + d, 3, 1.0, 0.0, 0)).toBeLessThanOrEqual(1.0);
        expect(checkBoth(3 * nr + mr + d, 9, 1.0, 0.0, 3)).toBeLessThanOrEqual(1.0);
      }
    });
  });

  it("matches around the cache blocks MC, KC and NC of every candidate kernel", () => {
    forEachKernel((_mr: i32, nr: i32, mc: i32, nc: i32): void => {
      for (let d = -1; d <= 1; d++) {
        expect(checkBoth(mc + d, 4, 1.0, 0.0, 1)).toBeLessThanOrEqual(1.0);
        expect(checkBoth(9, KC + d, 1.0, 0.0, 1)).toBeLessThanOrEqual(1.0);
        expect(checkBoth(nc + d, 3, 1.0, 0.0, 1)).toBeLessThanOrEqual(1.0);
      }
      expect(checkBoth(nc + mc + 3, 3, 1.0, 0.0, 1)).toBeLessThanOrEqual(1.0);
      expect(checkBoth(mc + nr + 3, KC + 5, 1.0, 0.0, 1)).toBeLessThanOrEqual(1.0);
    });
  });

  it("applies alpha and beta as BLAS does", () => {
    expect(checkBoth(21, 13, -2.0, 0.5, 1)).toBeLessThanOrEqual(1.0);
    expect(checkBoth(21, 13, 0.5, 1.0, 1)).toBeLessThanOrEqual(1.0);
    expect(checkBoth(21, 13, 0.0, -3.0, 1)).toBeLessThanOrEqual(1.0);
  });

  it("reads only the lower triangle of C, and no C at all when beta = 0", () => {
    const n = 6;
    const a = newMatrix(n, 4);
    fillRandom(a, n, 4, 4);
    const c = newMatrix(n, n, NaN);
    dsyrk(0, n, 4, 1.0, a, 4, 0.0, c, n);
    let finite = true;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) finite = finite && isFinite(get(c, n, i, j));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) set(c, n, i, j, NaN);
    dsyrk(0, n, 4, 1.0, a, 4, 1.0, c, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) finite = finite && isFinite(get(c, n, i, j));
    expect(finite).toBe(true);
    expect(exactlySymmetric(n, c, n)).toBe(true);
    release(a);
    release(c);
  });

  it("does nothing when n is 0 and scales C when k is 0", () => {
    const c = newMatrix(2, 2, 4.0);
    dsyrk(0, 0, 3, 1.0, 0, 3, 0.0, c, 2);
    expect(get(c, 2, 1, 1)).toBe(4.0);
    dsyrk(1, 2, 0, 1.0, 0, 2, 0.5, c, 2);
    expect(get(c, 2, 0, 1)).toBe(2.0);
    expect(get(c, 2, 1, 0)).toBe(2.0);
    release(c);
  });
});
