/**
 * Very large and very small scales. The risks do not depend on the scale of x and scale with the square of
 * y's, and scaling by a power of two commutes with every rounding: so x scaled by 2^±332 (about 1e±100) or
 * 2^498 (about 1e150) must give bit-identical risks, and y scaled by b exactly b^2 times them. Where f64
 * cannot hold a quantity (an overflow, or variances in the subnormal range) the error is typed and names
 * the quantity and what to change; nothing returns Infinity or NaN silently.
 */
import { describe, expect, it } from "vitest";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { type ExperimentSettings } from "../../src/experiment/settings.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { fitMinNorm } from "../../src/head/minnorm.js";
import { fitRidge } from "../../src/head/ridge.js";
import { drawModel, type Model } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { sampleSequential } from "../../src/hmm/sample.js";
import { identity } from "../../src/linalg/matrix.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { excessRisk, oracleRisk } from "../../src/risk/oracle.js";
import { testRisk } from "../../src/risk/test-risk.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS, scaled } from "../helpers/matrices.js";
import { thrown } from "./support.js";

/** A features-scaling model (d = 6, p = 10, k = 2) with V given, optionally rescaled: W, sU by a; V, sY by b. */
function model(a: number, b: number, sU = 0.7): Model {
  const base = drawModel(
    { d: 6, p: 10, k: 2, T: 4, rho: 0.8, sEps: 0.5, sU, sY: 0.3, aKind: "gaussian", V: new RandomStream(4).normalMatrix(6, 2) },
    new RandomStream(4, 10, 0),
  );
  return { ...base, W: scaled(base.W, a), sU: sU * a, V: scaled(base.V, b), sY: 0.3 * b };
}

/** Every risk of one replicate (n training samples, 50 test samples, min-norm), with B* and the fitted B. */
function replicate(m: Model, n: number) {
  const pop = population(m);
  const stream = new RandomStream(4, m.p, 1);
  const train = sampleSequential(m, n, stream);
  const test = sampleSequential(m, 50, stream);
  const { B } = fitMinNorm(train.X, train.Y);
  const { biasX, varX } = conditionalBiasVariance(pop, train.X);
  const theory = populationTheory(pop, n);
  return {
    risks: [pop.noise, excessRisk(pop, B), testRisk(test.X, test.Y, B), biasX, varX],
    theory: [theory.bias, theory.variance],
    Bstar: pop.Bstar,
    B,
  };
}

/** max_i |a_i - b_i| / |b_i| (0 where they are equal, 0 included). */
function maxRelativeDiff(a: number[], b: number[]): number {
  return Math.max(...a.map((v, i) => (v === b[i] ? 0 : Math.abs(v - b[i]!) / Math.abs(b[i]!))));
}

describe("scale covariance, exact in f64 (powers of two)", () => {
  it.each([
    [2 ** 332, 8],
    [2 ** -332, 8],
    [2 ** 498, 200],
  ])("x scaled by a = %f (n = %i): identical risks; B* and B scaled by 1 / a", (a, n) => {
    const plain = replicate(model(1, 1), n);
    const big = replicate(model(a, 1), n);
    expect(big.risks).toEqual(plain.risks);
    expect(big.risks.every(Number.isFinite)).toBe(true);
    // The eigensolver rescales its input to [2^-484, 2^484] itself, so the theory sees Sx at another power of
    // two and may differ in the last bits: relative 10 p eps.
    expect(maxRelativeDiff(big.theory, plain.theory)).toBeLessThanOrEqual(10 * 10 * EPS);
    expect(scaled(big.Bstar, a).data).toEqual(plain.Bstar.data);
    expect(scaled(big.B, a).data).toEqual(plain.B.data);
  });

  it.each([2 ** 300, 2 ** -300])("y scaled by b = %f: every risk times b^2 exactly", (b) => {
    const plain = replicate(model(1, 1), 8);
    const big = replicate(model(1, b), 8);
    expect(big.risks).toEqual(plain.risks.map((r) => r * b * b));
    expect(big.theory).toEqual(plain.theory.map((r) => r * b * b));
  });

  it("sU = 1e-150 with p = d: the noise is lost in rounding and every result equals sU = 0's, all finite", () => {
    const settings: ExperimentSettings = {
      scaling: "width", d: 20, T: 5, rho: 0.9, sEps: 0.5, sU: 0, sY: 0.1, aKind: "orthogonal",
      n: 30, nTest: 20, sampler: "sequential", seed: 5, fixedModel: true, heads: [{ kind: "minnorm" }],
    };
    const tiny = { ...settings, sU: 1e-150 };
    const [r0] = runReplicate(settings, prepareSize(settings, 12), 0);
    const [r1] = runReplicate(tiny, prepareSize(tiny, 12), 0);
    expect(r1).toEqual(r0);
    expect([r1!.oracleRisk, r1!.testRisk, r1!.varX, r1!.theoryRisk].every(Number.isFinite)).toBe(true);
  });
});

