import { dsteqr } from "../linalg/dsteqr";
import { EPS, get, newMatrix, random, release, seedRandom, set } from "./helpers/dense";

// dsyev runs QL only up to n = 64 and on divide-and-conquer leaves of at most 25 rows, whose rotations fit
// in the log of tridiagRotate; this drives dsteqr directly at n = 200, where about 1.05 n^2 = 42000
// rotations overflow the log (32768 - 8 n = 31168 slots) and it flushes mid-sweep.
describe("dsteqr", () => {
  it("diagonalizes a random 200 x 200 tridiagonal from the identity: rows of Z are orthonormal eigenvectors", () => {
    seedRandom(5);
    const n = 200;
    const d = newMatrix(1, n);
    const e = newMatrix(1, n);
    const d0 = newMatrix(1, n);
    const e0 = newMatrix(1, n);
    for (let i = 0; i < n; i++) {
      set(d0, n, 0, i, random());
      set(e0, n, 0, i, i > 0 ? random() : 0.0);
      set(d, n, 0, i, get(d0, n, 0, i));
      set(e, n, 0, i, get(e0, n, 0, i));
    }
    const z = newMatrix(n, n);
    for (let i = 0; i < n; i++) set(z, n, i, i, 1.0);
    expect(dsteqr(n, d, e, z, n)).toBe(0);
    // ||T z_j - d_j z_j||_2 and |z_i . z_j - delta_ij| for every pair; ||T||_2 <= 3 (Gershgorin).
    let residual = 0.0;
    let orthogonality = 0.0;
    for (let j = 0; j < n; j++) {
      let r2 = 0.0;
      for (let i = 0; i < n; i++) {
        let t = get(d0, n, 0, i) * get(z, n, j, i);
        if (i > 0) t += get(e0, n, 0, i) * get(z, n, j, i - 1);
        if (i + 1 < n) t += get(e0, n, 0, i + 1) * get(z, n, j, i + 1);
        const r = t - get(d, n, 0, j) * get(z, n, j, i);
        r2 += r * r;
      }
      residual = Math.max(residual, Math.sqrt(r2));
      for (let k = 0; k <= j; k++) {
        let dot = 0.0;
        for (let i = 0; i < n; i++) dot += get(z, n, j, i) * get(z, n, k, i);
        orthogonality = Math.max(orthogonality, Math.abs(dot - (j == k ? 1.0 : 0.0)));
      }
    }
    // Backward stable: both O(n eps) (the dsyev bound, 10 n eps, per vector here).
    expect(residual).toBeLessThanOrEqual(10.0 * <f64>n * EPS * 3.0);
    expect(orthogonality).toBeLessThanOrEqual(10.0 * <f64>n * EPS);
    release(d);
    release(e);
    release(d0);
    release(e0);
    release(z);
  });
});
