import { rootOrigin, rootTau, secularRoot } from "../linalg/dlaed4";
import { EPS, get, newMatrix, random, release, seedRandom, set } from "./helpers/dense";

/** 1 + rho sum_j z_j^2 / delta_j and sum_j |rho z_j^2 / delta_j| at the last root, delta_j = (d_j - d_origin) - tau. */
function residual(k: i32, d: usize, z: usize, rho: f64): f64 {
  const dor = get(d, k, 0, rootOrigin);
  let f = 1.0;
  let abs = 1.0;
  for (let j = 0; j < k; j++) {
    const zj = get(z, k, 0, j);
    const term = (rho * zj * zj) / (get(d, k, 0, j) - dor - rootTau);
    f += term;
    abs += Math.abs(term);
  }
  // Relative to the size of what was summed: the backward error of the root, in units of eps.
  return Math.abs(f) / (abs * EPS);
}

/** K ascending poles spaced by at least 0.05 and a unit z with entries of random sign, |z_j| >= 0.05 / sqrt K. */
function randomProblem(k: i32, d: usize, z: usize): void {
  let x = 0.0;
  let norm = 0.0;
  for (let j = 0; j < k; j++) {
    x += 0.05 + Math.abs(random());
    set(d, k, 0, j, x);
    const v = random();
    const zj = (v < 0 ? -1.0 : 1.0) * (0.05 + Math.abs(v));
    set(z, k, 0, j, zj);
    norm += zj * zj;
  }
  for (let j = 0; j < k; j++) set(z, k, 0, j, get(z, k, 0, j) / Math.sqrt(norm));
}

/** The root found last, d[origin] + tau. */
function root(k: i32, d: usize): f64 {
  return get(d, k, 0, rootOrigin) + rootTau;
}

describe("secularRoot", () => {
  beforeEach(() => {
    seedRandom(11);
  });

  it("returns d_0 + rho z_0^2 for a single pole", () => {
    const d = newMatrix(1, 1, 0.5);
    const z = newMatrix(1, 1, 0.75);
    expect(secularRoot(1, d, z, 2.0, 0)).toBe(true);
    expect(rootOrigin).toBe(0);
    expect(rootTau).toBe(2.0 * 0.75 * 0.75);
    release(d);
    release(z);
  });

  it("solves diag(0, 1) + z z^T, z = (0.6, 0.8): eigenvalues 1 -+ 0.8", () => {
    // trace 2, determinant 0.36 * 1.64 - 0.48^2 = 0.36: lambda = 1 -+ sqrt(1 - 0.36).
    const d = newMatrix(1, 2);
    const z = newMatrix(1, 2);
    set(d, 2, 0, 1, 1.0);
    set(z, 2, 0, 0, 0.6);
    set(z, 2, 0, 1, 0.8);
    expect(secularRoot(2, d, z, 1.0, 0)).toBe(true);
    expect(Math.abs(root(2, d) - 0.2)).toBeLessThanOrEqual(4.0 * EPS);
    expect(secularRoot(2, d, z, 1.0, 1)).toBe(true);
    expect(Math.abs(root(2, d) - 1.8)).toBeLessThanOrEqual(4.0 * EPS);
    release(d);
    release(z);
  });

  it("finds interlacing roots with a backward error of a few eps, summing to the trace", () => {
    const sizes: i32[] = [3, 40, 257];
    for (let x = 0; x < sizes.length; x++) {
      const k = sizes[x];
      const d = newMatrix(1, k);
      const z = newMatrix(1, k);
      randomProblem(k, d, z);
      const rho = 1.5;
      let sum = 0.0;
      let trace = rho;
      for (let i = 0; i < k; i++) {
        expect(secularRoot(k, d, z, rho, i)).toBe(true);
        const lambda = root(k, d);
        expect(lambda).toBeGreaterThan(get(d, k, 0, i));
        if (i + 1 < k) expect(lambda).toBeLessThan(get(d, k, 0, i + 1));
        else expect(lambda).toBeLessThanOrEqual(get(d, k, 0, i) + rho);
        // The stopping test allows 8 u (1 + sum |terms|) + u |tau| f'; 2^-53 = EPS / 2: at most ~4 EPS plus the
        // tau term, which the spacing of the poles (>= 0.05) keeps below a few EPS more.
        expect(residual(k, d, z, rho)).toBeLessThanOrEqual(16.0);
        sum += lambda;
        trace += get(d, k, 0, i);
      }
      // trace(D + rho z z^T) = sum d + rho, each root within a few eps of the truth, relative to ~ d_max.
      expect(Math.abs(sum - trace)).toBeLessThanOrEqual(16.0 * <f64>k * EPS * get(d, k, 0, k - 1));
      release(d);
      release(z);
    }
  });

  it("measures a root next to a tiny weight from its pole, to first order rho z_i^2 / f_i", () => {
    // With z_i = 1e-9 the root is d_i + t, t = rho z_i^2 / (1 + rho sum_{j != i} z_j^2 / (d_j - d_i)) + O(z_i^4):
    // relative error ~ 1e-18 / 1, far below the eps-level accuracy asked of tau itself.
    const k = 30;
    const d = newMatrix(1, k);
    const z = newMatrix(1, k);
    randomProblem(k, d, z);
    const i = 13;
    set(z, k, 0, i, 1e-9);
    const rho = 0.75;
    let f = 1.0;
    for (let j = 0; j < k; j++) {
      if (j != i) f += (rho * get(z, k, 0, j) * get(z, k, 0, j)) / (get(d, k, 0, j) - get(d, k, 0, i));
    }
    expect(secularRoot(k, d, z, rho, i)).toBe(true);
    expect(rootOrigin).toBe(i);
    const expected = (rho * 1e-18) / f;
    expect(Math.abs(rootTau - expected)).toBeLessThanOrEqual(8.0 * EPS * expected);
    release(d);
    release(z);
  });

  it("separates poles 1e-13 apart, the root strictly between them with a small backward error", () => {
    const k = 20;
    const d = newMatrix(1, k);
    const z = newMatrix(1, k);
    randomProblem(k, d, z);
    set(d, k, 0, 8, get(d, k, 0, 7) + 1e-13);
    for (let j = 9; j < k; j++) set(d, k, 0, j, get(d, k, 0, j) + 1e-13);
    const rho = 1.0;
    expect(secularRoot(k, d, z, rho, 7)).toBe(true);
    const dor = get(d, k, 0, rootOrigin);
    expect(rootOrigin == 7 ? rootTau > 0 : rootTau < 0).toBe(true);
    expect(dor + rootTau).toBeGreaterThanOrEqual(get(d, k, 0, 7));
    expect(dor + rootTau).toBeLessThanOrEqual(get(d, k, 0, 8));
    // delta to the other pole is (d_8 - d_7) -+ tau, both of one sign: tau lies inside the gap.
    expect(Math.abs(rootTau)).toBeLessThan(get(d, k, 0, 8) - get(d, k, 0, 7));
    expect(residual(k, d, z, rho)).toBeLessThanOrEqual(16.0);
    release(d);
    release(z);
  });
});