describe("out of the f64 range: a typed error naming the quantity", () => {
  const settings: ExperimentSettings = {
    scaling: "width", d: 20, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal",
    n: 200, nTest: 100, sampler: "sequential", seed: 1, fixedModel: true, heads: [{ kind: "minnorm" }],
  };

  it("sU = 1e160: Sx overflows (was: 'Sx must be finite' from inside the Cholesky)", () => {
    const err = thrown(() => prepareSize({ ...settings, sU: 1e160 }, 20));
    expect(err.code).toBe("E_NON_FINITE");
    expect(err.message).toMatch(/^Sx = W\^T S_T W \+ sU\^2 I overflows f64 \(its magnitude passes 1\.8e308\)\. x = z_T W \+ sU u is too large \(sU = 1e\+160, .*Scale W and sU down: the risks do not depend on the scale of x\.$/);
  });

  it("sU = 1e153 at n = 200: the Gram of a sample would overflow, said before sampling (was: 'Gram must be finite')", () => {
    const err = thrown(() => prepareSize({ ...settings, sU: 1e153 }, 50));
    expect(err.code).toBe("E_NON_FINITE");
    expect(err.message).toMatch(/^x is too large for these sizes: the Gram of a sample \(up to 64 max\(n, nTest, p\) = 12800 times x's largest variance .*\) would overflow f64/);
    expect(() => prepareSize({ ...settings, sU: 1e150 }, 50)).not.toThrow();
  });

  it("sY = 1e153 at n = 200, k = 100: the test risk's sums would overflow (was: an Infinity theory risk, silently)", () => {
    const err = thrown(() => prepareSize({ ...settings, sY: 1e153 }, 100));
    expect(err.code).toBe("E_NON_FINITE");
    expect(err.message).toMatch(/^y is too large for these sizes: .*Scale V and sY down: the risks scale with the square of y's scale\.$/);
  });

  it("x with variances below 2^-970 (W scaled by 2^-498, sU = 0): Sx is too small for f64", () => {
    const err = thrown(() => population(model(2 ** -498, 1, 0)));
    expect(err.code).toBe("E_ARGUMENT");
    expect(err.message).toMatch(/^Sx is too small for f64: its largest variance is .*, below 2\^-970 \(about 1e-292\).*Scale W and sU up/);
  });

  it("y with variances below 2^-970: Sy is too small for f64", () => {
    const err = thrown(() => population(model(1, 2 ** -490)));
    expect(err.code).toBe("E_ARGUMENT");
    expect(err.message).toMatch(/^Sy is too small for f64: .*Scale V and sY up: the risks scale with the square of y's scale\.$/);
  });

  it("heads: X^T X overflows, X too small, B overflows, each named", () => {
    const s = new RandomStream(6, 20, 4);
    const X = s.normalMatrix(20, 4);
    const Y = s.normalMatrix(20, 2);
    const big = thrown(() => fitMinNorm(scaled(X, 1e160), Y));
    expect([big.code, big.message]).toEqual(["E_NON_FINITE", expect.stringMatching(/^X\^T X overflows f64 .*Scale X down \(B scales up by the same factor\)\.$/)]);
    expect(thrown(() => fitRidge(scaled(X, 1e160), Y, 0.1)).message).toMatch(/^X\^T X \+ n lambda I overflows f64/);
    const tiny = thrown(() => fitMinNorm(scaled(X, 2 ** -520), Y));
    expect([tiny.code, tiny.message]).toEqual(["E_ARGUMENT", expect.stringMatching(/^X is too small for f64: .*Scale X up \(B scales down by the same factor\)\.$/)]);
    // B ~ |Y| / |X| = 1e170 / 1e-140: past 1.8e308 (was: returned with Infinity entries).
    const primal = thrown(() => fitMinNorm(scaled(X, 1e-140), scaled(Y, 1e170)));
    expect([primal.code, primal.message]).toEqual(["E_NON_FINITE", expect.stringMatching(/^B overflows f64 .*X is too small relative to Y/)]);
    const wide = s.normalMatrix(3, 8);
    const dual = thrown(() => fitMinNorm(scaled(wide, 1e-140), scaled(s.normalMatrix(3, 1), 1e170)));
    expect(dual.message).toMatch(/^\(X X\^T\)\^\+ Y overflows f64 .*X is too small relative to Y/);
  });

  it("risks: the test risk, the excess risk, the oracle risk and var_X overflow as typed errors (were: Infinity)", () => {
    const pop = population(model(1, 1));
    const s = new RandomStream(7, 10, 2);
    const X = s.normalMatrix(5, 10);
    const B = s.normalMatrix(10, 2);
    expect(thrown(() => testRisk(X, scaled(s.normalMatrix(5, 2), 1e160), B)).message).toMatch(/^the test risk's sum of squares \|\|Y - X B\|\|_F\^2 overflows f64/);
    expect(thrown(() => excessRisk(pop, scaled(B, 1e160))).message).toMatch(/^the excess risk tr\(\(B - B\*\)\^T Sx \(B - B\*\)\) overflows f64/);
    // excess = (2^511)^2 = 4.5e307 is finite; noise + excess = 2.2e308 is not.
    const one = identity(10);
    const B0 = { rows: 10, cols: 2, data: new Float64Array(20) };
    const Bbig = { rows: 10, cols: 2, data: new Float64Array(20) };
    Bbig.data[0] = 2 ** 511;
    expect(excessRisk({ Lx: one, Bstar: B0, noise: 1.7e308 }, Bbig)).toBe(2 ** 1022);
    expect(thrown(() => oracleRisk({ Lx: one, Bstar: B0, noise: 1.7e308 }, Bbig)).message).toMatch(/^the oracle risk overflows f64/);
    const err = thrown(() => conditionalBiasVariance({ Lx: identity(10), Bstar: B, noise: 1e300 }, scaled(X, 1e-5)));
    expect([err.code, err.message]).toEqual(["E_NON_FINITE", expect.stringMatching(/^bias_X and var_X overflows f64/)]);
  });
});
