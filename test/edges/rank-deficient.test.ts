/**
 * Rank-deficient features X = [X1 X1] (every column repeated), for which exact answers are known:
 *   min-norm   [X1 X1]^+ Y = [B1; B1] / 2, B1 = X1^+ Y
 *   ridge      [C; C] with (2 X1^T X1 + n lambda I) C = X1^T Y   (by symmetry of the two halves)
 *   given X    with Sx = I: bias_X = ||(I - P) B*||_F^2 = ||b1 - b2||_F^2 / 2 (P = [[I, I], [I, I]] / 2),
 *              var_X = tr(Se) tr((X^T X)^+) = tr(Se) tr((X1^T X1)^{-1}) / 2.
 */
import { describe, expect, it } from "vitest";
import { validateSettings, type ExperimentSettings } from "../../src/experiment/settings.js";
import { fitMinNorm } from "../../src/head/minnorm.js";
import { fitRidge } from "../../src/head/ridge.js";
import { identity, matrix, type Matrix } from "../../src/linalg/matrix.js";
import { refCholesky } from "../../src/ref/cholesky.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refTriangularSolve } from "../../src/ref/triangular.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS, frobenius } from "../helpers/matrices.js";
import { thrown } from "./support.js";

/** [X1 X1]. */
function repeated(X1: Matrix): Matrix {
  const { rows: n, cols: q } = X1;
  const X = matrix(n, 2 * q);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < q; j++) {
      X.data[i * 2 * q + j] = X1.data[i * q + j]!;
      X.data[i * 2 * q + q + j] = X1.data[i * q + j]!;
    }
  }
  return X;
}

/** [C; C] scaled by s. */
function stacked(C: Matrix, s: number): Matrix {
  const out = matrix(2 * C.rows, C.cols);
  for (let i = 0; i < C.data.length; i++) {
    out.data[i] = s * C.data[i]!;
    out.data[C.data.length + i] = s * C.data[i]!;
  }
  return out;
}

/** S^{-1} R for a symmetric positive definite S, by the reference Cholesky, and cond(S). */
function refSpdSolve(S: Matrix, R: Matrix): { X: Matrix; cond: number } {
  const chol = refCholesky(S);
  if (!("L" in chol)) throw new Error("not positive definite");
  const X = refTriangularSolve(chol.L, refTriangularSolve(chol.L, R), { transpose: true });
  const { values } = refSymmetricEigen(S);
  return { X, cond: values[values.length - 1]! / values[0]! };
}

function relativeError(got: Matrix, want: Matrix): number {
  return frobenius({ ...want, data: want.data.map((v, i) => v - got.data[i]!) }) / frobenius(want);
}

function draw(n: number, q: number, k: number, seed: number): { X1: Matrix; Y: Matrix } {
  const s = new RandomStream(seed, n, q);
  return { X1: s.normalMatrix(n, q), Y: s.normalMatrix(n, k) };
}

