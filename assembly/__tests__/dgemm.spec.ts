import { dgemm } from "../linalg/dgemm";
import { GEMM_CANDIDATES, gemmBlock, gemmSelect, KC } from "../linalg/gemmcore";
import { copyMatrix, fillRandom, forEachKernel, gemmErrorRatio, get, newMatrix, paddingIntact, release, seedRandom } from "./helpers/dense";

/**
 * Runs C = alpha op(A) op(B) + beta C on random data with padded leading dimensions (padding holds NaN,
 * which must neither be read into the result nor overwritten) and returns the error ratio against the naive
 * loop (<= 1 passes), or Infinity if the padding changed.
 */
function check(transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64, beta: f64, pad: i32): f64 {
  const aRows = transA == 0 ? m : k;
  const aCols = transA == 0 ? k : m;
  const bRows = transB == 0 ? k : n;
  const bCols = transB == 0 ? n : k;
  const lda = aCols + pad;
  const ldb = bCols + pad;
  const ldc = n + pad;
  const a = newMatrix(aRows, lda, NaN);
  const b = newMatrix(bRows, ldb, NaN);
  const c = newMatrix(m, ldc, NaN);
  const c0 = newMatrix(m, ldc, NaN);
  fillRandom(a, aRows, aCols, lda);
  fillRandom(b, bRows, bCols, ldb);
  fillRandom(c, m, n, ldc);
  copyMatrix(m, n, c, ldc, c0, ldc);
  dgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  let ratio = gemmErrorRatio(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c0, c, ldc);
  if (pad > 0 && !paddingIntact(c, m, n, ldc, NaN)) ratio = Infinity;
  release(a);
  release(b);
  release(c);
  release(c0);
  return ratio;
}

/** The worst error ratio over the four transpose combinations. */
function checkAllTransposes(m: i32, n: i32, k: i32, alpha: f64, beta: f64, pad: i32): f64 {
  let worst = 0.0;
  for (let ta = 0; ta < 2; ta++) for (let tb = 0; tb < 2; tb++) worst = max(worst, check(ta, tb, m, n, k, alpha, beta, pad));
  return worst;
}

describe("dgemm", () => {
  beforeEach(() => {
    seedRandom(7);
  });

  it("matches the naive product for tiny and odd sizes, all transposes, padded leading dimensions", () => {
    const sizes: i32[] = [1, 2, 3, 5, 7];
    for (let x = 0; x < sizes.length; x++) {
      for (let y = 0; y < sizes.length; y++) {
        for (let z = 0; z < sizes.length; z++) {
          expect(checkAllTransposes(sizes[x], sizes[y], sizes[z], 1.0, 0.0, 3)).toBeLessThanOrEqual(1.0);
        }
      }
    }
  });

  it("matches just below, at and above the tile sizes MR and NR of every candidate kernel", () => {
    forEachKernel((mr: i32, nr: i32, _mc: i32, _nc: i32): void => {
      for (let dm = -1; dm <= 1; dm++) {
        for (let dn = -1; dn <= 1; dn++) {
          expect(checkAllTransposes(2 * mr + dm, 2 * nr + dn, 9, 1.0, 0.0, 1)).toBeLessThanOrEqual(1.0);
          expect(checkAllTransposes(mr + dm, nr + dn, 4, -1.5, 0.5, 0)).toBeLessThanOrEqual(1.0);
        }
      }
    });
  });

  it("matches just below, at and above the cache blocks MC, KC and NC of every candidate kernel", () => {
    forEachKernel((_mr: i32, _nr: i32, mc: i32, nc: i32): void => {
      for (let d = -1; d <= 1; d++) {
        expect(checkAllTransposes(mc + d, 9, 5, 1.0, 0.0, 2)).toBeLessThanOrEqual(1.0);
        expect(checkAllTransposes(5, 11, KC + d, 1.0, 0.0, 2)).toBeLessThanOrEqual(1.0);
        expect(checkAllTransposes(3, nc + d, 6, 1.0, 0.0, 2)).toBeLessThanOrEqual(1.0);
      }
      expect(check(0, 0, mc + 3, nc + 5, KC + 7, 0.75, 0.0, 1)).toBeLessThanOrEqual(1.0);
      expect(check(1, 1, mc + 3, nc + 5, KC + 7, 0.75, 0.0, 1)).toBeLessThanOrEqual(1.0);
    });
  });

  it("refuses an unknown candidate id and keeps the selected kernel", () => {
    gemmSelect(1);
    expect(gemmSelect(GEMM_CANDIDATES)).toBe(-1);
    expect(gemmSelect(-1)).toBe(-1);
    expect(gemmBlock(2)).toBe(64);
    gemmSelect(0);
  });

  it("applies alpha and beta as BLAS does", () => {
    expect(checkAllTransposes(13, 17, 11, 2.5, 1.0, 1)).toBeLessThanOrEqual(1.0);
    expect(checkAllTransposes(13, 17, 11, -0.5, -2.0, 1)).toBeLessThanOrEqual(1.0);
    expect(checkAllTransposes(13, 17, 11, 0.0, 3.0, 1)).toBeLessThanOrEqual(1.0);
  });

  it("ignores NaN in C when beta = 0", () => {
    const a = newMatrix(3, 4);
    const b = newMatrix(4, 5);
    const c = newMatrix(3, 5, NaN);
    fillRandom(a, 3, 4, 4);
    fillRandom(b, 4, 5, 5);
    dgemm(0, 0, 3, 5, 4, 1.0, a, 4, b, 5, 0.0, c, 5);
    let finite = true;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 5; j++) finite = finite && isFinite(get(c, 5, i, j));
    expect(finite).toBe(true);
    release(a);
    release(b);
    release(c);
  });

  it("reads neither A nor B when alpha = 0 or k = 0", () => {
    const a = newMatrix(3, 4, NaN);
    const b = newMatrix(4, 5, NaN);
    const c = newMatrix(3, 5, 2.0);
    dgemm(0, 0, 3, 5, 4, 0.0, a, 4, b, 5, 0.5, c, 5);
    expect(get(c, 5, 2, 4)).toBe(1.0);
    dgemm(0, 0, 3, 5, 0, 1.0, a, 4, b, 5, 3.0, c, 5);
    expect(get(c, 5, 2, 4)).toBe(3.0);
    dgemm(0, 0, 3, 5, 0, 1.0, a, 4, b, 5, 0.0, c, 5);
    expect(get(c, 5, 1, 1)).toBe(0.0);
    release(a);
    release(b);
    release(c);
  });

  it("does nothing when m or n is 0", () => {
    const c = newMatrix(2, 2, 4.0);
    dgemm(0, 0, 0, 2, 3, 1.0, 0, 3, 0, 2, 0.0, c, 2);
    dgemm(0, 0, 2, 0, 3, 1.0, 0, 3, 0, 2, 0.0, c, 2);
    expect(get(c, 2, 1, 1)).toBe(4.0);
    release(c);
  });
});
