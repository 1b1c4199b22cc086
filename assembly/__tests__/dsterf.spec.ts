import { dsterf } from "../linalg/dsterf";
import { EPS, get, newMatrix, release, set } from "./helpers/dense";

// Tridiagonal families with known eigenvalues; the bound is the backward-stability one of dsterf, a few n eps
// times ||T|| (Gershgorin bounds ||T|| below), and the values must come back ascending.

/** Runs dsterf on (diag, off) of order n, returns d (caller releases it). */
function run(n: i32, diag: (i: i32) => f64, off: (i: i32) => f64): usize {
  const d = newMatrix(1, max(n, 1));
  const e = newMatrix(1, max(n, 1));
  for (let i = 0; i < n; i++) set(d, n, 0, i, diag(i));
  for (let i = 0; i + 1 < n; i++) set(e, n, 0, i, off(i));
  expect(dsterf(n, d, e)).toBe(0);
  release(e);
  return d;
}

/** The scale of the last test's family (AssemblyScript has no closures). */
let scale: f64 = 1.0;

function expectAscending(d: usize, n: i32): void {
  for (let i = 1; i < n; i++) expect(get(d, n, 0, i)).toBeGreaterThanOrEqual(get(d, n, 0, i - 1));
}

describe("dsterf", () => {
  it("leaves n = 0 and n = 1 as they are", () => {
    const d = run(1, (i: i32): f64 => 3.5, (i: i32): f64 => 0.0);
    expect(get(d, 1, 0, 0)).toBe(3.5);
    release(d);
    const e = newMatrix(1, 1);
    expect(dsterf(0, e, e)).toBe(0);
    release(e);
  });

  it("solves 2 x 2 and 3 x 3 blocks: [[2, 1], [1, 2]] has 1, 3; tridiag(1, 0, 1) of order 3 has -sqrt 2, 0, sqrt 2", () => {
    const d2 = run(2, (i: i32): f64 => 2.0, (i: i32): f64 => 1.0);
    expect(Math.abs(get(d2, 2, 0, 0) - 1.0)).toBeLessThanOrEqual(4.0 * EPS);
    expect(Math.abs(get(d2, 2, 0, 1) - 3.0)).toBeLessThanOrEqual(4.0 * EPS);
    release(d2);
    const d3 = run(3, (i: i32): f64 => 0.0, (i: i32): f64 => 1.0);
    expect(Math.abs(get(d3, 3, 0, 0) + Math.SQRT2)).toBeLessThanOrEqual(8.0 * EPS);
    expect(Math.abs(get(d3, 3, 0, 1))).toBeLessThanOrEqual(8.0 * EPS);
    expect(Math.abs(get(d3, 3, 0, 2) - Math.SQRT2)).toBeLessThanOrEqual(8.0 * EPS);
    release(d3);
  });

  it("gives tridiag(-1, 2, -1) its eigenvalues 2 - 2 cos(k pi / (n + 1)), n = 7 and 201", () => {
    const sizes: i32[] = [7, 201];
    for (let s = 0; s < sizes.length; s++) {
      const n = sizes[s];
      const d = run(n, (i: i32): f64 => 2.0, (i: i32): f64 => -1.0);
      expectAscending(d, n);
      // ||T|| <= 4
      for (let k = 0; k < n; k++) {
        const exact = 2.0 - 2.0 * Math.cos((<f64>(k + 1) * Math.PI) / <f64>(n + 1));
        expect(Math.abs(get(d, n, 0, k) - exact)).toBeLessThanOrEqual(10.0 * <f64>n * EPS * 4.0);
      }
      release(d);
    }
  });

  it("splits at zero off-diagonals: diag(5, 1, 3) with e = 0 sorts to 1, 3, 5 exactly", () => {
    const d = run(3, (i: i32): f64 => (i == 0 ? 5.0 : i == 1 ? 1.0 : 3.0), (i: i32): f64 => 0.0);
    expect(get(d, 3, 0, 0)).toBe(1.0);
    expect(get(d, 3, 0, 1)).toBe(3.0);
    expect(get(d, 3, 0, 2)).toBe(5.0);
    release(d);
  });

  it("gets Wilkinson's W21+ (nearly equal pairs) to n eps: its trace and the largest pair 10.7461941829033", () => {
    const n = 21;
    const d = run(n, (i: i32): f64 => Math.abs(<f64>(10 - i)), (i: i32): f64 => 1.0);
    expectAscending(d, n);
    let trace = 0.0;
    for (let i = 0; i < n; i++) trace += get(d, n, 0, i);
    // trace = sum |10 - i| = 110; ||W21+|| <= 12.
    expect(Math.abs(trace - 110.0)).toBeLessThanOrEqual(10.0 * <f64>n * EPS * 12.0);
    expect(Math.abs(get(d, n, 0, n - 1) - 10.7461941829033)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(get(d, n, 0, n - 2) - 10.7461941829033)).toBeLessThanOrEqual(1e-12);
    release(d);
  });

  it("scales blocks near the ends of the f64 range: tridiag(-1, 2, -1) times 1e150 and 1e-150", () => {
    const scales: f64[] = [1e150, 1e-150];
    const n = 31;
    for (let s = 0; s < scales.length; s++) {
      scale = scales[s];
      const c = scale;
      const d = run(n, (i: i32): f64 => 2.0 * scale, (i: i32): f64 => -scale);
      for (let k = 0; k < n; k++) {
        const exact = (2.0 - 2.0 * Math.cos((<f64>(k + 1) * Math.PI) / <f64>(n + 1))) * c;
        expect(Math.abs(get(d, n, 0, k) - exact)).toBeLessThanOrEqual(10.0 * <f64>n * EPS * 4.0 * c);
      }
      release(d);
    }
  });
});