describe("ridge on repeated columns", () => {
  it.each([
    [30, 6, 0.1, "primal-cholesky"],
    [10, 8, 0.1, "dual-cholesky"],
    [30, 6, 1e-6, "primal-cholesky"],
  ] as const)("n = %i, q = %i, lambda = %f: B = [C; C] with (2 X1^T X1 + n lambda I) C = X1^T Y (path %s)", (n, q, lambda, path) => {
    const { X1, Y } = draw(n, q, 2, 1);
    const fit = fitRidge(repeated(X1), Y, lambda);
    expect(fit.path).toBe(path);
    const S = refMatmul(X1, X1, { transA: true, alpha: 2 });
    for (let i = 0; i < q; i++) S.data[i * q + i]! += n * lambda;
    const { X: C, cond } = refSpdSolve(S, refMatmul(X1, Y, { transA: true }));
    // The fitted system [X1 X1]^T [X1 X1] + n lambda I has condition (2 l_max + n lambda) / (n lambda) on the
    // null directions of X: both sides solve at most that condition, error <= c cond' m eps, c = 10.
    const { values } = refSymmetricEigen(S);
    const condFit = Math.max(cond, (values[q - 1]! + n * lambda) / (n * lambda));
    expect(relativeError(fit.B, stacked(C, 1))).toBeLessThanOrEqual(10 * condFit * 2 * q * EPS);
  });

  it.each([1e-14, 1e-16, 1e-300])("lambda = %f, lost in rounding: the eigen fallback gives the min-norm answer [B1; B1] / 2", (lambda) => {
    // n lambda is far below max(n, p) eps ||X^T X||: the Cholesky of X^T X + n lambda I either fails or
    // inverts rounding noise on the null directions (e_j - e_{j+q}); the fallback drops them as the pinv does.
    const n = 30;
    const q = 10;
    const { X1, Y } = draw(n, q, 2, 3);
    const fit = fitRidge(repeated(X1), Y, lambda);
    expect(fit.path).toBe("eigen");
    const { X: B1, cond } = refSpdSolve(refMatmul(X1, X1, { transA: true }), refMatmul(X1, Y, { transA: true }));
    // Ridge differs from min-norm by n lambda / l_min(X1^T X1) <= 1e-12 relative here; rounding: c cond m eps.
    expect(relativeError(fit.B, stacked(B1, 0.5))).toBeLessThanOrEqual(100 * cond * 2 * q * EPS + 1e-12);
    // The two halves agree to rounding: nothing of the null directions is left.
    for (let i = 0; i < q * 2; i++) expect(Math.abs(fit.B.data[i]! - fit.B.data[q * 2 + i]!)).toBeLessThanOrEqual(100 * q * EPS);
  });

  it("agrees with min-norm as lambda -> 0 on a rank-deficient X, also on the dual side", () => {
    const { X1, Y } = draw(8, 6, 3, 4);
    const X = repeated(X1);
    const ridge = fitRidge(X, Y, 1e-300);
    const minNorm = fitMinNorm(X, Y);
    expect([ridge.path, minNorm.path]).toEqual(["eigen", "eigen"]);
    expect(relativeError(ridge.B, minNorm.B)).toBeLessThanOrEqual(1e-12);
  });

  it("rejects lambda = 0 with a pointer to the min-norm head, in fitRidge and in the settings", () => {
    const { X1, Y } = draw(6, 2, 1, 5);
    const err = thrown(() => fitRidge(X1, Y, 0));
    expect(err.code).toBe("E_ARGUMENT");
    expect(err.message).toBe('lambda must be > 0 (lambda = 0 is the min-norm head: use fitMinNorm, or the head {"kind": "minnorm"}). Value: 0.');
    const settings: ExperimentSettings = {
      scaling: "width", d: 4, T: 2, rho: 0.5, sEps: 1, sU: 1, sY: 0, aKind: "orthogonal", n: 5, nTest: 0,
      sampler: "sequential", seed: 1, fixedModel: true, heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0 }],
    };
    expect(thrown(() => validateSettings(settings)).message).toMatch(/^settings: field "heads\[1\]\.lambda" must be a number > 0 \(lambda = 0 is the min-norm head.*Value: 0\.$/);
    expect(thrown(() => fitRidge(X1, Y, -2)).message).toBe("lambda must be > 0. Value: -2.");
    expect(thrown(() => fitRidge(X1, Y, 1e308)).message).toMatch(/^lambda is too large: n lambda = 6 \* 1e\+308 overflows f64/);
  });
});

describe("min-norm and its conditional risk on repeated columns", () => {
  it.each([
    [40, 5],
    [6, 5],
  ])("n = %i, q = %i: B = [B1; B1] / 2 by the eigen path, bias_X and var_X in closed form (Sx = I)", (n, q) => {
    const { X1, Y } = draw(n, q, 2, 6);
    const X = repeated(X1);
    const fit = fitMinNorm(X, Y);
    expect(fit.path).toBe("eigen");
    const p = 2 * q;
    const Bstar = new RandomStream(7).normalMatrix(p, 2);
    const noise = 1.5;
    const { biasX, varX } = conditionalBiasVariance({ Lx: identity(p), Bstar, noise }, X);
    let bias = 0;
    for (let i = 0; i < q * 2; i++) bias += (Bstar.data[i]! - Bstar.data[q * 2 + i]!) ** 2 / 2;
    // tr((X1^T X1)^{-1}) when n >= q; the dual side (n < 2q) has the same answer with X1 of full column rank.
    const { X: inv, cond } = refSpdSolve(refMatmul(X1, X1, { transA: true }), identity(q));
    let trace = 0;
    for (let i = 0; i < q; i++) trace += inv.data[i * q + i]!;
    // Eigen path on a Gram of condition cond (on its range): relative error <= c cond m eps, c = 100.
    const tol = 100 * cond * p * EPS;
    expect(Math.abs(biasX - bias) / bias).toBeLessThanOrEqual(tol);
    expect(Math.abs(varX - (noise * trace) / 2) / ((noise * trace) / 2)).toBeLessThanOrEqual(tol);
  });
});
